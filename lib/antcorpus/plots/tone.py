"""Tone figure: net tone per era and lexicon with intervals."""

from __future__ import annotations

import pandas as pd

from .base import cjk_style, era_colours, figure_axes
from .shapes import grouped_bars, parts_by


def plot_tone(summary: pd.DataFrame, order: list[str], ax=None):
    """Net tone per group for each lexicon, 95% intervals over sentences, n in legend.

    The grouping column is read from `summary.attrs["by"]` (a `textstat_tone` result).
    """
    by = summary.attrs["by"]
    names = list(dict.fromkeys(summary["lexicon"]))
    parts = parts_by(summary, by, order, "lexicon", names)
    legend = {
        g: f"{g} (n={p['pieces'].iloc[0]} pieces, {p['sentences'].iloc[0]} sentences)"
        for g, p in parts.items()
    }
    with cjk_style():
        fig, ax = figure_axes(ax, figsize=(8, 4))
        grouped_bars(ax, parts, "net_tone", era_colours(order), legend)
        ax.axhline(0, color="0.3", lw=0.8)
        ax.set_xticks(range(len(names)), names)
        ax.set_ylim(-1.05, 1.05)
        ax.set_ylabel("net tone (pos − neg) / (pos + neg)")
        ax.legend(fontsize=7, loc="lower left")
        ax.set_title(
            f"Tone per {by} by lexicon, 95% bootstrap intervals over sentences"
        )
    return fig
