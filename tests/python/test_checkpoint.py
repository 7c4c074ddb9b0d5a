"""Checkpoints as a user runs them (docs/checkpoints.md): `run --checkpoint-at`
then `resume` gives a run directory identical to the uninterrupted run's;
a branched sweep's unchanged cell equals the unbranched run bit for bit, and
two policies differ only after the branch step."""
import filecmp
import sqlite3

import pytest

SCENARIO = """
[simulation]
model = "mim"
steps = 40
seed = 5
record_every = 3

[network]
kind = "mean_field"
n = 1

[model]
population = 300

[output]
agents = true
network_formats = ["edgelist"]

[[events]]
type = "lockdown"
start = 15
end = 30
"""

PATCH = """
[[interventions]]
type = "need_support"
start = 20
end = 40
target = "at_risk"
budget = 40
"""

SWEEP = """
[sweep]
scenario = "base.toml"
replicates = 2
{branch}

[[axes]]
key = "timeline.patch"
values = ["none", "support.toml"]
"""


def test_resumed_run_directory_equals_uninterrupted(tmp_path, run_microcosm):
    (tmp_path / "s.toml").write_text(SCENARIO)
    full = tmp_path / "full"
    run_microcosm("run", tmp_path / "s.toml", "--out", full, "--checkpoint-at", "17,40", "-q")
    assert (full / "checkpoints" / "step_17.ckpt").exists()
    assert (full / "checkpoints" / "step_40.ckpt").exists()
    resumed = tmp_path / "resumed"
    run_microcosm("resume", full / "checkpoints" / "step_17.ckpt", "--out", resumed, "-q")
    files = ["metrics.csv", "agents.csv", "communities.csv", "scenario.toml", "network.edges.txt"]
    for name in files:
        assert (full / name).exists(), name
        assert filecmp.cmp(full / name, resumed / name, shallow=False), name


def test_resume_with_policy_and_bad_files(tmp_path, run_microcosm):
    (tmp_path / "s.toml").write_text(SCENARIO)
    (tmp_path / "support.toml").write_text(PATCH)
    run_microcosm("run", tmp_path / "s.toml", "--out", tmp_path / "full", "--checkpoint-at", "20",
                  "-q")
    ckpt = tmp_path / "full" / "checkpoints" / "step_20.ckpt"
    run_microcosm("resume", ckpt, "--add-timeline", tmp_path / "support.toml", "--set",
                  "model.feed.k=8", "--out", tmp_path / "policy", "-q")
    base = (tmp_path / "full" / "metrics.csv").read_text().splitlines()
    policy = (tmp_path / "policy" / "metrics.csv").read_text().splitlines()
    steps = [int(line.split(",")[0]) for line in base[1:]]
    assert base[0] == policy[0]
    for step, a, b in zip(steps, base[1:], policy[1:]):
        if step <= 20:
            assert a == b, step
    assert base != policy
    # Errors name the file and what is wrong.
    (tmp_path / "cut.ckpt").write_bytes(ckpt.read_bytes()[:1000])
    proc = run_microcosm("resume", tmp_path / "cut.ckpt", check=False)
    assert proc.returncode == 2 and "cut.ckpt" in proc.stderr and "truncated" in proc.stderr
    proc = run_microcosm("resume", ckpt, "--set", "simulation.seed=9", check=False)
    assert proc.returncode == 2 and "seed" in proc.stderr
    (tmp_path / "bad.toml").write_text("[model]\npopulation = 3\n")
    proc = run_microcosm("resume", ckpt, "--add-timeline", tmp_path / "bad.toml", check=False)
    assert proc.returncode == 2 and "bad.toml" in proc.stderr


def metric_rows(db):
    """{(cell_id, replicate): [(step, metrics...), ...]} plus branch columns."""
    con = sqlite3.connect(db)
    try:
        names = [r[1] for r in con.execute("PRAGMA table_info(metrics)")][2:]
        cols = ", ".join('"' + n + '"' for n in names)
        out = {}
        for cell, rep, run_id in con.execute("SELECT cell_id, replicate, run_id FROM runs"):
            out[(cell, rep)] = con.execute(
                f"SELECT step, {cols} FROM metrics WHERE run_id = ? ORDER BY step",
                (run_id,)).fetchall()
        run_cols = [r[1] for r in con.execute("PRAGMA table_info(runs)")]
        branch = (con.execute("SELECT branch_step, checkpoint FROM runs").fetchall()
                  if "branch_step" in run_cols else None)
        return out, branch
    finally:
        con.close()


def test_branched_sweep(tmp_path, run_microcosm):
    (tmp_path / "base.toml").write_text(SCENARIO)
    (tmp_path / "support.toml").write_text(PATCH)
    (tmp_path / "plain.toml").write_text(SWEEP.format(branch=""))
    (tmp_path / "branched.toml").write_text(SWEEP.format(branch="branch_at = 20"))
    run_microcosm("sweep", tmp_path / "plain.toml", "--db", tmp_path / "plain.sqlite", "-q",
                  "--jobs", "2")
    run_microcosm("sweep", tmp_path / "branched.toml", "--db", tmp_path / "branched.sqlite", "-q",
                  "--jobs", "2")
    plain, no_branch = metric_rows(tmp_path / "plain.sqlite")
    branched, branch = metric_rows(tmp_path / "branched.sqlite")
    assert no_branch is None
    assert len(branched) == 4
    for step, ckpt in branch:
        assert step == 20 and ckpt.endswith(".ckpt")
    assert len({ckpt for _, ckpt in branch}) == 2  # one checkpoint per replicate
    for rep in range(2):
        # The unchanged cell equals the unbranched run bit for bit.
        assert branched[(0, rep)] == plain[(0, rep)]
        # The policy changes nothing up to the branch step, something after.
        none, support = branched[(0, rep)], branched[(1, rep)]
        assert [r for r in none if r[0] <= 20] == [r for r in support if r[0] <= 20]
        assert [r for r in none if r[0] > 20] != [r for r in support if r[0] > 20]


@pytest.mark.parametrize("key", ["network.n"])
def test_branched_sweep_rejects_network_axes(tmp_path, run_microcosm, key):
    (tmp_path / "base.toml").write_text(SCENARIO)
    (tmp_path / "s.toml").write_text(
        f'[sweep]\nscenario = "base.toml"\nbranch_at = 5\n[[axes]]\nkey = "{key}"\n'
        'values = [1, 2]\n')
    proc = run_microcosm("sweep", tmp_path / "s.toml", "--dry-run", check=False)
    assert proc.returncode == 2 and "network cannot vary" in proc.stderr
