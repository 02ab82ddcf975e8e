"""The corpus: one row per catalogued piece.

Cleaned text is derived from raw, every step logged.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from ..config import CATALOG_NAME, seeds_dir
from ..errors import CorpusError
from . import stored
from .catalog import UNDATED, Era, date_range, era_of
from .clean import Step, clean_text, run_step
from .init import unfilled
from .pieces import drop_spans, mask_years, restore_runs, slice_spans, unwrap_lines
from .plain import METADATA, detect_script, read_plain
from .schema import STRINGS, read_catalog
from .sources import check_listed, read_raw, read_sums

# The catalog's text fields in the corpus table's column order (script, notes last).
META = tuple(f for f in STRINGS if f not in ("script", "notes")) + ("script", "notes")


@dataclass(frozen=True)
class Processed:
    """Everything one pass over a corpus folder produces."""

    corpus: pd.DataFrame
    steps: pd.DataFrame
    sources: pd.DataFrame
    eras: tuple


def clean_piece(
    raw: str, entry: dict, path: Path
) -> tuple[str, str, list[Step], list[tuple[int, int]]]:
    """Cut one piece out of its raw file and clean it.

    Returns (raw piece, text, step log, spans).
    """
    doc_id, log = entry["doc_id"], []
    piece, bounds = cut_piece(raw, entry, path)
    text = run_step(
        "drop_spans", drop_spans, piece, log, entry.get("drop") or [], path, doc_id
    )
    text = run_step(
        "restore_garbled",
        restore_runs,
        text,
        log,
        entry.get("restore") or [],
        path,
        doc_id,
    )
    text = run_step(
        "mask_years", mask_years, text, log, entry.get("unreliable_years") or []
    )
    if entry.get("hard_wrapped"):
        text = run_step("unwrap_lines", unwrap_lines, text, log)
    text, steps = clean_text(text, entry["script"], bool(entry.get("word_roundtrip")))
    return piece, text, log + steps, bounds


def cut_piece(raw: str, entry: dict, path: Path) -> tuple[str, list[tuple[int, int]]]:
    """The piece's raw text and bounds: its spans, or its whole file (plain folders)."""
    if not entry.get("whole_file"):
        return slice_spans(raw, entry["spans"], path, entry["doc_id"])
    begin, stop = len(raw) - len(raw.lstrip()), len(raw.rstrip())
    return raw[begin:stop], [(begin, stop)]


def read_entries(root: Path) -> tuple[list[dict], list[Era], frozenset[str]]:
    """Pieces, eras and paperwork from catalog.yaml, else from metadata.csv."""
    catalog = root / CATALOG_NAME
    if catalog.exists() or catalog.is_symlink():
        pieces, eras = read_catalog(root)
        unfilled(catalog, pieces)
        return pieces, eras, frozenset()
    if (root / METADATA).exists():
        return read_plain(root)
    raise CorpusError(
        catalog,
        f"missing: a corpus folder needs {CATALOG_NAME} (pieces cut by text anchors)"
        f" or {METADATA} (one document per file); `python -m antcorpus init FOLDER`"
        " drafts a catalog",
    )


def with_script(entry: dict, raw: str) -> dict:
    """The entry with its script detected from the text when none was given."""
    if entry.get("script"):
        return entry
    return {**entry, "script": detect_script(raw)[0]}


def _check_overlaps(path: Path, claimed: list[tuple[int, int, str]]) -> None:
    """Fail if two pieces claim the same stretch of one file (a block counted twice)."""
    claimed = sorted(claimed)
    for (_a1, b1, d1), (a2, _b2, d2) in zip(claimed, claimed[1:], strict=False):
        if a2 < b1:
            raise CorpusError(path, f"pieces {d1} and {d2} overlap", f"{d2}.spans")


def _records(root: Path) -> dict:
    """Read, check, cut and clean every piece: the tables' rows and the eras."""
    pieces, eras, paperwork = read_entries(root)
    sums = read_sums(root)
    files = sorted({p["source_file"] for p in pieces})
    check_listed(root, set(files) | paperwork)
    raws = {name: read_raw(root, name, sums) for name in files}
    pieces = [with_script(e, raws[e["source_file"]].text) for e in pieces]
    rows, steps, claimed = [], [], {name: [] for name in files}
    for entry in pieces:
        raw = raws[entry["source_file"]]
        piece, text, log, bounds = clean_piece(raw.text, entry, raw.path)
        claimed[entry["source_file"]] += [(a, b, entry["doc_id"]) for a, b in bounds]
        rows.append(_row(entry, piece, text, eras))
        steps += [{"doc_id": entry["doc_id"], **vars(s)} for s in log]
    for name in files:
        _check_overlaps(raws[name].path, claimed[name])
    return {
        "corpus": rows,
        "steps": steps,
        "sources": _sources_rows(raws, claimed),
        "eras": [vars(e) for e in eras],
    }


def _row(entry: dict, piece: str, text: str, eras: list[Era]) -> dict:
    """One piece's row of the corpus table."""
    first, last = date_range(entry["date"], entry["date_precision"])
    return {
        **{k: entry.get(k) for k in META},
        "date_start": first,
        "date_end": last,
        "era": era_of(first, last, eras),
        "raw_text": piece,
        "text": text,
        "n_chars": len(text),
    }


def _tables(records: dict) -> Processed:
    """The corpus, step and source tables built from their rows."""
    return Processed(
        pd.DataFrame(records["corpus"]),
        pd.DataFrame(records["steps"]),
        pd.DataFrame(records["sources"]),
        tuple(Era(**era) for era in records["eras"]),
    )


def _process(root: Path) -> Processed:
    """The processed folder, from the disk cache when its bytes are unchanged."""
    return _tables(stored.cached_records(root, _records))


def _sources_rows(raws: dict, claimed: dict) -> list[dict]:
    """Per source file: size, what reading changed, how much text no piece claims."""
    rows = []
    for name, raw in raws.items():
        inside = sum(b - a for a, b, _ in claimed[name])
        rows.append(
            {
                "source_file": name,
                "bytes": raw.path.stat().st_size,
                "chars": len(raw.text),
                "bom_dropped": raw.bom_dropped,
                "crlf_to_lf": raw.crlf_to_lf,
                "pieces": len({d for _, _, d in claimed[name]}),
                "chars_in_pieces": inside,
                "chars_outside_pieces": len(raw.text) - inside,
            }
        )
    return rows


def _fingerprint(root: Path) -> tuple:
    """Names, sizes and mtimes of the folder's files: a cheap change detector."""
    return tuple(
        (p.name, p.stat().st_size, p.stat().st_mtime_ns)
        for p in sorted(root.iterdir())
        if p.is_file()
    )


@lru_cache(maxsize=8)
def _process_cached(root: Path, fingerprint: tuple) -> Processed:
    """Memoised in the kernel; a changed file changes the fingerprint (then disk)."""
    return _process(root)


def process_folder(root=None) -> Processed:
    """The processed corpus for a folder laid out like seeds/.

    The default is the repo's seeds/. Memoised in the kernel and cached on disk
    (`stored`), keyed on every byte the loader reads, so kernels share one cleaning.
    """
    folder = seeds_dir(root)
    if not folder.is_dir():
        raise CorpusError(folder, "is not a folder")
    return _process_cached(folder, _fingerprint(folder))


def load_corpus(root=None) -> pd.DataFrame:
    """One row per piece: catalog metadata, content date, era, raw and cleaned text."""
    return process_folder(root).corpus.copy()


def cleaning_report(root=None, wide: bool = False) -> pd.DataFrame:
    """What each cleaning step changed in each piece (long form, or pieces x steps)."""
    steps = process_folder(root).steps.copy()
    if not wide:
        return steps
    order = list(dict.fromkeys(steps["step"]))
    table = steps.pivot_table(
        index="doc_id", columns="step", values="instances", aggfunc="sum", fill_value=0
    )
    return table.reindex(columns=order).reindex(list(dict.fromkeys(steps["doc_id"])))


def corpus_eras(root=None) -> pd.DataFrame:
    """The catalog's eras in order (name, start, end), then `undated`."""
    rows = [vars(e) for e in process_folder(root).eras] + [
        {"name": UNDATED, "start": pd.NaT, "end": pd.NaT}
    ]
    return pd.DataFrame(rows)


def source_report(root=None) -> pd.DataFrame:
    """Per raw file: bytes, BOM/CRLF handling, characters left outside every piece."""
    return process_folder(root).sources.copy()
