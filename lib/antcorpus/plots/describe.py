"""Corpus-description figures: timeline, era balance and the cleaning heatmap."""

from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from .base import cjk_style, era_colours, figure_axes
from .shapes import annotated_heatmap


def piece_label(row, width: int = 16) -> str:
    """Two-line label: the doc_id, then the title as published, cut to `width` chars."""
    title = row.title if len(row.title) <= width else row.title[: width - 1] + "…"
    return f"{row.doc_id}\n{title}"


def year_step(years: float, most: int = 12) -> int:
    """A round number of years between ticks, so an axis of `years` has <= `most`."""
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if years / step <= most:
            return step
    return int(np.ceil(years / most / 1000) * 1000)


def _dated_bars(ax, dated: pd.DataFrame, colours: dict) -> None:
    """Dated pieces as bars over their date span, token counts beside, year axis.

    A bar is at least 20 days (or 1/200 of the axis) wide so a day-dated piece shows;
    ticks fall on round years, at most a dozen over the axis.
    """
    span = (
        mdates.date2num(dated["date_end"].max() + pd.Timedelta(days=1))
        - mdates.date2num(dated["date_start"].min())
        if len(dated)
        else 0.0
    )
    for y, row in enumerate(dated.itertuples()):
        start, end = (
            mdates.date2num(row.date_start),
            mdates.date2num(row.date_end + pd.Timedelta(days=1)),
        )
        ax.barh(
            y,
            max(end - start, 20, span / 200),
            left=start,
            height=0.6,
            color=colours[row.era],
        )
        ax.text(
            end + max(25, span / 150),
            y,
            f"{row.n_tokens:,} tokens",
            va="center",
            fontsize=8,
            color="0.3",
        )
    ax.set_yticks(
        range(len(dated)), [piece_label(r) for r in dated.itertuples()], fontsize=8
    )
    ax.xaxis.set_major_locator(mdates.YearLocator(year_step(span / 365.25)))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.set_xlabel(
        "content date (bar = the span the catalogued date allows: "
        "a day, a month or a year)"
    )
    ax.grid(axis="x", color="0.9")


def _undated_bars(side, dated: pd.DataFrame, undated: pd.DataFrame, colour) -> None:
    """Undated pieces as token bars in the side panel, level with the top rows."""
    rows = [len(dated) - 1 - i for i in range(len(undated))]  # top rows, same height
    side.barh(rows, undated["n_tokens"], height=0.6, color=colour)
    side.set_ylim(-0.5, max(len(dated), len(undated)) - 0.5)
    side.set_yticks(rows, [piece_label(r) for r in undated.itertuples()], fontsize=8)
    side.yaxis.tick_right()
    side.set_title("undated (not placed)", fontsize=9)
    side.set_xlabel("tokens")


def _era_legend(ax, table: pd.DataFrame, order: list[str], colours: dict) -> None:
    """Legend of the eras present, in catalog order."""
    handles = [
        plt.Rectangle((0, 0), 1, 1, color=colours[e])
        for e in order
        if e in set(table["era"])
    ]
    ax.legend(
        handles,
        [e for e in order if e in set(table["era"])],
        title="era",
        loc="lower left",
        fontsize=8,
    )


def plot_timeline(table: pd.DataFrame, order: list[str], axes=None):
    """Pieces on a content-date axis, undated pieces apart.

    A bar spans the date's precision. Undated pieces get a side panel (none when every
    piece is dated, unless the caller passes two axes).
    """
    colours = era_colours(order)
    dated = table[table["date_start"].notna()].sort_values(
        "date_start", ascending=False
    )
    undated = table[table["date_start"].isna()]
    with cjk_style():
        if axes is None and undated.empty:  # no side panel for undated pieces
            fig, ax = figure_axes(None, figsize=(8.5, 0.6 * len(table) + 1.6))
            side = None
        else:
            fig, (ax, side) = figure_axes(
                axes,
                nrows=1,
                ncols=2,
                figsize=(10, 0.6 * len(table) + 1.6),
                sharey=False,
                gridspec_kw={"width_ratios": [5, 1.2]},
            )
        _dated_bars(ax, dated, colours)
        if side is not None and undated.empty:
            side.set_axis_off()
        elif side is not None:
            _undated_bars(side, dated, undated, colours["undated"])
        _era_legend(ax, table, order, colours)
        ax.set_title(
            f"The corpus on its content-date axis: {len(table)} pieces "
            "from the seed files"
        )
    return fig


def plot_cleaning(wide: pd.DataFrame, ax=None):
    """Heatmap of instances each cleaning step changed per piece, counts printed."""
    changed = wide.sum() > 0
    steps = wide.loc[:, changed] if changed.any() else wide
    with cjk_style():
        size = (1.0 * steps.shape[1] + 3, 0.45 * len(steps) + 1.8)
        fig, ax = figure_axes(ax, figsize=size)
        values = steps.to_numpy()
        annotated_heatmap(
            ax,
            np.log1p(values),
            values,
            lambda v: f"{v:,}" if v else "·",
            lambda v: "white" if v > 300 else "black",
            cmap="Blues",
            aspect="auto",
        )
        ax.set_xticks(
            range(steps.shape[1]),
            [s.replace("_", " ") for s in steps.columns],
            rotation=35,
            ha="right",
        )
        ax.set_yticks(range(len(steps)), steps.index)
        ax.set_title(
            "Cleaning: instances each rule changed per piece "
            "(shade on a log scale; · = none)"
        )
    return fig


def plot_era_balance(balance: pd.DataFrame, order: list[str], ax=None):
    """Content tokens per era, each bar annotated with pieces and share of tokens."""
    colours = era_colours(order)
    rows = balance.iloc[::-1]
    with cjk_style():
        fig, ax = figure_axes(ax, figsize=(7, 0.5 * len(rows) + 1.4))
        ax.barh(
            rows["era"],
            rows["tokens"],
            color=[colours.get(e, "0.6") for e in rows["era"]],
        )
        for y, row in enumerate(rows.itertuples()):
            plural = "s" if row.pieces != 1 else ""
            note = f"{row.pieces} piece{plural}, {row.token_share:.0%}"
            note += (
                f" ({row.machine_pieces} machine-written)" if row.machine_pieces else ""
            )
            ax.text(row.tokens, y, "  " + note, va="center", fontsize=8)
        ax.set_xlim(0, rows["tokens"].max() * 1.6)
        ax.set_xlabel("content tokens (after stopwords)")
        ax.set_title("Era balance: how much text stands behind each era")
    return fig
