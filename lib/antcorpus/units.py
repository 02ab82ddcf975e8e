"""Analysis units: paragraphs, or sentence-packed chunks where a piece has too few paragraphs."""
from __future__ import annotations

import pandas as pd

from .corpus import split_sentences

MIN_PARAGRAPHS = 5   # fewer paragraphs than this: the piece is chunked instead
CHUNK_CHARS = 300    # a chunk closes at the first sentence end after this many characters


def chunk_text(text: str, size: int = CHUNK_CHARS) -> list[str]:
    """Pack whole sentences into chunks of at least `size` characters (the last may be shorter)."""
    chunks, current = [], ""
    for sentence in (s for p in text.split("\n") for s in split_sentences(p)):
        current += sentence
        if len(current) >= size:
            chunks.append(current)
            current = ""
    if current:
        chunks.append(current)
    return chunks


def piece_units(text: str, min_paragraphs: int = MIN_PARAGRAPHS, size: int = CHUNK_CHARS) -> tuple[str, list[str]]:
    """('paragraph', paragraphs) when the piece has enough of them, else ('chunk', chunks)."""
    paragraphs = [p for p in text.split("\n") if p.strip()]
    if len(paragraphs) >= min_paragraphs:
        return "paragraph", paragraphs
    return "chunk", chunk_text(text, size)


def corpus_units(corpus: pd.DataFrame, min_paragraphs: int = MIN_PARAGRAPHS, size: int = CHUNK_CHARS) -> pd.DataFrame:
    """One row per unit with its piece's doc_id, era and content dates, the kind and the text."""
    rows = []
    for piece in corpus.itertuples():
        kind, units = piece_units(piece.text, min_paragraphs, size)
        rows += [{"doc_id": piece.doc_id, "era": piece.era, "date_start": piece.date_start,
                  "date_end": piece.date_end, "unit": i, "kind": kind, "text": u, "n_chars": len(u)}
                 for i, u in enumerate(units)]
    return pd.DataFrame(rows)
