"""Reading a fitted topic model (notebook 04): shares, intervals, labels, excerpts."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..corpus.knowledge import resource_rows
from ..text.glossary import gloss
from .resample import bootstrap_interval

UNREVIEWED = "(unreviewed)"
UNSTABLE = "(unstable)"
ONE_PIECE = (
    0.6  # a topic is "essentially one piece" when more of its mass comes from one
)


def weighted_share(theta: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Token-weighted mean topic proportions of a set of units."""
    return (theta * weights[:, None]).sum(axis=0) / weights.sum()


def _resampled_shares(theta: np.ndarray, weights: np.ndarray):
    """Statistic for `bootstrap_interval`: weighted topic shares of each resample."""

    def shares(i: np.ndarray) -> np.ndarray:
        """Token-weighted mean proportions per resample (rows) and topic (columns)."""
        total = (theta[i] * weights[i][..., None]).sum(axis=1)
        return total / weights[i].sum(axis=1)[:, None]

    return shares


def topic_shares(
    units: pd.DataFrame, theta: np.ndarray, by: str, n_boot: int = 2000, seed: int = 0
) -> pd.DataFrame:
    """Per group of `by` and topic: token-weighted share, 95% interval, n.

    The interval is a percentile bootstrap over units.
    """
    rows = []
    rng = np.random.default_rng(seed)
    for key, idx in units.groupby(by, sort=False).indices.items():
        weights, part = units["n_tokens"].to_numpy(float)[idx], theta[idx]
        share = weighted_share(part, weights)
        lo, hi = bootstrap_interval(
            _resampled_shares(part, weights), len(idx), n_boot, rng
        )
        rows += [
            {
                by: key,
                "feature": f"T{t + 1}",
                "share": round(float(share[t]), 4),
                "ci_low": round(float(lo[t]), 4),
                "ci_high": round(float(hi[t]), 4),
                "pieces": units.loc[units.index[idx], "doc_id"].nunique(),
                "units": len(idx),
                "tokens": int(weights.sum()),
            }
            for t in range(theta.shape[1])
        ]
    table = pd.DataFrame(rows)
    table.attrs = {"by": by, "unit": "packed unit", "n_boot": n_boot, "seed": seed}
    return table


def topic_labels(
    k: int,
    seed: int,
    tops: list[list[str]],
    n_check: int = 5,
    stable=None,
    folder=None,
) -> list[str]:
    """Reviewed labels from the corpus's analysis/topic_labels.tsv, stable topics only.

    A topic whose top words changed is unreviewed; one marked not stable is unstable.
    """
    reviewed = {
        int(r["topic"]): r
        for r in resource_rows("topic_labels", folder)
        if int(r["k"]) == k and int(r["seed"]) == seed
    }
    out = []
    for t, words in enumerate(tops, 1):
        row = reviewed.get(t)
        ok = row is not None and row["top_words"].split() == words[:n_check]
        out.append(row["label"] if ok else UNREVIEWED)
    if stable is not None:
        out = [lab if ok else UNSTABLE for lab, ok in zip(out, stable, strict=True)]
    return out


def topic_table(tops: list[list[str]], labels: list[str], folder=None) -> pd.DataFrame:
    """One row per topic: T-number, label, top words with the corpus's English glosses.

    Words the corpus glossary (analysis/glossary.tsv of `folder`) lacks stay bare.
    """
    glossed = [
        " · ".join(
            f"{w} ({gloss(w, folder)})" if gloss(w, folder) else w for w in words
        )
        for words in tops
    ]
    return pd.DataFrame(
        {
            "topic": [f"T{i}" for i in range(1, len(tops) + 1)],
            "label": labels,
            "top_words": glossed,
        }
    )


def topic_excerpts(
    units: pd.DataFrame, theta: np.ndarray, n: int = 2, chars: int = 90
) -> pd.DataFrame:
    """The n units most dominated by each topic, shortened to `chars` characters."""
    rows = []
    for t in range(theta.shape[1]):
        for i in np.argsort(-theta[:, t], kind="stable")[:n]:
            text = units["text"].iat[i].replace("\n", " ")
            rows.append(
                {
                    "topic": f"T{t + 1}",
                    "proportion": round(float(theta[i, t]), 3),
                    "doc_id": units["doc_id"].iat[i],
                    "excerpt": text[:chars] + ("…" if len(text) > chars else ""),
                }
            )
    return pd.DataFrame(rows)


def topic_concentration(
    units: pd.DataFrame, theta: np.ndarray, threshold: float = ONE_PIECE
) -> pd.DataFrame:
    """Per topic: the piece giving most of its token mass, that share, and a flag.

    A topic's mass in a unit is its proportion times the unit's tokens.
    """
    mass = pd.DataFrame(theta * units["n_tokens"].to_numpy(float)[:, None])
    by_piece = mass.groupby(units["doc_id"].to_numpy(), sort=False).sum()
    share = by_piece / by_piece.sum(axis=0)
    table = pd.DataFrame(
        {
            "topic": [f"T{t + 1}" for t in range(theta.shape[1])],
            "max_piece": [str(share[t].idxmax()) for t in share.columns],
            "max_piece_share": [round(float(share[t].max()), 3) for t in share.columns],
        }
    )
    table["one_piece"] = table["max_piece_share"] > threshold
    table.attrs = {"threshold": threshold, "pieces": len(by_piece)}
    return table
