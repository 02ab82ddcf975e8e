"""Pieces as the unit of inference: per-piece rates, dispersion, the evidence table.

The tokens of a piece are not independent observations of its era: the unit of
inference is the piece. The tests (Crawford–Howell, exact permutation) are in
`singlecase`. Sources for dispersion:

- Gries, S. Th. (2008). Dispersions and adjusted frequencies in corpora. International
  Journal of Corpus Linguistics 13(4), 403–437. (DP = 0.5 * sum |v_i - s_i|)
- Lijffijt, J. & Gries, S. Th. (2012). Correction to Stefan Th. Gries' "Dispersions and
  adjusted frequencies in corpora". IJCL 17(1), 147–149. (DP_norm = DP / (1 - min s))

Rates are per 10,000 tokens of a piece; a piece's token count is its dfm row sum.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .resample import cluster_bootstrap_rates
from .singlecase import (
    PER,
    cluster_bootstrap_rate,
    crawford_howell,
    permutation_design,
    permutation_test,
)
from .sparse import dfm_docs, dfm_select, dfm_sizes

MIN_PIECES = 5  # fewer pieces than this: no bootstrap interval, only their range
COLUMNS = [
    "target_rate",
    "reference_min",
    "reference_median",
    "reference_max",
    "reference_mean",
    "n_reference_below",
    "rank_among_reference",
    "above_all_reference",
    "statistic",
    "df",
    "p_one_sided",
    "p_two_sided",
    "p_perm_one_sided",
    "p_floor",
    "dp",
    "dp_norm",
    "test",
]


def _feature_counts(dfm, features) -> pd.DataFrame:
    """Counts per piece for terms (absent terms count 0) or summed term groups."""
    if isinstance(features, str):
        features = [features]
    if isinstance(features, dict):
        cols = {
            g: dfm_select(dfm, sorted(set(ts))).sum(axis=1)
            for g, ts in features.items()
        }
        return pd.DataFrame(cols, index=dfm_docs(dfm))
    return dfm_select(dfm, features)


def piece_rates(dfm, terms_or_groups) -> pd.DataFrame:
    """Wide table: a row per piece (dfm index), a column per term/group, rate per 10k.

    `terms_or_groups` is a term, a list of terms, or {group_name: set_of_terms} (member
    counts summed). Terms missing from the dfm count 0; a piece without tokens is NaN.
    `dfm` is a dense frame or a `SparseDfm` (only the requested columns are read).
    """
    sizes = dfm_sizes(dfm).astype(float).replace(0, np.nan)
    return _feature_counts(dfm, terms_or_groups).div(sizes, axis=0) * PER


def dispersion_dp(counts, sizes) -> pd.DataFrame:
    """Gries' DP and Lijffijt & Gries' DP_norm per term (rows = parts, columns = terms).

    `counts` is 1-D (one term over parts) or 2-D / DataFrame (parts x terms); `sizes`
    are the parts' token counts. DP is NaN for a term with zero total count.
    """
    names = counts.columns if isinstance(counts, pd.DataFrame) else None
    c = np.asarray(counts, float)
    c = c[:, None] if c.ndim == 1 else c
    s = np.asarray(sizes, float) / np.sum(sizes)
    with np.errstate(invalid="ignore", divide="ignore"):
        v = c / c.sum(axis=0)
    dp = 0.5 * np.abs(v - s[:, None]).sum(axis=0)
    dp = np.where(c.sum(axis=0) > 0, dp, np.nan)
    table = pd.DataFrame({"dp": dp, "dp_norm": dp / (1 - s.min())}, index=names)
    return table.rename_axis("term") if names is not None else table


def _sides(eras: pd.Series, dfm, target: str, reference: str):
    """Pieces of the target and reference eras that are rows of the dfm."""
    docs = dfm_docs(dfm)
    t = [d for d in eras.index[eras == target] if d in docs]
    r = [d for d in eras.index[eras == reference] if d in docs]
    if not t or not r:
        raise ValueError(f"no pieces for {target!r} or {reference!r} in the dfm")
    return t, r


def _one_sided(up: bool, p_greater: float, p_less: float) -> float:
    """One-sided p in the direction of the observed difference."""
    return p_greater if up else p_less


def _row(t_rates: np.ndarray, r_rates: np.ndarray) -> dict:
    """Evidence for one feature: rates, rank, the headline test and the exact p."""
    t_mean = float(t_rates.mean())
    up = t_mean >= r_rates.mean()
    labels = ["t"] * len(t_rates) + ["r"] * len(r_rates)
    perm = permutation_test(np.r_[t_rates, r_rates], labels, "t", "r")
    row = {
        "target_rate": t_mean,
        "reference_min": r_rates.min(),
        "reference_median": float(np.median(r_rates)),
        "reference_max": r_rates.max(),
        "reference_mean": r_rates.mean(),
        "n_reference_below": int((r_rates < t_mean).sum()),
        "rank_among_reference": 1 + int((r_rates > t_mean).sum()),
        "p_perm_one_sided": _one_sided(up, perm.p_greater, perm.p_less),
    }
    if len(t_rates) == 1:
        ch = crawford_howell(t_mean, r_rates)
        row.update(
            statistic=ch.t,
            df=ch.df,
            p_two_sided=ch.p_two_sided,
            p_one_sided=_one_sided(up, ch.p_greater, ch.p_less),
        )
    else:
        row.update(
            statistic=perm.observed,
            df=np.nan,
            p_two_sided=perm.p_two_sided,
            p_one_sided=row["p_perm_one_sided"],
        )
    return row


def textstat_evidence(
    dfm, eras: pd.Series, target: str, reference: str, features
) -> pd.DataFrame:
    """One row per term/group: target vs reference per-piece rates, rank, test, DP.

    One target piece: Crawford–Howell modified t (statistic = t). Two or more: exact
    permutation test (statistic = difference of mean per-piece rates). p_one_sided is in
    the direction of the difference; p_floor is the design's smallest attainable exact
    p. target_rate is the mean of the target pieces' rates (the rate, for one piece);
    ranks compare it with each reference piece's rate. DP / DP_norm are over all dfm
    pieces. What it was computed on is in `.attrs`. `dfm` is dense or sparse.
    """
    t, r = _sides(eras, dfm, target, reference)
    rates = piece_rates(dfm, features)
    rows = {
        f: _row(rates.loc[t, f].to_numpy(float), rates.loc[r, f].to_numpy(float))
        for f in rates.columns
    }
    table = pd.DataFrame.from_dict(rows, orient="index").rename_axis("feature")
    table["above_all_reference"] = table["n_reference_below"] == len(r)
    dp = dispersion_dp(_feature_counts(dfm, features), dfm_sizes(dfm))
    table[["dp", "dp_norm"]] = dp.to_numpy()
    name, permutation, floor = permutation_design(len(t), len(r))
    table["p_floor"] = floor
    test = "Crawford-Howell modified t" if len(t) == 1 else name
    table["test"] = test
    table = table[COLUMNS]
    table.attrs.update(
        target=target,
        reference=reference,
        n_target=len(t),
        n_reference=len(r),
        target_pieces=t,
        reference_pieces=r,
        unit="piece",
        test=test,
        rate="per 10,000 tokens of a piece",
        statistic="t" if len(t) == 1 else "difference of mean per-piece rates",
        p_floor=floor,
        permutation_test=permutation,
    )
    return table


def textstat_piece_intervals(
    dfm,
    groups: pd.Series,
    features,
    n_boot: int = 2000,
    seed: int = 0,
    min_pieces: int = MIN_PIECES,
) -> pd.DataFrame:
    """Per group and feature: pooled rate with a cluster (piece) bootstrap interval.

    Pieces, not paragraphs, are resampled. With fewer than `min_pieces` pieces the few
    distinct resamples cannot make a trustworthy interval, so none is given (the
    range of the pieces' own rates is reported instead). Each group's resamples are
    drawn once, in chunks, for all features (`cluster_bootstrap_rates`).
    """
    counts, sizes = _feature_counts(dfm, features), dfm_sizes(dfm)
    rows = []
    for group, docs in groups.groupby(groups, sort=False).groups.items():
        docs = [d for d in docs if d in counts.index]
        rows += _group_rows(
            group, counts.loc[docs], sizes[docs], n_boot, seed, min_pieces
        )
    table = pd.DataFrame(rows)
    table.attrs = {
        "unit": "piece",
        "interval": "cluster bootstrap over pieces",
        "n_boot": n_boot,
        "seed": seed,
        "min_pieces": min_pieces,
    }
    return table


def _group_rows(
    group, counts: pd.DataFrame, sizes: pd.Series, n_boot, seed, min_pieces
) -> list:
    """A row per feature of one group: pooled rate, piece range, interval."""
    if len(sizes):
        rate, low, high = cluster_bootstrap_rates(counts, sizes, n_boot, seed)
    else:
        boots = [cluster_bootstrap_rate(counts[f], sizes, n_boot, seed) for f in counts]
        rate, low, high = (
            [getattr(b, k) for b in boots] for k in ("rate", "low", "high")
        )
    enough = len(sizes) >= min_pieces
    rows = []
    for j, feature in enumerate(counts.columns):
        rates = PER * counts[feature] / sizes
        rows.append(
            {
                "group": group,
                "feature": feature,
                "pieces": len(sizes),
                "tokens": int(sizes.sum()),
                "per_10k": rate[j],
                "piece_min": float(rates.min()),
                "piece_max": float(rates.max()),
                "ci_low": float(low[j]) if enough else np.nan,
                "ci_high": float(high[j]) if enough else np.nan,
            }
        )
    return rows


def textstat_positions(tokens: dict[str, list[str]], terms: list[str]) -> pd.DataFrame:
    """Where each term occurs in each piece: relative position 0–1 (dispersion plot)."""
    wanted, rows = set(terms), []
    for doc_id, toks in tokens.items():
        length = max(len(toks) - 1, 1)
        rows += [
            {"term": t, "doc_id": doc_id, "position": i / length}
            for i, t in enumerate(toks)
            if t in wanted
        ]
    table = pd.DataFrame(rows, columns=["term", "doc_id", "position"])
    table.attrs = {"terms": list(terms), "pieces": list(tokens), "unit": "token"}
    return table


def concept_features(concepts: pd.DataFrame, settings=None) -> dict[str, set[str]]:
    """Concept groups as features, {group: its terms}, in the order of `concepts`.

    `concepts` has columns group and term (`stats.concept_groups`); `settings` is the
    corpus's `concept_groups` field of analysis.yaml: groups listed under `unsummed` are
    tracked term by term, never summed, so they are left out; each entry of `merged`
    (name: [group, ...]) adds a group uniting those groups' terms. Naming a group that
    `concepts` lacks is an error. No concepts: no features.
    """
    settings = settings or {}
    unsummed, merged = settings.get("unsummed", []), settings.get("merged", {})
    groups = {g: set(part["term"]) for g, part in concepts.groupby("group", sort=False)}
    unknown = [g for g in [*unsummed, *sum(merged.values(), [])] if g not in groups]
    if unknown:
        raise ValueError(f"concept groups not in the corpus: {', '.join(unknown)}")
    features = {g: terms for g, terms in groups.items() if g not in unsummed}
    for name, parts in merged.items():
        features[name] = set().union(*(groups[g] for g in parts))
    return features
