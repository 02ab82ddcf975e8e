"""Analyst choices as named variants (notebook 06): segmenter, stopword list, masking.

Segmenters: the project's jieba (dictionary + domain words, HMM off), bare jieba (its
own dictionary only), jieba with HMM on, and SnowNLP (MIT; its segmentation model ships
inside the package, trained on other text, with no domain words). Stopword lists:
stopwords-iso `zh` plus the project list (the default), the project list alone, or none.
Masking removes surface features of one text's format: list and heading lines,
parenthetical examples （如…）, and summary paragraphs that the next paragraph repeats
at length.
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache

from ..cache import cache_key, cached_json, code_version
from ..corpus import clean
from ..corpus.clean import HAN
from . import tokens
from .tokens import (
    dictionary_version,
    is_content_token,
    project_stopwords,
    stopwords,
    tokenizer,
)
from .units import LIST_LINE, split_paragraphs

CODE = (sys.modules[__name__], tokens, clean)  # code that shapes segmentation
SEGMENTERS = ("jieba+domain", "jieba", "jieba+domain+hmm", "snownlp")
STOPLISTS = ("iso+project", "project", "none")
EXAMPLE_PAREN = re.compile(r"（如[^（）]*）")
HEADING_CHARS = 40  # a list line this short (or shorter) is a heading
REPEAT_SHARE = 0.5  # share of a paragraph's bigrams recurring in the next, longer one


def segment(text: str, segmenter: str) -> list[str]:
    """Every token one named segmenter produces (whitespace dropped)."""
    if segmenter == "snownlp":
        from snownlp import seg

        return [t for t in seg.seg(text) if t.strip()]
    if segmenter not in SEGMENTERS:
        raise ValueError(f"segmenter must be one of {', '.join(SEGMENTERS)}")
    tk = tokenizer(domain=segmenter != "jieba")
    return [t for t in tk.lcut(text, HMM=segmenter.endswith("hmm")) if t.strip()]


@lru_cache(maxsize=4)
def stoplist(name: str) -> frozenset[str]:
    """The named stopword list (the default list is the project tokenizer's)."""
    if name == "iso+project":
        return stopwords()
    if name == "project":
        return project_stopwords()
    if name == "none":
        return frozenset()
    raise ValueError(f"stoplist must be one of {', '.join(STOPLISTS)}")


def tokens_variant(
    texts: list[str], segmenter: str = "jieba+domain", stop: str = "iso+project"
) -> list[list[str]]:
    """Content tokens of each text under one segmenter and stopword list (cached)."""
    key = cache_key([segmenter, *_versions(), *texts])
    segmented = cached_json(
        "tokens-variant", key, lambda: [segment(t, segmenter) for t in texts]
    )
    words = stoplist(stop)
    return [[t.lower() for t in doc if is_content_token(t, words)] for doc in segmented]


def _versions() -> list[str]:
    """What segmentation depends on besides the texts: code, dictionary, libraries."""
    from importlib.metadata import version

    code = [code_version(*CODE)]
    libraries = [f"{name}={version(name)}" for name in ("jieba", "snownlp")]
    return [*code, dictionary_version(), *libraries]


def text_mask(text: str) -> tuple[str, dict]:
    """The text without headings/list lines, （如…） examples and repeating summaries.

    A paragraph is a repeating summary when at least REPEAT_SHARE of its character
    bigrams recur in the longer paragraph right after it (a summary, then its
    expansion).
    """
    counts = {"list_lines": 0, "examples": 0, "repeats": 0}
    paragraphs = []
    for line in split_paragraphs(text):
        if LIST_LINE.match(line) and len(line) <= HEADING_CHARS:
            counts["list_lines"] += 1
            continue
        line, n = EXAMPLE_PAREN.subn("", LIST_LINE.sub("", line))
        counts["examples"] += n
        paragraphs.append(line)
    kept = []
    for i, para in enumerate(paragraphs):
        after = paragraphs[i + 1] if i + 1 < len(paragraphs) else ""
        if len(after) > len(para) and _recurring(para, after) >= REPEAT_SHARE:
            counts["repeats"] += 1
            continue
        kept.append(para)
    return "\n".join(kept), counts


def _bigrams(text: str) -> set[str]:
    """Han character bigrams of a text."""
    han = "".join(HAN.findall(text))
    return {han[i : i + 2] for i in range(len(han) - 1)}


def _recurring(first: str, second: str) -> float:
    """Share of `first`'s character bigrams that also occur in `second`."""
    mine = _bigrams(first)
    return len(mine & _bigrams(second)) / len(mine) if mine else 0.0
