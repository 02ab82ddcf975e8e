"""Keyness for a small, unbalanced comparison (notebook 05): G², log ratio, BH q-values, stability.

G² is the four-cell log-likelihood of the 2x2 table (term / other tokens x target / reference),
as AntConc reports it and as quanteda's textstat_keyness(measure = "lr", correction = "none"),
signed positive when the term is relatively more frequent in the target. Log ratio is Hardie's
(2014) binary log of the ratio of relative frequencies, with 0.5 standing in for a zero count.
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from scipy.stats import chi2, false_discovery_control

from .glossary import label
from .plots import cjk_style, era_colours

CRITICAL = 3.84  # G² for p < 0.05 with one degree of freedom


def g2(a, b, n_a, n_b) -> np.ndarray:
    """Signed four-cell G² for counts a (target) and b (reference) out of n_a and n_b tokens."""
    a, b = np.asarray(a, float), np.asarray(b, float)
    n = n_a + n_b
    observed = [a, b, n_a - a, n_b - b]
    expected = [n_a * (a + b) / n, n_b * (a + b) / n, n_a * (n - a - b) / n, n_b * (n - a - b) / n]
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = [np.where(o > 0, o * np.log(o / e), 0.0) for o, e in zip(observed, expected)]
    value = 2 * sum(terms)
    return np.where(a / n_a >= b / n_b, value, -value)


def log_ratio(a, b, n_a, n_b) -> np.ndarray:
    """log2 of the ratio of relative frequencies, zero counts replaced by 0.5."""
    a, b = np.asarray(a, float), np.asarray(b, float)
    return np.log2((np.where(a == 0, 0.5, a) / n_a) / (np.where(b == 0, 0.5, b) / n_b))


def textstat_keyness(dfm: pd.DataFrame, target: list[str], reference: list[str], min_count: int = 3) -> pd.DataFrame:
    """Per term (>= min_count over both sides): counts, rates, pieces using, G², p, BH q, log ratio."""
    a, b = dfm.loc[target].sum(), dfm.loc[reference].sum()
    keep = (a + b) >= min_count
    a, b = a[keep], b[keep]
    n_a, n_b = int(dfm.loc[target].to_numpy().sum()), int(dfm.loc[reference].to_numpy().sum())
    table = pd.DataFrame({"target": a.astype(int), "reference": b.astype(int),
                          "target_per_10k": (10_000 * a / n_a).round(1), "reference_per_10k": (10_000 * b / n_b).round(1),
                          "target_pieces": (dfm.loc[target, keep.index[keep]] > 0).sum().astype(int),
                          "reference_pieces": (dfm.loc[reference, keep.index[keep]] > 0).sum().astype(int),
                          "g2": g2(a, b, n_a, n_b), "log_ratio": log_ratio(a, b, n_a, n_b)})
    table["p"] = chi2.sf(table["g2"].abs(), df=1)
    table["q"] = false_discovery_control(table["p"].to_numpy(), method="bh") if len(table) else []
    table.index.name = "term"
    return table.sort_values("g2", ascending=False, kind="stable").reset_index()


def keyness_stability(dfm: pd.DataFrame, target: list[str], reference: list[str], terms: list[str],
                      min_count: int = 3) -> pd.Series:
    """True where a term keeps its sign and G² >= 3.84 whichever single piece is left out.

    A side with one piece cannot lose it, so only pieces from sides with two or more are left out.
    """
    stable = pd.Series(True, index=terms)
    full = textstat_keyness(dfm, target, reference, min_count).set_index("term").reindex(terms)
    for side, other in ((target, reference), (reference, target)):
        if len(side) < 2:
            continue
        for piece in side:
            rest = [p for p in side if p != piece]
            t, r = (rest, other) if side is target else (other, rest)
            loo = textstat_keyness(dfm, t, r, 0).set_index("term").reindex(terms)
            same_sign = np.sign(loo["g2"].fillna(0)) == np.sign(full["g2"])
            stable &= same_sign & (loo["g2"].abs().fillna(0) >= CRITICAL)
    return stable


def plot_keyness_bars(table: pd.DataFrame, n: int, target: str, reference: str, order: list[str]):
    """Diverging bars: the n most key terms each way by G², bar length = log ratio, glossed labels."""
    top = pd.concat([table.head(n), table.tail(n)]).drop_duplicates("term").sort_values("log_ratio")
    colours = era_colours(order)
    with cjk_style():
        fig, ax = plt.subplots(figsize=(8, 0.3 * len(top) + 1.6))
        ax.barh([label(t) for t in top["term"]], top["log_ratio"],
                color=[colours[target] if g > 0 else colours[reference] for g in top["g2"]])
        for y, row in enumerate(top.itertuples()):
            ax.text(row.log_ratio, y, f" G²={abs(row.g2):.0f} ", va="center", fontsize=6,
                    ha="left" if row.log_ratio > 0 else "right")
        ax.axvline(0, color="0.3", lw=0.8)
        ax.tick_params(axis="y", labelsize=7)
        ax.set_xlabel(f"log ratio (log2 of relative frequency, {target} / {reference})")
        ax.set_title(f"Key terms: {n} each way by G² ({target} right, {reference} left)", fontsize=10)
    return fig


def plot_keyness_scatter(table: pd.DataFrame, target: str, reference: str, n_labels: int = 8):
    """Rates on log-log axes; the most key terms each way labelled. Zero rates sit on the axis floor."""
    floor = 0.5 * min(table.loc[table["target_per_10k"] > 0, "target_per_10k"].min(),
                      table.loc[table["reference_per_10k"] > 0, "reference_per_10k"].min())
    x, y = table["reference_per_10k"].clip(lower=floor), table["target_per_10k"].clip(lower=floor)
    key = pd.concat([table.head(n_labels), table.tail(n_labels)]).index
    with cjk_style():
        fig, ax = plt.subplots(figsize=(7.5, 7))
        ax.scatter(x, y, s=8, color="0.7")
        ax.scatter(x[key], y[key], s=14, color="#D55E00")
        for i in key:
            ax.annotate(table.at[i, "term"], (x[i], y[i]), fontsize=7, xytext=(2, 2), textcoords="offset points")
        lim = [floor * 0.8, max(x.max(), y.max()) * 1.3]
        ax.plot(lim, lim, color="0.5", lw=0.8, ls="--")
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlim(lim)
        ax.set_ylim(lim)
        ax.set_xlabel(f"{reference}: per 10,000 tokens (log)")
        ax.set_ylabel(f"{target}: per 10,000 tokens (log)")
        ax.set_title(f"Term rates, {target} against {reference}; dashed = equal rate\n"
                     f"(terms absent on one side drawn at {floor:.1f})", fontsize=9)
    return fig
