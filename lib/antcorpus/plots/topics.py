"""Topic-model figures: the k sweep, share heatmaps and share bars with intervals."""

from __future__ import annotations

from textwrap import fill

import pandas as pd

from .base import cjk_style, era_colours, figure_axes
from .shapes import annotated_heatmap, grouped_bars, parts_by

SWEEP_PANELS = {
    "c_npmi": "coherence c_npmi (higher is better)",
    "u_mass": "coherence u_mass (higher is better)",
    "stability": "stability: mean best-match Jaccard\nof top-10 words across seeds",
}


def plot_sweep(sweep: pd.DataFrame, chosen: int, axes=None):
    """c_npmi, u_mass and stability against k (mean and range over seeds), chosen k."""
    stats = sweep.groupby("k")[list(SWEEP_PANELS)].agg(["mean", "min", "max"])
    with cjk_style():
        fig, axes = figure_axes(axes, nrows=1, ncols=3, figsize=(13, 3.8))
        for ax, (metric, name) in zip(axes, SWEEP_PANELS.items(), strict=True):
            m = stats[metric]
            ax.fill_between(
                m.index,
                m["min"],
                m["max"],
                color="#0072B2",
                alpha=0.15,
                label="range over seeds",
            )
            ax.plot(m.index, m["mean"], "o-", color="#0072B2", label="mean over seeds")
            ax.axvline(chosen, color="#D55E00", ls="--", label=f"chosen k = {chosen}")
            ax.set_xlabel("number of topics k")
            ax.set_title(name, fontsize=9)
            ax.set_xticks(list(m.index))
        axes[0].legend(fontsize=7)
        fig.suptitle(f"Choosing k: {sweep['seed'].nunique()} seeds per k", fontsize=10)
    return fig


def plot_heatmap(shares: pd.DataFrame, labels: list[str], ax=None):
    """Pieces (or eras) x topics, shade = share, value printed in each cell.

    The grouping column is read from `shares.attrs["by"]` (a `topic_shares` result).
    """
    index = shares.attrs["by"]
    table = shares.pivot(index=index, columns="feature", values="share")
    topics = [f"T{i}" for i in range(1, len(labels) + 1)]
    table = table[topics].reindex(list(dict.fromkeys(shares[index])))
    values = table.to_numpy()
    with cjk_style():
        fig, ax = figure_axes(
            ax, figsize=(1.1 * table.shape[1] + 4, 0.42 * len(table) + 2)
        )
        annotated_heatmap(
            ax,
            values,
            values,
            lambda v: f"{v:.0%}",
            lambda v: "white" if v > 0.35 else "black",
            cmap="Blues",
            vmin=0,
            vmax=max(0.5, values.max()),
            aspect="auto",
        )
        ticks = [
            f"{c}\n{fill(lab, 16)}"
            for c, lab in zip(table.columns, labels, strict=True)
        ]
        ax.set_xticks(range(table.shape[1]), ticks, fontsize=7)
        ax.set_yticks(range(len(table)), table.index, fontsize=8)
        ax.set_title("Topic shares (token-weighted mean of unit proportions)")
    return fig


def plot_share_bars(shares: pd.DataFrame, order: list[str], labels: list[str], ax=None):
    """Grouped bars: each topic's share per group, 95% intervals and n in the legend."""
    by = shares.attrs["by"]
    topics = [f"T{i}" for i in range(1, len(labels) + 1)]
    parts = parts_by(shares, by, order, "feature", topics)
    legend = {
        g: f"{g} (n={p['pieces'].iloc[0]} pieces, {p['tokens'].iloc[0]:,} tokens)"
        for g, p in parts.items()
    }
    with cjk_style():
        fig, ax = figure_axes(ax, figsize=(1.6 * len(topics) + 2, 4.2))
        grouped_bars(ax, parts, "share", era_colours(order), legend)
        ticks = [f"{t}\n{fill(lab, 18)}" for t, lab in zip(topics, labels, strict=True)]
        ax.set_xticks(range(len(topics)), ticks, fontsize=7)
        ax.set_ylabel("topic share (token-weighted)")
        ax.legend(fontsize=7)
        ax.set_title("Topic shares per era, with 95% bootstrap intervals over units")
    return fig
