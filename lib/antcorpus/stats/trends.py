"""Concept groups over time (notebook 03): rates per 10k tokens, bootstrap intervals."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd

from ..corpus.knowledge import resource_rows
from ..text.glossary import gloss
from .resample import bootstrap_interval

PER = 10_000
UNDATED = "undated"


def concept_groups(folder=None) -> pd.DataFrame:
    """The corpus's concept groups (analysis/concepts.tsv): group, term, reason, gloss.

    Empty (same columns) when the corpus has none.
    """
    rows = resource_rows("concepts", folder)
    table = pd.DataFrame(rows, columns=list(rows[0]) if rows else ["group", "term"])
    return table.assign(gloss=[gloss(t, folder) for t in table["term"]])


def unit_counts(tokens: list[list[str]], features: dict[str, set[str]]) -> pd.DataFrame:
    """Per unit: tokens in each feature's term set, plus the unit's token total."""
    rows = []
    for toks in tokens:
        counts = Counter(toks)
        rows.append(
            {
                **{f: sum(counts[t] for t in terms) for f, terms in features.items()},
                "tokens": len(toks),
            }
        )
    return pd.DataFrame(rows)


def time_bin(start, end) -> str:
    """A piece's content year ('0729'); `undated` when it has none or spans years."""
    if pd.isna(start) or start.year != end.year:
        return UNDATED
    return f"{start.year:04d}"


def bootstrap_rate(
    hits, totals, n_boot: int = 2000, seed: int = 0, level: float = 0.95
) -> tuple[float, float, float]:
    """Rate per 10,000 over all units, with a percentile interval (resampled units)."""
    hits, totals = np.asarray(hits, float), np.asarray(totals, float)
    rate = PER * hits.sum() / totals.sum() if totals.sum() else float("nan")
    lo, hi = bootstrap_interval(
        lambda idx: PER * hits[idx].sum(axis=1) / totals[idx].sum(axis=1),
        len(hits),
        n_boot,
        np.random.default_rng(seed),
        level,
    )
    return rate, float(lo), float(hi)


def textstat_trends(
    units: pd.DataFrame,
    counts: pd.DataFrame,
    by: str,
    n_boot: int = 2000,
    seed: int = 0,
) -> pd.DataFrame:
    """Per bin of `by` and feature: pieces, units, tokens, count, rate, interval."""
    rows = []
    features = [c for c in counts.columns if c != "tokens"]
    for key, idx in units.groupby(by, sort=True).groups.items():
        part = counts.loc[idx]
        for f in features:
            rate, lo, hi = bootstrap_rate(part[f], part["tokens"], n_boot, seed)
            rows.append(
                {
                    by: key,
                    "feature": f,
                    "pieces": units.loc[idx, "doc_id"].nunique(),
                    "units": len(idx),
                    "tokens": int(part["tokens"].sum()),
                    "count": int(part[f].sum()),
                    "per_10k": round(rate, 1),
                    "ci_low": round(lo, 1),
                    "ci_high": round(hi, 1),
                }
            )
    return pd.DataFrame(rows)


def trend_compare(table: pd.DataFrame, by: str, left: str, right: str) -> pd.DataFrame:
    """Per feature: the two bins' rates with intervals, and how `right` compares.

    `right` is higher, lower, or its interval overlaps `left`'s.
    """
    a = table[table[by] == left].set_index("feature")
    b = table[table[by] == right].set_index("feature")
    direction = [
        "higher" if lo_b > hi_a else "lower" if hi_b < lo_a else "overlap"
        for lo_b, hi_b, lo_a, hi_a in zip(
            b["ci_low"], b["ci_high"], a["ci_low"], a["ci_high"], strict=False
        )
    ]
    out = pd.DataFrame(
        {
            "feature": a.index,
            f"{left}": [rate_text(r) for r in a.itertuples()],
            f"{right}": [rate_text(r) for r in b.reindex(a.index).itertuples()],
            "ratio": (b["per_10k"] / a["per_10k"]).reindex(a.index).round(2).to_numpy(),
            f"{right} vs {left}": direction,
        }
    )
    return out.reset_index(drop=True)


def rate_text(row) -> str:
    """'86 [53, 124] (19 of 2,209 tokens, n=1)' for one row of a trend table."""
    return (
        f"{row.per_10k:.0f} [{row.ci_low:.0f}, {row.ci_high:.0f}] "
        f"({row.count} of {row.tokens:,} tokens, n={row.pieces})"
    )
