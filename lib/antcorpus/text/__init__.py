"""Cleaned pieces → units and tokens: one unit maker, the tokenizer, the glossary."""

from .glossary import gloss, glossed
from .tokens import (
    domain_terms,
    stopwords,
    tokenize,
    tokens_bigrams,
    tokens_corpus,
    tokens_segment,
)
from .units import corpus_reshape, split_sentences, units_pack

__all__ = [
    "corpus_reshape",
    "domain_terms",
    "gloss",
    "glossed",
    "split_sentences",
    "stopwords",
    "tokenize",
    "tokens_bigrams",
    "tokens_corpus",
    "tokens_segment",
    "units_pack",
]
