"""antcorpus: load, clean, tokenize and analyse a small Chinese corpus.

Built for the repository's corpus about 蚂蚁金服 / 蚂蚁集团 (seeds/); any corpus folder
laid out the same way works, its own knowledge in its `analysis/` folder.

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
    corpus_knowledge,
    load_corpus,
    opencc_compare,
    source_report,
)
from .text import (
    corpus_reshape,
    domain_terms,
    stopwords,
    tokenize,
    tokens_corpus,
    tokens_segment,
)

__version__ = "0.2.0"
__all__ = [
    "CorpusError",
    "clean_text",
    "cleaning_report",
    "corpus_eras",
    "corpus_knowledge",
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
