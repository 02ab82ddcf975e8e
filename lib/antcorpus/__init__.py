"""antcorpus: load, clean, tokenize and analyse a small Chinese corpus.

The corpus is about 蚂蚁金服 / 蚂蚁集团.

Layers, each importing only those before it: `corpus` (raw folder → cleaned pieces),
`text` (units, tokens, glossary), `stats` (tables, never figures) and `plots` (figures
drawn from stats results). `project` holds the notebook runner, site and benchmark.
`import antcorpus` loads neither matplotlib nor the plots layer.
"""

from .corpus import (
    CorpusError,
    clean_text,
    cleaning_report,
    corpus_eras,
    load_corpus,
    opencc_compare,
    source_report,
)
from .text import (
    ALIASES,
    corpus_reshape,
    domain_terms,
    stopwords,
    tokenize,
    tokens_corpus,
    tokens_segment,
)

__version__ = "0.2.0"
__all__ = [
    "ALIASES",
    "CorpusError",
    "clean_text",
    "cleaning_report",
    "corpus_eras",
    "corpus_reshape",
    "domain_terms",
    "load_corpus",
    "opencc_compare",
    "source_report",
    "stopwords",
    "tokenize",
    "tokens_corpus",
    "tokens_segment",
]
