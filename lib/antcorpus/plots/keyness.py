"""Keyness figures: diverging bars of log ratio, and a log-log scatter of term rates."""

from __future__ import annotations

import pandas as pd

from ..text.glossary import glossed
from .base import cjk_style, era_colours, figure_axes


def plot_keyness_bars(table: pd.DataFrame, n: int, ax=None):
    """Diverging bars: the n most key terms each way by G², length = log ratio, glossed.

    Target, reference and era order come from `table.attrs` (a `textstat_keyness`
    result).
    """
    target, reference = table.attrs["target"], table.attrs["reference"]
    top = pd.concat([table.head(n), table.tail(n)]).drop_duplicates("term")
    top = top.sort_values("log_ratio")
    colours = era_colours(table.attrs["order"])
    with cjk_style():
        fig, ax = figure_axes(ax, figsize=(8, 0.3 * len(top) + 1.6))
        ax.barh(
            [glossed(t) for t in top["term"]],
            top["log_ratio"],
            color=[colours[target] if g > 0 else colours[reference] for g in top["g2"]],
        )
        for y, row in enumerate(top.itertuples()):
            side = "left" if row.log_ratio > 0 else "right"
            text = f" G²={abs(row.g2):.0f} "
            ax.text(row.log_ratio, y, text, va="center", fontsize=6, ha=side)
        ax.axvline(0, color="0.3", lw=0.8)
        ax.tick_params(axis="y", labelsize=7)
        ax.set_xlabel(f"log ratio (log2 of relative frequency, {target} / {reference})")
        ax.set_title(
            f"Key terms: {n} each way by G² ({target} right, {reference} left)",
            fontsize=10,
        )
    return fig


def plot_keyness_scatter(table: pd.DataFrame, n_labels: int = 8, ax=None):
    """Rates on log-log axes; most key terms labelled; zero rates on the axis floor."""
    target, reference = table.attrs["target"], table.attrs["reference"]
    floor = 0.5 * min(
        table.loc[table["target_per_10k"] > 0, "target_per_10k"].min(),
        table.loc[table["reference_per_10k"] > 0, "reference_per_10k"].min(),
    )
    x = table["reference_per_10k"].clip(lower=floor)
    y = table["target_per_10k"].clip(lower=floor)
    key = pd.concat([table.head(n_labels), table.tail(n_labels)]).index
    with cjk_style():
        fig, ax = figure_axes(ax, figsize=(7.5, 7))
        ax.scatter(x, y, s=8, color="0.7")
        ax.scatter(x[key], y[key], s=14, color="#D55E00")
        for i in key:
            ax.annotate(
                table.at[i, "term"],
                (x[i], y[i]),
                fontsize=7,
                xytext=(2, 2),
                textcoords="offset points",
            )
        lim = [floor * 0.8, max(x.max(), y.max()) * 1.3]
        ax.plot(lim, lim, color="0.5", lw=0.8, ls="--")
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlim(lim)
        ax.set_ylim(lim)
        ax.set_xlabel(f"{reference}: per 10,000 tokens (log)")
        ax.set_ylabel(f"{target}: per 10,000 tokens (log)")
        ax.set_title(
            f"Term rates, {target} against {reference}; dashed = equal rate\n"
            f"(terms absent on one side drawn at {floor:.1f})",
            fontsize=9,
        )
    return fig
