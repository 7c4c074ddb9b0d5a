"""The files of a run directory agree with each other and with independent
numpy/networkx computations: the last metrics row recomputed from agents.csv,
the exported network read back by networkx."""
import csv
import json

import networkx as nx
import numpy as np
import pytest

SCENARIO = """
[simulation]
model = "deffuant"
steps = 30
seed = 5
stop_when_converged = false

[network]
kind = "erdos_renyi"
n = 400
mean_degree = 6

[model]
epsilon = 0.3

[output]
network_formats = ["edgelist", "graphml"]
"""


def read_csv(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    return rows


def bimodality(x):
    """SAS bimodality coefficient with type-2 skewness and excess kurtosis."""
    n = len(x)
    d = x - x.mean()
    m2, m3, m4 = (d**2).mean(), (d**3).mean(), (d**4).mean()
    g1, g2 = m3 / m2**1.5, m4 / m2**2 - 3
    skew = g1 * np.sqrt(n * (n - 1)) / (n - 2)
    kurt = (n - 1) / ((n - 2) * (n - 3)) * ((n + 1) * g2 + 6)
    return (skew**2 + 1) / (kurt + 3 * (n - 1) ** 2 / ((n - 2) * (n - 3)))


def esteban_ray(x, lo=0.0, hi=1.0, bins=20, alpha=1.6):
    counts, _ = np.histogram(np.clip(x, lo, hi), bins=bins, range=(lo, hi))
    share = counts / len(x)
    centres = np.arange(bins) / (bins - 1)
    dist = np.abs(centres[:, None] - centres[None, :])
    return float((share[:, None] ** (1 + alpha) * share[None, :] * dist).sum() / 0.5 ** (1 + alpha))


@pytest.fixture
def run_dir(tmp_path, run_microcosm):
    scenario = tmp_path / "s.toml"
    scenario.write_text(SCENARIO)
    out = tmp_path / "out"
    run_microcosm("run", scenario, "--out", out, "--quiet")
    return out


def test_last_metrics_row_matches_agents(run_dir):
    metrics = read_csv(run_dir / "metrics.csv")
    agents = read_csv(run_dir / "agents.csv")
    x = np.array([float(a["opinion"]) for a in agents])
    last = metrics[-1]
    assert int(last["step"]) == 30
    assert float(last["mean"]) == pytest.approx(x.mean(), rel=1e-12, abs=1e-12)
    assert float(last["variance"]) == pytest.approx(x.var(), rel=1e-9)
    assert float(last["bimodality"]) == pytest.approx(bimodality(x), rel=1e-9)
    assert float(last["esteban_ray"]) == pytest.approx(esteban_ray(x), rel=1e-9, abs=1e-12)
    xs = np.sort(x)
    clusters = 1 + int((np.diff(xs) > 1e-3).sum())
    assert int(float(last["clusters"])) == clusters


def test_run_json_and_exports_agree(run_dir):
    meta = json.loads((run_dir / "run.json").read_text())
    assert meta["status"] == "complete"
    assert meta["steps_done"] == 30
    g_edges = nx.read_edgelist(run_dir / "network.edges.txt", nodetype=int, comments="#")
    g_xml = nx.read_graphml(run_dir / "network.graphml")
    assert g_xml.number_of_edges() == meta["network"]["edges"] == g_edges.number_of_edges()
    assert g_xml.number_of_nodes() == meta["network"]["nodes"] == 400
    # Mean degree 6 on 400 nodes: 1200 expected edges, sd about 35.
    assert abs(meta["network"]["edges"] - 1200) < 5 * 35


def test_same_seed_same_bytes(tmp_path, run_microcosm):
    scenario = tmp_path / "s.toml"
    scenario.write_text(SCENARIO)
    for name, threads in (("a", 1), ("b", 2)):
        run_microcosm("run", scenario, "--out", tmp_path / name, "--quiet",
                      "--set", f"simulation.threads={threads}")
    for f in ("metrics.csv", "agents.csv"):
        assert (tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes()


MIM_SNAPSHOTS = """
[simulation]
model = "mim"
steps = 120
seed = 3
record_every = 10

[network]
kind = "mean_field"
n = 1

[model]
population = 400

[output]
network_formats = ["edgelist"]
snapshot_steps = [60, 120, 0]
"""


def test_snapshots_match_the_run_and_the_final_state(tmp_path, run_microcosm):
    """Snapshots land in snapshots/step_<t>/; the one at the last step equals
    the final agents.csv, communities.csv and network export, and the follow
    graph keeps every agent's out-degree (rewiring preserves it exactly)."""
    scenario = tmp_path / "m.toml"
    scenario.write_text(MIM_SNAPSHOTS)
    out = tmp_path / "out"
    run_microcosm("run", scenario, "--out", out, "--quiet")
    snaps = sorted(p.name for p in (out / "snapshots").iterdir())
    assert snaps == ["step_0", "step_120", "step_60"]
    last = out / "snapshots" / "step_120"
    for f in ("agents.csv", "communities.csv", "platforms.csv", "network.edges.txt"):
        assert (last / f).read_bytes() == (out / f).read_bytes(), f
    # Founding starts after the 30-day burn-in: none at 0, some by 120 (the
    # first at day 100 at this seed and size).
    assert len(read_csv(out / "snapshots" / "step_0" / "communities.csv")) == 0
    communities = read_csv(out / "communities.csv")
    agents = read_csv(out / "agents.csv")
    assert len(communities) > 0
    alive = {int(c["community"]): int(float(c["members"])) for c in communities if c["alive"] == "1"}
    primaries = [int(float(a["community"])) for a in agents if a["community"] != "-1"]
    assert set(primaries) <= set(alive)
    g0 = nx.read_edgelist(out / "snapshots" / "step_0" / "network.edges.txt", nodetype=int,
                          comments="#", create_using=nx.DiGraph)
    g1 = nx.read_edgelist(out / "network.edges.txt", nodetype=int, comments="#", create_using=nx.DiGraph)
    assert dict(g0.out_degree()) == dict(g1.out_degree())
    assert set(g0.edges()) != set(g1.edges())


def test_bad_snapshot_steps_rejected_before_running(tmp_path, run_microcosm):
    scenario = tmp_path / "m.toml"
    scenario.write_text(MIM_SNAPSHOTS.replace("[60, 120, 0]", "[40, -3]"))
    proc = run_microcosm("validate", scenario, check=False)
    assert proc.returncode != 0
    assert "snapshot_steps" in proc.stderr and "-3" in proc.stderr


MIM_COMMUNITY_SERIES = MIM_SNAPSHOTS.replace("steps = 120", "steps = 300").replace(
    "population = 400", "population = 1000")


def test_community_series_agree_with_communities_csv(tmp_path, run_microcosm):
    """The last metrics row's community columns recompute from the final
    communities.csv: the size-weighted narrative extremity over
    micro-identities (>= 5 members) and the mean lifetime of the dissolved
    communities."""
    assert "steps = 300" in MIM_COMMUNITY_SERIES and "population = 1000" in MIM_COMMUNITY_SERIES
    scenario = tmp_path / "m.toml"
    scenario.write_text(MIM_COMMUNITY_SERIES)
    out = tmp_path / "out"
    run_microcosm("run", scenario, "--out", out, "--quiet")
    last = read_csv(out / "metrics.csv")[-1]
    communities = read_csv(out / "communities.csv")
    dead = [int(c["death"]) - int(c["birth"]) for c in communities if c["alive"] == "0"]
    assert dead, "no community dissolved in 300 days: the lifetime column is untested"
    assert float(last["community_lifetime_mean"]) == pytest.approx(np.mean(dead), rel=1e-12)
    micro = [c for c in communities if c["alive"] == "1" and int(float(c["members"])) >= 5]
    z = np.array([max(abs(float(c[f"z{d}"])) for d in range(3)) for c in micro])
    size = np.array([float(c["members"]) for c in micro])
    assert float(last["narrative_extremity_weighted"]) == pytest.approx((z * size).sum() / size.sum(), rel=1e-9)
    assert float(last["narrative_extremity"]) == pytest.approx(z.mean(), rel=1e-9)
