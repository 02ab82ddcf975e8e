"""The corpus: one row per catalogued piece; cleaned text derived from raw, every step logged."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .catalog import UNDATED, date_range, era_of, read_catalog, read_eras, validate_pieces
from .clean import Step, clean_text, run_step
from .config import CATALOG_NAME, seeds_dir
from .errors import CorpusError
from .segment import drop_spans, mask_years, restore_runs, slice_spans, unwrap_lines
from .sources import check_listed, read_raw, read_sums

META = ("doc_id", "source_file", "title", "author", "author_type", "outlet", "genre", "date",
        "date_precision", "date_evidence", "script", "notes")
SENTENCE_END = re.compile(r"(?<=[。！？!?；;])(?![”’」』）)])|(?<=[。！？!?；;][”’」』）)])")


@dataclass(frozen=True)
class Built:
    """Everything one pass over a corpus folder produces."""

    corpus: pd.DataFrame
    steps: pd.DataFrame
    sources: pd.DataFrame
    eras: tuple


def clean_piece(raw: str, entry: dict, path: Path) -> tuple[str, str, list[Step], list[tuple[int, int]]]:
    """Cut one piece out of its raw file and clean it: (raw piece, text, step log, spans)."""
    doc_id, log = entry["doc_id"], []
    piece, bounds = slice_spans(raw, entry["spans"], path, doc_id)
    text = run_step("drop_spans", drop_spans, piece, log, entry.get("drop") or [], path, doc_id)
    text = run_step("restore_garbled", restore_runs, text, log, entry.get("restore") or [], path, doc_id)
    text = run_step("mask_years", mask_years, text, log, entry.get("unreliable_years") or [])
    if entry.get("hard_wrapped"):
        text = run_step("unwrap_lines", unwrap_lines, text, log)
    text, steps = clean_text(text, entry["script"], bool(entry.get("word_roundtrip")))
    return piece, text, log + steps, bounds


def _check_overlaps(path: Path, claimed: list[tuple[int, int, str]]) -> None:
    """Fail if two pieces claim the same stretch of one file (a block counted twice)."""
    claimed = sorted(claimed)
    for (a1, b1, d1), (a2, b2, d2) in zip(claimed, claimed[1:]):
        if a2 < b1:
            raise CorpusError(path, f"pieces {d1} and {d2} overlap", f"{d2}.spans")


def _build(root: Path) -> Built:
    """Read, check, cut and clean every piece the catalog lists."""
    data = read_catalog(root)
    catalog_path = root / CATALOG_NAME
    pieces = validate_pieces(catalog_path, data["pieces"])
    eras = read_eras(catalog_path, data)
    sums = read_sums(root)
    files = sorted({p["source_file"] for p in pieces})
    check_listed(root, set(files))
    raws = {name: read_raw(root, name, sums) for name in files}
    rows, steps, claimed = [], [], {name: [] for name in files}
    for entry in pieces:
        raw = raws[entry["source_file"]]
        piece, text, log, bounds = clean_piece(raw.text, entry, raw.path)
        claimed[entry["source_file"]] += [(a, b, entry["doc_id"]) for a, b in bounds]
        first, last = date_range(catalog_path, entry)
        rows.append({**{k: entry.get(k) for k in META}, "date_start": first, "date_end": last,
                     "era": era_of(catalog_path, entry["doc_id"], first, last, eras),
                     "raw_text": piece, "text": text, "n_chars": len(text)})
        steps += [{"doc_id": entry["doc_id"], **vars(s)} for s in log]
    for name in files:
        _check_overlaps(raws[name].path, claimed[name])
    return Built(pd.DataFrame(rows), pd.DataFrame(steps), _sources_table(raws, claimed), tuple(eras))


def _sources_table(raws: dict, claimed: dict) -> pd.DataFrame:
    """Per source file: size, what reading changed, and how much text no piece claims."""
    rows = []
    for name, raw in raws.items():
        inside = sum(b - a for a, b, _ in claimed[name])
        rows.append({"source_file": name, "bytes": raw.path.stat().st_size, "chars": len(raw.text),
                     "bom_dropped": raw.bom_dropped, "crlf_to_lf": raw.crlf_to_lf,
                     "pieces": len({d for _, _, d in claimed[name]}), "chars_in_pieces": inside,
                     "chars_outside_pieces": len(raw.text) - inside})
    return pd.DataFrame(rows)


def _fingerprint(root: Path) -> tuple:
    """Names, sizes and modification times of the folder's files: a cheap change detector."""
    return tuple((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in sorted(root.iterdir()) if p.is_file())


@lru_cache(maxsize=8)
def _build_cached(root: Path, fingerprint: tuple) -> Built:
    """Memoised build; a changed file changes the fingerprint and forces a rebuild."""
    return _build(root)


def build(root=None) -> Built:
    """The built corpus for a folder laid out like seeds/ (default: the repo's seeds/)."""
    folder = seeds_dir(root)
    if not folder.is_dir():
        raise CorpusError(folder, "is not a folder")
    return _build_cached(folder, _fingerprint(folder))


def load_corpus(root=None) -> pd.DataFrame:
    """One row per piece with catalog metadata, content date and era, raw and cleaned text."""
    return build(root).corpus.copy()


def cleaning_report(root=None, wide: bool = False) -> pd.DataFrame:
    """What each cleaning step changed in each piece (long form, or pieces x steps)."""
    steps = build(root).steps.copy()
    if not wide:
        return steps
    order = list(dict.fromkeys(steps["step"]))
    table = steps.pivot_table(index="doc_id", columns="step", values="instances", aggfunc="sum", fill_value=0)
    return table.reindex(columns=order).reindex(list(dict.fromkeys(steps["doc_id"])))


def corpus_eras(root=None) -> pd.DataFrame:
    """The catalog's eras in order (name, start, end), then `undated`."""
    rows = [vars(e) for e in build(root).eras] + [{"name": UNDATED, "start": pd.NaT, "end": pd.NaT}]
    return pd.DataFrame(rows)


def source_report(root=None) -> pd.DataFrame:
    """Per raw file: bytes, BOM/CRLF handling, and characters left outside every piece."""
    return build(root).sources.copy()


def split_sentences(paragraph: str) -> list[str]:
    """Split a paragraph after 。！？; (keeping closing quotes with their sentence)."""
    return [s.strip() for s in SENTENCE_END.split(paragraph) if s.strip()]


def corpus_reshape(corpus: pd.DataFrame, to: str = "paragraphs") -> pd.DataFrame:
    """Units carrying their piece's doc_id, era and date: `paragraphs` or `sentences`."""
    if to not in ("paragraphs", "sentences"):
        raise ValueError("to must be 'paragraphs' or 'sentences'")
    rows = []
    for piece in corpus.itertuples():
        units = [p for p in piece.text.split("\n") if p.strip()]
        if to == "sentences":
            units = [s for p in units for s in split_sentences(p)]
        rows += [{"doc_id": piece.doc_id, "era": piece.era, "date_start": piece.date_start,
                  "unit": i, "text": u} for i, u in enumerate(units)]
    return pd.DataFrame(rows)
