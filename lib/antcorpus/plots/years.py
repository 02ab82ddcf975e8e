"""Years-mentioned figure: each piece against the years it talks about."""

from __future__ import annotations

import pandas as pd

from .base import cjk_style, era_colours, figure_axes
from .trends import MAX_TICKS, tick_step


def plot_years(table: pd.DataFrame, corpus: pd.DataFrame, order: list[str], ax=None):
    """Each piece (rows, by content date) against years it mentions; size = mentions."""
    colours = era_colours(order)
    pieces = corpus.sort_values("date_start", na_position="first", kind="stable")
    ypos = {d: i for i, d in enumerate(pieces["doc_id"])}
    with cjk_style():
        fig, ax = figure_axes(ax, figsize=(10, 0.45 * len(pieces) + 1.6))
        ax.scatter(
            table["year"],
            table["doc_id"].map(ypos),
            s=30 * table["count"],
            c=[colours[e] for e in table["era"]],
            alpha=0.8,
            edgecolors="white",
        )
        dated = pieces[pieces["date_start"].notna()]
        ax.scatter(
            dated["date_start"].dt.year,
            dated["doc_id"].map(ypos),
            marker="|",
            s=250,
            c="black",
            linewidths=2,
            label="the piece's own content year",
        )
        labels = zip(pieces["doc_id"], pieces["era"], strict=True)
        ax.set_yticks(range(len(pieces)), [f"{d} ({n})" for d, n in labels], fontsize=8)
        seen = [*table["year"], *dated["date_start"].dt.year]
        if seen:
            step = max(2, tick_step(min(seen), max(seen), most=2 * MAX_TICKS))
            ax.set_xticks(range(min(seen) // step * step, max(seen) + step, step))
        ax.set_xlabel("year mentioned in the text (dot area = number of mentions)")
        ax.grid(axis="x", color="0.92")
        ax.legend(loc="lower left", fontsize=8)
        ax.set_title("Which years each piece talks about")
    return fig
