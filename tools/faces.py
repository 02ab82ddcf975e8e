"""Regenerate the faces of stats/ and plots/: every public name of each module."""

import ast
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
    """The text of one layer's __init__.py."""
    lines, names = [f'"""{DOCS[layer]}"""', ""], []
    for path in sorted((PACKAGE / layer).glob("[a-z]*.py")):
        found = sorted(public(path))
        names += found
        body = "".join(f"    {n},\n" for n in found)
        lines.append(f"from .{path.stem} import (\n{body})")
    lines += [
        "",
        "__all__ = [\n" + "".join(f'    "{n}",\n' for n in sorted(names)) + "]",
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    for layer in DOCS:
        (PACKAGE / layer / "__init__.py").write_text(face(layer), encoding="utf-8")
