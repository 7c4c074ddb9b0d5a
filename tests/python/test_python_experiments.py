"""Replicates, sweeps, the sweep-database reader and the plot helpers of
the Python API."""
import json
import pathlib
import sqlite3

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

try:
    import microcosm as mc
except ImportError as e:  # pragma: no cover
    pytest.fail(f"cannot import the microcosm Python module ({e}): build it (make build) or set "
                "MICROCOSM_PYTHONPATH", pytrace=False)

ER = {"kind": "erdos_renyi", "n": 300, "mean_degree": 6}


def scenario(**kw):
    return mc.Scenario(model="deffuant", network=ER, steps=20, seed=3,
                       stop_when_converged=False, **kw)


def test_replicates_are_independent_runs_in_any_order():
    s = scenario(epsilon=0.3)
    df = mc.replicates(s, n=3)
    assert list(df.columns[:2]) == ["seed", "step"]
    assert sorted(df["seed"].unique()) == [3, 4, 5]
    one = mc.Simulation(s.replace(seed=4)).run().metrics
    mine = df[df["seed"] == 4].drop(columns="seed").reset_index(drop=True)
    pd.testing.assert_frame_equal(mine, one)
    # Threads do not change results.
    pd.testing.assert_frame_equal(mc.run(s, seeds=[3, 4, 5], workers=3), df)
    metrics, agents = mc.run(s, seeds=[7], agents=True)
    assert len(agents) == 300 and (agents["seed"] == 7).all()
    # same_network: one network (from the scenario's seed) for every seed.
    same = mc.run(s, seeds=[3, 4], same_network=True)
    pd.testing.assert_frame_equal(same[same["seed"] == 3], df[df["seed"] == 3])


def test_sweep_runs_the_grid():
    s = scenario()
    df = mc.sweep(s, {"model.epsilon": [0.1, 0.4], "network.mean_degree": [4, 8]}, seeds=[1, 2],
                  final=True)
    assert list(df.columns[:3]) == ["model.epsilon", "network.mean_degree", "seed"]
    assert len(df) == 8 and (df["step"] == 20).all()
    # A wider confidence bound leaves fewer clusters.
    by_eps = df.groupby("model.epsilon")["clusters"].mean()
    assert by_eps[0.4] < by_eps[0.1]
    with pytest.raises(ValueError, match="epsilon = 3 is outside"):
        mc.sweep(s, {"epsilon": [0.2, 3]})


def make_sweep_db(path):
    """A database with the tables of `microcosm sweep` (src/sweep/results_db.cpp)."""
    con = sqlite3.connect(path)
    con.executescript("""
        CREATE TABLE sweep (id INTEGER PRIMARY KEY, model TEXT, axes TEXT);
        CREATE TABLE runs (run_id INTEGER PRIMARY KEY, cell_id INTEGER, replicate INTEGER,
            seed INTEGER, params TEXT, "model.epsilon" REAL, status TEXT, error TEXT,
            setup_s REAL, run_s REAL, steps_done INTEGER, converged INTEGER);
        CREATE TABLE metrics (run_id INTEGER, step INTEGER, clusters REAL, variance REAL,
            PRIMARY KEY (run_id, step)) WITHOUT ROWID;
    """)
    con.execute("INSERT INTO sweep VALUES (1, 'deffuant', ?)", (json.dumps(["model.epsilon"]),))
    for run, eps in enumerate([0.1, 0.3]):
        con.execute("INSERT INTO runs VALUES (?, ?, 0, ?, ?, ?, 'done', NULL, 0.1, 0.2, 2, 0)",
                    (run, run, 10 + run, json.dumps({"model.epsilon": eps, "model.mu": 0.5}), eps))
        for step in range(3):
            con.execute("INSERT INTO metrics VALUES (?, ?, ?, ?)", (run, step, 5 - step, 0.1))
    con.commit()
    con.close()


def test_read_sweep(tmp_path):
    db = tmp_path / "sweep.db"
    make_sweep_db(db)
    runs, metrics = mc.read_sweep(db)
    assert len(runs) == 2 and len(metrics) == 6
    assert runs["model.epsilon"].tolist() == [0.1, 0.3]
    assert runs["model.mu"].tolist() == [0.5, 0.5]  # expanded from params
    merged = mc.read_sweep(db, merge=True)
    assert len(merged) == 6 and {"seed", "model.epsilon", "clusters"} <= set(merged.columns)
    bad = tmp_path / "other.db"
    sqlite3.connect(bad).execute("CREATE TABLE x (a)").connection.close()
    with pytest.raises(ValueError, match="no table 'runs'"):
        mc.read_sweep(bad)


def test_read_sweep_of_the_cli_matches_python_runs(tmp_path, run_microcosm):
    """A real `microcosm sweep` database, read back; each run's metrics equal
    a Python run of the same cell and seed exactly."""
    if run_microcosm("sweep", "--help", check=False).returncode != 0:
        pytest.skip("this microcosm binary has no sweep command")
    base = pathlib.Path(__file__).resolve().parents[2] / "scenarios" / "deffuant.toml"
    sweep_file = tmp_path / "s.toml"
    sweep_file.write_text(f"""
[sweep]
scenario = {json.dumps(str(base))}
replicates = 2

[set]
network.n = 200
simulation.steps = 15
simulation.stop_when_converged = false

[[axes]]
key = "model.epsilon"
values = [0.2, 0.4]
""")
    db = tmp_path / "s.sqlite"
    run_microcosm("sweep", sweep_file, "--db", db, "--quiet", "--jobs", "2")
    runs, metrics = mc.read_sweep(db)
    assert len(runs) == 4 and (runs["status"] == "done").all()
    assert sorted(runs["model.epsilon"].unique()) == [0.2, 0.4]
    merged = mc.read_sweep(db, merge=True)
    for _, run in runs.iterrows():
        s = mc.Scenario.from_toml(base, {"network.n": 200, "simulation.steps": 15,
                                         "simulation.stop_when_converged": False,
                                         "model.epsilon": run["model.epsilon"]},
                                  seed=int(run["seed"]))
        mine = mc.Simulation(s).run().metrics
        theirs = metrics[metrics["run_id"] == run["run_id"]].drop(columns="run_id")
        assert list(theirs.columns) == list(mine.columns)
        assert np.array_equal(theirs.to_numpy(dtype=float), mine.to_numpy(dtype=float),
                              equal_nan=True)
        rows = merged[merged["run_id"] == run["run_id"]]
        assert (rows["seed"] == run["seed"]).all() and len(rows) == 16


def test_plots(tmp_path):
    from microcosm import plotting

    df = mc.replicates(scenario(epsilon=0.25), n=4)
    ax = plotting.metric(df, "variance")
    band = plotting.confidence_band(df, "variance")
    assert (band["lower"] <= band["mean"]).all() and (band["mean"] <= band["upper"]).all()
    # t quantile for 3 degrees of freedom (two-sided 95%): 3.182.
    assert plotting.t_quantile(0.975, 3) == pytest.approx(3.182, abs=2e-3)
    ax.figure.savefig(tmp_path / "metric.png")

    sim = mc.Simulation(scenario(epsilon=0.25)).run(snapshot_every=5)
    assert sorted(sim.snapshots) == [0, 5, 10, 15, 20]
    assert not np.array_equal(sim.snapshots[0], sim.snapshots[20])
    ax = plotting.opinion_histograms(sim, bins=20, range=(0, 1))
    ax.figure.savefig(tmp_path / "hist.png")
    plotting.opinion_histograms(sim.snapshots, kind="lines").figure.savefig(tmp_path / "lines.png")

    agents = pd.DataFrame({"community": [0] * 50 + [1] * 5 + [2] * 5 + [3] + [-1] * 10})
    x, p = plotting.community_size_distribution(agents)
    # Sizes 50, 5, 5, 1; 5 bins per decade: size 1 alone in [1, 10^0.2), so
    # P = 1 community / (bin width x 4 communities).
    assert x[0] == pytest.approx(10**0.1)
    assert p[0] == pytest.approx(1 / ((10**0.2 - 1) * 4))
    assert len(x) == 2 + 1  # bins of 1, 5 and 50
    ax = plotting.community_sizes([agents, agents.assign(seed=1)])
    ax.figure.savefig(tmp_path / "communities.png")
    for name in ("metric", "hist", "lines", "communities"):
        assert (tmp_path / f"{name}.png").stat().st_size > 1000
