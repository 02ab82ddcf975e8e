"""Committed outputs are what a fresh build produces (as nbval compares stored outputs).

Every notebook is executed again from a fresh kernel (figures go to the temporary
folder conftest sets); its text outputs must equal the committed ones, and every figure
CSV must equal the committed CSV byte for byte. The committed notebooks are themselves a
build, so this also catches two builds that differ.
"""

import os
from pathlib import Path

import nbformat
import pytest

from antcorpus.config import FIGURES
from antcorpus.project import runner as build

NOTEBOOKS = build.notebooks()


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


@pytest.fixture(scope="session")
def fresh():
    """Every notebook executed once for this test session."""
    return {path.name: build.execute(path) for path in NOTEBOOKS}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_outputs_match_a_fresh_build(fresh, path):
    committed = text_outputs(nbformat.read(path, as_version=4))
    again = text_outputs(fresh[path.name])
    assert len(committed) == len(again)
    for i, (old, new) in enumerate(zip(committed, again, strict=True), 1):
        assert old == new, (
            f"{path.name}, code cell {i}: outputs differ from a fresh build; run `make`"
        )


def test_figure_files_match_a_fresh_build(fresh):
    made = Path(os.environ["ANTCORPUS_FIGURES"])
    assert made != FIGURES
    fresh_names = sorted(
        p.name for p in made.iterdir() if p.suffix in {".png", ".svg", ".csv"}
    )
    committed_names = sorted(
        p.name for p in FIGURES.iterdir() if p.suffix in {".png", ".svg", ".csv"}
    )
    assert fresh_names == committed_names, (
        "figures/ holds stale or missing files; run `make`"
    )
    for name in fresh_names:
        if name.endswith(".csv"):
            assert (made / name).read_bytes() == (FIGURES / name).read_bytes(), (
                f"{name} differs; run `make`"
            )
