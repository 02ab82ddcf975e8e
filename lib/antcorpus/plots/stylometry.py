"""Stylometry figure: function-word profile distances between pieces."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .base import cjk_style, figure_axes
from .labels import tr
from .scale import scale_note, summarised
from .shapes import annotated_heatmap

LABEL_IN = 1.9  # room for the longest piece label at 7 pt, in inches
IMAGE = {"cmap": "viridis_r", "vmin": 0, "vmax": 2}  # cosine distance runs 0 to 2


def plot_distance(distance: pd.DataFrame, eras: pd.Series, ax=None):
    """Distances between pieces' function-word profiles, printed where they fit.

    Past MAX_PIECES_DRAWN pieces, the mean distance between the pieces of each pair of
    eras (`era_distance`), printed in every cell.
    """
    n = len(distance)
    if summarised(n):
        distance = era_distance(distance, eras)
        names = [f"{e} (n={k})" for e, k in distance.attrs["pieces"].items()]
    else:
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
        title = f"{title}\n({note})"
        if summarised(n):
            what = tr("mean distance between the pieces of two eras")
            title += "\n" + scale_note(n, what)
        ax.set_title(title, fontsize=9)
    return fig


def era_distance(distance: pd.DataFrame, eras: pd.Series) -> pd.DataFrame:
    """Mean distance between pieces of each two eras (a piece not with itself).

    Eras in first-seen order; `attrs["pieces"]` holds the pieces per era.
    """
    era = eras.reindex(distance.index)
    names = list(dict.fromkeys(era))
    member = (era.to_numpy()[:, None] == np.array(names)[None, :]).astype(float)
    sums = member.T @ np.nan_to_num(distance.to_numpy(float)) @ member
    k = member.sum(axis=0)
    pairs = np.outer(k, k) - np.diag(k)  # the diagonal of `distance` is 0
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = pd.DataFrame(sums / pairs, index=names, columns=names)
    mean.attrs["pieces"] = pd.Series(k.astype(int), index=names)
    return mean


def distance_data(distance: pd.DataFrame, eras: pd.Series) -> pd.DataFrame:
    """The heatmap's cells: one row per piece with its era, distances as printed.

    Past MAX_PIECES_DRAWN pieces: one row per era with its pieces, mean distances.
    """
    if summarised(len(distance)):
        mean = era_distance(distance, eras)
        table = mean.round(2).reset_index(names="era")
        table.insert(1, "pieces", mean.attrs["pieces"].to_numpy())
        return table
    table = distance.round(2).reset_index(names="doc_id")
    table.insert(1, "era", table["doc_id"].map(eras))
    return table
