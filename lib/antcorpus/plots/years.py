"""Years-mentioned figure: each piece against the years it talks about."""

from __future__ import annotations

import pandas as pd

from .base import COLUMN_IN, cjk_style, era_colours, figure_axes
from .labels import tr
from .trends import MAX_TICKS, tick_step


def _pieces(corpus: pd.DataFrame) -> pd.DataFrame:
    """The pieces in row order: undated first, then by content date."""
    return corpus.sort_values("date_start", na_position="first", kind="stable")


def _year_axes(ax, table, pieces: pd.DataFrame, dated: pd.DataFrame) -> None:
    """A row per piece (doc_id and era) and round years, at most MAX_TICKS."""
    labels = zip(pieces["doc_id"], pieces["era"], strict=True)
    ax.set_yticks(range(len(pieces)), [f"{d} ({n})" for d, n in labels])
    seen = [*table["year"], *dated["date_start"].dt.year]
    if seen:
        step = max(2, tick_step(min(seen), max(seen), most=MAX_TICKS))
        ax.set_xticks(range(min(seen) // step * step, max(seen) + step, step))
    ax.tick_params(labelsize=7.5)
    ax.set_xlabel(
        tr("year mentioned in the text (dot area = number of mentions)"), fontsize=8
    )


def plot_years(table: pd.DataFrame, corpus: pd.DataFrame, order: list[str], ax=None):
    """Each piece (rows, by content date) against years it mentions; size = mentions."""
    colours = era_colours(order)
    pieces = _pieces(corpus)
    ypos = {d: i for i, d in enumerate(pieces["doc_id"])}
    with cjk_style():
        size = (COLUMN_IN, 0.3 * len(pieces) + 1.4)
        fig, ax = figure_axes(ax, figsize=size, layout="constrained")
        ax.scatter(
            table["year"],
            table["doc_id"].map(ypos),
            s=20 * table["count"],
            c=[colours[e] for e in table["era"]],
            alpha=0.8,
            edgecolors="white",
        )
        dated = pieces[pieces["date_start"].notna()]
        ax.plot(
            dated["date_start"].dt.year,
            dated["doc_id"].map(ypos),
            ls="",
            marker="|",
            ms=11,
            mew=1.5,
            color="black",
            label=tr("the piece's own content year"),
        )
        _year_axes(ax, table, pieces, dated)
        ax.grid(axis="x", color="0.92")
        ax.legend(loc="lower left", fontsize=7.5)
        ax.set_title(tr("Which years each piece talks about"), fontsize=10)
    return fig


def years_data(table: pd.DataFrame, corpus: pd.DataFrame) -> pd.DataFrame:
    """What the figure marks: years mentioned (dots) and content years (bars)."""
    pieces = _pieces(corpus)
    dated = pieces[pieces["date_start"].notna()]
    marks = pd.concat(
        [
            table.assign(mark="year mentioned")[
                ["doc_id", "era", "mark", "year", "count"]
            ],
            dated.assign(mark="content year", year=dated["date_start"].dt.year)[
                ["doc_id", "era", "mark", "year"]
            ],
        ]
    )
    rank = {d: i for i, d in enumerate(pieces["doc_id"])}
    marks = marks.sort_values(
        ["doc_id", "year"],
        key=lambda c: c.map(rank) if c.name == "doc_id" else c,
        kind="stable",
    )
    return (
        marks.rename(columns={"count": "mentions"})
        .astype({"mentions": "Int64"})
        .reset_index(drop=True)
    )
