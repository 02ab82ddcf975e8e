"""Topic-model figures: the k sweep and each reported topic's replication."""

from __future__ import annotations

import pandas as pd

from .base import cjk_style, figure_axes
from .labels import tr
from .shapes import wrap_label

METRICS = ("c_npmi", "npmi_units", "stability", "ari")
RANGED = ("c_npmi", "npmi_units")  # measures with a min-max band over seeds (LDA)
METHOD_COLOURS = {"lda": "#0072B2", "nmf": "#E69F00"}
SWEEP_COLUMNS = {  # the sweep CSV's names: every score is a mean or a range over seeds
    "c_npmi": "c_npmi_mean",
    "c_npmi_min": "c_npmi_min",
    "c_npmi_max": "c_npmi_max",
    "npmi_units": "npmi_whole_units_mean",
    "npmi_units_min": "npmi_whole_units_min",
    "npmi_units_max": "npmi_whole_units_max",
    "stability": "top10_jaccard_stability_mean",
    "ari": "dominant_topic_ari_mean",
}


def _panel_titles() -> dict[str, str]:
    """Each sweep measure's panel title in the current label edition."""
    return {
        "c_npmi": tr("c_npmi: NPMI in 10-token windows (gensim; higher is better)"),
        "npmi_units": tr("NPMI within whole units (higher is better)"),
        "stability": tr("stability: best-match Jaccard of top-10 words between seeds"),
        "ari": tr("agreement of units' dominant topic between seeds (adjusted Rand)"),
    }


def _sweep_panel(ax, summary: pd.DataFrame, metric: str, baseline) -> None:
    """One measure against k: a line per method (report seeds), LDA's choice seeds."""
    for method, colour in METHOD_COLOURS.items():
        rows = summary[summary["method"] == method]
        report, name = rows[rows["seeds"] == "report"], method.upper()
        label = tr("{method}, mean over report seeds", method=name)
        ax.plot(report["k"], report[metric], "o-", color=colour, ms=3, label=label)
        if metric in RANGED and method == "lda":
            band = tr("LDA, range over report seeds")
            low, high = report[f"{metric}_min"], report[f"{metric}_max"]
            ax.fill_between(
                report["k"], low, high, color=colour, alpha=0.12, label=band
            )
        if metric == "c_npmi":
            choice = rows[rows["seeds"] == "choice"]
            label = tr("{method}, mean over choice seeds", method=name)
            style = {"color": colour, "ms": 3, "lw": 1, "alpha": 0.7, "label": label}
            ax.plot(choice["k"], choice[metric], "s--", **style)
    if baseline is not None and metric in baseline:
        label = tr("ten most frequent words as one topic")
        ax.axhline(baseline[metric], color="#555555", ls=":", label=label)


def plot_sweep(summary: pd.DataFrame, chosen: dict, baseline=None, axes=None):
    """The four sweep measures against k (2 x 2) for LDA and NMF, baseline, chosen k.

    `summary` is a `sweep_summary` result, `chosen` maps method to its chosen k and
    `baseline` is a `baseline_topic` dict.
    """
    size = {"figsize": (6.5, 6.4), "layout": "constrained"}
    with cjk_style():
        fig, axes = figure_axes(axes, nrows=2, ncols=2, **size)
        for ax, (metric, title) in zip(axes.flat, _panel_titles().items(), strict=True):
            _sweep_panel(ax, summary, metric, baseline)
            for method, k in chosen.items():
                label = tr("chosen k = {k} ({method})", k=k, method=method.upper())
                ax.axvline(k, color=METHOD_COLOURS[method], ls="--", lw=1, label=label)
            ax.set_xlabel(tr("number of topics k"), fontsize=8)
            ax.set_title(wrap_label(title, 50), fontsize=8)
            ax.set_xticks(sorted(summary["k"].unique()))
            ax.tick_params(labelsize=7)
        handles, texts = axes.flat[0].get_legend_handles_labels()
        fig.legend(handles, texts, loc="outside lower center", ncol=2, fontsize=7)
        sets = summary.attrs.get("seed_sets", {})
        n = {name: len(sets.get(name, ())) for name in ("choice", "report")}
        title = tr(
            "Choosing k and checking it: {choice} choice, {report} report seeds", **n
        )
        fig.suptitle(title, fontsize=10)
    return fig


def sweep_data(summary: pd.DataFrame, chosen: dict, baseline=None) -> pd.DataFrame:
    """The sweep figure's points: report means, LDA's range, choice c_npmi, baseline."""
    report = summary[summary["seeds"] == "report"]
    drawn = report[["method", "seeds", "n_seeds", "k", *METRICS]].copy()
    for metric in RANGED:
        for end in ("min", "max"):
            column = f"{metric}_{end}"
            drawn[column] = report[column].where(report["method"] == "lda")
    choice = summary["seeds"] == "choice"
    parts = [drawn, summary.loc[choice, ["method", "seeds", "n_seeds", "k", "c_npmi"]]]
    if baseline is not None:
        row = {"method": "baseline (ten most frequent words)", "seeds": "all"}
        parts.append(pd.DataFrame([row | {m: baseline[m] for m in RANGED}]))
    table = pd.concat(parts, ignore_index=True)
    table["chosen_k"] = [
        chosen.get(m) == k for m, k in zip(table["method"], table["k"], strict=True)
    ]
    table[["k", "n_seeds"]] = table[["k", "n_seeds"]].astype("Int64")
    return table.rename(columns=SWEEP_COLUMNS)[
        ["method", "seeds", "n_seeds", "k", "chosen_k", *SWEEP_COLUMNS.values()]
    ].round(3)


def plot_recurrence(table: pd.DataFrame, axes=None):
    """Per reported topic and method: recurrence over seeds and largest-piece share.

    `table` has method, topic, recurrence, stable, max_piece_share and one_piece.
    """
    methods = list(dict.fromkeys(table["method"]))
    sizes = [int((table["method"] == m).sum()) for m in methods]
    height = 1.0 + 0.24 * len(table) + 0.45 * len(methods)
    grid = {"nrows": len(methods), "ncols": 2, "squeeze": False}
    shape = {"gridspec_kw": {"height_ratios": sizes}, "layout": "constrained"}
    with cjk_style():
        fig, axes = figure_axes(axes, **grid, figsize=(6.5, height), **shape)
        for row, method in zip(axes, methods, strict=True):
            part = table[table["method"] == method].iloc[::-1]
            _bars(row[0], part, "recurrence", 0.5, part["stable"], "#0072B2")
            _bars(row[1], part, "max_piece_share", 0.6, part["one_piece"], "#D55E00")
            row[0].set_ylabel(tr("{method} topic", method=method.upper()), fontsize=8)
        left = tr("recurs in the other seeds' runs (Jaccard ≥ 0.5); stable if > 50%")
        right = tr("share of the topic's token mass from its largest piece")
        axes[0][0].set_title(wrap_label(left, 54), fontsize=8)
        axes[0][1].set_title(wrap_label(right, 54), fontsize=8)
        axes[-1][0].set_xlabel(tr("share of runs"), fontsize=8)
        axes[-1][1].set_xlabel(
            tr("share of token mass (one piece if > 60%)"), fontsize=8
        )
    return fig


def _bars(ax, part: pd.DataFrame, value: str, line: float, flags, colour) -> None:
    """Horizontal bars of one value per topic, a threshold line, flagged in colour."""
    ax.barh(
        part["topic"], part[value], color=[colour if f else "#BBBBBB" for f in flags]
    )
    ax.axvline(line, color="#555555", ls="--", lw=1)
    ax.set_xlim(0, 1.18)
    ax.tick_params(labelsize=7)
    for y, v in enumerate(part[value]):
        ax.text(v + 0.01, y, f"{v:.0%}", va="center", fontsize=7)


def recurrence_data(table: pd.DataFrame) -> pd.DataFrame:
    """The replication figure's bars: recurrence and largest-piece share per topic."""
    columns = {
        "recurrence": "recurrence_share_of_other_seeds",
        "max_piece_share": "largest_piece_share_of_token_mass",
        "max_piece": "largest_piece",
    }
    keep = ["method", "topic", *columns, "stable", "one_piece"]
    return table[keep].rename(columns=columns).round(2)
