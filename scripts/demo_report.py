#!/usr/bin/python3
"""Compares two micro-identity runs (e.g. chronological vs engagement feeds):
prints the key observables averaged over the last 30 days and writes a
figure of their time series. Usage: demo_report.py RUN_A RUN_B OUT.png"""
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

METRICS = [
    ("affiliated_share", "share in a micro-community"),
    ("micro_identities", "micro-identities (>= 5 members)"),
    ("closed_echo_share", "closed echo-chamber share"),
    ("echo_chamber", "echo-chamber index (follow graph)"),
    ("modularity_identity", "modularity by identity"),
    ("hostility", "mean hostility"),
    ("radical_share", "radical share"),
    ("x0_variance", "variance of the main issue"),
    ("esteban_ray", "Esteban-Ray polarization"),
]


def at_end(df, column, window=30):
    last = df["step"].max()
    return df.loc[df["step"] > last - window, column].mean()


def main(run_a, run_b, out_png):
    a = pd.read_csv(f"{run_a}/metrics.csv")
    b = pd.read_csv(f"{run_b}/metrics.csv")
    name_a, name_b = run_a.rstrip("/").split("/")[-1], run_b.rstrip("/").split("/")[-1]
    print(f"{'observable (mean of the last 30 days)':42s} {name_a:>14s} {name_b:>14s}")
    for column, label in METRICS:
        print(f"{label:42s} {at_end(a, column):14.4f} {at_end(b, column):14.4f}")
    fig, axes = plt.subplots(3, 3, figsize=(12, 9), sharex=True)
    for ax, (column, label) in zip(axes.flat, METRICS):
        ax.plot(a["step"], a[column], label=name_a)
        ax.plot(b["step"], b[column], label=name_b)
        ax.set_title(label, fontsize=10)
    axes[0, 0].legend()
    for ax in axes[-1]:
        ax.set_xlabel("day")
    fig.tight_layout()
    fig.savefig(out_png, dpi=110)
    print(f"figure: {out_png}")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
