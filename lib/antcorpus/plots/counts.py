"""Term-count figures: top terms per group as glossed bars; names for era figures."""

from __future__ import annotations

import re

import pandas as pd

from .base import COLUMN_IN, PALETTE, cjk_style, era_colours, figure_axes
from .describe import tokens_text
from .labels import term_label, tr
from .shapes import WIDE, wrap_label
from .trends import bottom_panels

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LABEL_PT = 7.5  # term labels
BARS_IN = 1.4  # the least width the bars of a panel get
GAP_IN = 0.25  # between panels, and the tick marks beside the labels


def colour_name(colour: str) -> str:
    """The name of an era colour for a title ("blue"); the hex code when unnamed."""
    names = (
        tr("blue"),
        tr("orange"),
        tr("vermilion"),
        tr("bluish green"),
        tr("reddish purple"),
        tr("sky blue"),
    )  # Okabe–Ito names, in PALETTE order
    return dict(zip(PALETTE, names, strict=True)).get(colour, colour)


def era_slug(era: str, order: list[str]) -> str:
    """An era's part of a figure name: the name itself when it is ASCII-safe
    ("2016–2018" -> "2016-2018"), else its position in `order` ("era1", "era2")."""
    slug = era.replace("–", "-").lower()
    return slug if SLUG.match(slug) else f"era{list(order).index(era) + 1}"


def label_inches(label: str, points: float = LABEL_PT) -> float:
    """About how wide a one-line label is drawn (CJK one em, other characters 0.58)."""
    wide = len(re.findall(f"[{WIDE}]", label))
    return (wide + 0.58 * (len(label) - wide)) * points / 72


def panel_columns(labels: list[str], n: int, least: float = BARS_IN) -> int:
    """Columns of panels (labels and bars) that fit a report column, rows filled evenly.

    Two at least for two panels or more: `fit_labels` wraps what does not fit.
    """
    panel = max(map(label_inches, labels), default=0) + least + GAP_IN
    fit = max(2, int((COLUMN_IN - 0.2) // panel))
    rows = -(-n // fit)
    return max(1, -(-n // rows))


def fit_labels(labels: list[str], cols: int, least: float = BARS_IN) -> list[str]:
    """Labels wrapped to the room a panel of `cols` columns leaves beside its bars."""
    room = (COLUMN_IN - 0.2) / cols - least - GAP_IN
    width = int(room / (0.5 * LABEL_PT / 72))  # columns: a CJK character takes two
    return [wrap_label(t, width) if label_inches(t) > room else t for t in labels]


def _top_panel(ax, part: pd.DataFrame, group: str, colour, labels) -> None:
    """One group's bars, labelled by term (with its gloss in the English edition)."""
    ax.barh(range(len(part)), part["per_10k"], color=colour)
    ax.set_yticks(range(len(part)), labels, fontsize=LABEL_PT)
    ax.set_ylim(len(part) - 0.5, -0.5)
    ax.tick_params(axis="x", labelsize=7.5)
    total = part["total_tokens"].iloc[0]
    ax.set_title(f"{group} ({tokens_text(total)})", fontsize=9)


def plot_top_terms(
    top: pd.DataFrame, order: list[str], title: str, axes=None, folder=None
):
    """A panel per group: top terms as bars of rate per 10k, labelled term (gloss).

    Glosses come from the glossary of the corpus in `folder` (none: bare terms).
    Panels share the rate axis, in as many columns as their labels allow (two at
    least, long labels wrapped).
    """
    groups = [g for g in order if g in set(top["group"])]
    colours = era_colours(order)
    cols = panel_columns([term_label(t, " ", folder) for t in top["term"]], len(groups))
    rows = -(-len(groups) // cols)
    with cjk_style():
        size = (COLUMN_IN, rows * (0.18 * top["rank"].max() + 0.9) + 0.5)
        grid = dict(nrows=rows, ncols=cols, squeeze=False, sharex=True)
        fig, axes = figure_axes(axes, figsize=size, layout="constrained", **grid)
        for ax, group in zip(axes.flat, groups, strict=False):
            part = top[top["group"] == group].sort_values("rank")
            labels = fit_labels(
                [term_label(t, " ", folder) for t in part["term"]], cols
            )
            _top_panel(ax, part, group, colours.get(group, "0.5"), labels)
        for ax in axes.flat[len(groups) :]:
            ax.set_axis_off()
        for ax in bottom_panels(axes, len(groups)):
            ax.xaxis.set_tick_params(labelbottom=True)
            ax.set_xlabel(tr("per 10,000 tokens"), fontsize=8)
        fig.suptitle(title, fontsize=10)
    return fig


def top_terms_data(top: pd.DataFrame, folder=None) -> pd.DataFrame:
    """What the top-terms bars show: per era and rank, the term, its label and rate."""
    return pd.DataFrame(
        {
            "era": top["group"],
            "rank": top["rank"],
            "term": top["term"],
            "label": [term_label(t, " ", folder) for t in top["term"]],
            "rate_per_10k_tokens": top["per_10k"].round(1),
            "era_content_tokens": top["total_tokens"],
        }
    )
