"""Keyness for a small, unbalanced comparison (notebook 05): G², log ratio, q-values.

q-values are Benjamini–Hochberg; stability is leave-one-piece-out. G² is the four-cell
log-likelihood of the 2x2 table (term / other tokens x target / reference), as AntConc
reports it and as quanteda's textstat_keyness(measure = "lr", correction = "none"),
signed positive when the term is relatively more frequent in the target. Log ratio is
Hardie's (2014) binary log of the ratio of relative frequencies, with 0.5 standing in
for a zero count.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.stats import chi2, false_discovery_control

from .sparse import dfm_colsums, dfm_docfreq, dfm_rows, dfm_total, is_sparse

CRITICAL = 3.84  # G² for p < 0.05 with one degree of freedom


def g2(a, b, n_a, n_b) -> np.ndarray:
    """Signed four-cell G² of counts a (target), b (reference) in n_a, n_b tokens."""
    a, b = np.asarray(a, float), np.asarray(b, float)
    n = n_a + n_b
    observed = [a, b, n_a - a, n_b - b]
    expected = [
        n_a * (a + b) / n,
        n_b * (a + b) / n,
        n_a * (n - a - b) / n,
        n_b * (n - a - b) / n,
    ]
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = [
            np.where(o > 0, o * np.log(o / e), 0.0)
            for o, e in zip(observed, expected, strict=True)
        ]
    value = 2 * sum(terms)
    return np.where(a / n_a >= b / n_b, value, -value)


def log_ratio(a, b, n_a, n_b) -> np.ndarray:
    """log2 of the ratio of relative frequencies, zero counts replaced by 0.5."""
    a, b = np.asarray(a, float), np.asarray(b, float)
    return np.log2((np.where(a == 0, 0.5, a) / n_a) / (np.where(b == 0, 0.5, b) / n_b))


def textstat_keyness(
    dfm: pd.DataFrame,
    groups: pd.Series,
    target: str,
    reference: str,
    min_count: int = 3,
    order: list[str] | None = None,
) -> pd.DataFrame:
    """Per term (>= min_count over both sides): counts, rates, pieces, G², p, BH q, LR.

    `groups` maps each doc_id (row of `dfm`) to its group, e.g. era; the result's
    `attrs` record the target and reference groups, their pieces, `min_count` and the
    group order (`order`, default: first appearance), so plots and findings read them.
    """
    t_docs = list(groups[groups == target].index)
    r_docs = list(groups[groups == reference].index)
    table = keyness_table(dfm, t_docs, r_docs, min_count)
    table.attrs = {
        "target": target,
        "reference": reference,
        "target_pieces": t_docs,
        "reference_pieces": r_docs,
        "min_count": min_count,
        "unit": "token",
        "order": list(order or dict.fromkeys(groups)),
    }
    return table


def keyness_table(
    dfm, target: list[str], reference: list[str], min_count: int = 3
) -> pd.DataFrame:
    """Keyness table of two piece lists (rows of `dfm`, dense or sparse), strongest
    target first."""
    a, b = dfm_colsums(dfm, target), dfm_colsums(dfm, reference)
    keep = (a + b) >= min_count
    a, b = a[keep], b[keep]
    n_a, n_b = int(dfm_total(dfm, target)), int(dfm_total(dfm, reference))
    used = keep.index[keep]
    table = pd.DataFrame(
        {
            "target": a.astype(int),
            "reference": b.astype(int),
            "target_per_10k": (10_000 * a / n_a).round(1),
            "reference_per_10k": (10_000 * b / n_b).round(1),
            "target_pieces": _pieces_using(dfm, target, used, keep),
            "reference_pieces": _pieces_using(dfm, reference, used, keep),
            "g2": g2(a, b, n_a, n_b),
            "log_ratio": log_ratio(a, b, n_a, n_b),
        }
    )
    table["p"] = chi2.sf(table["g2"].abs(), df=1)
    pvalues = table["p"].to_numpy()
    table["q"] = false_discovery_control(pvalues, method="bh") if len(table) else []
    table.index.name = "term"
    return table.sort_values("g2", ascending=False, kind="stable").reset_index()


def _pieces_using(dfm, docs: list, used: pd.Index, keep: pd.Series) -> pd.Series:
    """Per kept term: how many of the pieces `docs` use it."""
    if is_sparse(dfm):
        return dfm_docfreq(dfm, docs)[keep.to_numpy()].astype(int)
    return (dfm.loc[docs, used] > 0).sum().astype(int)


def keyness_leave_one_out(dfm, table: pd.DataFrame) -> pd.Series:
    """True where a term keeps its sign and G² >= 3.84 whichever one piece is left out.

    Reads the pieces from `table.attrs` (a `textstat_keyness` result). A side with one
    piece cannot lose it, so only sides with two or more are left out. Each left-out
    design subtracts that piece's counts from the side's totals (integer arithmetic, so
    the same G² as re-summing), which keeps the cost linear in the number of pieces.
    `dfm` is dense or sparse; only the table's terms are read, one piece at a time.
    """
    meta = table.attrs
    terms = table["term"].tolist()
    sides = {"t": meta["target_pieces"], "r": meta["reference_pieces"]}
    rows = {k: _term_rows(dfm, v, terms) for k, v in sides.items()}
    totals = {k: (_column_sums(c), int(s.sum())) for k, (c, s) in rows.items()}
    sign = np.sign(table["g2"].to_numpy())
    stable = np.ones(len(terms), bool)
    for key, (counts, sizes) in rows.items():
        for i in range(len(sizes)) if len(sizes) > 1 else ():
            g = _g2_without(totals, key, _dense_row(counts, i), int(sizes[i]))
            stable &= (np.sign(g) == sign) & (np.abs(g) >= CRITICAL)
    return pd.Series(stable, index=terms)


def _term_rows(dfm, docs: list, terms: list):
    """Counts of `terms` in the pieces `docs` (CSR or int64 array) and their sizes."""
    if is_sparse(dfm):
        rows = dfm_rows(dfm, docs)
        m = dfm.matrix[rows]
        cols = dfm.features.get_indexer(terms)
        if (cols < 0).any():
            raise KeyError("terms of the table that are not in the dfm")
        return m[:, cols].tocsr(), np.asarray(m.sum(axis=1)).ravel()
    return dfm.loc[docs, terms].to_numpy(), dfm.loc[docs].sum(axis=1).to_numpy()


def _column_sums(counts) -> np.ndarray:
    """Column totals of a CSR matrix or a 2-D array, as a 1-D int64 array."""
    return np.asarray(counts.sum(axis=0)).ravel()


def _dense_row(counts, i: int) -> np.ndarray:
    """Row i of a CSR matrix or a 2-D array, as a 1-D int64 array."""
    if isinstance(counts, np.ndarray):
        return counts[i]
    return counts[i].toarray().ravel()


def _g2_without(totals: dict, side: str, row: np.ndarray, size: int) -> np.ndarray:
    """Signed G² per term with one piece's counts taken out of one side's totals."""
    (a, n_a), (b, n_b) = totals["t"], totals["r"]
    if side == "t":
        a, n_a = a - row, n_a - size
    else:
        b, n_b = b - row, n_b - size
    return g2(a, b, n_a, n_b)
