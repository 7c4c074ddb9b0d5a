"""`microcosm sweep` as a user runs it: results equal for any --jobs count,
resume after SIGKILL and SIGINT without lost or duplicated runs, failed runs
recorded while the sweep goes on, a changed design refused, shards merged,
summarize and export, and MPI distribution equal to a local sweep."""
import csv
import os
import pathlib
import shutil
import signal
import sqlite3
import subprocess
import time

import pytest

# Each run takes ~0.03-0.05 s (stop_when_converged = false), 30 runs in all, so a
# signal sent after the third finished run lands in the middle of the sweep.
BASE = """
[simulation]
model = "deffuant"
steps = 400
seed = 3
stop_when_converged = false
record_every = 20

[network]
kind = "erdos_renyi"
n = 3000
mean_degree = 8

[model]
epsilon = 0.2
"""

SWEEP = """
[sweep]
scenario = "base.toml"
replicates = 6

[[axes]]
key = "model.epsilon"
values = [0.1, 0.2, 0.3, 0.4, 0.5]
"""

ROWS_PER_RUN = 400 // 20 + 1


@pytest.fixture
def sweep_dir(tmp_path):
    (tmp_path / "base.toml").write_text(BASE)
    (tmp_path / "s.toml").write_text(SWEEP)
    return tmp_path


def metrics_by_run(db):
    """{(seed, epsilon): [(step, all metric values...), ...]} of the done runs."""
    con = sqlite3.connect(db)
    try:
        names = [r[1] for r in con.execute("PRAGMA table_info(metrics)")][2:]
        cols = ", ".join('"' + n + '"' for n in names)
        out = {}
        for run_id, seed, eps in con.execute(
                'SELECT run_id, seed, "model.epsilon" FROM runs WHERE status = \'done\''):
            rows = con.execute(
                f"SELECT step, {cols} FROM metrics WHERE run_id = ? "
                "ORDER BY step", (run_id,)).fetchall()
            out[(seed, eps)] = rows
        return out
    finally:
        con.close()


def statuses(db):
    con = sqlite3.connect(db)
    try:
        return dict(con.execute("SELECT status, count(*) FROM runs GROUP BY status").fetchall())
    finally:
        con.close()


def check_consistent(db):
    """No torn runs: a done run has all its rows, any other run has none."""
    con = sqlite3.connect(db)
    try:
        for run_id, status, n in con.execute(
                "SELECT r.run_id, r.status, count(m.step) FROM runs r "
                "LEFT JOIN metrics m ON m.run_id = r.run_id GROUP BY r.run_id"):
            assert n == (ROWS_PER_RUN if status == "done" else 0), (run_id, status, n)
    finally:
        con.close()


@pytest.fixture(scope="module")
def clean_db(tmp_path_factory, microcosm_bin):
    """The reference: the whole sweep with --jobs 1 (run once per module)."""
    d = tmp_path_factory.mktemp("clean")
    (d / "base.toml").write_text(BASE)
    (d / "s.toml").write_text(SWEEP)
    subprocess.run([str(microcosm_bin), "sweep", str(d / "s.toml"), "--db", str(d / "clean.sqlite"),
                    "--jobs", "1", "--quiet"], check=True)
    return d / "clean.sqlite"


@pytest.fixture
def clean_sweep(clean_db):
    return metrics_by_run(clean_db)


def test_jobs_count_does_not_change_results(sweep_dir, run_microcosm, clean_sweep):
    assert len(clean_sweep) == 30
    assert all(len(rows) == ROWS_PER_RUN for rows in clean_sweep.values())
    run_microcosm("sweep", sweep_dir / "s.toml", "--db", sweep_dir / "j2.sqlite", "--jobs", "2",
                  "--quiet")
    assert metrics_by_run(sweep_dir / "j2.sqlite") == clean_sweep
    # Replicates differ, and the same seeds are used in every cell.
    seeds = {seed for seed, _ in clean_sweep}
    assert len(seeds) == 6


def wait_for_done_runs(db, count, timeout=20.0):
    start = time.time()
    while time.time() - start < timeout:
        try:
            if statuses(db).get("done", 0) >= count:
                return
        except sqlite3.Error:
            pass
        time.sleep(0.02)
    raise AssertionError(f"{db}: fewer than {count} runs done after {timeout} s")


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_killed_sweep_resumes_without_losing_or_duplicating_runs(
        sweep_dir, microcosm_bin, run_microcosm, clean_sweep, sig):
    db = sweep_dir / "k.sqlite"
    proc = subprocess.Popen([str(microcosm_bin), "sweep", str(sweep_dir / "s.toml"), "--db", str(db),
                             "--jobs", "2", "--quiet"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wait_for_done_runs(db, 3)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=20)
    if sig == signal.SIGKILL:
        assert proc.returncode == -signal.SIGKILL
    else:
        assert proc.returncode == 130, err
        assert "rerun the same command" in err.lower()
    st = statuses(db)
    assert 3 <= st.get("done", 0) < 30, st
    if sig == signal.SIGINT:
        assert "running" not in st  # interrupted runs went back to pending
    check_consistent(db)
    done_before = st["done"]

    resumed = run_microcosm("sweep", sweep_dir / "s.toml", "--db", db, "--jobs", "2")
    assert f"{30 - done_before} to run" in resumed.stdout
    check_consistent(db)
    assert statuses(db) == {"done": 30}
    assert metrics_by_run(db) == clean_sweep
    # A third run has nothing left to do.
    again = run_microcosm("sweep", sweep_dir / "s.toml", "--db", db)
    assert "0 to run" in again.stdout


def test_changed_design_is_refused(sweep_dir, run_microcosm):
    db = sweep_dir / "c.sqlite"
    (sweep_dir / "small.toml").write_text(SWEEP.replace("replicates = 6", "replicates = 1")
                                          .replace("0.3, 0.4, 0.5", "0.3"))
    (sweep_dir / "base.toml").write_text(BASE.replace("n = 3000", "n = 200"))
    run_microcosm("sweep", sweep_dir / "small.toml", "--db", db, "--quiet")
    (sweep_dir / "small.toml").write_text(SWEEP.replace("replicates = 6", "replicates = 2")
                                          .replace("0.3, 0.4, 0.5", "0.3"))
    r = run_microcosm("sweep", sweep_dir / "small.toml", "--db", db, check=False)
    assert r.returncode == 2
    assert "expanded design changed" in r.stderr and str(db) in r.stderr, r.stderr


def test_failed_run_is_recorded_and_the_sweep_goes_on(tmp_path, run_microcosm):
    (tmp_path / "net.txt").write_text("".join(f"{i} {(i + 1) % 30}\n" for i in range(30)))
    (tmp_path / "base.toml").write_text("""
[simulation]
model = "deffuant"
steps = 10
[network]
kind = "file"
path = "net.txt"
""")
    (tmp_path / "f.toml").write_text("""
[sweep]
scenario = "base.toml"
replicates = 2
[[axes]]
key = "network.path"
values = ["net.txt", "missing.txt"]
""")
    db = tmp_path / "f.sqlite"
    r = run_microcosm("sweep", tmp_path / "f.toml", "--db", db, check=False)
    assert r.returncode == 1, r.stderr
    assert "2 of 4 runs failed" in r.stderr and "missing.txt" in r.stderr
    con = sqlite3.connect(db)
    rows = con.execute("SELECT status, error FROM runs ORDER BY run_id").fetchall()
    con.close()
    assert [s for s, _ in rows] == ["done", "done", "failed", "failed"]
    assert "missing.txt" in rows[2][1]


def test_shards_merge_summarize_and_export(sweep_dir, run_microcosm, clean_db, clean_sweep):
    shards = []
    for i in range(2):
        db = sweep_dir / f"shard{i}.sqlite"
        run_microcosm("sweep", sweep_dir / "s.toml", "--shard", f"{i}/2", "--db", db, "--quiet")
        assert statuses(db) == {"done": 15}
        shards.append(db)
    merged = sweep_dir / "merged.sqlite"
    r = run_microcosm("merge", merged, *shards)
    assert "30 runs of 30 (30 done" in r.stdout
    assert metrics_by_run(merged) == clean_sweep
    # A shard and the full sweep overlap: the same design, duplicates kept once.
    overlap = run_microcosm("merge", sweep_dir / "x.sqlite", shards[0], clean_db)
    assert "15 runs finished in several inputs, kept once" in overlap.stdout
    assert metrics_by_run(sweep_dir / "x.sqlite") == clean_sweep
    # Another design cannot join.
    (sweep_dir / "o.toml").write_text(SWEEP.replace("replicates = 6", "replicates = 1")
                                      .replace("0.2, 0.3, 0.4, 0.5", "0.2"))
    run_microcosm("sweep", sweep_dir / "o.toml", "--db", sweep_dir / "o.sqlite", "--quiet")
    bad = run_microcosm("merge", sweep_dir / "y.sqlite", shards[0], sweep_dir / "o.sqlite",
                        check=False)
    assert bad.returncode == 2 and "different sweep design" in bad.stderr, bad.stderr

    s = run_microcosm("summarize", merged, "--metric", "major_clusters", "--csv")
    rows = list(csv.DictReader(s.stdout.splitlines()))
    assert len(rows) == 5 and all(row["n"] == "6" for row in rows)
    # Recompute one cell by hand: mean and t(0.975, 5) = 2.570582 interval.
    vals = [rows_[-1][6] for (seed, eps), rows_ in clean_sweep.items() if eps == 0.1]
    mean = sum(vals) / 6
    sd = (sum((v - mean) ** 2 for v in vals) / 5) ** 0.5
    row = next(r for r in rows if float(r["model.epsilon"]) == 0.1)
    assert float(row["mean"]) == pytest.approx(mean)
    assert float(row["ci95_high"]) - mean == pytest.approx(2.570582 * sd / 6 ** 0.5, rel=1e-5)
    table = run_microcosm("summarize", merged, "--metric", "major_clusters").stdout
    assert "model.epsilon" in table and "±95%" in table

    run_microcosm("export", merged, "--csv", sweep_dir / "csv")
    with open(sweep_dir / "csv" / "runs.csv", newline="") as f:
        assert len(list(csv.DictReader(f))) == 30
    with open(sweep_dir / "csv" / "metrics.csv", newline="") as f:
        assert len(list(csv.DictReader(f))) == 30 * ROWS_PER_RUN


def test_mpi_sweep_equals_local(sweep_dir, microcosm_bin, clean_sweep):
    mpirun = shutil.which("mpirun")
    if mpirun is None:
        pytest.skip("mpirun not installed (Debian package openmpi-bin)")
    db = sweep_dir / "mpi.sqlite"
    proc = subprocess.run([mpirun, "--oversubscribe", "--allow-run-as-root", "-n", "3",
                           str(microcosm_bin), "sweep", str(sweep_dir / "s.toml"), "--db", str(db),
                           "--quiet"],
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "OMPI_MCA_btl": "self,tcp",
                               "OMPI_MCA_btl_tcp_if_include": "lo",
                               "OMPI_MCA_oob_tcp_if_include": "lo"})
    if "built without MPI" in proc.stderr:
        pytest.skip("this microcosm was built without MPI")
    assert proc.returncode == 0, proc.stderr
    assert statuses(db) == {"done": 30}
    con = sqlite3.connect(db)
    ranks = {r for (r,) in con.execute("SELECT DISTINCT rank FROM runs")}
    con.close()
    assert ranks <= {1, 2} and ranks  # rank 0 only writes
    assert metrics_by_run(db) == clean_sweep


def test_invalid_sweep_is_rejected_before_anything_runs(sweep_dir, run_microcosm):
    (sweep_dir / "bad.toml").write_text(SWEEP + '\n[[axes]]\nkey = "model.mu"\nvalues = [0.1, 0.9]\n')
    db = sweep_dir / "bad.sqlite"
    r = run_microcosm("sweep", sweep_dir / "bad.toml", "--db", db, check=False)
    assert r.returncode == 2
    assert "bad.toml:11: axis model.mu = 0.9" in r.stderr and "valid range" in r.stderr, r.stderr
    assert not db.exists()


@pytest.mark.parametrize("name", ["deffuant_epsilon", "deffuant_lhs", "mim_feed_policy",
                                  "mim_branch_policies", "mim_group_count"])
def test_shipped_examples_validate(name, run_microcosm):
    repo = pathlib.Path(__file__).resolve().parents[2]
    r = run_microcosm("sweep", repo / "scenarios" / "sweeps" / f"{name}.toml", "--dry-run")
    assert "cell 0:" in r.stdout
