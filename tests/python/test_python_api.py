"""The Python API (python/microcosm, docs/python.md): registry, scenarios
and their errors, simulations against the CLI, zero-copy state, networks.

Run with:  /usr/bin/python3 -m pytest tests/python/test_python_api.py
Environment: MICROCOSM_PYTHONPATH (the directory holding the built package,
default <repo>/build/release/python), MICROCOSM_BIN (the CLI).
"""
import gc
import pathlib

import networkx as nx
import numpy as np
import pandas as pd
import pytest

try:
    import microcosm as mc
except ImportError as e:  # pragma: no cover
    pytest.fail(f"cannot import the microcosm Python module ({e}): build it (make build) or set "
                "MICROCOSM_PYTHONPATH", pytrace=False)

REPO = pathlib.Path(__file__).resolve().parents[2]
ER = {"kind": "erdos_renyi", "n": 400, "mean_degree": 6}


def deffuant(**kw):
    args = dict(model="deffuant", network=ER, steps=30, seed=5)
    args.update(kw)
    return mc.Scenario(**args)


def read_metrics_csv(path):
    # round_trip: pandas' default float parser is not exact; the CLI writes
    # %.17g, which round-trips.
    return pd.read_csv(path, float_precision="round_trip")


# -- registry -------------------------------------------------------------------

def test_models_and_schema():
    names = mc.models()
    assert "deffuant" in names and "mim" in names
    df = mc.schema("deffuant")
    assert list(df.columns) == ["parameter", "type", "default", "range", "unit", "description",
                                "source"]
    eps = df.set_index("parameter").loc["epsilon"]
    assert eps["type"] == "real" and eps["range"] == "(0, 1.8]" and eps["default"] == 0.2
    rows = mc.schema("deffuant", as_frame=False)
    assert rows[0]["parameter"] == "epsilon" and rows[0]["max"] == 1.8
    assert "steps" in set(mc.schema("simulation")["parameter"])
    assert "mean_degree" in set(mc.schema("network.erdos_renyi")["parameter"])
    assert "erdos_renyi" in mc.network_kinds()
    assert mc.model_info("mim")["timeline"], "mim lists its events and interventions"


def test_metric_info_describes_every_recorded_column():
    info = mc.metric_info("deffuant")
    assert list(info.columns) == ["column", "description", "always"]
    recorded = mc.Simulation(deffuant(epsilon=0.3)).run().metrics
    assert list(info["column"]) == [c for c in recorded.columns if c != "step"]
    assert info["description"].str.len().min() > 10
    rows = mc.metric_info("mim", as_frame=False)
    assert {"closed_echo_share", "belonging_from_communities"} <= {r["column"] for r in rows}
    baumann = mc.metric_info("baumann").set_index("column")
    assert not baumann.loc["topic_correlation", "always"] and baumann.loc["mean", "always"]
    with pytest.raises(ValueError, match="unknown model 'nope'"):
        mc.metric_info("nope")


def test_unknown_model_lists_valid_names():
    for call in (lambda: mc.schema("nope"), lambda: mc.Scenario(model="nope"),
                 lambda: mc.model_info("nope")):
        with pytest.raises(ValueError, match=r"unknown model 'nope'; valid models: deffuant, .*mim"):
            call()


# -- scenarios and their errors ----------------------------------------------------

@pytest.mark.parametrize("kwargs,pattern", [
    ({"epsilon": 2.0}, r"\[model\]: epsilon = 2 is outside its valid range \(0, 1\.8\]"),
    ({"mu": 0.0}, r"mu = 0 is outside its valid range \(0, 0\.5\]"),
    ({"epsilon": "high"}, r"epsilon"),
    ({"steps": -1}, r"steps = -1 is outside its valid range \[0, 1000000000\]"),
    ({"bogus": 1}, r"unknown key 'bogus' for deffuant; valid keys: epsilon, mu"),
    ({"network": {"kind": "erdos_renyi", "n": 0}}, r"\[network\]: n = 0 is outside its valid range"),
    ({"network": {"kind": "lattice3d"}}, r"unknown network kind 'lattice3d'"),
])
def test_bad_arguments_raise_value_error(kwargs, pattern):
    with pytest.raises(ValueError, match=pattern) as info:
        deffuant(**kwargs)
    assert isinstance(info.value, mc.ParameterError)


def test_file_overrides_report_like_the_cli(tmp_path, run_microcosm):
    path = "scenarios/deffuant.toml"
    with pytest.raises(ValueError) as info:
        mc.Scenario.from_toml(REPO / path, {"model.epsilon": 2.5})
    proc = run_microcosm("run", REPO / path, "--set", "model.epsilon=2.5", "--out",
                         tmp_path / "x", check=False)
    assert proc.returncode != 0
    assert str(info.value) in proc.stderr  # the very same message
    assert "(0, 1.8]" in str(info.value)


def test_scenario_forms_round_trip(tmp_path):
    s = deffuant(epsilon=0.3, record_every=2, threads=1)
    assert s.params["epsilon"] == 0.3
    assert s.to_dict()["simulation"]["record_every"] == 2
    assert mc.Scenario.from_dict(s.to_dict()) == s
    s.write(tmp_path / "s.toml")
    again = mc.Scenario.from_toml(tmp_path / "s.toml")
    assert again.to_toml() == s.to_toml()
    # Overrides: dotted names, bare simulation keys, bare model parameters.
    r = mc.Scenario.from_toml(tmp_path / "s.toml", {"model.epsilon": 0.2}, seed=9, mu=0.25)
    assert (r.params["epsilon"], r.params["mu"], r.seed) == (0.2, 0.25, 9)
    # The network follows the seed unless network_seed is given, as with --seed.
    k = deffuant()
    assert k.replace(seed=11).to_dict()["simulation"]["network_seed"] == 11
    assert deffuant(network_seed=3).replace(seed=11).to_dict()["simulation"]["network_seed"] == 3


# -- simulations against the CLI ---------------------------------------------------

CLI_CASES = {
    # record_every = 7 over 30 steps: the last row is off the schedule.
    "deffuant_schedule": lambda: deffuant(epsilon=0.3, record_every=7, stop_when_converged=False),
    # converges (and stops) well before 2000 steps.
    "deffuant_converging": lambda: deffuant(epsilon=0.5, steps=2000, seed=2),
    "mim": lambda: mc.Scenario.from_toml(
        REPO / "scenarios" / "mim" / "baseline.toml",
        population=300, steps=20),
}


@pytest.mark.parametrize("case", sorted(CLI_CASES))
def test_same_seed_same_metrics_as_cli(case, tmp_path, run_microcosm):
    s = CLI_CASES[case]()
    path = s.write(tmp_path / "s.toml")
    run_microcosm("run", path, "--out", tmp_path / "out", "--quiet")
    cli = read_metrics_csv(tmp_path / "out" / "metrics.csv")
    sim = mc.Simulation(s).run()
    py = sim.metrics
    assert list(py.columns) == list(cli.columns)
    assert py["step"].tolist() == cli["step"].tolist()
    assert np.array_equal(py.to_numpy(dtype=float), cli.to_numpy(dtype=float), equal_nan=True)
    if case == "deffuant_converging":
        assert sim.time < 2000 and sim.converged
    agents = pd.read_csv(tmp_path / "out" / "agents.csv", float_precision="round_trip")
    mine = sim.agents().reset_index()
    for col in agents.columns:
        assert np.array_equal(agents[col].to_numpy(), mine[col].to_numpy(), equal_nan=True), col


def test_stepping_in_chunks_records_the_same_rows():
    s = deffuant(epsilon=0.3, record_every=4, stop_when_converged=False)
    whole = mc.Simulation(s).run().metrics
    sim = mc.Simulation(s)
    for n in (1, 2, 5, 3, 7):
        sim.step(n)
    sim.run()
    pd.testing.assert_frame_equal(sim.metrics, whole)
    assert sim.time == 30
    sim.run()  # already at the end: nothing more
    assert sim.time == 30 and len(sim.metrics) == len(whole)


# -- state ------------------------------------------------------------------------

def test_zero_copy_state_follows_steps():
    sim = mc.Simulation(deffuant(epsilon=0.4))
    x = sim.positions
    assert sim.is_view("opinion") and x.shape == (400,) and x.dtype == np.float64
    assert not x.flags.writeable and not x.flags.owndata
    assert np.shares_memory(x, sim.state("opinion"))
    before = x.copy()
    sim.step(3)
    assert not np.array_equal(before, x), "the view shows the state after step()"
    assert np.array_equal(x, sim.agents()["opinion"].to_numpy())
    # The view keeps the simulation alive.
    last = x.copy()
    del sim
    gc.collect()
    assert np.array_equal(x, last)


def test_mim_views_and_follow_graph():
    """The micro-identity model exposes its positions, needs and hostility as
    zero-copy views and its online follow graph as edges (rewired over time,
    every agent keeping its out-degree)."""
    s = mc.Scenario.from_toml(REPO / "scenarios" / "mim" / "baseline.toml",
                              {"model.population": 300, "simulation.steps": 60})
    sim = mc.Simulation(s)
    x = sim.positions
    assert x.shape == (300, 3) and sim.is_view("x") and not x.flags.owndata
    assert sim.is_view("belonging") and sim.is_view("hostility")
    src0, dst0 = sim.edges()
    before = x.copy()
    sim.step(60)
    assert not np.array_equal(before, x)
    assert np.array_equal(x[:, 0], sim.agents()["x0"].to_numpy())
    assert np.array_equal(sim.state("belonging"), sim.agents()["belonging"].to_numpy())
    src1, dst1 = sim.edges()
    assert len(src0) == len(src1) == 300 * 30
    assert np.array_equal(np.bincount(src0, minlength=300), np.bincount(src1, minlength=300))
    assert set(zip(src0.tolist(), dst0.tolist())) != set(zip(src1.tolist(), dst1.tolist()))


def test_vector_views_and_copies():
    sim = mc.Simulation(deffuant(dims=3))
    assert sim.positions.shape == (400, 3)
    assert np.array_equal(sim.positions[:, 1], sim.agents()["opinion_1"].to_numpy())
    # Hegselmann-Krause swaps buffers every step: state() copies.
    hk = mc.Simulation(mc.Scenario(model="hegselmann_krause", network=ER, steps=5))
    assert not hk.is_view("opinion")
    y = hk.positions
    hk.step()
    assert not np.array_equal(y, hk.positions)
    # Other columns of the agent table come as copies; unknown names list the valid ones.
    axel = mc.Simulation(mc.Scenario(model="axelrod", network={"kind": "erdos_renyi", "n": 50,
                                                               "mean_degree": 4}, steps=3))
    assert axel.state("culture").ndim == 2 and axel.is_view("culture")
    assert "region" in axel.state_names and axel.state("region").shape == (50,)
    with pytest.raises(KeyError, match="available: culture"):
        axel.state("nope")


def test_mim_community_and_platform_tables():
    """communities() and platforms() are the tables of communities.csv and
    platforms.csv; the platforms' users and flows agree with the agents and
    the metrics."""
    s = mc.Scenario.from_toml(REPO / "scenarios" / "mim" / "moderation_migration.toml",
                              {"model.population": 600, "simulation.steps": 420,
                               "simulation.record_every": 30})
    sim = mc.Simulation(s).run()
    communities, platforms, agents = sim.communities(), sim.platforms(), sim.agents()
    assert communities.index.name == "community" and platforms.index.name == "platform"
    assert len(platforms) == 2 and {"moves_to_0", "moves_to_1", "radical_share"} <= set(platforms.columns)
    users = agents["platform"].value_counts().reindex(platforms.index, fill_value=0)
    assert np.array_equal(platforms["users"].to_numpy(), users.to_numpy(dtype=float))
    last = sim.metrics.iloc[-1]
    assert platforms.loc[0, "moves_to_1"] == last["migrations_to_alternatives"] > 0
    assert platforms.loc[1, "moves_to_0"] == last["returns_to_mainstream"]
    alive = communities[communities["alive"] == 1]
    assert platforms["communities_alive"].sum() == len(alive)
    # A model without collectives or platforms has empty tables.
    deff = mc.Simulation(deffuant()).run()
    assert deff.communities().empty and deff.platforms().empty


def test_mim_trending_recommendation_from_python():
    """The engagement scenario's platform recommends growing communities:
    platforms() reports it (1 = by growth) and communities() carries each
    group's growth score; a bad value names the key and the valid ones."""
    s = mc.Scenario.from_toml(REPO / "scenarios" / "mim" / "engagement.toml",
                              {"model.population": 2000, "simulation.steps": 120,
                               "model.communities.burn_in": 10})
    sim = mc.Simulation(s).run()
    platforms, communities = sim.platforms(), sim.communities()
    assert platforms.loc[0, "community_recommendation"] == 1
    assert (platforms.drop(index=0)["community_recommendation"] == 0).all()
    assert (communities["trend"] >= 0).all() and (communities["trend"] > 0).any()
    with pytest.raises(ValueError, match=r"platforms\.mainstream\.communities.*size, growth") as info:
        mc.Scenario.from_toml(REPO / "scenarios" / "mim" / "engagement.toml",
                              {"model.platforms.mainstream.communities": "trending"})
    assert isinstance(info.value, mc.ParameterError)


def test_mim_falls_back_to_agent_table():
    s = mc.Scenario.from_toml(REPO / "scenarios" / "mim" / "baseline.toml", population=300,
                              steps=3)
    sim = mc.Simulation(s).run()
    pos = sim.positions
    agents = sim.agents()
    assert pos.shape == (len(agents), 3)
    assert np.array_equal(pos[:, 2], agents["x2"].to_numpy())
    assert "community" in agents.columns


# -- networks ---------------------------------------------------------------------

def test_networkx_graph_round_trips():
    G = nx.karate_club_graph()
    s = mc.Scenario(model="deffuant", steps=5, seed=1)
    sim = mc.Simulation(s, network=G, label="club")
    net = sim.network
    assert (net.num_nodes, net.num_edges, net.directed) == (34, 78, False)
    src, dst = sim.edges()
    assert {frozenset(e) for e in zip(src.tolist(), dst.tolist())} == \
        {frozenset(e) for e in G.edges()}
    H = sim.run().to_networkx()
    assert nx.utils.graphs_equal(nx.Graph(H.edges()), nx.Graph(G.edges()))
    assert [H.nodes[u]["label"] for u in range(34)] == [G.nodes[u]["club"] for u in range(34)]
    agents = sim.agents()
    assert agents["label"].tolist() == [G.nodes[u]["club"] for u in G]
    assert agents["name"].tolist() == [str(u) for u in G]
    assert np.array_equal(agents["opinion"].to_numpy(), sim.positions)


def test_graph_node_names_and_attached_graphs():
    G = nx.relabel_nodes(nx.path_graph(5), {i: f"n{i}" for i in range(5)})
    G.add_edge("n0", "n0")  # self-loops are dropped, as from an edge-list file
    net = mc.from_networkx(G)
    assert net.node_names == [f"n{i}" for i in range(5)] and net.num_edges == 4
    # A graph attached to a scenario is used by its simulations (and replicates).
    s = mc.Scenario(model="deffuant", network=G, steps=3)
    assert mc.Simulation(s).network.num_nodes == 5
    df = mc.run(s, seeds=[1, 2])
    assert set(df["seed"]) == {1, 2}
    with pytest.raises(ValueError, match="has no attribute 'party'"):
        mc.from_networkx(G, label="party")


def test_igraph_and_directed_weighted_graphs():
    ig = pytest.importorskip("igraph")
    g = ig.Graph(n=4, edges=[(0, 1), (1, 2), (2, 3)], directed=True)
    g.es["w"] = [0.5, 1.0, 2.0]
    g.vs["name"] = ["a", "b", "c", "d"]
    net = mc.from_igraph(g, weight="w")
    assert net.directed and net.weighted and net.node_names == ["a", "b", "c", "d"]
    src, dst = net.edges()
    assert list(zip(src.tolist(), dst.tolist())) == [(0, 1), (1, 2), (2, 3)]
    assert net.weights().tolist() == [0.5, 1.0, 2.0]
    D = nx.DiGraph([(0, 1), (1, 2)])
    assert mc.networks.to_networkx(mc.from_networkx(D)).is_directed()


def test_edges_of_generated_and_mean_field_networks():
    sim = mc.Simulation(deffuant())
    src, dst = sim.edges()
    assert len(src) == sim.network.num_edges and src.dtype == np.uint32
    assert np.all(src <= dst)  # undirected: each edge once
    mf = mc.Simulation(deffuant(network={"kind": "mean_field", "n": 100}))
    assert len(mf.edges()[0]) == 0 and mf.network.mean_field
