"""Tokenizing: a private jieba Tokenizer, the domain dictionary, stopwords, filters.

HMM is off: segmentation is then decided by jieba's dictionary plus ours, so a token
is always a listed word or a single character, and cannot be invented from garbled or
unusual character runs (with HMM on, jieba glues unknown runs into new "words").
"""

from __future__ import annotations

import hashlib
import logging
import re
from functools import lru_cache
from pathlib import Path

import jieba
import pandas as pd
import stopwordsiso

from ..cache import cache_key, cached_json
from ..config import DATA, cache_dir, read_tsv
from ..corpus.clean import HAN

HMM = False
DICT_FILE = DATA / "domain_dict.tsv"
PROJECT_STOPWORDS = DATA / "stopwords_project.txt"
LATIN_WORD = re.compile(r"^[a-z][a-z0-9]+$")
# Name variants kept apart by default (the renaming is a signal); opt in to merge
# them.
ALIASES = {"蚂蚁金服": "蚂蚁集团", "蚂蚁金融服务集团": "蚂蚁集团"}


@lru_cache(maxsize=1)
def domain_terms() -> pd.DataFrame:
    """The domain dictionary: word, category, gloss."""
    return pd.DataFrame(read_tsv(DICT_FILE))


def dictionary_version() -> str:
    """A short hash of the dictionary file, for cache keys and provenance."""
    return hashlib.sha256(DICT_FILE.read_bytes()).hexdigest()[:12]


@lru_cache(maxsize=2)
def tokenizer(domain: bool = True) -> jieba.Tokenizer:
    """A private jieba Tokenizer with its cache in the project.

    Our domain words are added unless domain=False.
    """
    logging.getLogger("jieba").setLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    tk.tmp_dir = str(cache_dir() / "jieba")
    (cache_dir() / "jieba").mkdir(exist_ok=True)
    tk.initialize()
    for word in domain_terms()["word"] if domain else ():
        tk.add_word(word)
    return tk


@lru_cache(maxsize=1)
def project_stopwords() -> frozenset[str]:
    """The project's own stopword list (data/stopwords_project.txt), first column."""
    with open(PROJECT_STOPWORDS, encoding="utf-8") as fh:
        return frozenset(
            line.split("\t")[0].strip()
            for line in fh
            if line.strip() and not line.startswith("#")
        )


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """stopwords-iso `zh` plus the project list, minus every domain-dictionary word."""
    return frozenset(
        (set(stopwordsiso.stopwords("zh")) | project_stopwords())
        - set(domain_terms()["word"])
    )


def tokens_segment(text: str, domain: bool = True) -> list[str]:
    """Every token jieba produces (whitespace dropped), nothing filtered.

    domain=False gives bare jieba.
    """
    return [t for t in tokenizer(domain).lcut(text, HMM=HMM) if t.strip()]


def is_content_token(token: str, stop: frozenset[str] | None = None) -> bool:
    """Keep words with a Han character or Latin words of 2+ letters; drop stopwords."""
    token = token.lower()
    if token in (stopwords() if stop is None else stop):
        return False
    return bool(HAN.search(token)) or bool(LATIN_WORD.match(token))


def tokenize(text: str, aliases: dict[str, str] | None = None) -> list[str]:
    """Content tokens: segmented, lower-cased, filtered, optionally aliased."""
    out = [t.lower() for t in tokens_segment(text) if is_content_token(t)]
    return [aliases.get(t, t) for t in out] if aliases else out


def tokens_corpus(
    texts: list[str], aliases: dict[str, str] | None = None
) -> list[list[str]]:
    """Tokenize many texts, cached on texts, dictionary, stopwords and settings."""
    code = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
    settings = [
        f"HMM={HMM}",
        jieba.__version__,
        code,
        dictionary_version(),
        ",".join(sorted(stopwords())),
        repr(sorted((aliases or {}).items())),
    ]
    key = cache_key(settings + list(texts))
    return cached_json("tokens", key, lambda: [tokenize(t, aliases) for t in texts])


def tokens_bigrams(text: str) -> list[tuple[str, str]]:
    """Adjacent content-token pairs, never across a stopword, punctuation or number."""
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
