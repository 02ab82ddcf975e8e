"""Lexical-diversity figure: TTR and MATTR against length, per piece."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from .base import cjk_style, era_colours, figure_axes


def _lexdiv_panel(ax, table: pd.DataFrame, column: str, name: str, colour) -> None:
    """One measure against length on a log axis, each point labelled with its piece."""
    ax.scatter(table["tokens"], table[column], c=colour, s=40)
    for row in table.itertuples():
        ax.annotate(
            "-".join(row.doc_id.split("-")[:3]),
            (row.tokens, getattr(row, column)),
            fontsize=6,
            xytext=(3, 2),
            textcoords="offset points",
        )
    ax.set_xscale("log")
    ax.set_xticks(
        [100, 200, 500, 1000, 2000, 5000],
        ["100", "200", "500", "1,000", "2,000", "5,000"],
    )
    ax.set_xticks([], minor=True)
    ax.set_xlim(table["tokens"].min() * 0.8, table["tokens"].max() * 1.5)
    ax.set_xlabel("content tokens in the piece (log scale)")
    ax.set_title(name)


def plot_lexdiv(table: pd.DataFrame, eras: pd.Series, order: list[str], axes=None):
    """TTR and MATTR against length; MATTR depends less on it.

    The MATTR window comes from `table.attrs`.
    """
    window = table.attrs["window"]
    colours = era_colours(order)
    colour = [colours.get(eras[d], "0.5") for d in table["doc_id"]]
    with cjk_style():
        fig, axes = figure_axes(axes, nrows=1, ncols=2, figsize=(10, 4), sharey=True)
        # caller-supplied axes may be more than the two panels; extra ones stay empty
        for ax, column, name in zip(
            axes,
            ["ttr", f"mattr_{window}"],
            ["type-token ratio", f"MATTR (window {window})"],
            strict=False,
        ):
            _lexdiv_panel(ax, table, column, name, colour)
        axes[0].set_ylabel("diversity")
        handles = [
            plt.Line2D([], [], marker="o", ls="", color=colours[e])
            for e in order
            if e in set(eras)
        ]
        axes[1].legend(
            handles, [e for e in order if e in set(eras)], fontsize=7, title="era"
        )
        fig.suptitle(
            "Lexical diversity per piece: plain TTR depends on length, MATTR much less",
            fontsize=10,
        )
    return fig
