"""Stylometry figure: function-word profile distances between pieces."""

from __future__ import annotations

import pandas as pd

from .base import cjk_style, figure_axes
from .shapes import annotated_heatmap


def plot_distance(distance: pd.DataFrame, eras: pd.Series, ax=None):
    """Heatmap of function-word profile distances between pieces, era in the labels."""
    names = [f"{d} ({eras[d]})" for d in distance.index]
    with cjk_style():
        fig, ax = figure_axes(ax, figsize=(8.5, 7))
        values = distance.to_numpy()
        annotated_heatmap(
            ax,
            values,
            values,
            lambda v: f"{v:.2f}",
            lambda v: "white" if v < 0.7 else "black",
            fontsize=6,
            cmap="viridis_r",
            vmin=0,
            vmax=2,
        )
        ax.set_xticks(range(len(names)), names, rotation=90, fontsize=7)
        ax.set_yticks(range(len(names)), names, fontsize=7)
        ax.set_title(
            "Function-word profiles: cosine distance between pieces\n"
            "(0 = same profile, 2 = opposite)",
            fontsize=9,
        )
    return fig
