"""Concept groups over time (notebook 03): rates per 10,000 tokens with bootstrap intervals."""
from __future__ import annotations

from collections import Counter
from functools import lru_cache

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from .config import DATA, read_tsv
from .glossary import gloss, label
from .plots import cjk_style
from .resample import bootstrap_interval

CONCEPTS_FILE = DATA / "concepts.tsv"
PER = 10_000
UNDATED = "undated"


@lru_cache(maxsize=1)
def concept_groups() -> pd.DataFrame:
    """The concept groups: group, term and the term's English gloss."""
    table = pd.DataFrame(read_tsv(CONCEPTS_FILE))
    return table.assign(gloss=[gloss(t) for t in table["term"]])


def unit_counts(tokens: list[list[str]], features: dict[str, set[str]]) -> pd.DataFrame:
    """Per unit: how many tokens fall in each feature's term set, plus the unit's token total."""
    rows = []
    for toks in tokens:
        counts = Counter(toks)
        rows.append({**{f: sum(counts[t] for t in terms) for f, terms in features.items()}, "tokens": len(toks)})
    return pd.DataFrame(rows)


def time_bin(start, end) -> str:
    """The calendar year a piece's content date falls in; `undated` when none or it spans years."""
    if pd.isna(start) or start.year != end.year:
        return UNDATED
    return str(start.year)


def bootstrap_rate(hits, totals, n_boot: int = 2000, seed: int = 0, level: float = 0.95) -> tuple[float, float, float]:
    """Rate per 10,000 over all units, and a percentile interval from resampling units."""
    hits, totals = np.asarray(hits, float), np.asarray(totals, float)
    rate = PER * hits.sum() / totals.sum() if totals.sum() else float("nan")
    lo, hi = bootstrap_interval(lambda idx: PER * hits[idx].sum(axis=1) / totals[idx].sum(axis=1),
                                len(hits), n_boot, np.random.default_rng(seed), level)
    return rate, float(lo), float(hi)


def trend_table(units: pd.DataFrame, counts: pd.DataFrame, by: str, n_boot: int = 2000, seed: int = 0) -> pd.DataFrame:
    """Per bin of `by` and per feature: pieces, units, tokens, count, rate and its interval."""
    rows = []
    features = [c for c in counts.columns if c != "tokens"]
    for key, idx in units.groupby(by, sort=True).groups.items():
        part = counts.loc[idx]
        for f in features:
            rate, lo, hi = bootstrap_rate(part[f], part["tokens"], n_boot, seed)
            rows.append({by: key, "feature": f, "pieces": units.loc[idx, "doc_id"].nunique(), "units": len(idx),
                         "tokens": int(part["tokens"].sum()), "count": int(part[f].sum()),
                         "per_10k": round(rate, 1), "ci_low": round(lo, 1), "ci_high": round(hi, 1)})
    return pd.DataFrame(rows)


def trend_compare(table: pd.DataFrame, by: str, left: str, right: str) -> pd.DataFrame:
    """Per feature: the two bins' rates with intervals, and whether `right` is higher, lower or overlaps."""
    a = table[table[by] == left].set_index("feature")
    b = table[table[by] == right].set_index("feature")
    direction = ["higher" if lo_b > hi_a else "lower" if hi_b < lo_a else "overlap"
                 for lo_b, hi_b, lo_a, hi_a in zip(b["ci_low"], b["ci_high"], a["ci_low"], a["ci_high"])]
    out = pd.DataFrame({"feature": a.index, f"{left}": [rate_text(r) for r in a.itertuples()],
                        f"{right}": [rate_text(r) for r in b.reindex(a.index).itertuples()],
                        "ratio": (b["per_10k"] / a["per_10k"]).reindex(a.index).round(2).to_numpy(),
                        f"{right} vs {left}": direction})
    return out.reset_index(drop=True)


def rate_text(row) -> str:
    """'86 [53, 124] (19 of 2,209 tokens, n=1)' for one row of a trend table."""
    return (f"{row.per_10k:.0f} [{row.ci_low:.0f}, {row.ci_high:.0f}] "
            f"({row.count} of {row.tokens:,} tokens, n={row.pieces})")


def plot_trends(table: pd.DataFrame, features: list[str], title: str, colour: str = "#0072B2",
                value: str = "per_10k", ylabel: str = "per 10,000 content tokens", titles: dict | None = None):
    """Small multiples: each feature's `value` per year on a date axis, 95% intervals, n above each point."""
    dated = table[table["year"] != UNDATED].assign(x=lambda t: pd.to_datetime(t["year"] + "-07-01"))
    undated = table[table["year"] == UNDATED]
    gap = dated["x"].max() + pd.DateOffset(years=2)
    cols = 2 if len(features) > 3 else 1
    rows = -(-len(features) // cols)
    with cjk_style():
        fig, axes = plt.subplots(rows, cols, figsize=(6.2 * cols, 2.5 * rows + 0.8), squeeze=False, sharex=True)
        for ax, feature in zip(axes.flat, features):
            part = dated[dated["feature"] == feature].sort_values("x")
            ax.errorbar(part["x"], part[value], yerr=[part[value] - part["ci_low"],
                        part["ci_high"] - part[value]], fmt="o:", color=colour, capsize=3, lw=1)
            for p in part.itertuples():
                ax.annotate(f"n={p.pieces}\n{p.tokens:,}", (p.x, p.ci_high), textcoords="offset points",
                            xytext=(0, 3), ha="center", fontsize=6, color="0.4")
            apart = undated[undated["feature"] == feature]
            for p in apart.itertuples():
                v = getattr(p, value)
                ax.errorbar([gap], [v], yerr=[[v - p.ci_low], [p.ci_high - v]], fmt="o", mfc="white",
                            color="0.5", capsize=3)
                ax.annotate(f"n={p.pieces}\n{p.tokens:,}", (gap, p.ci_high), textcoords="offset points",
                            xytext=(0, 3), ha="center", fontsize=6, color="0.4")
            ax.axvline(gap - pd.DateOffset(months=10), color="0.8", ls="--", lw=0.8)
            ax.set_title((titles or {}).get(feature) or (label(feature) if gloss(feature) else feature), fontsize=10)
            top = max(part["ci_high"].max(), apart["ci_high"].max() if len(apart) else 0)
            ax.set_ylim(0, top * 1.3 if top > 0 else 1)
            ax.grid(axis="y", color="0.92")
        for ax in axes.flat[len(features):]:
            ax.set_axis_off()
        years = pd.date_range(f"{dated['x'].min().year}-01-01", f"{dated['x'].max().year + 1}-01-01", freq="YS")
        for ax in axes[-1]:
            ax.set_xticks(list(years) + [gap], [str(y.year) for y in years] + [UNDATED], fontsize=7, rotation=90)
        fig.supylabel(ylabel)
        fig.suptitle(title + "\n(points: content year; bars: 95% bootstrap interval over units; "
                     "n = pieces, tokens; hollow point right of the dashed line: undated pieces)", fontsize=9)
    return fig
