"""scripts/validate_facts.py end to end at a toy size: it must run every
variant, check fact 5 on its own larger baseline runs and fact 8 on the
reduced model, write the report, and
reuse finished runs made by the same command. The numbers at this size mean
nothing; `make validate-facts` is where the facts are judged."""
import json
import pathlib
import re
import subprocess
import sys

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "validate_facts.py"


def validate(microcosm_bin, tmp_path, *extra):
    cmd = [sys.executable, str(SCRIPT), "--binary", str(microcosm_bin), "--population", "200",
           "--steps", "120", "--seeds", "2", "--fact5-population", "400", "--fact5-seeds", "1",
           "--fact8-population", "100",
           "--runs", str(tmp_path / "runs"), "--out", str(tmp_path / "validation.md"), *extra]
    return subprocess.run(cmd, capture_output=True, text=True)


def check_rows(report, fact):
    """The rows of the checks table for one fact: the discussion appended
    below it has tables of its own whose first column may be a number."""
    return [line for line in report.splitlines()
            if line.startswith(f"| {fact} |") and line.rstrip().endswith(("| pass |", "| FAIL |"))]


def test_writes_the_report_with_fact5_on_its_own_runs(microcosm_bin, tmp_path):
    proc = validate(microcosm_bin, tmp_path)
    assert proc.returncode == 0, proc.stderr
    report = (tmp_path / "validation.md").read_text()
    m = re.search(r"\*\*(\d+) of (\d+) checks pass\.\*\*", report)
    assert m and 0 <= int(m.group(1)) <= int(m.group(2)), report[:500]
    assert "--fact5-population 400 --fact5-seeds 1" in report
    fact5 = check_rows(report, 5)
    assert len(fact5) == 4 and all("N = 400, 1 seeds" in line for line in fact5), fact5
    # Fact 8: the rule and the classic comparison at each bound, one cluster
    # at 0.5, two steps up in the bias.
    fact8 = check_rows(report, 8)
    assert len(fact8) == 3 * 2 + 1 + 2, fact8
    assert (tmp_path / "runs" / "fact8_N100" / "classic_0.1_s2" / "metrics.csv").exists()
    # Fact 5 read the large runs; the small ones are per variant and seed.
    assert (tmp_path / "runs" / "N400_T120" / "baseline_s1" / "communities.csv").exists()
    assert (tmp_path / "runs" / "N200_T120" / "engagement_s2" / "metrics.csv").exists()
    assert (tmp_path / "validation_facts.png").stat().st_size > 0
    # The report of the defaults carries the discussion of the failing checks.
    assert "## Why the failing checks fail" in report
    assert not (tmp_path / "validation.md.partial").exists()


def test_reuses_runs_made_by_the_same_command(microcosm_bin, tmp_path):
    assert validate(microcosm_bin, tmp_path).returncode == 0
    run_json = tmp_path / "runs" / "N400_T120" / "baseline_s1" / "run.json"
    first = run_json.stat().st_mtime_ns
    assert validate(microcosm_bin, tmp_path).returncode == 0
    assert run_json.stat().st_mtime_ns == first, "an identical run was made again"
    # A different override is a different command: the run is made again.
    proc = validate(microcosm_bin, tmp_path, "--set", "model.feed.gamma_eng=0.5")
    assert proc.returncode == 0, proc.stderr
    assert run_json.stat().st_mtime_ns != first
    made_by = json.loads((run_json.parent / "validate_command.json").read_text())
    assert "model.feed.gamma_eng=0.5" in made_by
    # A tuning experiment's report names its overrides and does not carry the
    # discussion, which describes the defaults.
    report = (tmp_path / "validation.md").read_text()
    assert "A tuning experiment: --set model.feed.gamma_eng=0.5." in report
    assert "Why the failing checks fail" not in report


def test_fact7_interventions_spend_equal_budgets():
    """Fact 7 compares interventions "at equal budget": the scenarios it runs
    must reach the same number of agents a day over the same window, and say
    it as a share of the population, so the quick mode (N = 2000) reaches
    the same tenth as the protocol (N = 10^4)."""
    import tomllib
    windows = set()
    for name in ("need_support", "inclusive_narrative", "bridging_ties"):
        scenario = tomllib.loads((REPO / "scenarios" / "mim" / f"{name}.toml").read_text())
        (it,) = scenario["interventions"]
        assert "budget" not in it, f"{name}: an absolute budget does not scale with the population"
        windows.add((it["start"], it["end"], it["budget_share"]))
    assert len(windows) == 1, windows


@pytest.mark.parametrize("args, message", [
    (["--seeds", "1"], "--seeds must be at least 2"),
    (["--fact5-seeds", "0"], "--fact5-seeds must be at least 1"),
    (["--fact8-population", "5000"], "--fact8-population must be in [100, 1000]"),
])
def test_rejects_sizes_that_cannot_give_an_answer(microcosm_bin, tmp_path, args, message):
    cmd = [sys.executable, str(SCRIPT), "--binary", str(microcosm_bin), "--runs", str(tmp_path / "runs"),
           "--out", str(tmp_path / "validation.md"), *args]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    assert proc.returncode != 0
    assert message in proc.stderr
    assert not (tmp_path / "validation.md").exists()
