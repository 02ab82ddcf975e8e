"""Shapes several figures share: annotated heatmaps and grouped bars with intervals."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd


def annotated_heatmap(
    ax,
    shade,
    values,
    fmt: Callable[[float], str],
    colour: Callable[[float], str],
    fontsize: float = 8,
    **imshow,
) -> None:
    """Shade cells by `shade` and print each of `values` in its cell with `fmt`."""
    ax.imshow(shade, **imshow)
    for (i, j), v in np.ndenumerate(values):
        ax.text(
            j, i, fmt(v), ha="center", va="center", fontsize=fontsize, color=colour(v)
        )


def parts_by(
    table: pd.DataFrame, by: str, order: list[str], key: str, keys: list[str]
) -> dict[str, pd.DataFrame]:
    """One part per group of `by` in `order`, indexed by `key` in `keys` order."""
    present = set(table[by])
    return {
        g: table[table[by] == g].set_index(key).reindex(keys)
        for g in order
        if g in present
    }


def grouped_bars(
    ax, parts: dict[str, pd.DataFrame], value: str, colours: dict, labels: dict
) -> None:
    """A bar group per category, a bar per part, 95% interval from ci_low/ci_high."""
    width = 0.8 / len(parts)
    for j, (group, part) in enumerate(parts.items()):
        x = np.arange(len(part)) + (j - (len(parts) - 1) / 2) * width
        errors = [part[value] - part["ci_low"], part["ci_high"] - part[value]]
        ax.bar(
            x,
            part[value],
            width,
            color=colours.get(group, "0.5"),
            yerr=errors,
            capsize=2,
            error_kw={"lw": 0.8, "ecolor": "0.3"},
            label=labels[group],
        )
