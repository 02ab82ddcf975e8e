"""Term-count figures: top terms per group as glossed bars; names for era figures."""

from __future__ import annotations

import re

import pandas as pd

from ..text.glossary import glossed
from .base import PALETTE, cjk_style, era_colours, figure_axes

# What each era colour is called in a figure title (Okabe–Ito names).
COLOUR_NAMES = dict(
    zip(
        PALETTE,
        ("blue", "orange", "vermilion", "bluish green", "reddish purple", "sky blue"),
        strict=True,
    )
)
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def colour_name(colour: str) -> str:
    """The name of an era colour for a title ("blue"); the hex code when unnamed."""
    return COLOUR_NAMES.get(colour, colour)


def era_slug(era: str, order: list[str]) -> str:
    """An era's part of a figure name: the name itself when it is ASCII-safe
    ("2016–2018" -> "2016-2018"), else its position in `order` ("era1", "era2")."""
    slug = era.replace("–", "-").lower()
    return slug if SLUG.match(slug) else f"era{list(order).index(era) + 1}"


def plot_top_terms(
    top: pd.DataFrame, order: list[str], title: str, axes=None, folder=None
):
    """A panel per group: top terms as bars of rate per 10k, labelled term (gloss).

    Glosses come from the glossary of the corpus in `folder` (none: bare terms).
    """
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
                [glossed(t, folder=folder) for t in part["term"]],
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
