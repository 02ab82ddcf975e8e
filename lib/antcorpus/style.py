"""Style as a confound (notebook 05): sentence length, list and heading structure, function words."""
from __future__ import annotations

import re

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from .corpus import split_sentences
from .plots import cjk_style
from .tokens import tokens_segment

# High-frequency grammatical words: their rates reflect author and genre more than topic.
FUNCTION_WORDS = ("的", "了", "是", "在", "和", "与", "及", "也", "就", "而", "但", "其", "将", "对", "为", "以",
                  "通过", "并", "等", "如", "我们", "我", "这", "这个", "一个", "都", "很", "非常")
LIST_LINE = re.compile(r"^\s*(\d+(\.\d+)*[、.．\s]|[一二三四五六七八九十]+、|（[一二三四五六七八九十\d]+）|\(\d+\)|[•·●■▪-])")
EXAMPLE_PAREN = re.compile(r"（如")


def textstat_style(corpus: pd.DataFrame) -> pd.DataFrame:
    """Per piece: sentences, sentence length (median and mean, characters), list/heading lines, （如…） per 1,000 chars."""
    rows = []
    for piece in corpus.itertuples():
        lines = [line for line in piece.text.split("\n") if line.strip()]
        lengths = [len(s) for line in lines for s in split_sentences(line)]
        rows.append({"doc_id": piece.doc_id, "era": piece.era, "author_type": piece.author_type,
                     "sentences": len(lengths), "median_sentence_chars": float(np.median(lengths)),
                     "mean_sentence_chars": round(float(np.mean(lengths)), 1),
                     "list_or_heading_lines": round(sum(bool(LIST_LINE.match(x)) for x in lines) / len(lines), 3),
                     "example_parens_per_1k": round(1000 * len(EXAMPLE_PAREN.findall(piece.text)) / len(piece.text), 2)})
    return pd.DataFrame(rows)


def function_profile(corpus: pd.DataFrame, words=FUNCTION_WORDS) -> pd.DataFrame:
    """Pieces x function words: rate per 1,000 tokens (all tokens, stopwords included)."""
    rows = {}
    for piece in corpus.itertuples():
        tokens = tokens_segment(piece.text)
        counts = pd.Series(tokens).value_counts()
        rows[piece.doc_id] = {w: 1000 * counts.get(w, 0) / len(tokens) for w in words}
    return pd.DataFrame.from_dict(rows, orient="index")


def profile_distance(profile: pd.DataFrame) -> pd.DataFrame:
    """Cosine distance between pieces' z-scored function-word profiles (0 = same profile)."""
    z = (profile - profile.mean()) / profile.std(ddof=0).replace(0, 1)
    unit = z.div(np.linalg.norm(z, axis=1), axis=0)
    return (1 - unit @ unit.T).round(3) + 0.0  # + 0.0 turns a rounded -0.0 into 0.0


def plot_distance(distance: pd.DataFrame, eras: pd.Series):
    """Heatmap of function-word profile distances between pieces, era in the labels."""
    names = [f"{d} ({eras[d]})" for d in distance.index]
    with cjk_style():
        fig, ax = plt.subplots(figsize=(8.5, 7))
        ax.imshow(distance.to_numpy(), cmap="viridis_r", vmin=0, vmax=2)
        for (i, j), v in np.ndenumerate(distance.to_numpy()):
            ax.text(j, i, f"{v:.2f}", ha="center", va="center", fontsize=6, color="white" if v < 0.7 else "black")
        ax.set_xticks(range(len(names)), names, rotation=90, fontsize=7)
        ax.set_yticks(range(len(names)), names, fontsize=7)
        ax.set_title("Function-word profiles: cosine distance between pieces\n(0 = same profile, 2 = opposite)",
                     fontsize=9)
    return fig
