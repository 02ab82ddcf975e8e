"""Agreement between annotators on hand labels, and label shares per piece or era.

Works on a joined label table (`antcorpus.project.label` join): one row per item and
annotator, with the key's columns (doc_id, era, sentence, drawn, earlier_row).
"""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pandas as pd

from .resample import bootstrap_interval
from .tone import LABELS, cohen_kappa


def _resampled_kappas(a: np.ndarray, b: np.ndarray):
    """Statistic for `bootstrap_interval`: Cohen's kappa of each resample of items."""
    return lambda idx: np.array([cohen_kappa(a[i], b[i]) for i in idx])


def kappa_interval(
    a, b, n_boot: int = 2000, seed: int = 0
) -> tuple[float, float, float]:
    """Cohen's kappa of two labelings and its 95% percentile bootstrap over items."""
    a, b = np.asarray(a), np.asarray(b)
    if len(a) != len(b) or not len(a):
        raise ValueError("two labelings of the same, non-empty list of items expected")
    rng = np.random.default_rng(seed)
    lo, hi = bootstrap_interval(_resampled_kappas(a, b), len(a), n_boot, rng)
    return cohen_kappa(a, b), float(lo), float(hi)


def labels_wide(joined: pd.DataFrame) -> pd.DataFrame:
    """One row per item, one column per annotator (NaN where not labelled)."""
    return joined.pivot(index="item", columns="annotator", values="label")


def pairwise_kappa(
    joined: pd.DataFrame, n_boot: int = 2000, seed: int = 0
) -> pd.DataFrame:
    """Per pair of annotators: n items both labelled, agreement, kappa, interval."""
    wide, rows = labels_wide(joined), []
    for x, y in combinations(sorted(wide.columns), 2):
        both = wide[[x, y]].dropna()
        if both.empty:
            continue
        k, lo, hi = kappa_interval(both[x], both[y], n_boot, seed)
        rows.append(
            {
                "a": x,
                "b": y,
                "n": len(both),
                "agreement": round(float((both[x] == both[y]).mean()), 3),
                "kappa": round(k, 3),
                "ci_low": round(lo, 3),
                "ci_high": round(hi, 3),
            }
        )
    table = pd.DataFrame(rows)
    table.attrs = {"unit": "item", "n_boot": n_boot, "seed": seed}
    return table


def label_shares(joined: pd.DataFrame, by: str) -> pd.DataFrame:
    """Per group (e.g. doc_id or era) and annotator: n and share of each label."""
    rows = []
    for (key, annotator), part in joined.groupby([by, "annotator"]):
        counts = part["label"].value_counts()
        row = {by: key, "annotator": annotator, "n": len(part)}
        row["pieces"] = part["doc_id"].nunique()
        for label in sorted(LABELS):
            row[label] = round(float(counts.get(label, 0) / len(part)), 3)
        rows.append(row)
    columns = [by, "annotator", "n", "pieces", *sorted(LABELS)]
    table = pd.DataFrame(rows, columns=columns)
    table.attrs = {"by": by, "unit": "sentence"}
    return table
