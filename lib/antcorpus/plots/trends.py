"""Concept-group figures: rates per year as small multiples with intervals."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..stats.trends import UNDATED
from ..text.glossary import gloss
from .base import COLUMN_IN, cjk_style, figure_axes
from .labels import term_label, tr

MAX_TICKS = 15  # year ticks on the time axis at most (every year up to this many)
PANEL_IN = 1.55  # height of a row of panels
LABEL_IN = 0.14  # the least room a rotated year label needs along the axis


def tick_step(first: int, last: int, most: int = MAX_TICKS) -> int:
    """Years between ticks: 1 when `most` ticks cover first..last, else 2, 5, 10, 20…"""
    steps = (s * 10**k for k in range(6) for s in (1, 2, 5))
    return next(s for s in steps if (last - first) // s + 1 <= most)


def bottom_panels(axes, n: int) -> list:
    """The lowest of the first `n` panels (filled row by row) in each column."""
    grid = np.atleast_2d(np.asarray(axes, dtype=object))
    cols = grid.shape[1]
    return [grid[(n - 1 - c) // cols, c] for c in range(min(n, cols))]


def year_positions(years: list[int], width_in: float) -> tuple[dict, bool]:
    """({year: x}, on a time axis?): years in time if their labels fit, else by rank."""
    if len(years) < 2:
        return {y: y + 0.5 for y in years}, True
    span = years[-1] - years[0] + max(2, (years[-1] - years[0]) // 8) + 1
    closest = min(b - a for a, b in zip(years, years[1:], strict=False))
    if closest * width_in / span >= LABEL_IN:
        return {y: y + 0.5 for y in years}, True
    return {y: float(i) for i, y in enumerate(years)}, False


def _undated_slot(xs: list[float], on_time: bool) -> tuple[float, float]:
    """(x of the undated slot, x of the dashed divider) right of the last year."""
    if not xs:
        return 0.0, -0.5
    if not on_time:
        return len(xs) - 0.2, len(xs) - 0.75
    gap = max(2, int(xs[-1] - xs[0]) // 8)
    return xs[-1] + gap, xs[-1] + gap * 7 / 12


def _points(ax, part: pd.DataFrame, x, value: str, colour, hollow=False) -> None:
    """Points with their 95% intervals; dated ones joined in time order."""
    ax.errorbar(
        x,
        part[value],
        yerr=[part[value] - part["ci_low"], part["ci_high"] - part[value]],
        fmt="o" if hollow else "o:",
        mfc="white" if hollow else colour,
        color="0.5" if hollow else colour,
        capsize=3,
        lw=1,
        ms=4.5,
    )


def _panel_title(feature: str, titles: dict | None, folder) -> str:
    """A panel's title: the caller's, else the feature with its gloss (if any)."""
    if (titles or {}).get(feature):
        return titles[feature]
    return term_label(feature, " ", folder) if gloss(feature, folder) else feature


def _trend_panel(ax, dated, undated, xs: dict, slot, value: str, colour) -> None:
    """One feature's panel: dated points, undated points in their slot, y range."""
    _points(ax, dated, dated["year"].map(xs), value, colour)
    if slot is not None and len(undated):
        _points(ax, undated, [slot[0]] * len(undated), value, colour, hollow=True)
    if slot is not None:
        ax.axvline(slot[1], color="0.8", ls="--", lw=0.8)
    top = max(dated["ci_high"].max(), undated["ci_high"].max() if len(undated) else 0)
    ax.set_ylim(0, top * 1.12 if top > 0 else 1)
    ax.tick_params(axis="y", labelsize=7.5)
    ax.grid(axis="y", color="0.92")


def year_label(year, row) -> str:
    """A year's tick: the year (or 'undated'), its pieces and its tokens."""
    what = tr("undated") if year == UNDATED else year
    return f"{what} · n={row.pieces} · {row.tokens:,}"


def _row(ax) -> int:
    """The grid row an axes sits in (0 outside a grid)."""
    spec = ax.get_subplotspec()
    return spec.rowspan.start if spec is not None else 0


def _year_ticks(axes, n: int, years: pd.DataFrame, xs: dict, slot, on_time) -> None:
    """Year ticks (pieces, tokens) under each column; round years as minor ticks.

    A column that ends above an empty slot hangs its labels into that slot, outside
    the layout, so they take no room from the row above.
    """
    ticks = [xs[y] for y in years.index if y != UNDATED]
    ticks += [slot[0]] if slot is not None and UNDATED in years.index else []
    labels = [year_label(y, r) for y, r in years.iterrows()]
    last_row = _row(bottom_panels(axes, n)[0])
    for ax in bottom_panels(axes, n):
        ax.xaxis.set_tick_params(labelbottom=True)
        ax.set_xticks(ticks, labels, fontsize=7, rotation=90)
        if _row(ax) < last_row:
            for label in ax.get_xticklabels():
                label.set_in_layout(False)
        if on_time and len(ticks) > 1:
            first, last = int(min(xs.values())), int(max(xs.values())) + 1
            step = tick_step(first, last)
            ax.set_xticks(range(-(-first // step) * step, last + 1, step), minor=True)


def _panel_grid(axes, n: int):
    """(figure, axes): the caller's axes, else n panels in one or two columns."""
    cols = 2 if n > 3 else 1
    rows = -(-n // cols)
    return figure_axes(
        axes,
        nrows=rows,
        ncols=cols,
        figsize=(COLUMN_IN, PANEL_IN * rows + 2.6),
        squeeze=False,
        sharex=True,
        layout="constrained",
    )


def _trend_title(title: str, undated: bool, on_time: bool) -> str:
    """The title and, below it, how to read the points, the intervals and the axis."""
    lines = [
        title,
        tr("points: content year; bars: 95% bootstrap interval over units"),
        tr("under each year: n pieces · content tokens"),
    ]
    if undated:
        lines.append(tr("hollow points right of the dashed line: undated pieces"))
    if not on_time:
        lines.append(tr("only years with pieces are drawn, side by side in order"))
    return "\n".join(lines)


def plot_trends(
    table: pd.DataFrame,
    features: list[str],
    title: str,
    colour: str = "#0072B2",
    value: str = "per_10k",
    ylabel: str | None = None,
    titles: dict | None = None,
    axes=None,
    folder=None,
):
    """Small multiples: each feature's `value` per year, 95% intervals.

    The years sit on a time axis when their labels have room there, else side by side
    in order; each year's label gives its pieces and tokens (the same for every
    feature). Years are four-digit strings (`stats.time_bin`); panel titles are glossed
    from the corpus `folder`'s glossary.
    """
    undated = table[table["year"] == UNDATED]
    dated = table[table["year"] != UNDATED].assign(year=lambda t: t["year"].astype(int))
    cols = 2 if len(features) > 3 else 1
    xs, on_time = year_positions(sorted(set(dated["year"])), COLUMN_IN / cols - 0.9)
    slot = _undated_slot(sorted(xs.values()), on_time) if len(undated) else None
    years = table.groupby("year", sort=True)[["pieces", "tokens"]].first()
    with cjk_style():
        fig, axes = _panel_grid(axes, len(features))
        for ax, feature in zip(axes.flat, features, strict=False):
            ax.set_title(_panel_title(feature, titles, folder), fontsize=8.5)
            this = dated[dated["feature"] == feature].sort_values("year")
            apart = undated[undated["feature"] == feature]
            _trend_panel(ax, this, apart, xs, slot, value, colour)
        for ax in axes.flat[len(features) :]:
            ax.set_axis_off()
        years.index = [int(y) if y != UNDATED else y for y in years.index]
        _year_ticks(axes, len(features), years, xs, slot, on_time)
        fig.supylabel(ylabel or tr("per 10,000 content tokens"), fontsize=8)
        fig.suptitle(_trend_title(title, slot is not None, on_time), fontsize=8.5)
    return fig


def trends_data(
    table: pd.DataFrame, value: str = "per_10k", name: str = "rate_per_10k_tokens"
) -> pd.DataFrame:
    """What the small multiples draw: point (as `name`), interval, pieces, tokens."""
    return pd.DataFrame(
        {
            "year": table["year"],
            "feature": table["feature"],
            name: table[value],
            "ci95_low": table["ci_low"],
            "ci95_high": table["ci_high"],
            "pieces": table["pieces"],
            "content_tokens": table["tokens"],
        }
    )
