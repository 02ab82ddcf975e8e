"""Tokenizing: a private segmenter, the domain dictionary, stopwords, filters.

HMM is off: segmentation is then decided by jieba's dictionary plus ours, so a token
is always a listed word or a single character, and cannot be invented from garbled or
unusual character runs (with HMM on, jieba glues unknown runs into new "words").

Segmenting with HMM off runs on rjieba (jieba-rs, MIT; about 10x faster) when it is
installed, else on jieba. Both hold jieba's dictionary plus ours, words added the same
way; they agree token for token on both corpora in this repository. The one difference
found (tests/test_segmenter.py) is where two segmentations score exactly the same,
as in a run of one repeated character before Latin or digits (险险险. : jieba
险险/险, rjieba 险/险险): the same tokens, in another order.
ANTCORPUS_SEGMENTER=jieba forces jieba.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import sys
import unicodedata
from functools import lru_cache
from importlib.metadata import version
from importlib.util import find_spec

import jieba
import pandas as pd
import stopwordsiso

from ..cache import cache_key, code_version
from ..config import DATA, cache_dir
from ..corpus import clean, knowledge
from ..corpus.clean import HAN
from ..corpus.knowledge import domain_words, resource_rows
from . import tokencache

HMM = False
SEGMENTER = os.environ.get("ANTCORPUS_SEGMENTER", "rjieba")  # or "jieba"
PROJECT_STOPWORDS = DATA / "stopwords_project.txt"
LATIN_WORD = re.compile(r"^[a-z][a-z0-9]+$")


def domain_terms(folder=None) -> pd.DataFrame:
    """The corpus's domain dictionary (analysis/domain_dict.tsv): word, category."""
    return pd.DataFrame(
        resource_rows("dictionary", folder), columns=["word", "category"]
    )


def dictionary_version(words=None) -> str:
    """A short hash of the dictionary words, for cache keys and provenance."""
    words = domain_words() if words is None else words
    return hashlib.sha256("\n".join(words).encode()).hexdigest()[:12]


def tokenizer(domain: bool = True, words=None) -> jieba.Tokenizer:
    """A private jieba Tokenizer with `words` added (default: the corpus dictionary).

    It is built for exactly these words, so an edited dictionary is never served stale;
    domain=False gives bare jieba.
    """
    chosen = (domain_words() if words is None else tuple(words)) if domain else ()
    return _tokenizer(tuple(chosen))


@lru_cache(maxsize=4)
def _tokenizer(words: tuple[str, ...]) -> jieba.Tokenizer:
    """One private jieba Tokenizer per word tuple, its cache in the project."""
    logging.getLogger("jieba").setLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    tk.tmp_dir = str(cache_dir() / "jieba")
    (cache_dir() / "jieba").mkdir(exist_ok=True)
    tk.initialize()
    for word in words:
        tk.add_word(word)
    return tk


@lru_cache(maxsize=4)
def _compiled(words: tuple[str, ...]):
    """rjieba with `words` added (frequencies suggested, as jieba does), or None."""
    if SEGMENTER != "rjieba":
        return None
    try:
        import rjieba
    except ImportError:
        return None
    seg = rjieba.Jieba()
    for word in words:
        seg.add_word(word, None, None)
    return seg


def segmenter_version() -> str:
    """The segmenter HMM-off tokens come from, with its version (for cache keys)."""
    if HMM or SEGMENTER != "rjieba" or find_spec("rjieba") is None:
        return f"jieba {jieba.__version__}"  # as _compiled decides, without building
    return f"rjieba {version('rjieba')}"


@lru_cache(maxsize=1)
def project_stopwords() -> frozenset[str]:
    """The project's own stopword list (data/stopwords_project.txt), first column."""
    with open(PROJECT_STOPWORDS, encoding="utf-8") as fh:
        return frozenset(
            line.split("\t")[0].strip()
            for line in fh
            if line.strip() and not line.startswith("#")
        )


def stopwords(words=None) -> frozenset[str]:
    """stopwords-iso `zh` plus the project list, minus every dictionary word."""
    return _stopwords(domain_words() if words is None else tuple(words))


@lru_cache(maxsize=4)
def _stopwords(words: tuple[str, ...]) -> frozenset[str]:
    """The stop list for one dictionary."""
    return frozenset(
        (set(stopwordsiso.stopwords("zh")) | project_stopwords()) - set(words)
    )


def tokens_segment(text: str, domain: bool = True, words=None) -> list[str]:
    """Every token jieba produces (whitespace dropped), nothing filtered.

    domain=False gives bare jieba; `words` default to the corpus dictionary.
    """
    chosen = (domain_words() if words is None else tuple(words)) if domain else ()
    return [t for t in _segments(text, tuple(chosen)) if t.strip()]


def _segments(text: str, words: tuple[str, ...]) -> list[str]:
    """The segmenter's raw output, whitespace runs included."""
    fast = None if HMM else _compiled(words)
    return fast.cut(text, False) if fast else _tokenizer(words).lcut(text, HMM=HMM)


def is_content_token(token: str, stop: frozenset[str] | None = None) -> bool:
    """Keep words with a Han character or Latin words of 2+ letters; drop stopwords."""
    token = token.lower()
    if token in (stopwords() if stop is None else stop):
        return False
    return bool(HAN.search(token)) or bool(LATIN_WORD.match(token))


def tokenize(text: str, aliases: dict[str, str] | None = None, words=None) -> list[str]:
    """Content tokens: segmented, lower-cased, filtered, optionally aliased."""
    words = domain_words() if words is None else tuple(words)
    kept, stop = _verdicts(words), stopwords(words)
    out = []
    for token in _segments(text, words):  # whitespace is never a content token
        verdict = kept.get(token)
        if verdict is None:  # first sight of this token: decide once
            verdict = kept[token] = (
                token.lower() if is_content_token(token, stop) else ""
            )
        if verdict:
            out.append(verdict)
    return [aliases.get(t, t) for t in out] if aliases else out


@lru_cache(maxsize=4)
def _verdicts(words: tuple[str, ...]) -> dict[str, str]:
    """Token -> lower-cased if a content token, else "" (filled as tokens are met)."""
    return {}


def tokens_corpus(
    texts: list[str], aliases: dict[str, str] | None = None, words=None
) -> list[list[str]]:
    """Tokenize many texts, each cached on its text, dictionary, stopwords and code.

    `words` are the dictionary additions (default: the corpus folder's dictionary).
    Only texts not cached yet are tokenized, in worker processes when there are many.
    """
    words = domain_words() if words is None else tuple(words)
    code = code_version(sys.modules[__name__], clean, knowledge, tokencache)
    settings = [
        f"HMM={HMM}",
        segmenter_version(),
        f"unicode={unicodedata.unidata_version}",
        code,
        dictionary_version(words),
        "\n".join(sorted(stopwords(words))),
        repr(sorted((aliases or {}).items())),
    ]
    return tokencache.cached_tokens(
        list(texts),
        cache_key(settings),
        (words, aliases, HMM, segmenter_version().split()[0]),
        lambda text: tokenize(text, aliases, words),
    )


def tokens_bigrams(text: str, words=None) -> list[tuple[str, str]]:
    """Adjacent content-token pairs, never across a stopword, punctuation or number."""
    words = domain_words() if words is None else tuple(words)
    pairs, previous, stop = [], None, stopwords(words)
    for token in tokens_segment(text, True, words):
        token = token.lower()
        if is_content_token(token, stop):
            if previous is not None:
                pairs.append((previous, token))
            previous = token
        else:
            previous = None
    return pairs
