"""Years-mentioned figure: each piece against the years it talks about."""

from __future__ import annotations

import pandas as pd

from .base import COLUMN_IN, cjk_style, era_colours, figure_axes
from .labels import tr
from .scale import eras_present, scale_note, summarised
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
    """Each piece (rows, by content date) against years it mentions; size = mentions.

    Past MAX_PIECES_DRAWN pieces, a row per era instead (`plot_era_years`).
    """
    if summarised(len(corpus)):
        return plot_era_years(table, corpus, order, ax)
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


def era_years(table: pd.DataFrame, corpus: pd.DataFrame, order=None) -> pd.DataFrame:
    """Per era (in `order`, else as first seen) and year: mentions summed over its
    pieces and the pieces mentioning it, then the pieces with that content year."""
    eras = eras_present(corpus.set_index("doc_id")["era"], corpus["doc_id"], order)
    dated = corpus[corpus["date_start"].notna()]
    said = table.groupby(["era", "year"], sort=False).agg(
        mentions=("count", "sum"), pieces=("doc_id", "nunique")
    )
    own = dated.groupby(["era", dated["date_start"].dt.year.rename("year")]).size()
    marks = pd.concat(
        [
            said.reset_index().assign(mark="year mentioned"),
            own.rename("pieces").reset_index().assign(mark="content year"),
        ]
    )
    rank = {e: i for i, e in enumerate(eras)}
    marks = marks.sort_values(
        ["era", "mark", "year"],
        key=lambda c: c.map(rank) if c.name == "era" else c,
        ascending=[True, False, True],
        kind="stable",
    )
    marks = marks[["era", "mark", "year", "mentions", "pieces"]]
    marks = marks.astype({"mentions": "Int64", "year": int}).reset_index(drop=True)
    marks.attrs["eras"] = {e: int((corpus["era"] == e).sum()) for e in eras}
    return marks


def plot_era_years(table, corpus: pd.DataFrame, order: list[str], ax=None):
    """A row per era against the years its pieces mention; size = mentions."""
    marks = era_years(table, corpus, order)
    colours = era_colours(order)
    ypos = {e: i for i, e in enumerate(marks.attrs["eras"])}
    said = marks[marks["mark"] == "year mentioned"]
    own = marks[marks["mark"] == "content year"]
    with cjk_style():
        size = (COLUMN_IN, 0.45 * len(ypos) + 2.0)
        fig, ax = figure_axes(ax, figsize=size, layout="constrained")
        area = 200 * said["mentions"].astype(float) / max(said["mentions"].max(), 1)
        colour = [colours.get(e, "0.5") for e in said["era"]]
        y = said["era"].map(ypos)
        ax.scatter(said["year"], y, s=area, c=colour, alpha=0.8, edgecolors="white")
        label = tr("the piece's own content year")
        style = {"ls": "", "marker": "|", "ms": 11, "mew": 1.5, "color": "black"}
        ax.plot(own["year"], own["era"].map(ypos), label=label, **style)
        names = [f"{e} (n={n})" for e, n in marks.attrs["eras"].items()]
        ax.set_yticks(range(len(names)), names)
        ax.set_ylim(len(names) - 0.5, -0.5)
        _round_years(ax, marks["year"])
        ax.grid(axis="x", color="0.92")
        ax.legend(loc="lower left", fontsize=7.5)
        what = tr("a row per era; dot area = mentions summed over its pieces")
        title = tr("Which years each piece talks about")
        ax.set_title(f"{title}\n{scale_note(len(corpus), what)}", fontsize=10)
    return fig


def _round_years(ax, years: pd.Series) -> None:
    """Round years as ticks, at most MAX_TICKS; 7.5 pt labels."""
    if len(years):
        step = max(2, tick_step(years.min(), years.max(), most=MAX_TICKS))
        ax.set_xticks(range(years.min() // step * step, years.max() + step, step))
    ax.tick_params(labelsize=7.5)
    ax.set_xlabel(
        tr("year mentioned in the text (dot area = number of mentions)"), fontsize=8
    )


def years_data(table: pd.DataFrame, corpus: pd.DataFrame, order=None) -> pd.DataFrame:
    """What the figure marks: years mentioned (dots) and content years (bars).

    Past MAX_PIECES_DRAWN pieces, per era and year (`era_years`).
    """
    if summarised(len(corpus)):
        return era_years(table, corpus, order)
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
