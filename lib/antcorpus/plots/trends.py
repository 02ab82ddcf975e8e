"""Concept-group figures: rates per year as small multiples with intervals."""

from __future__ import annotations

import pandas as pd

from ..stats.trends import UNDATED
from ..text.glossary import gloss, glossed
from .base import cjk_style, figure_axes


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


def _trend_panel(
    ax, part, apart, feature: str, gap, value: str, colour: str, titles: dict | None
) -> None:
    """One feature's panel: dated and undated points, divider, title, y range."""
    _dated_points(ax, part, value, colour)
    _undated_points(ax, apart, value, gap)
    ax.axvline(gap - pd.DateOffset(months=10), color="0.8", ls="--", lw=0.8)
    ax.set_title(
        (titles or {}).get(feature)
        or (glossed(feature) if gloss(feature) else feature),
        fontsize=10,
    )
    top = max(part["ci_high"].max(), apart["ci_high"].max() if len(apart) else 0)
    ax.set_ylim(0, top * 1.3 if top > 0 else 1)
    ax.grid(axis="y", color="0.92")


def _year_ticks(axes, dated: pd.DataFrame, gap) -> None:
    """Year ticks (and the undated slot) on the bottom row of panels."""
    years = pd.date_range(
        f"{dated['x'].min().year}-01-01",
        f"{dated['x'].max().year + 1}-01-01",
        freq="YS",
    )
    for ax in axes[-1]:
        ax.set_xticks(
            list(years) + [gap],
            [str(y.year) for y in years] + [UNDATED],
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


def plot_trends(
    table: pd.DataFrame,
    features: list[str],
    title: str,
    colour: str = "#0072B2",
    value: str = "per_10k",
    ylabel: str = "per 10,000 content tokens",
    titles: dict | None = None,
    axes=None,
):
    """Small multiples: each feature's `value` per year on a date axis.

    95% intervals; n (pieces, tokens) above each point.
    """
    dated = table[table["year"] != UNDATED].assign(
        x=lambda t: pd.to_datetime(t["year"] + "-07-01")
    )
    undated = table[table["year"] == UNDATED]
    gap = dated["x"].max() + pd.DateOffset(years=2)
    with cjk_style():
        fig, axes = _panel_grid(axes, len(features))
        # the grid can hold more panels than features: the spare ones are switched off
        for ax, feature in zip(axes.flat, features, strict=False):
            part = dated[dated["feature"] == feature].sort_values("x")
            apart = undated[undated["feature"] == feature]
            _trend_panel(ax, part, apart, feature, gap, value, colour, titles)
        for ax in axes.flat[len(features) :]:
            ax.set_axis_off()
        _year_ticks(axes, dated, gap)
        fig.supylabel(ylabel)
        fig.suptitle(
            title + "\n(points: content year; bars: 95% bootstrap interval over units; "
            "n = pieces, tokens; hollow point right of the dashed line: "
            "undated pieces)",
            fontsize=9,
        )
    return fig
