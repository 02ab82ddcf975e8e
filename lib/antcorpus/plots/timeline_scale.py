"""The timeline past MAX_PIECES_DRAWN pieces: pieces counted per period, by era."""

from __future__ import annotations

import matplotlib.dates as mdates
import numpy as np
import pandas as pd

from .base import COLUMN_IN, cjk_style, era_colours, figure_axes
from .labels import tr
from .scale import eras_present, scale_note
from .trends import tick_step

PERIODS_MOST = 60  # periods on the date axis at most: months within 5 years, else years


def _day(year: int, month: int = 1) -> np.datetime64:
    """The first day of a month (any year, unlike pandas' nanosecond timestamps)."""
    return np.datetime64(f"{year:04d}-{month:02d}-01", "D")


def _periods(starts: pd.Series) -> tuple[list, list, str]:
    """Each start's period (first day, last day) and the axis label for the periods."""
    years, months = starts.dt.year.astype(int), starts.dt.month.astype(int)
    first, last = (int(years.min()), int(years.max())) if len(years) else (0, 0)
    if last - first < 5:
        begin = [_day(y, m) for y, m in zip(years, months, strict=True)]
        end = [b.astype("datetime64[M]") + 1 for b in begin]
        label = tr("pieces per month (by the date each piece's span begins)")
    else:
        step = tick_step(first, last, most=PERIODS_MOST)
        begin = [_day(y // step * step) for y in years]
        end = [_day(y // step * step + step) for y in years]
        label = (
            tr("pieces per year (by the year each piece's span begins)")
            if step == 1
            else tr(
                "pieces per {n} years (by the year each piece's span begins)", n=step
            )
        )
    ends = [np.datetime64(e, "D") - 1 for e in end]
    return begin, ends, label


def timeline_periods(table: pd.DataFrame, order: list[str] | None = None):
    """The summarised timeline's bars: era, panel, period, pieces and their tokens.

    Dated pieces are counted per period of their first possible day, undated ones per
    era; eras in `order` (else as first seen). `attrs["label"]` names the periods.
    """
    eras = eras_present(table.set_index("doc_id")["era"], table["doc_id"], order)
    dated = table[table["date_start"].notna()]
    begin, end, label = _periods(dated["date_start"])
    keys = {"begin": [str(b) for b in begin], "end": [str(e) for e in end]}
    rows = dated.assign(panel="dated", **keys)
    rows = pd.concat([rows, table[table["date_start"].isna()].assign(panel="undated")])
    grouped = rows.groupby(["panel", "era", "begin", "end"], dropna=False, sort=False)
    drawn = grouped["n_tokens"].agg(pieces="size", content_tokens="sum").reset_index()
    rank = {e: i for i, e in enumerate(eras)}
    drawn = drawn.sort_values(
        ["panel", "era", "begin"],
        key=lambda c: c.map(rank) if c.name == "era" else c,
        kind="stable",
    )
    columns = {"begin": "period_start_date", "end": "period_end_date"}
    kept = ["era", "panel", *columns.values(), "pieces", "content_tokens"]
    drawn = drawn.rename(columns=columns)[kept].reset_index(drop=True)
    drawn.attrs["label"] = label
    return drawn


def _stacked(ax, dated: pd.DataFrame, colours: dict) -> None:
    """A bar per era and period on a date axis, stacked in era order."""
    height: dict[float, int] = {}
    for era, part in dated.groupby("era", sort=False):
        left = mdates.date2num(np.array(part["period_start_date"], "datetime64[D]"))
        right = mdates.date2num(np.array(part["period_end_date"], "datetime64[D]"))
        below = [height.get(x, 0) for x in left]
        ax.bar(
            *(left, part["pieces"], right + 1 - left),
            bottom=below,
            align="edge",
            color=colours.get(era, "0.5"),
            label=era,
        )
        for x, n in zip(left, part["pieces"], strict=True):
            height[x] = height.get(x, 0) + n


def _date_axis(ax, dated: pd.DataFrame, label: str) -> None:
    """Round years as ticks (eight at most), the periods named under the axis."""
    years = [
        int(d[:4]) for d in (*dated["period_start_date"], *dated["period_end_date"])
    ]
    if years:
        step = tick_step(min(years), max(years), most=8)
        ax.xaxis.set_major_locator(mdates.YearLocator(step))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.tick_params(labelsize=8)
    ax.set_xlabel(label, fontsize=8)
    ax.grid(axis="y", color="0.9")


def _undated(ax, undated: pd.DataFrame, colours: dict) -> None:
    """Undated pieces per era as bars in a panel of their own."""
    rows = range(len(undated))
    colour = [colours.get(e, "0.5") for e in undated["era"]]
    ax.barh(rows, undated["pieces"], height=0.6, color=colour)
    ax.set_yticks(rows, list(undated["era"]), fontsize=7)
    ax.set_ylim(len(undated) - 0.5, -0.5)
    ax.set_title(tr("Undated pieces (no place on the date axis)"), fontsize=8)
    ax.set_xlabel(tr("pieces"), fontsize=8)
    ax.tick_params(axis="x", labelsize=8)


def plot_timeline_summary(table: pd.DataFrame, order: list[str], axes=None):
    """Dated pieces per period stacked by era; undated pieces per era below."""
    drawn = timeline_periods(table, order)
    colours = era_colours(order)
    dated = drawn[drawn["panel"] == "dated"]
    undated = drawn[drawn["panel"] == "undated"]
    with cjk_style():
        if axes is None and undated.empty:
            size = {"figsize": (COLUMN_IN, 3.4), "layout": "constrained"}
            (fig, ax), under = figure_axes(None, **size), None
        else:
            grid = {"nrows": 2, "gridspec_kw": {"height_ratios": [3, 1.6]}}
            size = {"figsize": (COLUMN_IN, 5.0), "layout": "constrained"}
            fig, (ax, under) = figure_axes(axes, **grid, **size)
        _stacked(ax, dated, colours)
        _date_axis(ax, dated, drawn.attrs["label"])
        ax.legend(title=tr("era"), loc="best", fontsize=7, title_fontsize=8)
        if under is not None and undated.empty:
            under.set_axis_off()
        elif under is not None:
            _undated(under, undated, colours)
        n = tr("{n} pieces", n=f"{len(table):,}")
        title = tr("The corpus on its content-date axis: {n}", n=n)
        what = tr("pieces counted per period, stacked by era")
        ax.set_title(f"{title}\n{scale_note(len(table), what)}", fontsize=10)
    return fig
