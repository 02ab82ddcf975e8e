"""Regenerate the faces of stats/ and plots/: every public name of each module."""

import ast
import textwrap
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "lib" / "antcorpus"
DOCS = {
    "stats": "Tables only, never figures: counts, diversity, keyness, contexts,\n"
    "years, trends, tone, stylometry, topics, resampling, description and\n"
    "text-level evidence. No module here imports matplotlib (a test enforces it).",
    "plots": "Figures: the CJK font and style, `save_figure`, shared shapes, and one\n"
    "module per stats module. Plot functions take a stats result (reading its\n"
    "`attrs`) and an optional `ax` or `axes` to draw into; they return the figure.",
}


def public(path: Path) -> list[str]:
    """Public functions and classes defined at the top of a module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    kinds = (ast.FunctionDef, ast.ClassDef)
    return [n.name for n in tree.body if isinstance(n, kinds) and n.name[0] != "_"]


def face(layer: str) -> str:
    """The text of one layer's __init__.py: compact, wrapped at 88 characters."""
    lines, names = [f'"""{DOCS[layer]}"""', "", "# fmt: off"], []
    for path in sorted((PACKAGE / layer).glob("[a-z]*.py")):
        found = sorted(public(path))
        names += found
        body = textwrap.fill(
            ", ".join(found) + ",",
            84,
            initial_indent="    ",
            subsequent_indent="    ",
            break_on_hyphens=False,
        )
        lines.append(f"from .{path.stem} import (\n{body}\n)")
    listed = textwrap.fill(
        ", ".join(f'"{n}"' for n in sorted(names)) + ",",
        84,
        initial_indent="    ",
        subsequent_indent="    ",
        break_on_hyphens=False,
    )
    lines += ["", f"__all__ = [\n{listed}\n]", "# fmt: on"]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    for layer in DOCS:
        (PACKAGE / layer / "__init__.py").write_text(face(layer), encoding="utf-8")
