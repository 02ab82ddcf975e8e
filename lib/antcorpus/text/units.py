"""Units of analysis, made in one place: paragraphs, sentences, analysis/packed units.

`corpus_reshape(corpus, to=...)` cuts pieces into paragraphs, sentences or analysis
units (paragraphs, or sentence-packed chunks where a piece has too few paragraphs);
`units_pack` merges consecutive analysis units until each has enough tokens (topic
models). Every unit carries its piece's doc_id, era and content date; texts are never
modified.
"""

from __future__ import annotations

import re

import pandas as pd

SENTENCE_END = re.compile(
    r"(?<=[。！？!?；;])(?![”’」』）)])|(?<=[。！？!?；;][”’」』）)])"
)
MIN_PARAGRAPHS = 5  # fewer paragraphs than this: the piece is chunked instead
CHUNK_CHARS = 300  # a chunk closes at the first sentence end after this many characters
SHAPES = ("paragraphs", "sentences", "units")
# A line opening with an enumerator or bullet: a numbered heading or a list item.
LIST_LINE = re.compile(
    r"^\s*(\d+(\.\d+)*[、.．\s]|[一二三四五六七八九十]+、|（[一二三四五六七八九十\d]+）"
    r"|\(\d+\)|[•·●■▪-])"
)


def split_sentences(paragraph: str) -> list[str]:
    """Split a paragraph after 。！？; (keeping closing quotes with their sentence)."""
    return [s.strip() for s in SENTENCE_END.split(paragraph) if s.strip()]


def split_paragraphs(text: str) -> list[str]:
    """The non-empty lines of a cleaned text (one paragraph per line)."""
    return [p for p in text.split("\n") if p.strip()]


def chunk_text(text: str, size: int = CHUNK_CHARS) -> list[str]:
    """Pack whole sentences into chunks of >= `size` characters (last may be less)."""
    chunks, current = [], ""
    for sentence in (s for p in text.split("\n") for s in split_sentences(p)):
        current += sentence
        if len(current) >= size:
            chunks.append(current)
            current = ""
    if current:
        chunks.append(current)
    return chunks


def piece_units(
    text: str, min_paragraphs: int = MIN_PARAGRAPHS, size: int = CHUNK_CHARS
) -> tuple[str, list[str]]:
    """('paragraph', paragraphs) if the piece has enough, else ('chunk', chunks)."""
    paragraphs = split_paragraphs(text)
    if len(paragraphs) >= min_paragraphs:
        return "paragraph", paragraphs
    return "chunk", chunk_text(text, size)


def corpus_reshape(
    corpus: pd.DataFrame,
    to: str = "paragraphs",
    min_paragraphs: int = MIN_PARAGRAPHS,
    size: int = CHUNK_CHARS,
) -> pd.DataFrame:
    """Units with their piece's doc_id, era and date: paragraphs, sentences or units.

    `units` are the analysis units: paragraphs, or sentence-packed chunks of at least
    `size` characters for a piece with fewer than `min_paragraphs` paragraphs; they also
    carry the content end date, the kind of unit and its length in characters.
    """
    if to not in SHAPES:
        raise ValueError(f"to must be one of {', '.join(SHAPES)}, not {to!r}")
    if to == "units":
        return _analysis_units(corpus, min_paragraphs, size)
    rows = []
    for piece in corpus.itertuples():
        units = split_paragraphs(piece.text)
        if to == "sentences":
            units = [s for p in units for s in split_sentences(p)]
        rows += [
            {"doc_id": piece.doc_id, "era": piece.era, "date_start": piece.date_start}
            | {"unit": i, "text": u}
            for i, u in enumerate(units)
        ]
    return pd.DataFrame(rows)


def _analysis_units(
    corpus: pd.DataFrame, min_paragraphs: int, size: int
) -> pd.DataFrame:
    """A row per analysis unit: piece metadata, unit number, kind, text, characters."""
    rows = []
    for piece in corpus.itertuples():
        kind, units = piece_units(piece.text, min_paragraphs, size)
        meta = {"doc_id": piece.doc_id, "era": piece.era}
        meta |= {"date_start": piece.date_start, "date_end": piece.date_end}
        rows += [
            meta | {"unit": i, "kind": kind, "text": u, "n_chars": len(u)}
            for i, u in enumerate(units)
        ]
    return pd.DataFrame(rows)


def units_pack(
    units: pd.DataFrame, tokens: list[list[str]], min_tokens: int
) -> tuple[pd.DataFrame, list[list[str]]]:
    """Merge each piece's consecutive units until each merged one has >= min_tokens."""
    rows, docs = [], []
    records = units.to_dict("index")  # one conversion, not a row lookup per unit
    for doc_id, labels in _by_piece(units).items():
        _pack_piece(records, tokens, labels, min_tokens, rows, docs, doc_id)
    packed = pd.DataFrame(rows).reset_index(drop=True)
    packed["unit"] = packed.groupby("doc_id").cumcount()
    return packed, docs


def _by_piece(units: pd.DataFrame) -> dict:
    """Each piece's unit labels in order, pieces in order of first appearance."""
    out: dict = {}
    for label, doc_id in units["doc_id"].items():
        out.setdefault(doc_id, []).append(label)
    return out


def _pack_piece(records, tokens, labels, min_tokens, rows, docs, doc_id) -> None:
    """Pack a piece's units into `rows`, `docs`; a short tail joins the unit before."""
    text, toks, first = "", [], None
    for i in labels:
        first = i if first is None else first
        text, toks = text + records[i]["text"] + "\n", toks + tokens[i]
        if len(toks) >= min_tokens:
            rows.append(_packed_row(records[first], text, toks))
            docs.append(toks)
            text, toks, first = "", [], None
    if toks and rows and rows[-1]["doc_id"] == doc_id:
        rows[-1]["text"] += "\n" + text.strip()
        rows[-1]["n_tokens"] += len(toks)
        docs[-1] = docs[-1] + toks
    elif toks:  # a piece shorter than min_tokens stays whole
        rows.append(_packed_row(records[first], text, toks))
        docs.append(toks)


def _packed_row(first: dict, text: str, toks: list[str]) -> dict:
    """A packed unit's row: first unit's metadata, the joined text, its token count."""
    return {**first, "text": text.strip(), "n_tokens": len(toks)}
