"""Plain corpus folders: one document per file, described by `metadata.csv`.

Each row becomes the piece entry a catalog would give (its span the whole file, its
date evidence `metadata.csv`), so one pipeline loads both kinds of folder. Every
problem in `metadata.csv` and the eras file is reported at once, by row and column
(a row is a line of the file; the header is row 1).
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from ..config import PAPERWORK
from ..errors import CorpusError, Problem
from .catalog import FORM, UNDATED, Era, printable
from .clean import han_count
from .convert import chars_changed, converter
from .schema import (
    check_date,
    check_era,
    check_eras,
    check_fields,
    check_source,
    check_values,
    era_clashes,
    unknown,
)
from .sources import BOM, decode_utf8, read_limited
from .yamlsafe import load_yaml

METADATA = "metadata.csv"
ERAS_CSV = "eras.csv"
ERAS_YAML = "eras.yaml"
PLAIN_PAPERWORK = frozenset({METADATA, ERAS_CSV, ERAS_YAML})
REQUIRED = ("file", "doc_id", "title", "author", "date")
OPTIONAL = {
    "author_type": "unknown",
    "outlet": "unknown",
    "genre": "unknown",
    "script": "",
    "notes": "",
}
ERA_COLUMNS = ("name", "start", "end")
TRADITIONAL_SHARE = 0.05  # t2s changes ~0% of a simplified text's Han, ~38% of 000_


def detect_script(text: str) -> tuple[str, int, int]:
    """(script, characters OpenCC t2s would change, Han characters) of a text."""
    changed = chars_changed(text, converter("t2s").convert(text))
    han = han_count(text)
    traditional = han and changed >= TRADITIONAL_SHARE * han
    return ("traditional" if traditional else "simplified"), changed, han


def date_precision(date: str) -> str | None:
    """`year`, `month` or `day` by the date's form, `undated` if empty, else None."""
    if not date:
        return UNDATED
    return next((p for p, form in FORM.items() if re.fullmatch(form, date)), None)


def read_plain(root: Path) -> tuple[list[dict], list[Era], frozenset[str]]:
    """Piece entries and eras of a plain folder, and its paperwork file names."""
    path = root / METADATA
    eras, problems = read_eras(root)
    rows, found = read_table(path, REQUIRED, OPTIONAL, "")
    if not rows and not found:
        found.append(Problem(None, "lists no documents: add one row per text file"))
    pieces = []
    for n, row in rows:
        entry, row_problems = row_entry(root, row, n, eras)
        pieces.append(entry)
        found += row_problems
    problems += found + repeats(rows) + (unlisted(root, rows) if rows else [])
    if problems:
        raise CorpusError(path, f"{len(problems)} problems", problems=problems)
    return pieces, eras or [], PLAIN_PAPERWORK


def read_table(
    path: Path, required: tuple, optional: dict, prefix: str
) -> tuple[list[tuple[int, dict]], list[Problem]]:
    """A CSV's rows as (row number, {column: stripped cell}), and its problems."""
    text = decode_utf8(path, read_limited(path, "catalog")).removeprefix(BOM)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [cell.strip() for cell in next(reader, [])]
        problems = header_problems(header, required, optional, prefix)
        rows = []
        for cells in reader:
            n = reader.line_num
            if len(cells) > len(header):
                where = f"{prefix}row {n}"
                problems.append(
                    Problem(where, f"has {len(cells)} cells, not {len(header)}")
                )
            elif any(cell.strip() for cell in cells):
                row = dict.fromkeys((*required, *optional), "")
                pairs = zip(header, cells, strict=False)
                row.update((h, c.strip()) for h, c in pairs if h in row)
                rows.append((n, {k: v or optional.get(k, "") for k, v in row.items()}))
    except csv.Error as err:
        return [], [Problem(f"{prefix}row {reader.line_num}", f"is not CSV: {err}")]
    return rows, problems


def header_problems(header: list, required: tuple, optional: dict, prefix: str):
    """Missing, unknown and repeated columns of a CSV header."""
    known = dict.fromkeys((*required, *optional))
    where = f"{prefix}header"
    problems = [
        Problem(f"{where}, column {c}", f"missing column `{c}`")
        for c in required
        if c not in header
    ]
    problems += [
        Problem(where, unknown("", c, known).message.replace("field", "column", 1))
        for c in header
        if c not in known
    ]
    return problems + [
        Problem(f"{where}, column {c}", f"column `{c}` appears twice")
        for c in dict.fromkeys(header)
        if header.count(c) > 1
    ]


def row_label(n: int, name: str) -> str:
    """How messages name a metadata row: its number and, if given, its file."""
    return f"row {n} ({printable(name)})" if name else f"row {n}"


def row_entry(root: Path, row: dict, n: int, eras) -> tuple[dict, list[Problem]]:
    """The piece entry one metadata row stands for, and the row's problems."""
    label = row_label(n, row["file"])
    problems = [
        Problem(f"{label}, column {c}", f"`{c}` is required but empty")
        for c in REQUIRED[:-1]
        if not row[c]
    ]
    precision = date_precision(row["date"])
    entry = {
        **{k: row[k] for k in ("doc_id", "title", "author", "date", *OPTIONAL)},
        "source_file": row["file"],
        "script": row["script"] or None,
        "date": row["date"] or None,
        "date_precision": precision or "day",
        "date_evidence": METADATA,
        "whole_file": True,
    }
    if precision is None:
        bad = f"date {row['date']!r} is not YYYY, YYYY-MM or YYYY-MM-DD (or empty)"
        problems.append(Problem(f"{label}, column date", bad))
    return entry, problems + entry_problems(root, entry, label, eras, precision)


def entry_problems(root: Path, entry: dict, label: str, eras, precision) -> list:
    """The catalog's checks on one entry (choices, doc_id, file, date and era)."""
    check = {**entry, "script": entry["script"] or "simplified"}
    found = check_values(check, "@")
    found += check_date(check, "@", eras) if precision else []
    name = entry["source_file"]
    if name in PLAIN_PAPERWORK:
        found.append(Problem("@.file", f"{name!r} is this folder's paperwork"))
    elif name:
        found += check_source(root, name, "@.file") or file_missing(root, name)
    return [Problem(f"{label}, column {p.field[2:]}", p.message) for p in found]


def file_missing(root: Path, name: str) -> list[Problem]:
    """A problem when a listed file is not in the folder."""
    if (root / name).is_file():
        return []
    return [Problem("@.file", f"{name!r} is not a file in the folder")]


def repeats(rows: list[tuple[int, dict]]) -> list[Problem]:
    """A doc_id or file given in more than one row."""
    problems, first = [], {}
    for n, row in rows:
        for column in ("doc_id", "file"):
            key = (column, row[column])
            if row[column] and key in first:
                where = f"{row_label(n, row['file'])}, column {column}"
                said = f"{row[column]!r} is also in row {first[key]}"
                problems.append(Problem(where, said))
            first.setdefault(key, n)
    return problems


def unlisted(root: Path, rows: list[tuple[int, dict]]) -> list[Problem]:
    """Files in the folder that no metadata row lists."""
    listed = {row["file"] for _, row in rows} | PAPERWORK | PLAIN_PAPERWORK
    return [
        Problem(path.name, f"is in the corpus folder but has no row in {METADATA}")
        for path in sorted(root.iterdir())
        if path.is_file() and not path.name.startswith(".") and path.name not in listed
    ]


def read_eras(root: Path) -> tuple[list[Era] | None, list[Problem]]:
    """Eras from eras.csv or eras.yaml (none if neither); None when any is bad."""
    has_csv, has_yaml = (root / ERAS_CSV).is_file(), (root / ERAS_YAML).is_file()
    if has_csv and has_yaml:
        return None, [Problem(ERAS_CSV, f"give eras in {ERAS_CSV} or {ERAS_YAML}")]
    if has_yaml:
        return eras_yaml(root / ERAS_YAML)
    return eras_csv(root / ERAS_CSV) if has_csv else ([], [])


def eras_csv(path: Path) -> tuple[list[Era] | None, list[Problem]]:
    """Eras from a CSV with columns name, start, end (and description)."""
    rows, problems = read_table(path, ERA_COLUMNS, {"description": ""}, f"{path.name} ")
    eras = []
    for n, row in rows:
        era, found = check_era(row, "@")
        where = f"{path.name} row {n}, column "
        problems += [Problem(where + p.field[2:], p.message) for p in found]
        eras += [era] if era else []
    problems += [Problem(path.name, p.message) for p in era_clashes(eras)]
    return (None if problems else eras), problems


def eras_yaml(path: Path) -> tuple[list[Era] | None, list[Problem]]:
    """Eras from a YAML file holding an `eras:` list, as in a catalog."""
    data, problems = load_yaml(path)
    problems += check_fields(data, {"eras": list}, ("eras",), "")
    eras, found = check_eras(data.get("eras") if isinstance(data, dict) else None)
    problems = [
        Problem(f"{path.name} {p.field or ''}".strip(), p.message)
        for p in problems + found
    ]
    return (None if problems else eras), problems
