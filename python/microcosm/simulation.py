"""Simulation: a scenario turned into a network and a model, stepped from
Python.

Metrics are recorded by the CLI's rule (step 0, every record_every steps,
[simulation] steps, a stop on convergence, the end of run()), so
``Simulation(s).run().metrics`` equals the metrics.csv of ``microcosm run``
for the same scenario, exactly. Stepping releases the GIL; Ctrl-C raises
KeyboardInterrupt between two steps and leaves the simulation usable.
"""
import numpy as np

from . import _core, networks
from .scenario import Scenario, as_scenario

_POSITION_VIEWS = ("opinion", "position", "x")


class Simulation:
    """A running simulation.

    Simulation(scenario, network=None, *, label=None, weight=None)

    scenario: a Scenario, a scenario file path or a dict (see Scenario).
    network:  None (the scenario's [network] section, or its attached graph),
              a networkx / igraph graph or a microcosm Network; ``label`` and
              ``weight`` name the node / edge attributes to read from a graph.
    """

    def __init__(self, scenario, network=None, *, label=None, weight=None):
        self.scenario = as_scenario(scenario)
        net = networks.as_network(network, label=label, weight=weight)
        if net is None:
            net = self.scenario.graph
        self._sim = _core.Simulation(self.scenario._core, net)
        self.snapshots = {}
        self._snapshot_state = None

    # -- stepping ---------------------------------------------------------
    def step(self, n=1):
        """Advances n steps (metrics recorded on the scenario's schedule)."""
        if n < 0:
            raise ValueError(f"step: n = {n} must be >= 0")
        self._sim.step(int(n))
        return self

    def run(self, until=None, *, snapshot_every=None, snapshot_at=None, state=None):
        """Runs to step `until` (default: the scenario's steps), stopping early
        on convergence when [simulation] stop_when_converged, and records the
        final state. Returns self.

        snapshot_every / snapshot_at: also keep copies of a state array
        (default: positions) at these steps in ``self.snapshots`` ({step:
        array}), e.g. for plotting.opinion_histograms.
        """
        target = self._sim.steps if until is None else int(until)
        stops = set()
        if snapshot_every:
            stops.update(range(0, target + 1, int(snapshot_every)))
            stops.add(target)
        if snapshot_at is not None:
            stops.update(int(t) for t in snapshot_at)
        if stops:
            self._snapshot_state = state
            if self.time in stops:
                self.snapshot(state)
            for t in sorted(s for s in stops if self.time < s <= target):
                self._sim.advance(t)
                if self._sim.stopped_on_convergence:
                    break
                self.snapshot(state)
        self._sim.run(target)
        if stops and self.time not in self.snapshots and snapshot_every:
            self.snapshot(state)  # stopped early: keep the final state too
        return self

    def snapshot(self, state=None):
        """Stores a copy of a state array (default: positions) in
        self.snapshots[time] and returns it."""
        arr = self.positions if state is None else self.state(state, copy=True)
        arr = np.array(arr, copy=True)
        self.snapshots[self.time] = arr
        return arr

    def record(self):
        """Records the current metrics now (if this step is not recorded yet)."""
        self._sim.record()
        return self

    def cancel(self):
        """Stops the step()/run() in progress in another thread, or else the
        next one, between two steps: it raises KeyboardInterrupt there."""
        self._sim.cancel()

    # -- state --------------------------------------------------------------
    @property
    def time(self):
        """Steps completed."""
        return self._sim.time

    @property
    def converged(self):
        return self._sim.converged

    @property
    def num_agents(self):
        return self._sim.num_agents

    @property
    def model(self):
        return self.scenario.model

    @property
    def network(self):
        """The microcosm Network the model runs on (as built at the start)."""
        return self._sim.network

    @property
    def metric_names(self):
        return list(self._sim.metric_names)

    @property
    def metrics(self):
        """Recorded metrics: a DataFrame with a `step` column and one column
        per metric."""
        import pandas as pd

        names, steps, values = self._sim.metrics()
        df = pd.DataFrame(values, columns=names)
        df.insert(0, "step", steps.astype(np.int64))
        return df

    def current_metrics(self):
        """The metrics of the current state as a dict (not recorded)."""
        return self._sim.current_metrics()

    def agents(self):
        """The model's per-agent table (as agents.csv): index `agent`, then
        `name` and `label` when the network has them, then the model's
        columns (float64, as the engine reports them)."""
        import pandas as pd

        cols = dict(self._sim.agent_table())
        n = len(next(iter(cols.values()))) if cols else self.num_agents
        front = {}
        net = self.network
        if n and len(net.node_names) == n:
            front["name"] = net.node_names
        if n and len(net.labels) == n:
            front["label"] = net.labels
        df = pd.DataFrame({**front, **cols})
        df.index.name = "agent"
        return df

    def communities(self):
        """The model's per-community table (as communities.csv): index
        `community`, one row per community ever born (dead ones included).
        Empty for models without collectives."""
        return self._table(self._sim.community_table(), "community")

    def platforms(self):
        """The model's per-platform table (as platforms.csv): index
        `platform` (0 is the mainstream), users, settings, communities,
        radical share and the row of the cumulative migration flow matrix
        (`moves_to_<r>`). Empty for models without platforms."""
        return self._table(self._sim.platform_table(), "platform")

    @staticmethod
    def _table(columns, index_name):
        import pandas as pd

        df = pd.DataFrame(dict(columns))
        df.index.name = index_name
        return df

    @property
    def state_names(self):
        """State arrays state() can return: the model's zero-copy views,
        then the agents() columns."""
        names = list(self._sim.state_names())
        return names + [c for c, _ in self._sim.agent_table() if c not in names]

    def state(self, name, copy=False):
        """A per-agent state array by name.

        For the model's own state arrays (``state_names`` first entries, e.g.
        "opinion") this is a read-only view of the engine's memory (no copy),
        kept valid by the array (it holds the simulation alive) and showing
        the state after every later step(); models whose buffers move each
        step return a copy. Other names are columns of agents(), copied.
        """
        try:
            return self._sim.state_view(name, copy)
        except KeyError:
            pass
        for col, values in self._sim.agent_table():
            if col == name:
                return values
        raise KeyError(f"no state named {name!r}; available: {', '.join(self.state_names)}")

    def is_view(self, name):
        """Whether state(name) is a zero-copy view."""
        return self._sim.state_is_view(name)

    @property
    def positions(self):
        """Opinions / positions as a numpy array ((n,) or (n, dims)): a
        zero-copy view when the model exposes one ("opinion"), else a copy
        of the agents() columns opinion_*, x0.. (e.g. the mim model)."""
        views = self._sim.state_names()
        for name in _POSITION_VIEWS:
            if name in views:
                return self._sim.state_view(name, False)
        table = self._sim.agent_table()
        cols = dict(table)
        if "opinion" in cols:
            return cols["opinion"]
        for prefix in ("opinion_", "x"):
            dims = [cols[f"{prefix}{d}"] for d in range(len(cols)) if f"{prefix}{d}" in cols]
            if dims:
                return dims[0] if len(dims) == 1 else np.column_stack(dims)
        raise AttributeError(f"model {self.model!r} has no opinion positions; "
                             f"state names: {', '.join(self.state_names)}")

    # -- network ------------------------------------------------------------
    def edges(self):
        """The current interaction network as (src, dst) uint32 arrays, each
        edge once: the model's own network when it rewires one, else the
        scenario's network (none under mean field)."""
        return self._sim.edges()

    def to_networkx(self, attributes=True):
        """The current network as a networkx graph; with `attributes`, the
        agents() columns become node attributes."""
        import networkx as nx

        net = self.network
        G = nx.DiGraph() if net.directed or self._sim.rewires_network() else nx.Graph()
        n = self.num_agents if self._sim.rewires_network() else net.num_nodes
        G.add_nodes_from(range(n))
        src, dst = self.edges()
        if net.weighted and not self._sim.rewires_network():
            G.add_weighted_edges_from(zip(src.tolist(), dst.tolist(), net.weights().tolist()))
        else:
            G.add_edges_from(zip(src.tolist(), dst.tolist()))
        if attributes:
            df = self.agents()
            if len(df) == n:
                for col in df.columns:
                    nx.set_node_attributes(G, dict(enumerate(df[col].tolist())), col)
        return G

    def __repr__(self):
        return (f"<microcosm.Simulation {self.model} t={self.time}/{self._sim.steps} "
                f"agents={self.num_agents}>")


def simulate(scenario=None, network=None, **kw):
    """Shorthand: Simulation(Scenario(**kw) or scenario, network).run()."""
    if scenario is None:
        scenario = Scenario(**kw)
    elif kw:
        scenario = as_scenario(scenario, **kw)
    return Simulation(scenario, network).run()
