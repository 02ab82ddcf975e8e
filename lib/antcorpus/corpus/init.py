"""`python -m antcorpus init FOLDER`: draft catalog.yaml and SHA256SUMS.

One piece per text file, its span the whole file (anchors quoted from its first and
last lines, each unique), the script detected, candidate dates and lines shared by
several files (possible chrome) written as comments, and every field a person must
decide left as `TODO`. The loader refuses a catalog that still holds a TODO.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..config import CATALOG_NAME, PAPERWORK, SUMS_NAME
from ..errors import CorpusError, Problem
from ..files import write_atomic
from .catalog import DOC_ID, date_range, piece_label
from .plain import METADATA, PLAIN_PAPERWORK, detect_script
from .sources import read_limited, read_raw

TODO = "TODO"
ANCHOR_MIN = 30  # characters an anchor quotes at least (fewer if the line is shorter)
DATES_SHOWN = 3
CHROME_MIN = 4  # shortest shared line flagged as possible chrome
CHROME_SHOWN = 40
DATE = re.compile(
    r"(?<!\d)(?:(\d{4})年(\d{1,2})月(\d{1,2})日|(\d{4})-(\d{2})-(\d{2})"
    r"|(\d{4})年(\d{1,2})月)"
)
UNSAFE = re.compile(
    "[^\t\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
FIELDS = {
    "title": "title",
    "author": "author, or unknown",
    "author_type": "human, machine or unknown",
    "outlet": "outlet (publication or site)",
    "genre": "genre",
}
ERAS_EXAMPLE = """\
# Eras: every dated piece must lie wholly inside one. Uncomment and adapt:
# eras:
#   - name: "2016–2018"
#     start: "2016-01-01"
#     end: "2018-12-31"
#     description: what sets this period apart
"""


@dataclass
class Draft:
    """What `draft_catalog` found, for the summary."""

    root: Path
    scripts: dict = field(default_factory=dict)  # file -> (script, changed, han)
    dates: dict = field(default_factory=dict)  # file -> [(date, precision, quote)]
    chrome: dict = field(default_factory=dict)  # line -> [files]
    todos: int = 0


def unfilled(path: Path, pieces: list) -> None:
    """Refuse a catalog whose pieces still hold a draft's TODO values."""
    problems = [
        Problem(f"{piece_label(piece.get('doc_id'), n)}.{key}", "is still TODO")
        for n, piece in enumerate(pieces, 1)
        for key, value in piece.items()
        if isinstance(value, str) and value.startswith(TODO)
    ]
    if problems:
        raise CorpusError(path, f"{len(problems)} TODOs left", problems=problems)


def text_files(root: Path) -> list[str]:
    """The folder's document files: plain, not hidden, not paperwork."""
    names = []
    for path in sorted(root.iterdir()):
        if path.name.startswith(".") or path.name in PAPERWORK | PLAIN_PAPERWORK:
            continue
        if path.is_symlink():
            raise CorpusError(path, "is a symlink; a corpus folder holds plain files")
        names += [path.name] if path.is_file() else []
    if not names:
        raise CorpusError(root, "holds no text files to draft a catalog for")
    return names


def read_texts(root: Path, names: list[str]) -> tuple[dict, dict]:
    """Checksums and texts (BOM dropped, LF line ends) as the loader will read them."""
    sums = {
        n: hashlib.sha256(read_limited(root / n, "source")).hexdigest() for n in names
    }
    texts = {n: read_raw(root, n, sums).text for n in names}
    for name, text in texts.items():
        if not text.strip():
            raise CorpusError(root / name, "holds only white space")
    return sums, texts


def anchor(body: str, text: str, from_end: bool) -> str:
    """Shortest start (or end) of `body`, from its first (last) line, unique in text."""
    line = body.split("\n")[-1 if from_end else 0]
    size = min(ANCHOR_MIN, len(line))
    while True:
        quote = body[-size:] if from_end else body[:size]
        if size >= len(body) or text.find(quote) == text.rfind(quote):
            return quote
        size += 10


def candidate_dates(text: str) -> list[tuple[str, str, str]]:
    """The first few real dates quoted in the text: (date, precision, context)."""
    found = []
    for match in DATE.finditer(text):
        parts = [int(g) for g in match.groups() if g]
        precision = "day" if len(parts) == 3 else "month"
        date = "-".join(f"{p:0{4 if i == 0 else 2}d}" for i, p in enumerate(parts))
        try:
            date_range(date, precision)
        except ValueError:
            continue
        found.append((date, precision, context(text, match.start(), match.end())))
        if len(found) == DATES_SHOWN:
            break
    return found


def context(text: str, start: int, end: int, chars: int = 12) -> str:
    """Up to `chars` characters either side of text[start:end], within its line."""
    first = max(text.rfind("\n", 0, start) + 1, start - chars)
    stop = text.find("\n", end)
    last = min(len(text) if stop < 0 else stop, end + chars)
    return text[first:last].strip()


def shared_lines(texts: dict[str, str]) -> dict[str, list[str]]:
    """Lines (stripped, CHROME_MIN characters or more) in two or more files."""
    where: dict[str, list[str]] = {}
    for name, text in texts.items():
        for line in dict.fromkeys(s.strip() for s in text.split("\n")):
            if len(line) >= CHROME_MIN:
                where.setdefault(line, []).append(name)
    return {line: names for line, names in where.items() if len(names) > 1}


def doc_ids(names: list[str]) -> dict[str, str]:
    """A safe, unique doc_id per file, from its name where that allows."""
    ids: dict[str, str] = {}
    for n, name in enumerate(names, 1):
        stem = re.sub(r"[^A-Za-z0-9._-]+", "-", Path(name).stem).strip("-._")[:56]
        base = doc_id = stem if DOC_ID.fullmatch(stem) else f"doc-{n:03d}"
        k = 1
        while doc_id in ids.values():
            k += 1
            doc_id = f"{base}-{k}"
        ids[name] = doc_id
    return ids


def quoted(value: str) -> str:
    """A YAML double-quoted scalar."""
    return yaml.safe_dump(
        value, allow_unicode=True, default_style='"', width=10**9
    ).strip()


def comment(text: str, limit: int = 60) -> str:
    """Text made safe for a one-line YAML comment, clipped to `limit` characters."""
    text = UNSAFE.sub("\ufffd", text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def piece_lines(name: str, doc_id: str, text: str, draft: Draft) -> list[str]:
    """The YAML lines of one drafted piece."""
    body = text.strip()
    script, changed, han = draft.scripts[name]
    lines = [
        f"  - doc_id: {quoted(doc_id)}",
        f"    source_file: {quoted(name)}",
        "    spans:  # the whole file; narrow it to leave chrome out",
        f"      - start: {quoted(anchor(body, text, False))}",
        f"        end: {quoted(anchor(body, text, True))}",
        f"    script: {script}  # detected: t2s would change {changed}"
        f" of {han} Han characters",
    ]
    lines += [f"    {key}: {quoted(f'{TODO}: {what}')}" for key, what in FIELDS.items()]
    if not draft.dates[name]:
        lines.append("    # no candidate date found in the text")
    lines += [
        f"    # candidate date: {date} ({precision}) 「{comment(quote)}」"
        for date, precision, quote in draft.dates[name]
    ]
    evidence = f"{TODO}: quote the text that dates it, or say why it is undated"
    return lines + [
        "    date: null",
        "    date_precision: undated",
        f"    date_evidence: {quoted(evidence)}",
        f"    notes: {quoted(f'{TODO}: notes')}",
    ]


def chrome_lines(chrome: dict[str, list[str]]) -> list[str]:
    """YAML comments listing lines shared by several files (possible page chrome)."""
    if not chrome:
        return ["# No line is shared by two or more files."]
    lines = ["# Lines in two or more files (possible chrome: narrow spans or `drop`):"]
    for line, names in list(chrome.items())[:CHROME_SHOWN]:
        lines.append(f"#   「{comment(line)}」 in {comment(', '.join(names), 120)}")
    extra = len(chrome) - CHROME_SHOWN
    return lines + ([f"#   … and {extra} more"] if extra > 0 else [])


def draft_text(texts: dict[str, str], draft: Draft) -> str:
    """The whole drafted catalog.yaml."""
    ids = doc_ids(list(texts))
    head = [
        "# Draft catalog from `python -m antcorpus init`: review it before use.",
        "# Replace every TODO, set date and date_precision (YYYY, YYYY-MM or",
        "# YYYY-MM-DD; null + undated if none), and cut chrome with spans or drop.",
        "# The schema is in the data card (seeds/README.md, Catalog schema).",
        *chrome_lines(draft.chrome),
        "version: 1",
        "",
        ERAS_EXAMPLE,
        "pieces:",
    ]
    body = [line for n in texts for line in piece_lines(n, ids[n], texts[n], draft)]
    return "\n".join(head + body) + "\n"


def draft_catalog(folder, force: bool = False) -> Draft:
    """Write a draft catalog.yaml and SHA256SUMS for a folder of text files."""
    root = Path(folder).expanduser().resolve()
    if not root.is_dir():
        raise CorpusError(root, "is not a folder")
    if (root / METADATA).exists():
        raise CorpusError(root / METADATA, "is here: this plain folder loads as it is")
    for name in (CATALOG_NAME, SUMS_NAME):
        if (root / name).exists() and not force:
            raise CorpusError(root / name, "exists; pass --force to overwrite it")
    sums, texts = read_texts(root, text_files(root))
    draft = Draft(root, {n: detect_script(t) for n, t in texts.items()})
    draft.dates = {n: candidate_dates(t) for n, t in texts.items()}
    draft.chrome = shared_lines(texts)
    catalog = draft_text(texts, draft)
    draft.todos = catalog.count(f'"{TODO}:')
    write_atomic(root / CATALOG_NAME, catalog)
    write_atomic(root / SUMS_NAME, "".join(f"{sums[n]}  {n}\n" for n in texts))
    return draft


def summary(draft: Draft) -> str:
    """What the draft found and what the user must review, in a few lines."""
    scripts = Counter(s for s, _, _ in draft.scripts.values())
    traditional = [n for n, (s, _, _) in draft.scripts.items() if s == "traditional"]
    dated = {n: ", ".join(d for d, _, _ in ds) for n, ds in draft.dates.items() if ds}
    lines = [
        f"Drafted {CATALOG_NAME} and {SUMS_NAME} in {draft.root}:"
        f" {len(draft.scripts)} files, one piece each (the whole file).",
        "Script (characters OpenCC t2s would change): "
        + ", ".join(f"{n} {s}" for s, n in sorted(scripts.items()))
        + (f" ({', '.join(traditional)})" if traditional else "")
        + ".",
        f"Candidate dates in {len(dated)} files: "
        + ("; ".join(f"{n} {d}" for n, d in dated.items()) or "none")
        + ".",
        f"Lines shared by 2+ files (possible chrome): {len(draft.chrome)}.",
        "Review before loading:",
        f"  - replace the {draft.todos} TODO values (title, author, author_type,"
        " outlet, genre, date_evidence, notes);",
        "  - set date and date_precision from the candidate dates (all undated now);",
        "  - add eras (a commented example is in the catalog);",
        "  - narrow spans or add `drop` entries for chrome (listed at the top).",
        f"Then check it: python -m antcorpus {draft.root}",
    ]
    return "\n".join(lines)
