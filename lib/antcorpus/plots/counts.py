"""Term-count figures: top terms per group as glossed bars."""

from __future__ import annotations

import pandas as pd

from ..text.glossary import glossed
from .base import cjk_style, era_colours, figure_axes


def plot_top_terms(top: pd.DataFrame, order: list[str], title: str, axes=None):
    """A panel per group: top terms as bars of rate per 10k, labelled term (gloss)."""
    groups = [g for g in order if g in set(top["group"])]
    colours = era_colours(order)
    with cjk_style():
        size = (3.6 * len(groups), 0.28 * top["rank"].max() + 1.6)
        fig, axes = figure_axes(
            axes, nrows=1, ncols=len(groups), figsize=size, squeeze=False
        )
        for ax, group in zip(axes.flat, groups, strict=True):
            part = top[top["group"] == group].sort_values("rank", ascending=False)
            ax.barh(
                [glossed(t) for t in part["term"]],
                part["per_10k"],
                color=colours.get(group, "0.5"),
            )
            ax.tick_params(axis="y", labelsize=7)
            total = part["total_tokens"].iloc[0]
            ax.set_title(f"{group}\n({total:,} tokens)", fontsize=9)
            ax.set_xlabel("per 10,000 tokens", fontsize=8)
        fig.suptitle(title, fontsize=10)
        fig.tight_layout()
    return fig
