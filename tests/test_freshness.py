"""Committed outputs are what a fresh build produces (as nbval compares stored outputs).

Every notebook is executed again from a fresh kernel (figures go to the temporary
folder conftest sets); its text outputs must equal the committed ones (a failure names
the notebook, cell, output and line, with a diff), and every figure CSV must equal the
committed CSV byte for byte. The committed notebooks are themselves a
build, so this also catches two builds that differ.
"""

import os
from pathlib import Path

import nbformat
import pytest

from antcorpus.config import FIGURES
from antcorpus.project import runner as build
from antcorpus.project.compare import diff_text, first_difference

NOTEBOOKS = build.notebooks()


@pytest.fixture(scope="session")
def fresh():
    """Every notebook executed once for this test session."""
    return {path.name: build.execute(path) for path in NOTEBOOKS}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_outputs_match_a_fresh_build(fresh, path):
    committed = nbformat.read(path, as_version=4)
    difference = first_difference(path.name, committed, fresh[path.name])
    assert difference is None, difference


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
            old, new = (FIGURES / name).read_bytes(), (made / name).read_bytes()
            assert new == old, f"{name} differs; run `make`:\n" + diff_text(
                old.decode("utf-8", "replace"), new.decode("utf-8", "replace")
            )
