"""Lexical-diversity figure: TTR and MATTR against length, per piece."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.transforms import Bbox

from .base import COLUMN_IN, cjk_style, era_colours, figure_axes
from .labels import tr
from .scale import scale_note, summarised

# Round lengths for the log axis: 1-2-5 steps, finer when that leaves under three.
LENGTH_TICKS = (
    [m * 10**k for k in range(1, 7) for m in (1, 2, 5)],
    [m * 10**k for k in range(1, 7) for m in (1, 1.5, 2, 3, 5, 7)],
)
# Where a point's label may go, in points from the point: right, below right, left,
# below left, above, below.
OFFSETS = (
    (4, 1, "left"),
    (4, -9, "left"),
    (-4, 1, "right"),
    (-4, -9, "right"),
    (0, 5, "center"),
    (0, -13, "center"),
)
DOT_PT = 3.0  # half the width of a point, in points


def point_label(doc_id: str) -> str:
    """A piece's label beside its point: the first three parts of its doc_id."""
    return "-".join(doc_id.split("-")[:3])


def _place_label(ax, text: str, xy, placed: list, renderer) -> None:
    """Label `xy` on the first side inside the axes and clear of what is `placed`."""
    inside = ax.get_window_extent(renderer)
    for dx, dy, ha in OFFSETS:
        note = ax.annotate(
            text, xy, xytext=(dx, dy), textcoords="offset points", ha=ha, fontsize=7
        )
        box = note.get_window_extent(renderer)
        free = not any(box.overlaps(b) for b in placed)
        if (
            free
            and inside.fully_contains(box.x0, box.y0)
            and inside.fully_contains(box.x1, box.y1)
        ):
            placed.append(box)
            return
        note.remove()
    ax.annotate(text, xy, xytext=OFFSETS[0][:2], textcoords="offset points", fontsize=7)


def _length_ticks(low: float, high: float) -> list[float]:
    """Round lengths in [low, high] for a log axis, finer steps when 1-2-5 gives < 3."""
    for ticks in LENGTH_TICKS:
        inside = [t for t in ticks if low <= t <= high]
        if len(inside) >= 3:
            break
    return inside


def _lexdiv_panel(ax, table: pd.DataFrame, column: str, name: str, colour) -> None:
    """One measure against length on a log axis (points labelled later)."""
    dots = {"s": 6, "alpha": 0.6, "lw": 0} if summarised(len(table)) else {"s": 25}
    ax.scatter(table["tokens"], table[column], c=colour, **dots)
    low, high = table["tokens"].min() * 0.8, table["tokens"].max() * 1.6
    ticks = _length_ticks(low, high)
    ax.set_xscale("log")
    ax.set_xticks(ticks, [f"{t:,g}" for t in ticks])
    ax.set_xticks([], minor=True)
    ax.set_xlim(low, high)
    ax.tick_params(labelsize=7.5)
    ax.set_title(name, fontsize=9)
    ax.set_ylabel(tr("diversity"), fontsize=8)


def _dot_boxes(ax, table: pd.DataFrame, column: str) -> list:
    """The display boxes of the points, for labels to keep clear of."""
    half = DOT_PT * ax.figure.dpi / 72
    xy = ax.transData.transform(table[["tokens", column]].to_numpy(float))
    return [Bbox.from_extents(x - half, y - half, x + half, y + half) for x, y in xy]


def _label_points(ax, table: pd.DataFrame, column: str) -> None:
    """Each point's piece beside it, placed once the layout is done, highest first."""
    ax.figure.draw_without_rendering()
    renderer, placed = ax.figure.canvas.get_renderer(), _dot_boxes(ax, table, column)
    for row in table.sort_values(column, ascending=False).itertuples():
        xy = (row.tokens, getattr(row, column))
        _place_label(ax, point_label(row.doc_id), xy, placed, renderer)


def _era_legend(fig, present: list[str], colours: dict) -> None:
    """The eras' colours in one row under the panels."""
    handles = [plt.Line2D([], [], marker="o", ls="", color=colours[e]) for e in present]
    fig.legend(
        handles,
        present,
        loc="outside lower center",
        ncols=len(present),
        fontsize=7,
        title=tr("era"),
        title_fontsize=7.5,
    )


def plot_lexdiv(table: pd.DataFrame, eras: pd.Series, order: list[str], axes=None):
    """TTR and MATTR against length, one above the other; MATTR depends less on it.

    The MATTR window comes from `table.attrs`. Past MAX_PIECES_DRAWN pieces the
    points are smaller and unlabelled, as the title says.
    """
    window = table.attrs["window"]
    colours = era_colours(order)
    colour = [colours.get(eras[d], "0.5") for d in table["doc_id"]]
    names = [tr("type-token ratio"), tr("MATTR (window {n})", n=window)]
    with cjk_style():
        size = (COLUMN_IN, 5.6)
        grid = dict(nrows=2, ncols=1, sharex=True, layout="constrained")
        fig, axes = figure_axes(axes, figsize=size, **grid)
        # caller-supplied axes may be more than the two panels; extra ones stay empty
        for ax, column, name in zip(
            axes, ["ttr", f"mattr_{window}"], names, strict=False
        ):
            _lexdiv_panel(ax, table, column, name, colour)
        axes[1].set_xlabel(tr("content tokens in the piece (log scale)"), fontsize=8)
        _era_legend(fig, [e for e in order if e in set(eras)], colours)
        title = tr(
            "Lexical diversity per piece: TTR depends on length, MATTR much less"
        )
        if summarised(len(table)):
            what = tr("a point per piece, unlabelled")
            title += "\n" + scale_note(len(table), what)
        fig.suptitle(title, fontsize=10)
        for ax, column in zip(axes, ["ttr", f"mattr_{window}"], strict=False):
            if not summarised(len(table)):
                _label_points(ax, table, column)
    return fig


def lexdiv_data(table: pd.DataFrame, eras: pd.Series) -> pd.DataFrame:
    """What the two panels draw: each piece's length, TTR and MATTR, label and era.

    Past MAX_PIECES_DRAWN pieces the points are unlabelled: `label` is empty.
    """
    window = table.attrs["window"]
    labels = table["doc_id"].map(point_label)
    return pd.DataFrame(
        {
            "doc_id": table["doc_id"],
            "label": "" if summarised(len(table)) else labels,
            "era": table["doc_id"].map(eras),
            "content_tokens": table["tokens"],
            "ttr": table["ttr"].round(3),
            f"mattr_window_{window}": table[f"mattr_{window}"].round(3),
        }
    )
