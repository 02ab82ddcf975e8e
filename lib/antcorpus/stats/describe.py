"""Describing the corpus (notebook 01): piece table, era balance, timeline, cleaning."""

from __future__ import annotations

from collections import Counter

import pandas as pd

from ..text.tokens import tokens_segment
from ..text.units import corpus_reshape

TABLE_COLUMNS = [
    "doc_id",
    "title",
    "author",
    "author_type",
    "genre",
    "era",
    "date",
    "date_precision",
    "date_start",
    "date_end",
    "n_chars",
    "n_paragraphs",
    "n_tokens",
    "n_types",
]


def corpus_table(corpus: pd.DataFrame, tokens: list[list[str]]) -> pd.DataFrame:
    """A row per piece: catalog fields, content dates, lengths in chars and tokens."""
    table = corpus.assign(
        n_paragraphs=[
            sum(1 for p in t.split("\n") if p.strip()) for t in corpus["text"]
        ],
        n_tokens=[len(t) for t in tokens],
        n_types=[len(set(t)) for t in tokens],
    )
    return table[TABLE_COLUMNS].reset_index(drop=True)


def era_balance(table: pd.DataFrame, order: list[str]) -> pd.DataFrame:
    """Pieces, characters and content tokens per era, and each era's token share."""
    out = (
        table.groupby("era", sort=False)
        .agg(
            pieces=("doc_id", "size"),
            machine_pieces=("author_type", lambda s: int((s == "machine").sum())),
            chars=("n_chars", "sum"),
            tokens=("n_tokens", "sum"),
        )
        .reindex([e for e in order if e in set(table["era"])])
    )
    out["token_share"] = (out["tokens"] / out["tokens"].sum()).round(3)
    return out.reset_index()


def segmentation_compare(sentences: list[str], words=None) -> pd.DataFrame:
    """Each sentence segmented by bare jieba and by jieba plus the domain dictionary.

    `words` are the dictionary additions (default: the corpus folder's dictionary).
    """
    rows = []
    for s in sentences:
        bare, ours = tokens_segment(s, domain=False), tokens_segment(s, True, words)
        rows.append(
            {
                "sentence": s,
                "bare_jieba": " / ".join(bare),
                "with_domain_dictionary": " / ".join(ours),
                "tokens_bare": len(bare),
                "tokens_ours": len(ours),
            }
        )
    return pd.DataFrame(rows)


def segmentation_examples(
    corpus: pd.DataFrame, per_era: int = 2, max_chars: int = 60, words=None
) -> pd.DataFrame:
    """Per era: short sentences the domain dictionary segments most differently."""
    sentences = corpus_reshape(corpus, to="sentences")
    sentences = sentences[sentences["text"].str.len() <= max_chars]
    compared = segmentation_compare(sentences["text"].tolist(), words).assign(
        era=sentences["era"].to_numpy(), doc_id=sentences["doc_id"].to_numpy()
    )
    compared["merged"] = compared["tokens_bare"] - compared["tokens_ours"]
    best = compared.sort_values(
        ["merged", "sentence"], ascending=[False, True], kind="stable"
    )
    return (
        best.groupby("era", sort=False)
        .head(per_era)
        .sort_values("era", kind="stable")
        .reset_index(drop=True)
    )


def domain_coverage(tokens: list[list[str]], words: set[str]) -> dict:
    """How many content tokens are domain-dictionary words bare jieba would split."""
    flat = [t for doc in tokens for t in doc]
    split = {w for w in words if len(tokens_segment(w, domain=False)) > 1}
    hits = sum(1 for t in flat if t in split)
    return {
        "tokens": len(flat),
        "domain_tokens": sum(1 for t in flat if t in words),
        "split_by_bare_jieba": hits,
        "share_split": round(hits / len(flat), 4) if flat else 0.0,
    }


def split_words(tokens: list[list[str]], words: set[str]) -> pd.DataFrame:
    """Dictionary words in the corpus that bare jieba splits, most frequent first.

    A row per word: its count among the content tokens and bare jieba's pieces.
    """
    counts = Counter(t for doc in tokens for t in doc if t in words)
    rows = [
        {
            "word": w,
            "count": n,
            "bare_jieba": " / ".join(tokens_segment(w, domain=False)),
        }
        for w, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    split = [r for r in rows if " / " in r["bare_jieba"]]
    return pd.DataFrame(split, columns=["word", "count", "bare_jieba"])


def era_profile(table: pd.DataFrame, order: list[str]) -> pd.DataFrame:
    """Per era (catalog order): pieces, and the author types and genres they hold."""
    present = [e for e in order if e in set(table["era"])]
    rows = [
        {
            "era": era,
            "pieces": len(part),
            "author_types": sorted(set(part["author_type"].astype(str))),
            "genres": sorted(set(part["genre"].astype(str))),
        }
        for era in present
        for part in [table[table["era"] == era]]
    ]
    return pd.DataFrame(rows, columns=["era", "pieces", "author_types", "genres"])
