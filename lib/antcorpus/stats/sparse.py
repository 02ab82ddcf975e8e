"""A sparse document-term matrix: pieces x types as scipy CSR, dense only when shown.

`SparseDfm` holds the same counts as the dense frame of `tokens_dfm` (a row per piece,
a column per type, sorted) in memory proportional to the distinct (piece, type) pairs.
The helpers here take either form and give the same numbers, so the statistics that
matter at scale (keyness, group sums, per-piece rates, TF-IDF) never build the whole
dense matrix: they select the rows or columns they need.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import chain

import numpy as np
import pandas as pd
from scipy import sparse


@dataclass(frozen=True, eq=False)
class SparseDfm:
    """Document-term counts: `matrix` (CSR, int64) with its `docs` and `features`."""

    matrix: sparse.csr_matrix
    docs: pd.Index
    features: pd.Index

    @property
    def shape(self) -> tuple[int, int]:
        """(pieces, types)."""
        return self.matrix.shape

    def to_frame(self) -> pd.DataFrame:
        """The dense frame (every cell: only for small matrices or displays)."""
        dense = self.matrix.toarray()
        return pd.DataFrame(dense, index=self.docs, columns=self.features)


def tokens_sparse(tokens: list[list[str]], doc_ids: list) -> SparseDfm:
    """Sparse counts of each document's tokens, types sorted; O(tokens).

    Like the dense `tokens_dfm`: a repeated id keeps its first position and its last
    tokens, and ids beyond the tokens (or tokens beyond the ids) are dropped.
    """
    last = {d: i for i, (d, _) in enumerate(zip(doc_ids, tokens, strict=False))}
    rows = [tokens[i] for i in last.values()]
    lengths = np.fromiter(map(len, rows), np.int64, len(rows))
    flat = np.fromiter(chain.from_iterable(rows), object, int(lengths.sum()))
    codes, types = pd.factorize(flat, sort=True)
    matrix = _csr(codes, lengths, len(types))
    features = pd.Index(list(types)) if len(types) else pd.RangeIndex(0)
    return SparseDfm(
        matrix, pd.Index(list(last)) if last else pd.RangeIndex(0), features
    )


def _csr(codes: np.ndarray, lengths: np.ndarray, n_types: int) -> sparse.csr_matrix:
    """CSR counts from the type codes of each document's tokens, laid end to end."""
    ends = np.cumsum(lengths)
    parts = [
        np.unique(codes[e - n : e], return_counts=True)
        for e, n in zip(ends, lengths, strict=True)
    ]
    nnz = np.fromiter((len(p[0]) for p in parts), np.int64, len(parts))
    indptr = np.r_[0, np.cumsum(nnz)].astype(np.int64)
    indices = np.concatenate([p[0] for p in parts] + [np.empty(0, np.int64)])
    data = np.concatenate([p[1] for p in parts] + [np.empty(0, np.int64)])
    shape = (len(lengths), n_types)
    return sparse.csr_matrix((data.astype(np.int64), indices, indptr), shape=shape)


def is_sparse(dfm) -> bool:
    """True for a `SparseDfm`, False for a dense frame."""
    return isinstance(dfm, SparseDfm)


def dfm_docs(dfm) -> pd.Index:
    """The pieces (row labels) of a dense or sparse dfm."""
    return dfm.docs if is_sparse(dfm) else dfm.index


def dfm_rows(dfm: SparseDfm, docs) -> np.ndarray:
    """Row positions of the pieces `docs` (KeyError for one not in the dfm)."""
    pos = dfm.docs.get_indexer(list(docs))
    if (pos < 0).any():
        missing = [d for d, p in zip(docs, pos, strict=True) if p < 0]
        raise KeyError(f"not in the dfm: {missing[:5]}")
    return pos


def dfm_sizes(dfm) -> pd.Series:
    """Tokens per piece (row totals), int64, indexed by piece."""
    if not is_sparse(dfm):
        return dfm.sum(axis=1)
    return pd.Series(np.asarray(dfm.matrix.sum(axis=1)).ravel(), index=dfm.docs)


def dfm_total(dfm, docs) -> int:
    """Tokens in the pieces `docs` (their row totals summed)."""
    if is_sparse(dfm):
        return int(dfm.matrix[dfm_rows(dfm, docs)].sum())
    return int(dfm.loc[docs].to_numpy().sum())


def dfm_colsums(dfm, docs) -> pd.Series:
    """Per feature: its count summed over the pieces `docs`."""
    if not is_sparse(dfm):
        return dfm.loc[docs].sum()
    rows = dfm.matrix[dfm_rows(dfm, docs)]
    return pd.Series(np.asarray(rows.sum(axis=0)).ravel(), index=dfm.features)


def dfm_docfreq(dfm, docs=None) -> pd.Series:
    """Per feature: how many pieces (all, or those in `docs`) use it."""
    if not is_sparse(dfm):
        return (dfm if docs is None else dfm.loc[docs]).gt(0).sum()
    m = dfm.matrix if docs is None else dfm.matrix[dfm_rows(dfm, docs)]
    used = np.asarray((m > 0).sum(axis=0)).ravel().astype(np.int64)
    return pd.Series(used, index=dfm.features)


def dfm_select(dfm, features, docs=None) -> pd.DataFrame:
    """Dense counts of `features` (absent ones count 0) for every piece or `docs`."""
    features = list(features)
    if not is_sparse(dfm):
        frame = dfm.reindex(columns=features, fill_value=0)
        return frame if docs is None else frame.loc[docs]
    rows = np.arange(len(dfm.docs)) if docs is None else dfm_rows(dfm, docs)
    cols = dfm.features.get_indexer(features)
    dense = dfm.matrix[rows][:, np.where(cols < 0, 0, cols)].toarray()
    dense[:, cols < 0] = 0
    return pd.DataFrame(dense, index=dfm.docs[rows], columns=pd.Index(features))


def dfm_group_sums(dfm: SparseDfm, groups: pd.Series) -> pd.DataFrame:
    """Rows summed per group (an indicator matrix times the counts), dense.

    `groups` maps piece to group; groups in order of first appearance, pieces
    without a group left out (as `DataFrame.groupby(..., sort=False).sum()`).
    """
    codes, uniques = pd.factorize(groups.reindex(dfm.docs), sort=False)
    keep = np.flatnonzero(codes >= 0)
    ones = np.ones(len(keep), np.int64)
    shape = (len(uniques), len(dfm.docs))
    indicator = sparse.csr_matrix((ones, (codes[keep], keep)), shape=shape)
    sums = (indicator @ dfm.matrix).toarray().astype(np.int64)
    index = pd.Index(uniques, name=groups.name)
    return pd.DataFrame(sums, index=index, columns=dfm.features)


def dfm_append(dfm, rows: pd.DataFrame):
    """`dfm` with the dense count rows `rows` added below (new terms appended).

    Dense: pd.concat([dfm, rows]).fillna(0).astype(int); sparse: the same counts.
    """
    if not is_sparse(dfm):
        return pd.concat([dfm, rows]).fillna(0).astype(int)
    new = rows.columns.difference(dfm.features, sort=False)
    features = dfm.features.append(new)
    extra = sparse.csr_matrix(rows.reindex(columns=features, fill_value=0).to_numpy())
    wide = sparse.csr_matrix(
        (dfm.matrix.data, dfm.matrix.indices, dfm.matrix.indptr),
        shape=(dfm.shape[0], len(features)),
    )
    matrix = sparse.vstack([wide, extra.astype(np.int64)], format="csr")
    return SparseDfm(matrix, dfm.docs.append(rows.index), features)
