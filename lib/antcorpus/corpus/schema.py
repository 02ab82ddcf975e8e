"""The catalog schema, checked in one pass that reports every problem at once.

Types, unknown (misspelt) fields, duplicate keys and doc_ids, safe ids and era names,
eras that are real, ordered and disjoint, real dates that fit their precision, every
dated piece inside exactly one era, and every `source_file` a plain file name inside
the folder. The data card (seeds/README.md, "Catalog schema") describes the rules.
"""

from __future__ import annotations

import re
from difflib import get_close_matches
from pathlib import Path

from ..config import CATALOG_NAME, PAPERWORK
from ..errors import CorpusError, Problem
from .catalog import (
    DOC_ID,
    UNDATED,
    Era,
    date_range,
    day,
    era_of,
    piece_label,
    printable,
)
from .sources import same_folder
from .yamlsafe import load_yaml

ERA_NAME = re.compile(r"(?=\S)[\w .\u2013-]{1,32}(?<=\S)")
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
NULLABLE = frozenset({"date"})
STRINGS = (
    "doc_id",
    "source_file",
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
PIECE = {
    **dict.fromkeys(STRINGS, str),
    "spans": list,
    "drop": list,
    "restore": list,
    "unreliable_years": list,
    "word_roundtrip": bool,
    "hard_wrapped": bool,
}
REQUIRED = (*STRINGS, "spans")
ITEMS = {  # list field: (its items' fields, the required ones)
    "spans": ({"start": str, "end": str, "occurrence": int}, ("start", "end")),
    "drop": ({"start": str, "end": str, "why": str}, ("start", "why")),
    "restore": ({"from": str, "to": str, "why": str}, ("from", "to", "why")),
    "unreliable_years": ({"pattern": str, "why": str}, ("pattern", "why")),
}
ERA = {"name": str, "start": str, "end": str, "description": str}
TOP = {"version": int, "eras": list, "pieces": list}
CHOICES = {
    "script": {"traditional", "simplified"},
    "author_type": {"human", "machine", "unknown"},
    "date_precision": {"day", "month", "year", UNDATED},
}
KIND = {str: "a string", list: "a list", dict: "a mapping", bool: "true or false"}


def read_catalog(root: Path) -> tuple[list[dict], list[Era]]:
    """The catalog's pieces and eras; any problem raises one CorpusError naming all."""
    path = root / CATALOG_NAME
    if not path.is_file():
        raise CorpusError(path, "missing: every corpus folder needs a catalog")
    data, problems = load_yaml(path)
    if not isinstance(data, dict):
        raise CorpusError(
            path, "needs a top-level mapping with a `pieces` list", "pieces"
        )
    problems += check_fields(data, TOP, ("pieces",), "")
    eras, era_problems = check_eras(data.get("eras"))
    problems += era_problems + check_pieces(root, data.get("pieces"), eras)
    if problems:
        raise CorpusError(path, f"{len(problems)} problems", problems=problems)
    return data["pieces"], eras


def kind(value) -> str:
    """A reader's name for a YAML value's type."""
    if value is None:
        return "empty"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return "a number (quote it to make it a string)"
    return KIND.get(type(value), type(value).__name__)


def check_fields(value, fields: dict, required, where: str) -> list[Problem]:
    """A mapping's unknown, missing and mistyped fields."""
    at = (lambda key: f"{where}.{printable(key)}") if where else printable
    if not isinstance(value, dict):
        return [Problem(where or None, f"must be a mapping, not {kind(value)}")]
    problems = [unknown(at(k), k, fields) for k in value if k not in fields]
    for key in required:
        if value.get(key) in ("", None, []) and not (key in NULLABLE and key in value):
            problems.append(
                Problem(at(key), f"`{key}` is required but missing or empty")
            )
    for key, want in fields.items():
        got = value.get(key)
        if got is not None and not _is(got, want):
            problems.append(Problem(at(key), f"must be {KIND[want]}, not {kind(got)}"))
    return problems


def _is(value, want: type) -> bool:
    """isinstance, except that true/false is not a number."""
    return isinstance(value, want) and (want is bool or not isinstance(value, bool))


def unknown(field: str, key, fields: dict) -> Problem:
    """An unknown field, with the nearest known one as a suggestion."""
    near = get_close_matches(str(key), list(fields), n=1, cutoff=0.6)
    hint = f" (did you mean `{near[0]}`?)" if near else f"; known: {', '.join(fields)}"
    return Problem(field, f"unknown field `{printable(key)}`{hint}")


def check_eras(raw) -> tuple[list[Era] | None, list[Problem]]:
    """Valid eras, or None when any is bad (pieces then skip the era check)."""
    if not isinstance(raw, list):
        return ([] if raw is None else None), []
    eras, problems = [], []
    for i, entry in enumerate(raw):
        era, found = check_era(entry, f"eras[{i}]")
        problems += found
        eras += [era] if era else []
    problems += era_clashes(eras)
    return (None if problems else eras), problems


def check_era(entry, where: str) -> tuple[Era | None, list[Problem]]:
    """One era: fields, a safe name, real start and end days in order."""
    problems = check_fields(entry, ERA, ("name", "start", "end"), where)
    if not isinstance(entry, dict) or not all(
        isinstance(entry.get(k), str) and entry[k] for k in ("name", "start", "end")
    ):
        return None, problems
    name = entry["name"]
    if not ERA_NAME.fullmatch(name) or name == UNDATED:
        problems.append(
            Problem(
                f"{where}.name",
                f"era name {name!r} is not allowed:"
                " letters, digits, space, – - _ . only, at most 32,"
                f" and not `{UNDATED}`",
            )
        )
    bounds, found = era_bounds(entry, where)
    problems += found
    return (None if problems else Era(name, *bounds)), problems


def era_bounds(entry: dict, where: str) -> tuple[list, list[Problem]]:
    """An era's start and end days, each a real YYYY-MM-DD, start before end."""
    bounds, problems = [], []
    for key in ("start", "end"):
        try:
            bounds.append(day(entry[key]))
        except ValueError as err:
            problems.append(Problem(f"{where}.{key}", f"{err} (eras need YYYY-MM-DD)"))
    if not problems and bounds[0] > bounds[1]:
        problems.append(Problem(where, f"era {entry['name']!r} ends before it starts"))
    return bounds, problems


def era_clashes(eras: list[Era]) -> list[Problem]:
    """Every pair of eras sharing a name or a day."""
    return [
        Problem(
            "eras",
            f"eras {a.name!r} and {b.name!r} "
            + ("share a name" if a.name == b.name else "overlap"),
        )
        for i, a in enumerate(eras)
        for b in eras[i + 1 :]
        if a.name == b.name or (a.start <= b.end and b.start <= a.end)
    ]


def check_pieces(root: Path, pieces, eras: list[Era] | None) -> list[Problem]:
    """Every piece's problems, then doc_ids used twice."""
    if not isinstance(pieces, list):
        return []
    problems, first = [], {}
    for n, entry in enumerate(pieces, 1):
        label = piece_label(entry.get("doc_id") if isinstance(entry, dict) else None, n)
        if label in first:
            twice = f"doc_id `{label}` is used twice (entries {first[label]} and {n})"
            label = f"entry {n}"
            problems.append(Problem(f"{label}.doc_id", twice))
        first.setdefault(label, n)
        problems += check_piece(root, entry, label, eras)
    return problems


def check_piece(root: Path, entry, label: str, eras) -> list[Problem]:
    """One piece: fields, choices, doc_id, source file, list items, date and era."""
    problems = check_fields(entry, PIECE, REQUIRED, label)
    if not isinstance(entry, dict):
        return problems
    problems += check_values(entry, label)
    if isinstance(entry.get("source_file"), str):
        problems += check_source(root, entry["source_file"], f"{label}.source_file")
    for field, (fields, required) in ITEMS.items():
        problems += check_items(entry.get(field), fields, required, f"{label}.{field}")
    return problems + check_date(entry, label, eras)


def check_values(entry: dict, label: str) -> list[Problem]:
    """Fields with a fixed set of choices, and a doc_id of safe characters."""
    problems = [
        Problem(f"{label}.{field}", f"{entry[field]!r} is not one of {sorted(allowed)}")
        for field, allowed in CHOICES.items()
        if isinstance(entry.get(field), str) and entry[field] not in allowed
    ]
    doc_id = entry.get("doc_id")
    if isinstance(doc_id, str) and doc_id and not DOC_ID.fullmatch(doc_id):
        problems.append(
            Problem(
                f"{label}.doc_id",
                f"doc_id {doc_id!r} is not allowed:"
                " letters, digits, . _ - only, at most 64, starting"
                " with a letter or digit",
            )
        )
    return problems


def check_items(items, fields: dict, required, where: str) -> list[Problem]:
    """Each item of a list field (spans, drop, restore, unreliable_years)."""
    if not isinstance(items, list):
        return []
    problems = []
    for i, item in enumerate(items):
        problems += check_fields(item, fields, required, f"{where}[{i}]")
        occurrence = item.get("occurrence", 1) if isinstance(item, dict) else 1
        if _is(occurrence, int) and occurrence < 1:
            problems.append(Problem(f"{where}[{i}].occurrence", "must be 1 or more"))
    return problems


def check_source(root: Path, name: str, field: str) -> list[Problem]:
    """A plain file name inside the folder: no path, no symlink, not paperwork."""
    path = root / name
    if (
        name in PAPERWORK
        or name.startswith(".")
        or re.search(r"[/\\]", name)
        or CONTROL.search(name)
        or Path(name).is_absolute()
        or len(name.encode()) > 255
    ):
        return [Problem(field, f"{name!r} is not a plain file name in the folder")]
    outside = path.exists() and not same_folder(path.resolve().parent, root)
    if path.is_symlink() or outside:
        return [Problem(field, f"{name!r} is a symlink or leads outside the folder")]
    return []


def check_date(entry: dict, label: str, eras: list[Era] | None) -> list[Problem]:
    """The date fits its precision, is real, and falls inside exactly one era."""
    precision, date = entry.get("date_precision"), entry.get("date")
    if precision not in CHOICES["date_precision"] or not isinstance(date, str | None):
        return []
    try:
        first, last = date_range(date, precision)
        if eras is not None:
            era_of(first, last, eras)
    except ValueError as err:
        return [Problem(f"{label}.date", str(err))]
    return []
