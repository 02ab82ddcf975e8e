"""The catalog: parsing, validation, content dates and eras."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml

from ..config import CATALOG_NAME
from ..errors import CorpusError

REQUIRED = (
    "doc_id",
    "source_file",
    "spans",
    "script",
    "title",
    "author",
    "author_type",
    "outlet",
    "genre",
    "date",
    "date_precision",
    "date_evidence",
    "notes",
)
CHOICES = {
    "script": {"traditional", "simplified"},
    "author_type": {"human", "machine", "unknown"},
    "date_precision": {"day", "month", "year", "undated"},
}
UNDATED = "undated"
PERIOD = {"day": "D", "month": "M", "year": "Y"}


@dataclass(frozen=True)
class Era:
    """A named content-date range, both ends included."""

    name: str
    start: pd.Timestamp
    end: pd.Timestamp


def read_catalog(root: Path) -> dict:
    """Parse the catalog YAML; a parse error names the file and the line."""
    path = root / CATALOG_NAME
    if not path.is_file():
        raise CorpusError(path, "missing: every corpus folder needs a catalog")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = f" at line {mark.line + 1}" if mark else ""
        raise CorpusError(
            path, f"does not parse as YAML{line}: {getattr(err, 'problem', err)}"
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("pieces"), list):
        raise CorpusError(
            path, "needs a top-level mapping with a `pieces` list", "pieces"
        )
    return data


def validate_pieces(path: Path, pieces: list) -> list[dict]:
    """Check every entry has the required fields, known choices and a unique doc_id."""
    seen: set[str] = set()
    for n, entry in enumerate(pieces, 1):
        ident = (
            entry.get("doc_id", f"entry {n}")
            if isinstance(entry, dict)
            else f"entry {n}"
        )
        if not isinstance(entry, dict):
            raise CorpusError(path, f"{ident} is not a mapping", "pieces")
        for field in REQUIRED:
            if field not in entry or (
                entry[field] in ("", None, []) and field != "date"
            ):
                raise CorpusError(path, f"{ident} has no `{field}`", f"{ident}.{field}")
        for field, allowed in CHOICES.items():
            if entry[field] not in allowed:
                raise CorpusError(
                    path,
                    f"{ident}: `{entry[field]}` is not one of {sorted(allowed)}",
                    f"{ident}.{field}",
                )
        if ident in seen:
            raise CorpusError(
                path, f"doc_id `{ident}` is used twice", f"{ident}.doc_id"
            )
        seen.add(ident)
    return pieces


def read_eras(path: Path, data: dict) -> list[Era]:
    """The era ranges the catalog defines."""
    try:
        return [
            Era(
                str(e["name"]),
                pd.Timestamp(str(e["start"])),
                pd.Timestamp(str(e["end"])),
            )
            for e in data.get("eras") or []
        ]
    except (KeyError, TypeError, ValueError) as err:
        raise CorpusError(
            path, f"an era needs name, start and end dates ({err})", "eras"
        ) from None


def date_range(
    path: Path, entry: dict
) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
    """First and last day a piece's date and precision allow (None when undated)."""
    precision, date = entry["date_precision"], entry["date"]
    if precision == UNDATED:
        if date not in (None, ""):
            raise CorpusError(
                path,
                f"{entry['doc_id']}: an undated piece has date {date!r}",
                f"{entry['doc_id']}.date",
            )
        return None, None
    text = str(date)
    try:
        period = pd.Period(text, freq=PERIOD[precision])
        fits = len(text) == {"day": 10, "month": 7, "year": 4}[precision]
    except ValueError:
        fits = False
    if not fits:
        raise CorpusError(
            path,
            f"{entry['doc_id']}: date {date!r} does not fit precision {precision!r}",
            f"{entry['doc_id']}.date",
        )
    return period.start_time.normalize(), period.end_time.normalize()


def era_of(path: Path, doc_id: str, first, last, eras: list[Era]) -> str:
    """The era whose range holds the whole date range; undated pieces get `undated`."""
    if first is None:
        return UNDATED
    for era in eras:
        if era.start <= first and last <= era.end:
            return era.name
    if any(era.start <= last and first <= era.end for era in eras):
        raise CorpusError(
            path, f"{doc_id}: date range straddles an era boundary", f"{doc_id}.date"
        )
    return "other"
