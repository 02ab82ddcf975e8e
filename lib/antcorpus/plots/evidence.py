"""Text-level figures: per-piece rates by era (one dot per text) and the spec curve."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..text.glossary import gloss, glossed
from .base import cjk_style, era_colours, figure_axes


def plot_piece_rates(
    rates: pd.DataFrame, groups: pd.Series, order: list[str], axes=None
):
    """One panel per feature: each piece's rate per 10,000 tokens as a dot, by group.

    `rates` is pieces x features (`piece_rates`); `groups` maps doc_id to era. A single
    dot for an era is one text, and the figure shows it as one.
    """
    features = list(rates.columns)
    eras = [e for e in order if e in set(groups)]
    colours = era_colours(order)
    cols = min(4, len(features))
    rows = -(-len(features) // cols)
    with cjk_style():
        fig, axes = figure_axes(
            axes,
            nrows=rows,
            ncols=cols,
            figsize=(3.1 * cols, 2.6 * rows + 0.6),
            squeeze=False,
        )
        for ax, feature in zip(axes.flat, features, strict=False):
            _strip(ax, rates[feature], groups, eras, colours)
            ax.set_title(glossed(feature) if gloss(feature) else feature, fontsize=9)
        for ax in axes.flat[len(features) :]:
            ax.set_axis_off()
        fig.supylabel("rate per 10,000 content tokens of the piece")
        fig.suptitle("Each dot is one text: per-piece rates by era", fontsize=10)
        fig.tight_layout()
    return fig


def _strip(ax, values: pd.Series, groups: pd.Series, eras: list[str], colours) -> None:
    """Dots per era with a small deterministic jitter; n under each era name."""
    for i, era in enumerate(eras):
        part = values[groups.reindex(values.index) == era]
        jitter = np.linspace(-0.15, 0.15, len(part)) if len(part) > 1 else [0.0]
        ax.scatter(i + np.asarray(jitter), part, s=22, color=colours.get(era, "0.5"))
    ax.set_xticks(
        range(len(eras)), [f"{e}\nn={int((groups == e).sum())}" for e in eras]
    )
    ax.tick_params(axis="x", labelsize=7)
    ax.set_xlim(-0.6, len(eras) - 0.4)
    ax.set_ylim(bottom=-0.04 * max(float(values.max()), 1.0))
    ax.grid(axis="y", color="0.92")


def plot_spec_curve(curve: pd.DataFrame, marks: pd.DataFrame, alpha: float, ax=None):
    """Each feature's one-sided p per specification (log scale), mark in the label."""
    features = list(marks["feature"])
    mark = dict(zip(marks["feature"], marks["mark"], strict=True))
    arrow = dict(zip(marks["feature"], marks["direction"], strict=True))
    with cjk_style():
        fig, ax = figure_axes(ax, figsize=(8, 0.42 * len(features) + 1.6))
        for y, feature in enumerate(features):
            p = curve.loc[curve["feature"] == feature, "p_one_sided"].clip(lower=1e-6)
            colour = {"robust": "#009E73", "fragile": "#E69F00"}.get(
                mark[feature], "0.6"
            )
            jitter = np.linspace(-0.25, 0.25, len(p)) if len(p) > 1 else [0.0]
            ax.scatter(p, y + np.asarray(jitter), s=9, color=colour, alpha=0.7)
        ax.axvline(alpha, color="0.3", ls="--", lw=0.8)
        ax.set_xscale("log")
        labels = [f"{f} ({arrow[f]}: {mark[f]})" for f in features]
        ax.set_yticks(range(len(features)), labels)
        ax.invert_yaxis()
        ax.set_xlabel(
            f"one-sided p, pieces as the unit (dashed: {alpha}); "
            "one dot per specification"
        )
        ax.set_title(
            f"Specification curve: {curve.groupby('feature').size().max()} analyst "
            "choices per feature",
            fontsize=10,
        )
    return fig


def plot_dispersion(
    positions: pd.DataFrame, groups: pd.Series, order: list[str], ax=None
):
    """Each term's occurrences across pieces (AntConc's Plot, quanteda's xray).

    One row per term and piece, pieces grouped by era; a tick marks an occurrence at
    its relative position in the piece. Terms and pieces come from `positions.attrs`.
    """
    terms, pieces = positions.attrs["terms"], positions.attrs["pieces"]
    eras = [e for e in order if e in set(groups)]
    pieces = sorted(pieces, key=lambda d: (eras.index(groups[d]), d))
    colours = era_colours(order)
    rows = [(t, d) for t in terms for d in pieces]
    with cjk_style():
        fig, ax = figure_axes(ax, figsize=(9, 0.16 * len(rows) + 1.4))
        for y, (term, doc) in enumerate(rows):
            hit = positions[(positions["term"] == term) & (positions["doc_id"] == doc)]
            colour = colours.get(groups[doc], "0.5")
            ax.scatter(hit["position"], [y] * len(hit), marker="|", s=40, color=colour)
        ax.set_yticks(range(len(rows)), [f"{t} · {d}" for t, d in rows], fontsize=5)
        for k in range(1, len(terms)):
            ax.axhline(k * len(pieces) - 0.5, color="0.8", lw=0.6)
        ax.set_ylim(len(rows) - 0.5, -0.5)
        ax.set_xlim(0, 1)
        ax.set_xlabel("relative position in the piece (0 = start, 1 = end)")
        ax.set_title(
            "Where each key term occurs, piece by piece, coloured by era", fontsize=10
        )
    return fig
