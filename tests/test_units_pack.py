"""units_pack converts the units once, not a row lookup per unit: the same result."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import antcorpus
from antcorpus.corpus.knowledge import domain_words
from antcorpus.stats.topics import MIN_TOKENS
from antcorpus.text import corpus_reshape, units_pack

ROOT = Path(__file__).resolve().parents[1]


def packed_row(units: pd.DataFrame, first, text: str, toks: list[str]) -> dict:
    """The earlier row builder: a pandas row lookup."""
    return {**units.loc[first].to_dict(), "text": text.strip(), "n_tokens": len(toks)}


def row_by_row(units: pd.DataFrame, tokens, min_tokens: int):
    """The earlier implementation (a pandas row lookup per unit), as the reference."""
    rows, docs = [], []
    for doc_id, part in units.groupby("doc_id", sort=False):
        text, toks, first = "", [], None
        for i in part.index:
            first = i if first is None else first
            text, toks = text + units.at[i, "text"] + "\n", toks + tokens[i]
            if len(toks) >= min_tokens:
                rows.append(packed_row(units, first, text, toks))
                docs.append(toks)
                text, toks, first = "", [], None
        if toks and rows and rows[-1]["doc_id"] == doc_id:
            rows[-1]["text"] += "\n" + text.strip()
            rows[-1]["n_tokens"] += len(toks)
            docs[-1] = docs[-1] + toks
        elif toks:
            rows.append(packed_row(units, first, text, toks))
            docs.append(toks)
    packed = pd.DataFrame(rows).reset_index(drop=True)
    packed["unit"] = packed.groupby("doc_id").cumcount()
    return packed, docs


@pytest.mark.parametrize("folder", ["seeds", "corpora/tang-song-shi"])
@pytest.mark.parametrize("min_tokens", [MIN_TOKENS, 5, 200])
def test_packing_matches_the_row_by_row_reference(folder, min_tokens):
    corpus = antcorpus.load_corpus(ROOT / folder)
    units = corpus_reshape(corpus, "units")
    tokens = antcorpus.tokens_corpus(
        units["text"].tolist(), words=domain_words(ROOT / folder)
    )
    packed, docs = units_pack(units, tokens, min_tokens)
    expected, expected_docs = row_by_row(units, tokens, min_tokens)
    pd.testing.assert_frame_equal(packed, expected, check_exact=True)
    assert docs == expected_docs
