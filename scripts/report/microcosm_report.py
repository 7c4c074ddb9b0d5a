#!/usr/bin/python3
"""Self-contained HTML report of microcosm runs or of a sweep database.

Usage: microcosm_report.py INPUT [INPUT ...] [--out FILE.html] [--max-network-nodes N]

INPUT is a run directory (run.json, scenario.toml, metrics.csv, agents*.csv,
network.*) or a sweep results database (SQLite: tables sweep, runs, metrics).
Several run directories are compared in one report (e.g. `make demo`).

Writes FILE.html (default: RUN_DIR/report.html, or DB.report.html beside a
database) with every figure inlined as a PNG data URI, so the file opens
offline and can be mailed as is, and the same figures as PNG files in
FILE_figures/ beside it for papers. `microcosm report` runs this script.
Sections (HTML ids): scenario, metrics, opinions, communities, needs,
platforms, network. A section whose data the input lacks says so instead
of drawing a figure.
"""
import argparse
import base64
import html
import io
import json
import math
import os
import pathlib
import re
import sqlite3
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

SECTIONS = [
    ("scenario", "Scenario"),
    ("metrics", "Metric time series"),
    ("opinions", "Opinion distributions"),
    ("communities", "Community sizes"),
    ("needs", "Needs and hostility"),
    ("platforms", "Platforms and migration"),
    ("network", "Network sample"),
]
NEED_COLUMNS = ["significance", "certainty", "belonging", "freedom", "frustration", "hostility",
                "trust", "identification"]
OPINION_RE = re.compile(r"^(x\d+|opinion(_\d+)?)$")
COLORS = plt.rcParams["axes.prop_cycle"].by_key()["color"]
DPI = 110


# ---------------------------------------------------------------- inputs ---

class Run:
    """One run directory."""

    def __init__(self, path):
        self.path = pathlib.Path(path)
        self.name = self.path.resolve().name
        with open(self.path / "run.json", encoding="utf-8") as f:
            self.info = json.load(f)
        toml_file = self.path / "scenario.toml"
        self.toml = toml_file.read_text(encoding="utf-8") if toml_file.exists() else ""
        self.metrics = pd.read_csv(self.path / "metrics.csv")
        self.agents = []  # (label, DataFrame), final state last
        for f in sorted(self.path.glob("agents*.csv"), key=snapshot_key):
            self.agents.append((snapshot_label(f), pd.read_csv(f)))
        # Per-platform state and the migration flow matrix (models with
        # platforms write platforms.csv next to agents.csv).
        platforms = self.path / "platforms.csv"
        self.platforms = pd.read_csv(platforms) if platforms.exists() else None
        self.network_file = None
        for ext in ("edges.txt", "graphml", "gexf"):
            f = self.path / f"network.{ext}"
            if f.exists():
                self.network_file = f
                break

    @property
    def final_agents(self):
        return self.agents[-1][1] if self.agents else None


def snapshot_key(f):
    m = re.search(r"(\d+)", f.stem)
    return (0, int(m.group(1))) if m else (1, 0)  # agents.csv (final) last


def snapshot_label(f):
    m = re.search(r"(\d+)", f.stem)
    return f"step {m.group(1)}" if m else "final"


class SweepDb:
    """A sweep results database, read defensively: tables and columns are
    introspected, so older or partial databases still give a report."""

    def __init__(self, path):
        self.path = pathlib.Path(path)
        self.name = self.path.name
        con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        for t in ("runs", "metrics"):
            if t not in tables:
                sys.exit(f"microcosm report: {path}: not a sweep database (no table '{t}')")
        self.sweep = {}
        if "sweep" in tables:
            cur = con.execute("SELECT * FROM sweep LIMIT 1")
            row = cur.fetchone()
            if row:
                self.sweep = dict(zip([d[0] for d in cur.description], row))
        self.runs = pd.read_sql_query("SELECT * FROM runs", con)
        self.metrics = pd.read_sql_query("SELECT * FROM metrics", con)
        con.close()
        try:
            self.axes = json.loads(self.sweep.get("axes", "[]"))
        except (TypeError, ValueError):
            self.axes = []
        self.axes = [a for a in self.axes if a in self.runs.columns]
        if "status" in self.runs.columns:
            self.done = self.runs[self.runs["status"] == "done"]
        else:
            self.done = self.runs
        if "cell_id" not in self.done.columns:
            self.done = self.done.assign(cell_id=0)
        self.metric_names = [c for c in self.metrics.columns if c not in ("run_id", "step")]

    def cell_label(self, cell):
        row = self.done[self.done["cell_id"] == cell].iloc[0]
        if self.axes:
            return ", ".join(f"{a}={fmt_value(row[a])}" for a in self.axes)
        return f"cell {cell}"


def fmt_value(v):
    if isinstance(v, float):
        return f"{v:.4g}"
    return str(v)


# T quantiles (two-sided 95 %) for small samples; normal beyond 30.
T975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179,
        2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064,
        2.060, 2.056, 2.052, 2.048, 2.045]


def t975(df):
    return T975[df - 1] if 1 <= df <= len(T975) else 1.96


# --------------------------------------------------------------- figures ---

class Figures:
    """Saves each figure as a PNG file beside the report and keeps its bytes
    for inlining."""

    def __init__(self, directory):
        self.dir = directory
        self.dir.mkdir(parents=True, exist_ok=True)
        self.files = []

    def save(self, fig, name):
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=DPI)
        plt.close(fig)
        data = buf.getvalue()
        (self.dir / f"{name}.png").write_bytes(data)
        self.files.append(self.dir / f"{name}.png")
        return data

    def img(self, data, name, alt):
        uri = "data:image/png;base64," + base64.b64encode(data).decode("ascii")
        rel = f"{self.dir.name}/{name}.png"
        return (f'<figure><img src="{uri}" alt="{html.escape(alt)}">'
                f'<figcaption>{html.escape(alt)} <span class="file">({html.escape(rel)})'
                f'</span></figcaption></figure>')


def grid(n, cols, w=2.6, h=1.9):
    rows = max(1, math.ceil(n / cols))
    cols = min(cols, max(n, 1))
    fig, axes = plt.subplots(rows, cols, figsize=(w * cols, h * rows + 0.4), squeeze=False)
    for ax in axes.flat[n:]:
        ax.set_visible(False)
    return fig, list(axes.flat[:n])


def metrics_figure_runs(runs):
    names = []
    for r in runs:
        names += [c for c in r.metrics.columns if c != "step" and c not in names]
    fig, axes = grid(len(names), 6)
    for ax, name in zip(axes, names):
        for k, r in enumerate(runs):
            if name in r.metrics.columns:
                ax.plot(r.metrics["step"], r.metrics[name], lw=1.2, color=COLORS[k % len(COLORS)],
                        label=r.name)
        ax.set_title(name, fontsize=8)
        ax.tick_params(labelsize=6)
    if len(runs) > 1:
        fig.legend(*axes[0].get_legend_handles_labels(), loc="upper center",
                   ncol=len(runs), fontsize=8)
    fig.tight_layout(rect=(0, 0, 1, 0.97 if len(runs) > 1 else 1))
    return fig, names


def metrics_figure_db(db, max_cells=8):
    m = db.metrics.merge(db.done[["run_id", "cell_id"]], on="run_id")
    cells = sorted(m["cell_id"].unique())
    note = ""
    if len(cells) > max_cells:
        pick = np.linspace(0, len(cells) - 1, max_cells).round().astype(int)
        note = f"{len(cells)} parameter cells; {max_cells} evenly spaced ones are drawn."
        cells = [cells[i] for i in sorted(set(pick))]
    names = db.metric_names
    fig, axes = grid(len(names), 6)
    by_cell = {cell: m[m["cell_id"] == cell] for cell in cells}
    for ax, name in zip(axes, names):
        for k, cell in enumerate(cells):
            # One column per replicate on the cell's step grid; a run that
            # stopped early (converged) keeps its last value.
            p = by_cell[cell].pivot_table(index="step", columns="run_id", values=name,
                                          dropna=False).sort_index().ffill()
            color = COLORS[k % len(COLORS)]
            steps = p.index.to_numpy()
            mu = p.mean(axis=1).to_numpy(dtype=float)
            n = p.count(axis=1).to_numpy()
            ax.plot(steps, mu, lw=1.1, color=color, label=db.cell_label(cell))
            half = np.array([t975(int(c) - 1) if c > 1 else np.nan for c in n]) * \
                p.std(axis=1).to_numpy(dtype=float) / np.sqrt(np.maximum(n, 1))
            ok = np.isfinite(half)
            if ok.any():
                ax.fill_between(steps[ok], (mu - half)[ok], (mu + half)[ok], color=color,
                                alpha=0.2, lw=0)
        ax.set_title(name, fontsize=8)
        ax.tick_params(labelsize=6)
    if axes:
        fig.legend(*axes[0].get_legend_handles_labels(), loc="upper center",
                   ncol=min(4, len(cells)), fontsize=7)
    rows = math.ceil(len(names) / 6)
    fig.tight_layout(rect=(0, 0, 1, 1 - 0.35 / (1.9 * rows + 0.4) * math.ceil(len(cells) / 4)))
    reps = db.done.groupby("cell_id").size()
    return fig, names, cells, note, reps


def opinion_columns(df):
    return [c for c in df.columns if OPINION_RE.match(c)]


def opinions_figure(runs):
    cols = []
    for r in runs:
        for _, df in r.agents:
            cols += [c for c in opinion_columns(df) if c not in cols]
    if not cols:
        return None
    fig, axes = grid(len(cols), min(3, len(cols)), w=3.6, h=2.6)
    bins = np.linspace(-1, 1, 41)
    for ax, c in zip(axes, cols):
        lo, hi = np.inf, -np.inf
        for r in runs:
            for _, df in r.agents:
                if c in df.columns:
                    lo, hi = min(lo, df[c].min()), max(hi, df[c].max())
        if lo < -1 or hi > 1:
            bins_c = np.linspace(lo, hi if hi > lo else lo + 1, 41)
        else:
            bins_c = bins
        k = 0
        for r in runs:
            for label, df in r.agents:
                if c not in df.columns:
                    continue
                name = r.name if len(r.agents) == 1 else f"{r.name}, {label}"
                ax.hist(df[c], bins=bins_c, histtype="step", lw=1.3, color=COLORS[k % len(COLORS)],
                        label=name, density=True)
                k += 1
        ax.set_title(c, fontsize=9)
        ax.set_xlabel("position", fontsize=8)
        ax.tick_params(labelsize=7)
    axes[0].legend(fontsize=7)
    fig.tight_layout()
    return fig


def community_sizes(df):
    for col in ("community", "region"):
        if col in df.columns:
            ids = df[col].to_numpy()
            ids = ids[ids >= 0]
            if ids.size == 0:
                return col, np.array([], dtype=int)
            _, counts = np.unique(ids, return_counts=True)
            return col, counts
    return None, None


def communities_figure(runs):
    fig, ax = plt.subplots(figsize=(5.5, 3.8))
    rows = []
    any_data = False
    for k, r in enumerate(runs):
        df = r.final_agents
        if df is None:
            continue
        col, sizes = community_sizes(df)
        if col is None:
            continue
        n = len(df)
        affiliated = int(sizes.sum())
        rows.append((r.name, len(sizes), affiliated / n if n else 0.0,
                     int(np.median(sizes)) if sizes.size else 0, int(sizes.max()) if sizes.size else 0))
        if sizes.size == 0:
            continue
        any_data = True
        top = max(2.0, sizes.max() + 1)
        edges = np.unique(np.floor(np.logspace(0, math.log10(top), 16)).astype(int))
        counts, _ = np.histogram(sizes, bins=edges)
        width = np.diff(edges)
        density = counts / width / len(sizes)
        centres = np.sqrt(edges[:-1] * np.maximum(edges[1:] - 1, edges[:-1]))
        ok = counts > 0
        ax.loglog(centres[ok], density[ok], "o-", ms=4, color=COLORS[k % len(COLORS)], label=r.name)
    if not rows:
        plt.close(fig)
        return None, rows
    ax.set_xlabel("community size (members)")
    ax.set_ylabel("P(size), log-binned")
    if any_data:
        ax.legend(fontsize=8)
    fig.tight_layout()
    return fig, rows


def needs_figure(runs):
    cols = []
    for r in runs:
        df = r.final_agents
        if df is not None:
            cols += [c for c in NEED_COLUMNS if c in df.columns and c not in cols]
    if not cols:
        return None
    fig, axes = grid(len(cols), 4, w=2.8, h=2.2)
    for ax, c in zip(axes, cols):
        for k, r in enumerate(runs):
            df = r.final_agents
            if df is None or c not in df.columns:
                continue
            ax.hist(df[c], bins=np.linspace(0, 1, 26) if df[c].between(0, 1).all() else 25,
                    histtype="step", lw=1.3, density=True, color=COLORS[k % len(COLORS)],
                    label=r.name)
        ax.set_title(c, fontsize=9)
        ax.tick_params(labelsize=7)
    axes[0].legend(fontsize=7)
    fig.tight_layout()
    return fig


def platforms_figure(runs):
    shares = {}
    for r in runs:
        df = r.final_agents
        if df is not None and "platform" in df.columns:
            people = df[df["disinformation"] == 0] if "disinformation" in df.columns else df
            shares[r.name] = people["platform"].astype(int).value_counts(normalize=True).sort_index()
    if not shares:
        return None, None
    platforms = sorted({p for s in shares.values() for p in s.index})
    fig, ax = plt.subplots(figsize=(5.5, 3.4))
    width = 0.8 / len(shares)
    for k, (name, s) in enumerate(shares.items()):
        x = np.arange(len(platforms)) + k * width
        ax.bar(x, [s.get(p, 0.0) for p in platforms], width=width, color=COLORS[k % len(COLORS)],
               label=name)
    ax.set_xticks(np.arange(len(platforms)) + 0.4 - width / 2)
    ax.set_xticklabels(["mainstream (0)" if p == 0 else f"alternative {p}" for p in platforms],
                       fontsize=8)
    ax.set_ylabel("share of agents")
    ax.set_ylim(0, 1)
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig, (platforms, shares)


def platform_flow_table(run):
    """platforms.csv as a table: each platform's state at the end and its
    row of the cumulative migration flow matrix (moves from row to column)."""
    df = run.platforms
    targets = [c for c in df.columns if c.startswith("moves_to_")]
    header = ["platform", "share", "micro-identities", "radical share", "hostility"] + \
        [f"moved to {c[len('moves_to_'):]}" for c in targets]
    rows = []
    for _, p in df.iterrows():
        rows.append([("mainstream (0)" if int(p["platform"]) == 0 else f"alternative {int(p['platform'])}"),
                     float(p["share"]), str(int(p["micro_identities"])), float(p["radical_share"]),
                     float(p["hostility"])] + [str(int(p[c])) for c in targets])
    return (f"<p>{esc(run.name)}: platforms at the end and moves between them since the start "
            "(platforms.csv; row: from, column: to).</p>" +
            table(header, rows, numeric=tuple(range(2, len(header)))))


def read_network(path):
    """Edges (u, v) as two int arrays and the node count, from an export."""
    if path.name.endswith(".edges.txt"):
        n = None
        with open(path, encoding="utf-8") as f:
            first = f.readline()
        m = re.search(r"(\d+) nodes", first)
        if m:
            n = int(m.group(1))
        e = pd.read_csv(path, sep=r"\s+", comment="#", header=None, usecols=[0, 1],
                        names=["u", "v"], engine="c")
        u, v = e["u"].to_numpy(dtype=np.int64), e["v"].to_numpy(dtype=np.int64)
        if n is None:
            n = int(max(u.max(initial=-1), v.max(initial=-1)) + 1)
        return u, v, n
    import networkx as nx
    g = nx.read_graphml(path) if path.suffix == ".graphml" else nx.read_gexf(path)
    index = {node: i for i, node in enumerate(g.nodes())}
    # Our writers name nodes n<id>: keep the agent ids.
    if all(isinstance(k, str) and k[1:].isdigit() for k in index):
        index = {k: int(k[1:]) for k in index}
    u = np.array([index[a] for a, _ in g.edges()], dtype=np.int64)
    v = np.array([index[b] for _, b in g.edges()], dtype=np.int64)
    return u, v, max(index.values(), default=-1) + 1


def network_figure(run, max_nodes):
    import networkx as nx
    u, v, n = read_network(run.network_file)
    if len(u) == 0:
        return None, f"{run.network_file.name} has no edges."
    df = run.final_agents
    community = None
    if df is not None and "community" in df.columns and len(df) == n:
        community = df["community"].to_numpy().astype(int)
    rng = np.random.default_rng(1)
    if community is not None:
        # Stratified: members of the largest micro-communities, plus some
        # unaffiliated agents, so that the drawing shows the structure.
        ids, counts = np.unique(community[community >= 0], return_counts=True)
        top = ids[np.argsort(-counts)][:10]
        per = max(10, int(max_nodes * 0.85) // max(1, len(top)))
        picked = []
        for g in top:
            members = np.flatnonzero(community == g)
            picked.append(rng.choice(members, size=min(per, len(members)), replace=False))
        rest = np.flatnonzero(~np.isin(community, top))
        room = max(0, max_nodes - sum(len(p) for p in picked))
        picked.append(rng.choice(rest, size=min(room, len(rest)), replace=False))
        nodes = np.concatenate(picked)
    else:
        top = np.array([], dtype=int)
        nodes = rng.choice(n, size=min(n, max_nodes), replace=False)
    keep = np.zeros(n, dtype=bool)
    keep[nodes] = True
    mask = keep[u] & keep[v] & (u != v)
    g = nx.Graph()
    g.add_nodes_from(int(i) for i in nodes)
    g.add_edges_from(zip(u[mask].tolist(), v[mask].tolist()))
    g.remove_nodes_from([x for x in list(g.nodes()) if g.degree(x) == 0])
    if g.number_of_nodes() == 0:
        return None, "The sampled agents share no edges."
    pos = nx.spring_layout(g, seed=1, iterations=60, k=1.5 / math.sqrt(g.number_of_nodes()))
    fig, ax = plt.subplots(figsize=(7.5, 7.5))
    alpha = max(0.03, min(0.3, 300.0 / max(1, g.number_of_edges())))  # keep dense samples legible
    nx.draw_networkx_edges(g, pos, ax=ax, width=0.3, alpha=alpha, edge_color="#666666")
    # tab10 without its grey (grey marks other communities and the unaffiliated)
    tab = [plt.get_cmap("tab10")(i) for i in (0, 1, 2, 3, 4, 5, 6, 8, 9)] + ["#000080"]

    def palette(i):
        return tab[i % len(tab)]
    colors = []
    for x in g.nodes():
        if community is None:
            colors.append("#4c72b0")
            continue
        c = community[x]
        hit = np.flatnonzero(top == c)
        colors.append(palette(int(hit[0])) if hit.size else ("#bbbbbb" if c < 0 else "#777777"))
    nx.draw_networkx_nodes(g, pos, ax=ax, node_size=12, node_color=colors, linewidths=0)
    if community is not None:
        from matplotlib.lines import Line2D
        handles = [Line2D([], [], marker="o", ls="", color=palette(i),
                          label=f"micro-identity {int(c)}") for i, c in enumerate(top)]
        handles += [Line2D([], [], marker="o", ls="", color="#777777", label="other community"),
                    Line2D([], [], marker="o", ls="", color="#bbbbbb", label="unaffiliated")]
        ax.legend(handles=handles, fontsize=7, loc="upper right", framealpha=0.8)
    ax.set_axis_off()
    fig.tight_layout()
    note = (f"{g.number_of_nodes()} of {n} agents with {g.number_of_edges()} of {len(u)} edges "
            f"(from {run.network_file.name}); spring layout; colour = primary micro-community "
            f"(the 10 largest).")
    return fig, note


# ------------------------------------------------------------------ HTML ---

CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:0;color:#222;background:#fafafa}
header{background:#23395d;color:#fff;padding:16px 28px}header h1{margin:0;font-size:22px}
header p{margin:4px 0 0;opacity:.85;font-size:13px}
nav{position:sticky;top:0;background:#fff;border-bottom:1px solid #ddd;padding:6px 28px;z-index:2}
nav a{margin-right:14px;color:#23395d;text-decoration:none;font-size:14px}
main{padding:8px 28px 40px;max-width:1500px}
section{background:#fff;border:1px solid #e2e2e2;border-radius:6px;padding:4px 18px 14px;margin:16px 0}
h2{font-size:18px;border-bottom:1px solid #eee;padding-bottom:4px}
table{border-collapse:collapse;font-size:13px;margin:6px 0}
td,th{border:1px solid #ddd;padding:3px 8px;text-align:left}th{background:#f2f4f8}
td.num{text-align:right;font-variant-numeric:tabular-nums}
pre{background:#f6f8fa;border:1px solid #e5e5e5;padding:8px;font-size:12px;max-height:360px;overflow:auto}
figure{margin:8px 0}figure img{max-width:100%;height:auto;border:1px solid #eee}
figcaption{font-size:12px;color:#555}.file{color:#999}
.note{background:#fff8e1;border-left:4px solid #f0b400;padding:6px 10px;font-size:13px}
details summary{cursor:pointer;font-size:14px;margin:6px 0}
"""

JS = """
// Filter the metric summary table by name (no network access needed).
document.addEventListener('DOMContentLoaded', () => {
  const box = document.getElementById('metric-filter');
  if (!box) return;
  box.addEventListener('input', () => {
    const q = box.value.toLowerCase();
    for (const row of document.querySelectorAll('#metric-table tbody tr'))
      row.style.display = row.dataset.name.includes(q) ? '' : 'none';
  });
});
"""


def esc(x):
    return html.escape(str(x))


def note(text):
    return f'<p class="note">{esc(text)}</p>'


def table(header, rows, numeric=()):
    out = ["<table><thead><tr>" + "".join(f"<th>{esc(h)}</th>" for h in header) + "</tr></thead><tbody>"]
    for r in rows:
        cells = []
        for i, x in enumerate(r):
            if isinstance(x, float):
                cells.append(f'<td class="num">{x:.4g}</td>')
            else:
                cells.append(f'<td class="{"num" if i in numeric else ""}">{esc(x)}</td>')
        out.append("<tr>" + "".join(cells) + "</tr>")
    return "".join(out) + "</tbody></table>"


def phase_table(run):
    """Where the run's time went (run.json timings_seconds.phases), largest first."""
    t = run.info.get("timings_seconds", {})
    phases = [p for p in t.get("phases", []) if float(p.get("seconds", 0)) > 0]
    if not phases:
        return ""
    total = float(t.get("run") or 0) or sum(float(p["seconds"]) for p in phases)
    rows = [[p["phase"], float(p["seconds"]), 100.0 * float(p["seconds"]) / total]
            for p in sorted(phases, key=lambda p: -float(p["seconds"]))]
    return (f"<details><summary>Where the run time of {esc(run.name)} went "
            f"(run.json timings_seconds.phases)</summary>"
            + table(["phase", "seconds", "% of run"], rows) + "</details>")


def scenario_section_runs(runs):
    parts = []
    rows = []
    for r in runs:
        i = r.info
        t = i.get("timings_seconds", {})
        net = i.get("network", {})
        rows.append([r.name, i.get("model", "?"), i.get("seed", "?"), i.get("status", "?"),
                     i.get("steps_done", "?"), "yes" if i.get("converged") else "no",
                     net.get("nodes", "?"), net.get("edges", "?"),
                     float(t.get("setup", float("nan"))), float(t.get("run", float("nan"))),
                     float(t.get("write", float("nan"))), i.get("microcosm_version", "?"),
                     i.get("scenario_file", "?")])
    parts.append(table(["run", "model", "seed", "status", "steps", "converged", "nodes", "edges",
                        "setup s", "run s", "write s", "version", "scenario file"], rows,
                       numeric=(2, 4, 6, 7)))
    for r in runs:
        if r.network_file is not None:
            with open(r.network_file, encoding="utf-8", errors="replace") as f:
                head = f.readline().strip().lstrip("# ") if r.network_file.suffix == ".txt" else ""
            parts.append(f"<p>{esc(r.name)}: network export {esc(r.network_file.name)}"
                         f"{' (' + esc(head) + ')' if head else ''}</p>")
        tl = r.info.get("scenario", {})
        entries = [(s, e) for s in ("events", "interventions") for e in tl.get(s, [])]
        if entries:
            parts.append(f"<p>{esc(r.name)}: timeline</p>")
            parts.append(table(["section", "type", "start", "end", "target"],
                               [[s, e.get("type"), e.get("start"), e.get("end"), e.get("target")]
                                for s, e in entries]))
        parts.append(phase_table(r))
        parts.append(f"<details{' open' if len(runs) == 1 else ''}><summary>Resolved scenario of "
                     f"{esc(r.name)} (scenario.toml)</summary><pre>{esc(r.toml)}</pre></details>")
    return "".join(parts)


def scenario_section_db(db):
    s = db.sweep
    counts = db.runs["status"].value_counts().to_dict() if "status" in db.runs.columns else {}
    rows = [["database", str(db.path)], ["model", s.get("model", "?")],
            ["design", s.get("design", "?")], ["axes", ", ".join(db.axes) or "(none)"],
            ["runs", f"{len(db.runs)} ({', '.join(f'{k}: {v}' for k, v in counts.items())})"],
            ["parameter cells", db.done["cell_id"].nunique()],
            ["created", s.get("created", "?")], ["microcosm version", s.get("version", "?")]]
    if "run_s" in db.done.columns and len(db.done):
        rows.append(["run time per run (mean s)", float(db.done["run_s"].mean())])
    out = table(["", ""], rows)
    for key, title in (("resolved_toml", "Resolved base scenario"), ("sweep_toml", "Sweep file")):
        if s.get(key):
            out += f"<details><summary>{title}</summary><pre>{esc(s[key])}</pre></details>"
    return out


def metric_descriptions(runs):
    """Column -> what it measures, from the models' metric dictionaries that
    `microcosm report` passes in MICROCOSM_METRIC_INFO (empty when the script
    runs on its own)."""
    try:
        info = json.loads(os.environ.get("MICROCOSM_METRIC_INFO", "{}"))
    except json.JSONDecodeError:
        return {}
    out = {}
    for r in runs:
        out.update({k: v for k, v in info.get(r.info.get("model", ""), {}).items() if k not in out})
    return out


def metric_summary_runs(runs, names):
    described = metric_descriptions(runs)
    header = ["metric"] + [f"{r.name}: last" for r in runs] + [f"{r.name}: mean of last 10%" for r in runs]
    if described:
        header.append("what it measures")
    rows = []
    for name in names:
        row = [name]
        for r in runs:
            row.append(float(r.metrics[name].iloc[-1]) if name in r.metrics.columns else "")
        for r in runs:
            if name in r.metrics.columns:
                k = max(1, len(r.metrics) // 10)
                row.append(float(r.metrics[name].iloc[-k:].mean()))
            else:
                row.append("")
        if described:
            row.append(described.get(name, ""))
        rows.append(row)
    body = table(header, rows)
    body = body.replace("<table>", '<table id="metric-table">', 1)
    # data-name on each row for the filter box
    out, i = [], 0
    for chunk in body.split("<tr>"):
        if i > 1:
            chunk = f'<tr data-name="{esc(names[i - 2].lower())}">' + chunk
        elif i == 1:
            chunk = "<tr>" + chunk
        out.append(chunk)
        i += 1
    return ('<p><input id="metric-filter" placeholder="filter metrics" '
            'style="font-size:13px;padding:2px 6px"></p>' + "".join(out))


def build(args):
    inputs = [pathlib.Path(p) for p in args.inputs]
    db = None
    runs = []
    for p in inputs:
        if p.is_dir():
            if not (p / "metrics.csv").exists() or not (p / "run.json").exists():
                sys.exit(f"microcosm report: {p}: not a run directory (needs run.json and metrics.csv)")
            runs.append(Run(p))
        elif p.is_file():
            with open(p, "rb") as f:
                magic = f.read(16)
            if not magic.startswith(b"SQLite format 3"):
                sys.exit(f"microcosm report: {p}: neither a run directory nor a SQLite sweep database")
            if db is not None or len(inputs) > 1:
                sys.exit("microcosm report: give one sweep database, or one or more run directories")
            db = SweepDb(p)
        else:
            sys.exit(f"microcosm report: {p}: no such file or directory")

    if args.out:
        out = pathlib.Path(args.out)
    elif db is not None:
        out = db.path.with_name(db.path.name + ".report.html")
    else:
        out = runs[0].path / "report.html"
    out.parent.mkdir(parents=True, exist_ok=True)
    figs = Figures(out.with_name(out.stem + "_figures"))

    title = f"microcosm report: {db.name if db else ', '.join(r.name for r in runs)}"
    body = {}

    # scenario
    body["scenario"] = scenario_section_db(db) if db else scenario_section_runs(runs)

    # metrics
    if db:
        if db.metrics.empty or db.done.empty:
            body["metrics"] = note("The database holds no finished runs yet.")
        else:
            fig, names, cells, msg, reps = metrics_figure_db(db)
            data = figs.save(fig, "metrics")
            txt = (f"{len(names)} metrics; mean over replicates per parameter cell with a 95 % "
                   f"confidence band (t interval; a run that stopped early keeps its last value); replicates per cell: "
                   f"{int(reps.min())}–{int(reps.max())}. {msg}")
            body["metrics"] = f"<p>{esc(txt)}</p>" + figs.img(data, "metrics", "Metric time series")
    else:
        fig, names = metrics_figure_runs(runs)
        data = figs.save(fig, "metrics")
        body["metrics"] = (f"<p>{len(names)} metrics recorded over the run"
                           f"{'s' if len(runs) > 1 else ''}.</p>" + figs.img(data, "metrics", "Metric time series")
                           + metric_summary_runs(runs, names))

    no_agents = "A sweep database holds no per-agent state; report a run directory for this section." \
        if db else "No agents.csv in the run directory ([output] agents = false)."
    have_agents = (not db) and any(r.agents for r in runs)

    # opinions
    fig = opinions_figure(runs) if have_agents else None
    if fig is None:
        body["opinions"] = note(no_agents if not have_agents else "agents.csv has no opinion columns.")
    else:
        snaps = max(len(r.agents) for r in runs)
        txt = "Final opinion distribution per dimension" + \
            (f" at {snaps} snapshots." if snaps > 1 else " (densities).")
        body["opinions"] = f"<p>{esc(txt)}</p>" + figs.img(figs.save(fig, "opinions"), "opinions", "Opinions")

    # communities
    fig, rows = communities_figure(runs) if have_agents else (None, [])
    if not rows:
        body["communities"] = note(no_agents if not have_agents else
                                   "agents.csv has no community column (this model forms no communities).")
    else:
        parts = [table(["run", "communities", "affiliated share", "median size", "largest"], rows,
                       numeric=(1, 3, 4))]
        if fig is not None:
            parts.append(figs.img(figs.save(fig, "communities"), "communities",
                                  "Community size distribution (log-binned)"))
        else:
            parts.append(note("No agent belongs to a community."))
        body["communities"] = "".join(parts)

    # needs
    fig = needs_figure(runs) if have_agents else None
    body["needs"] = note(no_agents if not have_agents else "agents.csv has no needs or hostility columns.") \
        if fig is None else figs.img(figs.save(fig, "needs"), "needs", "Needs, frustration, hostility, trust")

    # platforms
    fig, info = platforms_figure(runs) if have_agents else (None, None)
    if fig is None:
        body["platforms"] = note(no_agents if not have_agents else "agents.csv has no platform column.")
    else:
        platforms, shares = info
        rows = [[name] + [float(s.get(p, 0.0)) for p in platforms] for name, s in shares.items()]
        body["platforms"] = table(["run"] + [f"platform {p}" for p in platforms], rows) + \
            figs.img(figs.save(fig, "platforms"), "platforms", "Platform shares at the end") + \
            "".join(platform_flow_table(r) for r in runs if r.platforms is not None and len(r.platforms) > 1)

    # network
    if db:
        body["network"] = note("A sweep database holds no networks; report a run directory with a "
                               "network export.")
    else:
        parts = []
        for k, r in enumerate(runs):
            if r.network_file is None:
                parts.append(note(f"{r.name}: no network export; add network_formats = [\"edgelist\"] "
                                  f"to [output] (or --set 'output.network_formats=[\"edgelist\"]')."))
                continue
            fig, msg = network_figure(r, args.max_network_nodes)
            if fig is None:
                parts.append(note(f"{r.name}: {msg}"))
                continue
            name = f"network_{k}" if len(runs) > 1 else "network"
            parts.append(f"<p>{esc(r.name)}: {esc(msg)}</p>" + figs.img(figs.save(fig, name), name,
                                                                         f"Network sample of {r.name}"))
        body["network"] = "".join(parts)

    nav = "".join(f'<a href="#{sid}">{esc(t)}</a>' for sid, t in SECTIONS)
    sections = "".join(f'<section id="{sid}"><h2>{esc(t)}</h2>{body[sid]}</section>' for sid, t in SECTIONS)
    subtitle = (f"sweep database {db.path}" if db else
                "run directories: " + ", ".join(str(r.path) for r in runs))
    page = (f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
            f"<title>{esc(title)}</title><style>{CSS}</style><script>{JS}</script></head><body>"
            f"<header><h1>{esc(title)}</h1><p>{esc(subtitle)}</p></header><nav>{nav}</nav>"
            f"<main>{sections}</main></body></html>\n")
    tmp = out.with_name(out.name + ".partial")
    tmp.write_text(page, encoding="utf-8")
    os.replace(tmp, out)
    return out, figs.files


def main(argv=None):
    p = argparse.ArgumentParser(prog="microcosm report", description=__doc__.split("\n\n")[0])
    p.add_argument("inputs", nargs="+", metavar="RUN_DIR_OR_DB")
    p.add_argument("--out", help="report file (default: RUN_DIR/report.html or DB.report.html)")
    p.add_argument("--max-network-nodes", type=int, default=600,
                   help="agents drawn in the network sample (default 600)")
    args = p.parse_args(argv)
    if args.max_network_nodes < 10:
        p.error("--max-network-nodes must be at least 10")
    out, files = build(args)
    print(f"report: {out} ({len(files)} figures in {out.with_name(out.stem + '_figures')})")


if __name__ == "__main__":
    main()
