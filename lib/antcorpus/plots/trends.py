"""Concept-group figures: rates per year as small multiples with intervals."""

from __future__ import annotations

import pandas as pd

from ..stats.trends import UNDATED
from ..text.glossary import gloss, glossed
from .base import cjk_style, figure_axes

MAX_TICKS = 15  # year ticks on the time axis at most (every year up to this many)


def _annotate_n(ax, p, x) -> None:
    """Write "n=pieces" and the token count just above a point's interval."""
    ax.annotate(
        f"n={p.pieces}\n{p.tokens:,}",
        (x, p.ci_high),
        textcoords="offset points",
        xytext=(0, 3),
        ha="center",
        fontsize=6,
        color="0.4",
    )


def _dated_points(ax, part: pd.DataFrame, value: str, colour: str) -> None:
    """One feature's dated points with their intervals, joined, and n above each."""
    ax.errorbar(
        part["x"],
        part[value],
        yerr=[part[value] - part["ci_low"], part["ci_high"] - part[value]],
        fmt="o:",
        color=colour,
        capsize=3,
        lw=1,
    )
    for p in part.itertuples():
        _annotate_n(ax, p, p.x)


def _undated_points(ax, apart: pd.DataFrame, value: str, gap) -> None:
    """One feature's undated pieces as hollow points at `gap`, n above each."""
    for p in apart.itertuples():
        v = getattr(p, value)
        ax.errorbar(
            [gap],
            [v],
            yerr=[[v - p.ci_low], [p.ci_high - v]],
            fmt="o",
            mfc="white",
            color="0.5",
            capsize=3,
        )
        _annotate_n(ax, p, gap)


def _trend_panel(ax, part, apart, feature: str, gap, value: str, colour: str, labels):
    """One feature's panel: dated and undated points, divider, title, y range.

    `gap` is (x of the undated slot, x of the divider), or None without undated pieces.
    """
    _dated_points(ax, part, value, colour)
    if gap is not None:
        _undated_points(ax, apart, value, gap[0])
        ax.axvline(gap[1], color="0.8", ls="--", lw=0.8)
    titles, folder = labels
    ax.set_title(
        (titles or {}).get(feature)
        or (glossed(feature, folder=folder) if gloss(feature, folder) else feature),
        fontsize=10,
    )
    top = max(part["ci_high"].max(), apart["ci_high"].max() if len(apart) else 0)
    ax.set_ylim(0, top * 1.3 if top > 0 else 1)
    ax.grid(axis="y", color="0.92")


def tick_step(first: int, last: int, most: int = MAX_TICKS) -> int:
    """Years between ticks: 1 when `most` ticks cover first..last, else 2, 5, 10, 20…"""
    steps = (s * 10**k for k in range(6) for s in (1, 2, 5))
    return next(s for s in steps if (last - first) // s + 1 <= most)


def _year_ticks(axes, dated: pd.DataFrame, gap) -> None:
    """Year ticks (and the undated slot, if any) on the bottom row of panels."""
    first, last = dated["x"].min().year, dated["x"].max().year + 1
    step = tick_step(first, last)
    years = list(range(-(-first // step) * step, last + 1, step))
    ticks = [pd.Timestamp(year=y, month=1, day=1) for y in years]
    slot = [] if gap is None else [gap[0]]
    for ax in axes[-1]:
        ax.set_xticks(
            ticks + slot,
            [str(y) for y in years] + [UNDATED] * len(slot),
            fontsize=7,
            rotation=90,
        )


def _panel_grid(axes, n: int):
    """(figure, axes): the caller's axes, else n panels in one or two columns."""
    cols = 2 if n > 3 else 1
    rows = -(-n // cols)
    return figure_axes(
        axes,
        nrows=rows,
        ncols=cols,
        figsize=(6.2 * cols, 2.5 * rows + 0.8),
        squeeze=False,
        sharex=True,
    )


def _undated_slot(dated: pd.DataFrame, undated: pd.DataFrame):
    """(x of the undated slot, x of the dashed divider), or None without undated pieces.

    The slot sits an eighth of the dated span (two years at least) right of the last
    point, the divider five-twelfths of that gap before it.
    """
    if undated.empty:
        return None
    span = dated["x"].max().year - dated["x"].min().year
    years = max(2, span // 8)
    gap = dated["x"].max() + pd.DateOffset(years=years)
    return gap, gap - pd.DateOffset(months=5 * years)


def plot_trends(
    table: pd.DataFrame,
    features: list[str],
    title: str,
    colour: str = "#0072B2",
    value: str = "per_10k",
    ylabel: str = "per 10,000 content tokens",
    titles: dict | None = None,
    axes=None,
    folder=None,
):
    """Small multiples: each feature's `value` per year on a date axis.

    95% intervals; n (pieces, tokens) above each point. Years are four-digit strings
    (`stats.time_bin`); panel titles are glossed from the corpus `folder`'s glossary.
    """
    dated = table[table["year"] != UNDATED].assign(
        x=lambda t: pd.to_datetime(t["year"] + "-07-01", format="%Y-%m-%d")
    )
    undated = table[table["year"] == UNDATED]
    gap = _undated_slot(dated, undated)
    with cjk_style():
        fig, axes = _panel_grid(axes, len(features))
        # the grid can hold more panels than features: the spare ones are switched off
        for ax, feature in zip(axes.flat, features, strict=False):
            part = dated[dated["feature"] == feature].sort_values("x")
            apart = undated[undated["feature"] == feature]
            labels = (titles, folder)
            _trend_panel(ax, part, apart, feature, gap, value, colour, labels)
        for ax in axes.flat[len(features) :]:
            ax.set_axis_off()
        _year_ticks(axes, dated, gap)
        fig.supylabel(ylabel)
        note = (
            "; hollow point right of the dashed line: undated pieces"
            if gap is not None
            else ""
        )
        fig.suptitle(
            title + "\n(points: content year; bars: 95% bootstrap interval over units; "
            f"n = pieces, tokens{note})",
            fontsize=9,
        )
    return fig
