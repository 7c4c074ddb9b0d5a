"""Plots of simulation output with matplotlib.

- metric(df, name): a metric's time series, mean over replicates with a 95%
  confidence band (Student t), one line per group (e.g. a swept parameter).
- opinion_histograms(snapshots): the distribution of opinions over time
  from Simulation.run(snapshot_every=...) snapshots, as a heatmap or lines.
- community_sizes(agents): the community size distribution, log-binned.

Every function draws on `ax` (or a new figure) and returns the Axes.
"""
import math

import numpy as np


def _axes(ax):
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    return plt.subplots()[1]


def t_quantile(p, dof):
    """Student t quantile (scipy when available; else the Cornish-Fisher
    expansion around the normal quantile, accurate to ~1e-3 for dof >= 3)."""
    try:
        from scipy import stats

        return float(stats.t.ppf(p, dof))
    except ImportError:
        from statistics import NormalDist

        z = NormalDist().inv_cdf(p)
        g1 = (z**3 + z) / 4
        g2 = (5 * z**5 + 16 * z**3 + 3 * z) / 96
        g3 = (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / 384
        return z + g1 / dof + g2 / dof**2 + g3 / dof**3


def confidence_band(df, name, x="step", replicate="seed", level=0.95):
    """Per x: mean, lower, upper and n of `name` across replicates."""
    g = df.groupby(x)[name]
    mean, sd, n = g.mean(), g.std(ddof=1), g.count()
    half = np.array([t_quantile(0.5 + level / 2, k - 1) if k > 1 else np.nan for k in n])
    half = half * sd.to_numpy() / np.sqrt(n.to_numpy())
    out = mean.to_frame("mean")
    out["lower"], out["upper"], out["n"] = mean - half, mean + half, n
    return out


def metric(df, name, ax=None, by=None, x="step", level=0.95, label=None, color=None,
           alpha=0.25):
    """Time series of metric `name` from a metrics DataFrame with one or more
    replicates (a `seed` column): the mean with a `level` confidence band of
    the mean (t-interval over replicates). `by` splits lines by a column
    (e.g. "model.epsilon" from sweep())."""
    ax = _axes(ax)
    groups = [(label, df)] if by is None else [(f"{by} = {k}", d) for k, d in df.groupby(by)]
    for lab, d in groups:
        band = confidence_band(d, name, x=x, level=level)
        line, = ax.plot(band.index, band["mean"], label=lab, color=color)
        ax.fill_between(band.index, band["lower"], band["upper"], color=line.get_color(),
                        alpha=alpha, linewidth=0)
    ax.set_xlabel(x)
    ax.set_ylabel(name)
    n = df["seed"].nunique() if "seed" in df.columns else 1
    ax.set_title(f"{name}: mean and {level:.0%} CI over {n} replicate{'s' * (n != 1)}")
    if by is not None or label is not None:
        ax.legend()
    return ax


def opinion_histograms(snapshots, ax=None, bins=50, range=None, dim=0, kind="heatmap",
                       cmap="viridis", density=True):
    """Opinion distribution over time from {step: array} snapshots (a
    Simulation's `.snapshots`, or the Simulation itself). `dim` picks the
    dimension of multi-dimensional positions. kind="heatmap": steps on x,
    opinion on y, colour = share of agents; kind="lines": one histogram line
    per snapshot."""
    if hasattr(snapshots, "snapshots"):
        snapshots = snapshots.snapshots
    if not snapshots:
        raise ValueError("no snapshots: run with snapshot_every=... or call snapshot()")
    steps = sorted(snapshots)
    data = [np.asarray(snapshots[t], dtype=float) for t in steps]
    data = [d[:, dim] if d.ndim == 2 else d for d in data]
    if range is None:
        lo = min(float(np.nanmin(d)) for d in data)
        hi = max(float(np.nanmax(d)) for d in data)
        range = (lo, hi if hi > lo else lo + 1.0)
    edges = np.linspace(range[0], range[1], bins + 1)
    hists = np.array([np.histogram(d[np.isfinite(d)], bins=edges)[0] for d in data], dtype=float)
    if density:
        hists /= np.maximum(hists.sum(axis=1, keepdims=True), 1)
    ax = _axes(ax)
    if kind == "heatmap":
        # Column k spans from steps[k] to the next snapshot.
        xs = np.array(steps + [steps[-1] + (steps[-1] - steps[-2] if len(steps) > 1 else 1)])
        mesh = ax.pcolormesh(xs, edges, hists.T, cmap=cmap, shading="flat")
        ax.figure.colorbar(mesh, ax=ax, label="share of agents" if density else "agents")
        ax.set_xlabel("step")
        ax.set_ylabel("opinion" if data[0].ndim == 1 else f"opinion (dimension {dim})")
    elif kind == "lines":
        import matplotlib as mpl

        colours = mpl.colormaps[cmap](np.linspace(0, 1, len(steps)))
        centres = (edges[:-1] + edges[1:]) / 2
        for t, h, c in zip(steps, hists, colours):
            ax.plot(centres, h, color=c, label=f"step {t}")
        ax.set_xlabel("opinion")
        ax.set_ylabel("share of agents" if density else "agents")
        if len(steps) <= 10:
            ax.legend()
    else:
        raise ValueError(f"kind = {kind!r}: valid kinds: heatmap, lines")
    ax.set_title("opinion distribution over time")
    return ax


def community_size_distribution(agents, column="community", bins_per_decade=5, none=(-1,)):
    """Log-binned community size distribution: (bin centres, P(size) per unit
    size). `agents` is an agent table with a community column (or a list of
    them, pooled, e.g. over replicates; a `seed` column also separates
    replicates), or an array of community ids; ids in `none` mean no
    community."""
    import pandas as pd

    frames = agents if isinstance(agents, (list, tuple)) else [agents]
    sizes = []
    for f in frames:
        if isinstance(f, pd.DataFrame):
            keys = [c for c in ("seed",) if c in f.columns] + [column]
            ids = f[keys]
            ids = ids[~ids[column].isin(none)]
            sizes.append(ids.groupby(keys).size().to_numpy())
        else:
            ids = np.asarray(f)
            ids = ids[~np.isin(ids, none)]
            sizes.append(np.unique(ids, return_counts=True)[1])
    sizes = np.concatenate(sizes) if sizes else np.array([])
    if sizes.size == 0:
        return np.array([]), np.array([])
    top = math.log10(sizes.max()) + 1e-9
    nb = max(1, math.ceil(top * bins_per_decade))
    edges = np.logspace(0, nb / bins_per_decade, nb + 1)
    counts, _ = np.histogram(sizes, bins=edges)
    density = counts / (np.diff(edges) * sizes.size)
    centres = np.sqrt(edges[:-1] * edges[1:])
    keep = counts > 0
    return centres[keep], density[keep]


def community_sizes(agents, ax=None, column="community", bins_per_decade=5, label=None,
                    none=(-1,), **plot_kw):
    """Log-log plot of the log-binned community size distribution (see
    community_size_distribution)."""
    x, p = community_size_distribution(agents, column, bins_per_decade, none)
    ax = _axes(ax)
    ax.loglog(x, p, marker="o", label=label, **plot_kw)
    ax.set_xlabel("community size (agents)")
    ax.set_ylabel("P(size)")
    ax.set_title("community size distribution (log-binned)")
    if label is not None:
        ax.legend()
    return ax
