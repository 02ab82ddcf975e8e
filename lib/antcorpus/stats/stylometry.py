"""Style as a confound (notebook 05): sentence length, layout, function words.

Layout means list and heading structure.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..text.tokens import tokens_segment
from ..text.units import LIST_LINE, split_sentences

# High-frequency grammatical words: their rates reflect author and genre more than
# topic.
FUNCTION_WORDS = (
    "的",
    "了",
    "是",
    "在",
    "和",
    "与",
    "及",
    "也",
    "就",
    "而",
    "但",
    "其",
    "将",
    "对",
    "为",
    "以",
    "通过",
    "并",
    "等",
    "如",
    "我们",
    "我",
    "这",
    "这个",
    "一个",
    "都",
    "很",
    "非常",
)
EXAMPLE_PAREN = re.compile(r"（如")


def textstat_stylometry(corpus: pd.DataFrame) -> pd.DataFrame:
    """Per piece: sentences, sentence length, list/heading lines, （如…） rate.

    Sentence length is the median and the mean, in characters; （如…） is counted per
    1,000 characters.
    """
    rows = []
    for piece in corpus.itertuples():
        lines = [line for line in piece.text.split("\n") if line.strip()]
        lengths = [len(s) for line in lines for s in split_sentences(line)]
        rows.append(
            {
                "doc_id": piece.doc_id,
                "era": piece.era,
                "author_type": piece.author_type,
                "sentences": len(lengths),
                "median_sentence_chars": float(np.median(lengths)),
                "mean_sentence_chars": round(float(np.mean(lengths)), 1),
                "list_or_heading_lines": round(
                    sum(bool(LIST_LINE.match(x)) for x in lines) / len(lines), 3
                ),
                "example_parens_per_1k": round(
                    1000 * len(EXAMPLE_PAREN.findall(piece.text)) / len(piece.text), 2
                ),
            }
        )
    return pd.DataFrame(rows)


def function_profile(corpus: pd.DataFrame, words=FUNCTION_WORDS) -> pd.DataFrame:
    """Pieces x function words: rate per 1,000 tokens (all tokens, stopwords kept)."""
    rows = {}
    for piece in corpus.itertuples():
        tokens = tokens_segment(piece.text)
        counts = pd.Series(tokens).value_counts()
        rows[piece.doc_id] = {w: 1000 * counts.get(w, 0) / len(tokens) for w in words}
    return pd.DataFrame.from_dict(rows, orient="index")


def profile_distance(profile: pd.DataFrame) -> pd.DataFrame:
    """Cosine distance between pieces' z-scored function-word profiles (0 = same)."""
    z = (profile - profile.mean()) / profile.std(ddof=0).replace(0, 1)
    unit = z.div(np.linalg.norm(z, axis=1), axis=0)
    return (1 - unit @ unit.T).round(3) + 0.0  # + 0.0 turns a rounded -0.0 into 0.0
