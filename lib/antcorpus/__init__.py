"""antcorpus: load, clean and tokenize the 蚂蚁金服 / 蚂蚁集团 seed corpus."""
from .clean import clean_text
from .convert import opencc_compare
from .corpus import cleaning_report, corpus_reshape, load_corpus, source_report
from .errors import CorpusError
from .tokens import ALIASES, domain_terms, stopwords, tokenize, tokens_corpus, tokens_segment

__version__ = "0.1.0"
__all__ = ["ALIASES", "CorpusError", "clean_text", "cleaning_report", "corpus_reshape", "domain_terms",
           "load_corpus", "opencc_compare", "source_report", "stopwords", "tokenize", "tokens_corpus",
           "tokens_segment"]
