"""Topic-model figures: the k sweep, share heatmaps and share bars with intervals."""

from __future__ import annotations

from textwrap import fill

import pandas as pd

from .base import cjk_style, era_colours, figure_axes
from .shapes import annotated_heatmap, grouped_bars, parts_by

SWEEP_PANELS = {
    "c_npmi": "c_npmi: NPMI in 10-token sliding windows\n(gensim; higher is better)",
    "npmi_units": "NPMI within whole units\n(higher is better)",
    "stability": "stability: best-match Jaccard\nof top-10 words between seeds",
    "ari": "agreement of units' dominant topic\nbetween seeds (adjusted Rand)",
}
METHOD_COLOURS = {"lda": "#0072B2", "nmf": "#E69F00"}


def _sweep_panel(ax, summary: pd.DataFrame, metric: str, baseline) -> None:
    """One measure against k: a line per method (report seeds), LDA's choice seeds."""
    for method, colour in METHOD_COLOURS.items():
        rows = summary[summary["method"] == method]
        report = rows[rows["seeds"] == "report"]
        name = method.upper()
        ax.plot(
            report["k"],
            report[metric],
            "o-",
            color=colour,
            ms=4,
            label=f"{name}, mean over report seeds",
        )
        if f"{metric}_min" in rows and method == "lda":
            ax.fill_between(
                report["k"],
                report[f"{metric}_min"],
                report[f"{metric}_max"],
                color=colour,
                alpha=0.12,
                label="LDA, range over report seeds",
            )
        if metric == "c_npmi":
            choice = rows[rows["seeds"] == "choice"]
            ax.plot(
                choice["k"],
                choice[metric],
                "s--",
                color=colour,
                ms=3,
                lw=1,
                alpha=0.7,
                label=f"{name}, mean over choice seeds",
            )
    if baseline is not None and metric in baseline:
        ax.axhline(
            baseline[metric],
            color="#555555",
            ls=":",
            label="ten most frequent words as one topic",
        )


def plot_sweep(summary: pd.DataFrame, chosen: dict, baseline=None, axes=None):
    """The four sweep measures against k for LDA and NMF, baseline, the chosen k.

    `summary` is a `sweep_summary` result, `chosen` maps method to its chosen k and
    `baseline` is a `baseline_topic` dict.
    """
    with cjk_style():
        fig, axes = figure_axes(axes, nrows=1, ncols=4, figsize=(16, 4.4))
        for ax, (metric, name) in zip(axes, SWEEP_PANELS.items(), strict=True):
            _sweep_panel(ax, summary, metric, baseline)
            for method, k in chosen.items():
                ax.axvline(
                    k,
                    color=METHOD_COLOURS[method],
                    ls="--",
                    lw=1,
                    label=f"chosen k = {k} ({method.upper()})",
                )
            ax.set_xlabel("number of topics k")
            ax.set_title(name, fontsize=9)
            ax.set_xticks(sorted(summary["k"].unique()))
        handles, texts = axes[0].get_legend_handles_labels()
        fig.legend(
            handles,
            texts,
            loc="lower center",
            ncol=4,
            fontsize=8,
            bbox_to_anchor=(0.5, -0.12),
            frameon=False,
        )
        sets = summary.attrs.get("seed_sets", {})
        sizes = " and ".join(f"{len(v)} {n} seeds" for n, v in sets.items())
        fig.suptitle(f"Choosing k and checking it: {sizes} per k", fontsize=10, y=1.03)
    return fig


def plot_recurrence(table: pd.DataFrame, axes=None):
    """Per reported topic and method: recurrence over seeds and largest-piece share.

    `table` has method, topic, recurrence, stable, max_piece_share and one_piece.
    """
    methods = list(dict.fromkeys(table["method"]))
    sizes = [int((table["method"] == m).sum()) for m in methods]
    with cjk_style():
        fig, axes = figure_axes(
            axes,
            nrows=len(methods),
            ncols=2,
            squeeze=False,
            figsize=(10, 1.4 + 0.32 * len(table)),
            gridspec_kw={"height_ratios": sizes},
        )
        for row, method in zip(axes, methods, strict=True):
            part = table[table["method"] == method].iloc[::-1]
            _bars(row[0], part, "recurrence", 0.5, part["stable"], "#0072B2")
            _bars(row[1], part, "max_piece_share", 0.6, part["one_piece"], "#D55E00")
            row[0].set_ylabel(f"{method.upper()} topic", fontsize=8)
        axes[0][0].set_title(
            "share of the other seeds' runs where the topic recurs\n"
            "(best-match Jaccard >= 0.5); stable if > 50%",
            fontsize=8,
        )
        axes[0][1].set_title(
            "share of the topic's token mass from its largest piece"
            "\n(essentially one piece if > 60%)",
            fontsize=8,
        )
        for ax in axes[-1]:
            ax.set_xlabel("share", fontsize=8)
    return fig


def _bars(ax, part: pd.DataFrame, value: str, line: float, flags, colour) -> None:
    """Horizontal bars of one value per topic, a threshold line, flagged in colour."""
    ax.barh(
        part["topic"], part[value], color=[colour if f else "#BBBBBB" for f in flags]
    )
    ax.axvline(line, color="#555555", ls="--", lw=1)
    ax.set_xlim(0, 1.1)
    for y, v in enumerate(part[value]):
        ax.text(v + 0.01, y, f"{v:.0%}", va="center", fontsize=7)


def plot_heatmap(shares: pd.DataFrame, labels: list[str], ax=None):
    """Pieces (or eras) x topics, shade = share, value printed in each cell.

    The grouping column is read from `shares.attrs["by"]` (a `topic_shares` result).
    """
    index = shares.attrs["by"]
    table = shares.pivot(index=index, columns="feature", values="share")
    topics = [f"T{i}" for i in range(1, len(labels) + 1)]
    table = table[topics].reindex(list(dict.fromkeys(shares[index])))
    values = table.to_numpy()
    with cjk_style():
        fig, ax = figure_axes(
            ax, figsize=(1.1 * table.shape[1] + 4, 0.42 * len(table) + 2)
        )
        annotated_heatmap(
            ax,
            values,
            values,
            lambda v: f"{v:.0%}",
            lambda v: "white" if v > 0.35 else "black",
            cmap="Blues",
            vmin=0,
            vmax=max(0.5, values.max()),
            aspect="auto",
        )
        ticks = [
            f"{c}\n{fill(lab, 16)}"
            for c, lab in zip(table.columns, labels, strict=True)
        ]
        ax.set_xticks(range(table.shape[1]), ticks, fontsize=7)
        ax.set_yticks(range(len(table)), table.index, fontsize=8)
        ax.set_title("Topic shares (token-weighted mean of unit proportions)")
    return fig


def plot_share_bars(shares: pd.DataFrame, order: list[str], labels: list[str], ax=None):
    """Grouped bars: each topic's share per group, 95% intervals and n in the legend."""
    by = shares.attrs["by"]
    topics = [f"T{i}" for i in range(1, len(labels) + 1)]
    parts = parts_by(shares, by, order, "feature", topics)
    legend = {
        g: f"{g} (n={p['pieces'].iloc[0]} pieces, {p['tokens'].iloc[0]:,} tokens)"
        for g, p in parts.items()
    }
    with cjk_style():
        fig, ax = figure_axes(ax, figsize=(1.6 * len(topics) + 2, 4.2))
        grouped_bars(ax, parts, "share", era_colours(order), legend)
        ticks = [f"{t}\n{fill(lab, 18)}" for t, lab in zip(topics, labels, strict=True)]
        ax.set_xticks(range(len(topics)), ticks, fontsize=7)
        ax.set_ylabel("topic share (token-weighted)")
        ax.legend(fontsize=7)
        ax.set_title("Topic shares per era, with 95% bootstrap intervals over units")
    return fig
