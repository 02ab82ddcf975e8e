"""Catalog-driven steps on raw text.

Cutting pieces out by text anchors, dropping chrome, restoring garbled runs, masking
unreliable years and joining PDF line wraps.

Every anchor quotes the raw file; an anchor that is missing or ambiguous is a
CorpusError naming the source file and the catalog field.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import CorpusError

YEAR_MASK = "####"
TERMINAL = tuple("。！？!?；;：:”」』）)】…")
HEADING_MAX = 20  # an enumerated line this short is a heading, not a wrapped list item
# A line that opens with an enumerator starts a heading or list item, never a wrapped
# tail.
ENUMERATOR = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]?|\d+[、.．)）]|[①-⑳]|注[:：])"
)


def find_anchor(
    text: str,
    anchor: str,
    path: Path,
    field: str,
    occurrence: int | None = None,
    start: int = 0,
) -> int:
    """Index of `anchor` in text: unique unless `occurrence` (1-based) picks one."""
    hits = [m.start() for m in re.finditer(re.escape(anchor), text[start:])]
    if not hits:
        raise CorpusError(path, f"anchor {anchor!r} not found", field)
    if occurrence is None and len(hits) > 1:
        raise CorpusError(
            path,
            f"anchor {anchor!r} occurs {len(hits)} times; give `occurrence`",
            field,
        )
    index = (occurrence or 1) - 1
    if index >= len(hits):
        raise CorpusError(
            path, f"anchor {anchor!r} occurs {len(hits)} times, not {occurrence}", field
        )
    return start + hits[index]


def span_bounds(
    text: str, start: str, end: str, path: Path, field: str, occurrence=None
) -> tuple[int, int]:
    """[begin, stop) of the text from anchor `start` through anchor `end`, inclusive."""
    begin = find_anchor(text, start, path, f"{field}.start", occurrence)
    stop = text.find(end, begin)
    if stop < 0:
        raise CorpusError(
            path, f"anchor {end!r} not found after {start!r}", f"{field}.end"
        )
    return begin, stop + len(end)


def slice_spans(
    raw: str, spans: list[dict], path: Path, doc_id: str
) -> tuple[str, list[tuple[int, int]]]:
    """The piece's raw text (its spans joined by a newline) and the spans' bounds."""
    bounds = [
        span_bounds(
            raw, s["start"], s["end"], path, f"{doc_id}.spans[{i}]", s.get("occurrence")
        )
        for i, s in enumerate(spans)
    ]
    return "\n".join(raw[a:b] for a, b in bounds), bounds


def drop_spans(
    text: str, drops: list[dict], path: Path, doc_id: str
) -> tuple[str, int]:
    """Remove each catalog `drop` span (chrome or boilerplate inside a piece)."""
    for i, drop in enumerate(drops):
        a, b = span_bounds(
            text,
            drop["start"],
            drop.get("end", drop["start"]),
            path,
            f"{doc_id}.drop[{i}]",
        )
        text = text[:a] + text[b:]
    return text, len(drops)


def restore_runs(
    text: str, restores: list[dict], path: Path, doc_id: str
) -> tuple[str, int]:
    """Replace each garbled run the catalog lists with the text it stands for."""
    for i, fix in enumerate(restores):
        find_anchor(text, fix["from"], path, f"{doc_id}.restore[{i}].from")
        text = text.replace(fix["from"], fix["to"])
    return text, len(restores)


def mask_years(text: str, rules: list[dict]) -> tuple[str, int]:
    """Mask the year strings the catalog flags as rewritten or garbled with ####."""
    total = 0
    for rule in rules:
        text, n = re.subn(
            rf"(?<!\d){re.escape(str(rule['pattern']))}(?!\d)", YEAR_MASK, text
        )
        total += n
    return text, total


def unwrap_lines(text: str) -> tuple[str, int]:
    """Join a line to the next where a PDF wrapped mid-sentence.

    A wrap has no end punctuation and no heading.
    """
    lines = text.split("\n")
    out = [lines[0]]
    joins = 0
    for line in lines[1:]:
        prev, line = out[-1].rstrip(), line.lstrip()
        if prev and line and _wraps(prev, line):
            out[-1] = prev + line
            joins += 1
        else:
            out.append(line)
    return "\n".join(out), joins


def _wraps(prev: str, line: str) -> bool:
    """Whether `line` continues `prev` across a PDF line wrap."""
    heading = ENUMERATOR.match(prev) and len(prev) <= HEADING_MAX
    return not (prev.endswith(TERMINAL) or heading or ENUMERATOR.match(line))
