"""Tone figure: net tone per era and lexicon with intervals."""

from __future__ import annotations

import pandas as pd

from .base import cjk_style, era_colours, figure_axes
from .labels import tr
from .shapes import grouped_bars, legend_below, parts_by


def plot_tone(summary: pd.DataFrame, order: list[str], ax=None):
    """Net tone per group for each lexicon, 95% intervals over sentences, n in legend.

    The grouping column is read from `summary.attrs["by"]` (a `textstat_tone` result).
    """
    by = summary.attrs["by"]
    names = list(dict.fromkeys(summary["lexicon"]))
    parts = parts_by(summary, by, order, "lexicon", names)
    with cjk_style():
        fig, ax = figure_axes(ax, figsize=(6.5, 3.9), layout="constrained")
        grouped_bars(ax, parts, "net_tone", era_colours(order), _legend(parts))
        ax.axhline(0, color="0.3", lw=0.8)
        ax.set_xticks(range(len(names)), names, fontsize=8)
        ax.tick_params(axis="y", labelsize=7)
        ax.set_ylim(-1.05, 1.05)
        ax.set_ylabel(tr("net tone (pos − neg) / (pos + neg)"), fontsize=8)
        legend_below(fig, ax)
        title = tr(
            "Net tone per {group} by lexicon, 95% bootstrap intervals over sentences",
            group=_group_word(by),
        )
        ax.set_title(title, fontsize=9)
    return fig


def _legend(parts: dict[str, pd.DataFrame]) -> dict[str, str]:
    """Each group's legend entry with its pieces and sentences."""
    return {
        g: tr(
            "{group} (n={pieces} pieces, {sentences} sentences)",
            group=g,
            pieces=p["pieces"].iloc[0],
            sentences=p["sentences"].iloc[0],
        )
        for g, p in parts.items()
    }


def _group_word(by: str) -> str:
    """The grouping column as a word of the current label edition."""
    return {"era": tr("era"), "doc_id": tr("piece")}.get(by, by)


def tone_data(summary: pd.DataFrame, order: list[str]) -> pd.DataFrame:
    """The bars: lexicon, group, net tone with its 95% interval, and the legend's n."""
    by = summary.attrs["by"]
    columns = {"ci_low": "ci95_low", "ci_high": "ci95_high"}
    keep = ["lexicon", by, "net_tone", *columns, "pieces", "sentences"]
    table = summary[summary[by].isin(order)][keep].rename(columns=columns)
    return table.round(2)
