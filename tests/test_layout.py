"""The package's layers: corpus → text → stats → plots, tooling apart.

One job a module.
"""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from antcorpus.config import PACKAGE

LAYERS = ["corpus", "text", "stats", "plots", "project"]
MODULES = sorted(PACKAGE.rglob("*.py"))
DRAWING = ("matplotlib", "wordcloud")


def imports(path: Path) -> set[str]:
    """Every module a file imports, relative imports resolved inside antcorpus."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1])
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                found.add(".".join(base + ([node.module] if node.module else [])))
            else:
                found.add(node.module)
    return found


def layer_of(module: str) -> str | None:
    """The layer an antcorpus module belongs to (None for shared top-level modules)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS else None


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_is_over_300_lines(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) < 300


@pytest.mark.parametrize(
    "path", sorted((PACKAGE / "stats").glob("*.py")), ids=lambda p: p.name
)
def test_stats_never_import_drawing_libraries(path):
    drawn = {m for m in imports(path) if m.split(".")[0] in DRAWING}
    assert not drawn, f"stats/{path.name} imports {drawn}; figures belong in plots/"


def test_stats_layer_loads_without_matplotlib():
    code = (
        "import sys, antcorpus, antcorpus.stats, antcorpus.text, antcorpus.corpus; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('matplotlib', 'wordcloud')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_layers_import_only_layers_before_them(path):
    own = path.relative_to(PACKAGE).parts[0]
    if own not in LAYERS:
        return
    allowed = set(LAYERS[: LAYERS.index(own) + 1])
    used = {layer_of(m) for m in imports(path) if m and m.startswith("antcorpus")}
    assert used - {None} <= allowed, f"{own} may not import {used - allowed}"


def test_public_names_are_exported_and_unique():
    import antcorpus.plots as plots
    import antcorpus.stats as stats
    import antcorpus.text as text

    for face in (stats, plots, text):
        assert all(hasattr(face, name) for name in face.__all__)
    assert not set(stats.__all__) & set(plots.__all__)
    assert all(n.startswith("plot_") for n in plots.__all__ if "plot" in n)
    assert not [n for n in stats.__all__ if n.startswith("plot_")]


def test_one_version_number():
    from importlib.metadata import version

    import antcorpus

    assert version("antcorpus") == antcorpus.__version__
    citation = (PACKAGE.parents[1] / "CITATION.cff").read_text()
    assert f"version: {antcorpus.__version__}" in citation


def test_faces_list_every_public_name():
    """The stats/ and plots/ faces are what tools/faces.py generates."""
    import importlib.util

    path = PACKAGE.parents[1] / "tools" / "faces.py"
    spec = importlib.util.spec_from_file_location("faces", path)
    faces = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(faces)
    for layer in ("stats", "plots"):
        committed = (PACKAGE / layer / "__init__.py").read_text(encoding="utf-8")
        assert committed == faces.face(layer), f"run `python tools/faces.py` ({layer})"
