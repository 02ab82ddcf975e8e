"""Counting terms (notebook 02): document-term counts, rates, top terms, bigrams, TF-IDF."""
from __future__ import annotations

import math
from collections import Counter

import matplotlib.pyplot as plt
import pandas as pd

from .glossary import label
from .plots import cjk_style, era_colours
from .tokens import is_content_token, tokens_segment

PER = 10_000  # rates are per 10,000 content tokens


def counts_dfm(tokens: list[list[str]], doc_ids: list[str]) -> pd.DataFrame:
    """Document-term matrix of counts: one row per document, one column per term (sorted)."""
    rows = {d: Counter(t) for d, t in zip(doc_ids, tokens)}
    frame = pd.DataFrame.from_dict(rows, orient="index").fillna(0).astype(int)
    return frame.reindex(sorted(frame.columns), axis=1)


def counts_group(dfm: pd.DataFrame, groups: pd.Series) -> pd.DataFrame:
    """Sum document rows into groups (e.g. eras); `groups` maps doc_id to group."""
    return dfm.groupby(groups.reindex(dfm.index), sort=False).sum()


def counts_top(dfm: pd.DataFrame, n: int = 20) -> pd.DataFrame:
    """Top-n terms of each row, long form: row, rank, term, count, rate per 10,000, row total."""
    out = []
    for name, row in dfm.iterrows():
        total = int(row.sum())
        ranked = row[row > 0].sort_index().sort_values(ascending=False, kind="stable").head(n)
        out += [{"group": name, "rank": i, "term": term, "count": int(c), "per_10k": round(PER * c / total, 1),
                 "total_tokens": total} for i, (term, c) in enumerate(ranked.items(), 1)]
    return pd.DataFrame(out)


def tokens_bigrams(text: str) -> list[tuple[str, str]]:
    """Pairs of adjacent content tokens, never across a stopword, punctuation or number."""
    pairs, previous = [], None
    for token in tokens_segment(text):
        token = token.lower()
        if is_content_token(token):
            if previous is not None:
                pairs.append((previous, token))
            previous = token
        else:
            previous = None
    return pairs


def counts_bigrams(texts: list[str], keys: list[str], n: int = 15) -> pd.DataFrame:
    """Top-n bigrams per key (e.g. era): bigram, count, documents in the key using it."""
    rows = []
    for key in dict.fromkeys(keys):
        docs = [Counter(tokens_bigrams(t)) for t, k in zip(texts, keys) if k == key]
        total = sum(docs, Counter())
        ranked = sorted(total.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
        rows += [{"group": key, "rank": i, "bigram": " ".join(pair), "count": c,
                  "pieces_using": sum(1 for d in docs if pair in d), "pieces": len(docs)}
                 for i, (pair, c) in enumerate(ranked, 1)]
    return pd.DataFrame(rows)


def tfidf_top(dfm: pd.DataFrame, n: int = 10, min_count: int = 2) -> pd.DataFrame:
    """Distinctive terms per document: relative frequency x ln(N / document frequency).

    Terms used in every document score zero; a term must occur `min_count` times in the
    document to be listed, so one-off words in short pieces do not dominate.
    """
    df = (dfm > 0).sum()
    idf = (len(dfm) / df).map(math.log)
    rows = []
    for doc, row in dfm.iterrows():
        score = (row / row.sum() * idf)[row >= min_count].sort_index().sort_values(ascending=False, kind="stable")
        rows += [{"doc_id": doc, "rank": i, "term": t, "count": int(row[t]), "doc_freq": int(df[t]),
                  "tfidf": round(s, 5)} for i, (t, s) in enumerate(score.head(n).items(), 1) if s > 0]
    return pd.DataFrame(rows, columns=["doc_id", "rank", "term", "count", "doc_freq", "tfidf"])


def plot_top_terms(top: pd.DataFrame, order: list[str], title: str):
    """One panel per group: its top terms as bars of rate per 10,000, labelled term (gloss)."""
    groups = [g for g in order if g in set(top["group"])]
    colours = era_colours(order)
    with cjk_style():
        fig, axes = plt.subplots(1, len(groups), figsize=(3.6 * len(groups), 0.28 * top["rank"].max() + 1.6),
                                 squeeze=False)
        for ax, group in zip(axes[0], groups):
            part = top[top["group"] == group].sort_values("rank", ascending=False)
            ax.barh([label(t) for t in part["term"]], part["per_10k"], color=colours.get(group, "0.5"))
            ax.tick_params(axis="y", labelsize=7)
            total = part["total_tokens"].iloc[0]
            ax.set_title(f"{group}\n({total:,} tokens)", fontsize=9)
            ax.set_xlabel("per 10,000 tokens", fontsize=8)
        fig.suptitle(title, fontsize=10)
        fig.tight_layout()
    return fig
