"""Stylometry figure: function-word profile distances between pieces."""

from __future__ import annotations

import pandas as pd

from .base import cjk_style, figure_axes
from .labels import tr
from .shapes import annotated_heatmap

LABEL_IN = 1.9  # room for the longest piece label at 7 pt, in inches
IMAGE = {"cmap": "viridis_r", "vmin": 0, "vmax": 2}  # cosine distance runs 0 to 2


def plot_distance(distance: pd.DataFrame, eras: pd.Series, ax=None):
    """Distances between pieces' function-word profiles, printed where they fit."""
    names = [f"{d} ({eras[d]})" for d in distance.index]
    cell = (6.5 - LABEL_IN - 0.7) / max(len(names), 1)
    with cjk_style():
        size = (6.5, cell * len(names) + LABEL_IN + 0.6)
        fig, ax = figure_axes(ax, figsize=size, layout="constrained")
        values = distance.to_numpy()
        annotated_heatmap(
            ax,
            values,
            values if cell >= 0.32 else [],
            lambda v: f"{v:.2f}",
            lambda v: "white" if v > 1.1 else "black",  # dark end of viridis_r
            fontsize=7,
            **IMAGE,
        )
        bar = fig.colorbar(ax.images[0], ax=ax, shrink=0.6, pad=0.02)
        bar.set_label(tr("cosine distance"), fontsize=8)
        bar.ax.tick_params(labelsize=7)
        ax.set_xticks(range(len(names)), names, rotation=90, fontsize=7)
        ax.set_yticks(range(len(names)), names, fontsize=7)
        title = tr("Function-word profiles: cosine distance between pieces")
        note = tr("0 = same profile, 2 = opposite")
        ax.set_title(f"{title}\n({note})", fontsize=9)
    return fig


def distance_data(distance: pd.DataFrame, eras: pd.Series) -> pd.DataFrame:
    """The heatmap's cells: one row per piece with its era, distances as printed."""
    table = distance.round(2).reset_index(names="doc_id")
    table.insert(1, "era", table["doc_id"].map(eras))
    return table
