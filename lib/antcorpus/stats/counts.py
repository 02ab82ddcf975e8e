"""Counting terms (notebook 02): document-term counts, top terms, bigrams, TF-IDF."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator

import pandas as pd

from ..text.glossary import gloss
from ..text.tokens import tokens_bigrams
from .sparse import (
    SparseDfm,
    dfm_docfreq,
    dfm_docs,
    dfm_group_sums,
    is_sparse,
    tokens_sparse,
)

PER = 10_000  # rates are per 10,000 content tokens


def tokens_dfm(
    tokens: list[list[str]], doc_ids: list[str], sparse: bool = False
) -> pd.DataFrame | SparseDfm:
    """Document-term counts: a row per document, a column per term (sorted).

    sparse=True returns the `SparseDfm` (scipy CSR) instead of the dense frame.
    """
    counts = tokens_sparse(tokens, doc_ids)
    return counts if sparse else counts.to_frame()


def dfm_group(dfm: pd.DataFrame | SparseDfm, groups: pd.Series) -> pd.DataFrame:
    """Sum document rows into groups (e.g. eras); `groups` maps doc_id to group.

    Dense result (a row per group) for a dense or a sparse dfm.
    """
    if is_sparse(dfm):
        return dfm_group_sums(dfm, groups)
    return dfm.groupby(groups.reindex(dfm.index), sort=False).sum()


def _rows(dfm: pd.DataFrame | SparseDfm) -> Iterator[tuple[object, pd.Series]]:
    """Each row as (name, counts by term); a sparse row holds its nonzero terms only."""
    if not is_sparse(dfm):
        yield from dfm.iterrows()
        return
    matrix = dfm.matrix
    for i, name in enumerate(dfm.docs):
        lo, hi = matrix.indptr[i], matrix.indptr[i + 1]
        terms = dfm.features[matrix.indices[lo:hi]]
        yield name, pd.Series(matrix.data[lo:hi], index=terms, dtype="int64")


def dfm_top(dfm: pd.DataFrame | SparseDfm, n: int = 20) -> pd.DataFrame:
    """Top-n terms per row, long: row, rank, term, count, rate per 10k, row total."""
    out = []
    for name, row in _rows(dfm):
        total = int(row.sum())
        ranked = (
            row[row > 0]
            .sort_index()
            .sort_values(ascending=False, kind="stable")
            .head(n)
        )
        out += [
            {
                "group": name,
                "rank": i,
                "term": term,
                "count": int(c),
                "per_10k": round(PER * c / total, 1),
                "total_tokens": total,
            }
            for i, (term, c) in enumerate(ranked.items(), 1)
        ]
    return pd.DataFrame(out)


def textstat_bigrams(
    texts: list[str], keys: list[str], n: int = 15, words=None
) -> pd.DataFrame:
    """Top-n bigrams per key (e.g. era): bigram, count, key documents using it.

    `words` are the dictionary additions (default: the corpus folder's dictionary).
    """
    rows = []
    for key in dict.fromkeys(keys):
        docs = [
            Counter(tokens_bigrams(t, words))
            for t, k in zip(texts, keys, strict=False)
            if k == key
        ]
        total = sum(docs, Counter())
        ranked = sorted(total.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
        rows += [
            {
                "group": key,
                "rank": i,
                "bigram": " ".join(pair),
                "count": c,
                "pieces_using": sum(1 for d in docs if pair in d),
                "pieces": len(docs),
            }
            for i, (pair, c) in enumerate(ranked, 1)
        ]
    return pd.DataFrame(rows)


def dfm_tfidf(dfm, n: int = 10, min_count: int = 2) -> pd.DataFrame:
    """Distinctive terms per document: relative frequency x ln(N / document frequency).

    Terms used in every document score zero; a term must occur `min_count` times in the
    document to be listed, so one-off words in short pieces do not dominate. `dfm` is
    dense or a `SparseDfm` (then only each row's stored terms are scored).
    """
    df = dfm_docfreq(dfm)
    idf = (len(dfm_docs(dfm)) / df).map(math.log)
    rows = []
    full = is_sparse(dfm) and min_count <= 0  # then every term is scored, zeros too
    for doc, row in _rows(dfm.to_frame() if full else dfm):
        score = (
            (row / row.sum() * idf.reindex(row.index))[row >= min_count]
            .sort_index()
            .sort_values(ascending=False, kind="stable")
        )
        rows += [
            {
                "doc_id": doc,
                "rank": i,
                "term": t,
                "count": int(row[t]),
                "doc_freq": int(df[t]),
                "tfidf": round(s, 5),
            }
            for i, (t, s) in enumerate(score.head(n).items(), 1)
            if s > 0
        ]
    return pd.DataFrame(
        rows, columns=["doc_id", "rank", "term", "count", "doc_freq", "tfidf"]
    )


def dfm_compare(
    rates: pd.DataFrame, left: str, right: str, n: int = 60, folder=None
) -> pd.DataFrame:
    """Terms whose rate per 10,000 differs most between two columns, half on each side.

    `rates` has one row per term and the two columns; the result gives each term's
    difference, the side it leans to, and its English gloss from the glossary of the
    corpus in `folder` (empty when it has none).
    """
    diff = (rates[left] - rates[right]).rename("difference")
    table = pd.concat([rates[[left, right]], diff], axis=1)
    table["leans_to"] = [left if d > 0 else right for d in table["difference"]]
    half = n // 2
    picked = pd.concat(
        [
            table[table["difference"] > 0].sort_index().nlargest(half, "difference"),
            table[table["difference"] < 0].sort_index().nsmallest(half, "difference"),
        ]
    )
    picked = picked.rename_axis("term").reset_index()
    picked["gloss"] = [gloss(t, folder) or "" for t in picked["term"]]
    return picked


def dfm_merge(dfm: pd.DataFrame, aliases: dict[str, str]) -> pd.DataFrame:
    """Counts with each name variant's column added to the name it stands for.

    The same counts as tokenizing with `aliases` (they map one token to another).
    """
    merged = dfm.T.groupby([aliases.get(c, c) for c in dfm.columns], sort=True).sum()
    return merged.T


def alias_table(dfm: pd.DataFrame, aliases: dict[str, str]) -> pd.DataFrame:
    """Each name's variants counted apart and merged: a row per name and form.

    Columns are `dfm`'s rows (e.g. eras); `form` is a variant, the name itself, or
    "merged" (their sum); `name` is the name the variants stand for.
    """
    rows = []
    for name in sorted(set(aliases.values())):
        forms = sorted(v for v, n in aliases.items() if n == name and v != name)
        counts = {f: dfm.get(f, pd.Series(0, index=dfm.index)) for f in forms + [name]}
        counts["merged"] = sum(counts.values())
        rows += [
            {"name": name, "form": f, **c.astype(int).to_dict()}
            for f, c in counts.items()
        ]
    return pd.DataFrame(rows, columns=["name", "form", *dfm.index])
