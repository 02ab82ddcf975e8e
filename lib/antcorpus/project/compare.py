"""Committed notebook outputs against a fresh build's, and where they first differ.

Used by the freshness test: the message names the notebook, the code cell, the output
and the first differing line, with a unified diff of that output.
"""

from __future__ import annotations

import difflib

DIFF_LINES = 30  # diff lines shown before "..."


def text_outputs(nb) -> list[list[str]]:
    """Per code cell: stream text and every text/* representation, in order.

    Images are left out.
    """
    cells = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        texts = []
        for out in cell.outputs:
            if out.output_type == "stream":
                texts.append(f"{out.name}: {out.text}")
            for mime, value in sorted(out.get("data", {}).items()):
                if mime.startswith("text/"):
                    texts.append(f"{mime}: {value}")
            if out.output_type == "error":
                texts.append(f"error: {out.ename}: {out.evalue}")
        cells.append(texts)
    return cells


def diff_text(old: str, new: str, limit: int = DIFF_LINES) -> str:
    """A unified diff of two outputs (committed, fresh), cut to `limit` lines."""
    lines = list(
        difflib.unified_diff(
            old.splitlines(),
            new.splitlines(),
            "committed",
            "fresh build",
            lineterm="",
        )
    )
    return "\n".join(lines[:limit] + (["..."] if len(lines) > limit else []))


def first_line_apart(old: str, new: str) -> int:
    """1-based number of the first line where two texts differ."""
    old_lines, new_lines = old.splitlines(), new.splitlines()
    for i, (a, b) in enumerate(zip(old_lines, new_lines, strict=False), 1):
        if a != b:
            return i
    return min(len(old_lines), len(new_lines)) + 1


def first_difference(name: str, committed, fresh) -> str | None:
    """Where a notebook's text outputs first differ from a fresh run, or None."""
    old_cells, new_cells = text_outputs(committed), text_outputs(fresh)
    if len(old_cells) != len(new_cells):
        return f"{name}: {len(old_cells)} code cells committed, {len(new_cells)} fresh"
    for i, (old, new) in enumerate(zip(old_cells, new_cells, strict=True), 1):
        if old == new:
            continue
        j = next(
            (k for k, (a, b) in enumerate(zip(old, new, strict=False)) if a != b),
            min(len(old), len(new)),
        )
        a, b = (old[j] if j < len(old) else ""), (new[j] if j < len(new) else "")
        return (
            f"{name}, code cell {i}, output {j + 1}, line {first_line_apart(a, b)}"
            f" differs from a fresh build (run `make`):\n{diff_text(a, b)}"
        )
    return None
