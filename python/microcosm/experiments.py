"""Replicates and parameter sweeps in-process, and reading the SQLite
results of `microcosm sweep`.

Every run is an independent Simulation (results do not depend on the number
of workers or their order). With workers > 1 the runs go to a thread pool:
the engine releases the GIL while stepping, so threads run in parallel.
"""
import itertools
import sqlite3
import json
import pathlib
from concurrent.futures import ThreadPoolExecutor, wait, FIRST_EXCEPTION

from . import _core
from .scenario import as_scenario
from .simulation import Simulation


def _run_one(scenario, seed, network, until, keep, register):
    sc = scenario.replace(seed=seed) if seed is not None else scenario
    sim = Simulation(sc, network)
    register(sim)
    sim.run(until)
    out = {"metrics": sim.metrics}
    if "agents" in keep:
        out["agents"] = sim.agents()
    if "simulation" in keep:
        out["simulation"] = sim
    return out


def _execute(tasks, workers):
    """Runs callables; with workers > 1 in threads. Ctrl-C cancels every
    running simulation and re-raises."""
    sims = []
    stopping = []

    def register(sim):
        sims.append(sim)
        if stopping:  # started while the others were being cancelled
            sim.cancel()

    if workers <= 1:
        return [t(register) for t in tasks]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(t, register) for t in tasks]
        try:
            done, _ = wait(futures, return_when=FIRST_EXCEPTION)
            for f in done:
                if f.exception() is not None:
                    raise f.exception()
        except BaseException:
            stopping.append(True)
            for f in futures:
                f.cancel()
            for s in list(sims):
                s.cancel()
            raise
        return [f.result() for f in futures]


def run(scenario, seeds=None, *, network=None, until=None, workers=1, agents=False,
        same_network=False, **overrides):
    """Runs a scenario once per seed and returns the metrics of every run as
    one DataFrame: columns seed, step, then the metrics.

    scenario: Scenario, scenario path or dict; keyword overrides as
              Scenario.replace (e.g. epsilon=0.3).
    seeds:    iterable of master seeds (default: the scenario's seed).
    network:  a graph every run uses (networkx, igraph, Network).
    same_network: build the scenario's [network] once (from the scenario's
              seed) and reuse it for every seed; by default each seed also
              generates its own network, as `microcosm run --seed` does.
    agents:   also return the final agent tables: (metrics, agents), agents
              with a seed column.
    workers:  runs in parallel threads.
    """
    import pandas as pd
    from . import networks

    sc = as_scenario(scenario, **overrides)
    seeds = [sc.seed] if seeds is None else [int(s) for s in seeds]
    net = networks.as_network(network)
    if net is None and same_network and sc.graph is None:
        net = _core.build_network(sc._core)
    keep = {"agents"} if agents else set()
    tasks = [(lambda reg, s=s: _run_one(sc, s, net, until, keep, reg)) for s in seeds]
    results = _execute(tasks, workers)
    metrics = pd.concat([r["metrics"].assign(seed=s) for s, r in zip(seeds, results)],
                        ignore_index=True)
    metrics = metrics[["seed"] + [c for c in metrics.columns if c != "seed"]]
    if not agents:
        return metrics
    tables = pd.concat([r["agents"].reset_index().assign(seed=s) for s, r in zip(seeds, results)],
                       ignore_index=True)
    tables = tables[["seed"] + [c for c in tables.columns if c != "seed"]]
    return metrics, tables


def replicates(scenario, n=10, *, first_seed=None, **kw):
    """run() over n consecutive seeds starting at first_seed (default: the
    scenario's seed)."""
    sc = as_scenario(scenario)
    start = sc.seed if first_seed is None else int(first_seed)
    return run(sc, seeds=range(start, start + int(n)), **kw)


def sweep(scenario, grid, seeds=(1,), *, network=None, until=None, workers=1, final=False,
          agents=False):
    """Runs the full grid of parameter values x seeds in-process.

    grid:  {"model.epsilon": [0.1, 0.2], "network.mean_degree": [4, 8]} (bare
           names as in Scenario.replace: epsilon=..., steps=...).
    final: keep only the last recorded row of each run.
    Returns a DataFrame: one column per grid key (named as given), seed, step,
    metrics. With agents=True, (metrics, agents) with the same key columns.
    Every combination is validated before any run starts.
    """
    import pandas as pd
    from . import networks

    sc = as_scenario(scenario)
    keys = list(grid)
    values = [list(grid[k]) for k in keys]
    seeds = [int(s) for s in seeds]
    combos = list(itertools.product(*values))
    cells = [sc.replace(dict(zip(keys, combo))) for combo in combos]  # validates all first
    net = networks.as_network(network)
    keep = {"agents"} if agents else set()
    tasks, index = [], []
    for cell, combo in zip(cells, combos):
        for s in seeds:
            tasks.append(lambda reg, c=cell, s=s: _run_one(c, s, net, until, keep, reg))
            index.append((combo, s))
    results = _execute(tasks, workers)

    def frame(kind):
        parts = []
        for (combo, s), r in zip(index, results):
            df = r[kind].reset_index() if kind == "agents" else r[kind]
            if kind == "metrics" and final:
                df = df.iloc[[-1]]
            df = df.assign(seed=s)
            for k, v in zip(keys, combo):
                df[k] = v
            parts.append(df)
        out = pd.concat(parts, ignore_index=True)
        return out[keys + ["seed"] + [c for c in out.columns if c not in keys and c != "seed"]]

    return (frame("metrics"), frame("agents")) if agents else frame("metrics")


def read_sweep(db_path, merge=False):
    """Reads the SQLite results database of `microcosm sweep` (docs/sweeps.md).

    Returns (runs, metrics) DataFrames: `runs` has one row per run (run_id,
    cell_id, replicate, seed, the swept parameters, status, timings, ...;
    the `params` JSON column is expanded into columns where not present),
    `metrics` one row per recorded step (run_id, step, metrics). With
    merge=True, returns metrics joined with the runs' seed and parameter
    columns instead. The reader introspects the tables, so columns added by
    later schema versions come through unchanged.
    """
    import pandas as pd

    path = pathlib.Path(db_path)
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such sweep database")
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        for needed in ("runs", "metrics"):
            if needed not in tables:
                raise ValueError(f"{path}: not a microcosm sweep database: no table "
                                 f"{needed!r} (tables: {', '.join(tables) or 'none'})")
        runs = pd.read_sql_query("SELECT * FROM runs ORDER BY run_id", con)
        metrics = pd.read_sql_query("SELECT * FROM metrics ORDER BY run_id, step", con)
    finally:
        con.close()
    # Metric columns are REAL with NULL for NaN: keep them float.
    for col in metrics.columns:
        if col not in ("run_id", "step"):
            metrics[col] = pd.to_numeric(metrics[col], errors="coerce").astype(float)
    if "params" in runs.columns:
        params = [json.loads(p) if isinstance(p, str) and p else {} for p in runs["params"]]
        flat = pd.json_normalize(params, sep=".")
        for col in flat.columns:
            if col not in runs.columns:
                runs[col] = flat[col].values
    if not merge:
        return runs, metrics
    drop = [c for c in ("params", "error") if c in runs.columns]
    return metrics.merge(runs.drop(columns=drop), on="run_id", how="left", suffixes=("", "_run"))
