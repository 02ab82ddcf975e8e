"""Do topics replicate across seeds? Choice and report seeds, stability, recurrence.

k is chosen on one set of seeds (the choice seeds) and everything reported about the
chosen k (coherence, stability, agreement of units' dominant topics, which topics recur)
is measured on another (the report seeds), so the choice is not graded on its own data.
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
from sklearn.metrics import adjusted_rand_score

from . import topic_npmi
from .topics import choose_k, choose_seed, jaccard, topics_stability

RECURS = 0.5  # a topic recurs in a run when its best match there has Jaccard >= this
MEASURES = ["c_npmi", "npmi_units", "stability", "ari"]


def fits_table(records: list[dict]) -> pd.DataFrame:
    """One row per fit: method, k, seed, top words and coherences (no proportions)."""
    return pd.DataFrame([{key: r[key] for key in r if key != "theta"} for r in records])


def dominant_topics(theta) -> np.ndarray:
    """Each unit's dominant topic (the first on a tie)."""
    return np.asarray(theta).argmax(axis=1)


def mean_ari(thetas: list) -> float:
    """Mean adjusted Rand index of units' dominant topics over every pair of runs.

    1 means every run puts the units into the same groups; 0 is chance agreement.
    """
    groups = [dominant_topics(t) for t in thetas]
    scores = [adjusted_rand_score(a, b) for a, b in itertools.combinations(groups, 2)]
    return float(np.mean(scores)) if scores else float("nan")


def _summary_row(runs: list[dict]) -> dict:
    """Coherence means and ranges, Jaccard stability and ARI of a set of runs."""
    c, u = [r["c_npmi"] for r in runs], [r["npmi_units"] for r in runs]
    return {
        "c_npmi": float(np.mean(c)),
        "c_npmi_min": float(np.min(c)),
        "c_npmi_max": float(np.max(c)),
        "npmi_units": float(np.mean(u)),
        "npmi_units_min": float(np.min(u)),
        "npmi_units_max": float(np.max(u)),
        "stability": topics_stability([r["top"] for r in runs]),
        "ari": mean_ari([r["theta"] for r in runs]),
        "n_seeds": len(runs),
    }


def sweep_summary(records: list[dict], seed_sets: dict[str, list[int]]):
    """Per method, k and seed set ("choice", "report"): the sweep's measures."""
    rows, by_fit = [], sorted(records, key=lambda r: (r["method"], r["k"]))
    for (method, k), group in itertools.groupby(
        by_fit, key=lambda r: (r["method"], r["k"])
    ):
        group = list(group)
        for name, seeds in seed_sets.items():
            runs = [r for r in group if r["seed"] in set(seeds)]
            rows.append({"method": method, "k": k, "seeds": name, **_summary_row(runs)})
    table = pd.DataFrame(rows)
    table.attrs = {"seed_sets": {n: list(s) for n, s in seed_sets.items()}}
    return table


def choose_k_on(summary: pd.DataFrame, method: str, seeds: str, min_k: int) -> int:
    """The k the rule picks for `method` from the `seeds` rows of a sweep summary."""
    rows = summary[(summary["method"] == method) & (summary["seeds"] == seeds)]
    return choose_k(rows, min_k)


def rank_of(summary: pd.DataFrame, method: str, seeds: str, k: int, min_k: int):
    """Where k ranks (1 = best) by mean c_npmi among k >= min_k on the given seeds."""
    rows = summary[
        (summary["method"] == method)
        & (summary["seeds"] == seeds)
        & (summary["k"] >= min_k)
    ]
    order = rows.sort_values("c_npmi", ascending=False, kind="stable")["k"].tolist()
    return order.index(k) + 1


def reported_run(records: list[dict], method: str, k: int, seeds) -> dict:
    """The medoid run among `seeds` at k: its topics best match the other seeds'."""
    runs = [
        r
        for r in records
        if r["method"] == method and r["k"] == k and r["seed"] in seeds
    ]
    seed = choose_seed(fits_table(runs), k)
    return next(r for r in runs if r["seed"] == seed)


def topic_recurrence(top, others, threshold: float = RECURS) -> list[float]:
    """Per topic of `top`: share of other runs where its best match is >= threshold."""
    return [
        float(
            np.mean(
                [max(jaccard(words, o) for o in other) >= threshold for other in others]
            )
        )
        for words in top
    ]


def recurrence_table(records, run: dict, seeds, threshold: float = RECURS):
    """Per topic of `run`: recurrence over the other `seeds` and its mean best match."""
    others = [
        r["top"]
        for r in records
        if r["method"] == run["method"]
        and r["k"] == run["k"]
        and r["seed"] in seeds
        and r["seed"] != run["seed"]
    ]
    best = [
        np.mean([max(jaccard(w, o) for o in other) for other in others])
        for w in run["top"]
    ]
    table = pd.DataFrame(
        {
            "method": run["method"],
            "topic": [f"T{i}" for i in range(1, run["k"] + 1)],
            "recurrence": topic_recurrence(run["top"], others, threshold),
            "best_match": np.round(best, 3),
        }
    )
    table["stable"] = table["recurrence"] > 0.5
    table["recurrence"] = table["recurrence"].round(3)
    table.attrs = {"threshold": threshold, "runs": len(others), "seed": run["seed"]}
    return table


def baseline_topic(docs, vocabulary, n: int = 10) -> dict:
    """The n most frequent kept words as one "topic", scored as the models are."""
    words = topic_npmi.frequent_words(docs, vocabulary, n)
    return {
        "top": words,
        "c_npmi": topic_npmi.textstat_npmi([words], topic_npmi.contexts_windows(docs)),
        "npmi_units": topic_npmi.textstat_npmi(
            [words], topic_npmi.contexts_units(docs)
        ),
    }


def comparison_table(summary: pd.DataFrame, seeds: str = "report") -> pd.DataFrame:
    """Per k, LDA against NMF on the report seeds: the four measures side by side."""
    rows = summary[summary["seeds"] == seeds]
    wide = rows.pivot(index="k", columns="method", values=MEASURES)
    wide.columns = [f"{m} {method.upper()}" for m, method in wide.columns]
    return wide
