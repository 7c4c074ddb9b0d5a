"""microcosm: opinion dynamics and online micro-community simulation.

    import microcosm as mc
    mc.models()                                   # ['deffuant', 'voter', ...]
    mc.schema("deffuant")                         # parameters as a DataFrame
    s = mc.Scenario(model="deffuant", network={"kind": "erdos_renyi", "n": 1000,
                    "mean_degree": 10}, steps=200, seed=1, epsilon=0.3)
    sim = mc.Simulation(s).run()
    sim.metrics, sim.agents(), sim.positions
    df = mc.replicates(s, n=10)                   # metrics with a seed column
    mc.plotting.metric(df, "clusters")

See docs/python.md.
"""
from . import _core
from ._core import Error, InputError, Network, OutputError, ParameterError
from .experiments import read_sweep, replicates, run, sweep
from .networks import from_igraph, from_networkx
from .scenario import Scenario
from .simulation import Simulation, simulate

__version__ = _core.__version__

__all__ = [
    "Error", "InputError", "Network", "OutputError", "ParameterError", "Scenario", "Simulation",
    "from_igraph", "from_networkx", "metric_info", "model_info", "models", "network_kinds", "plotting",
    "read_sweep", "replicates", "run", "schema", "simulate", "sweep",
]


def models():
    """Names of the available models."""
    return list(_core.models())


def model_info(name):
    """A model's description: summary, semantics, reference, parameters,
    timeline (events / interventions) types, metrics (its metrics.csv
    columns). ValueError for unknown names (the message lists the valid
    ones)."""
    return _core.model_info(name)


_SCHEMA_COLUMNS = ["parameter", "type", "default", "range", "unit", "description", "source"]


def schema(name, as_frame=True):
    """Parameter table of a model, a network kind ("network.<kind>") or a
    scenario section ("simulation", "output"): parameter, type, default,
    range, unit, description, source. A pandas DataFrame, or a list of dicts
    with as_frame=False (those also carry min, max and choices)."""
    if name in ("simulation", "output"):
        rows = _core.section_schema(name)
    elif name.startswith("network."):
        kinds = {k["name"]: k for k in _core.network_kinds()}
        kind = name.split(".", 1)[1]
        if kind not in kinds:
            raise ParameterError(f"unknown network kind '{kind}'; valid kinds: "
                                 f"{', '.join(kinds)}")
        rows = kinds[kind]["parameters"]
    else:
        rows = _core.model_info(name)["parameters"]
    if not as_frame:
        return rows
    import pandas as pd

    return pd.DataFrame(rows, columns=_SCHEMA_COLUMNS + ["min", "max", "choices"])[_SCHEMA_COLUMNS]


def metric_info(name, as_frame=True):
    """What each column of a model's metrics.csv (and of a run's metrics
    frame) measures, in recording order: column, description, always (False
    for a column only some settings record). A pandas DataFrame, or a list
    of dicts with as_frame=False."""
    rows = _core.model_info(name)["metrics"]
    if not as_frame:
        return rows
    import pandas as pd

    return pd.DataFrame(rows, columns=["column", "description", "always"])


def network_kinds():
    """Names of the network kinds a scenario's [network] kind may name."""
    return [k["name"] for k in _core.network_kinds()]


def __getattr__(name):  # plotting is imported on first use (matplotlib is slow to load)
    if name == "plotting":
        import importlib

        return importlib.import_module(".plotting", __name__)
    raise AttributeError(f"module 'microcosm' has no attribute {name!r}")
