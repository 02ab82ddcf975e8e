"""Raw folder → clean pieces: sources, catalog, anchors, cleaning, script conversion."""

from ..errors import CorpusError
from .clean import clean_text
from .convert import opencc_compare
from .init import draft_catalog
from .knowledge import Knowledge, corpus_knowledge
from .load import (
    cleaning_report,
    corpus_eras,
    load_corpus,
    process_folder,
    source_report,
)
from .plain import detect_script, read_plain

__all__ = [
    "CorpusError",
    "Knowledge",
    "clean_text",
    "cleaning_report",
    "corpus_knowledge",
    "corpus_eras",
    "detect_script",
    "draft_catalog",
    "load_corpus",
    "opencc_compare",
    "process_folder",
    "read_plain",
    "source_report",
]
