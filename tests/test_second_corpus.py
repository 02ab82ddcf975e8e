"""A second real corpus, not about Ant, runs through every notebook with no edits.

corpora/tang-song-shi (Tang and Song poetry, no analysis/ folder) is built with the
same runner and publisher as seeds/, into a temporary build folder; nothing it writes
may mention the Ant corpus's eras, names or labels, and the committed notebooks and
figures are untouched.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from antcorpus.config import FIGURES, NOTEBOOKS, REPO, SEEDS, read_tsv
from antcorpus.corpus import corpus_eras
from antcorpus.project import runner

POETRY = REPO / "corpora" / "tang-song-shi"
NAMES = ("entity", "product", "person", "regulator")  # dictionary words that name


def ant_markers() -> set[str]:
    """What belongs to the Ant corpus: eras, names, concept groups, topic labels."""
    analysis = SEEDS / "analysis"
    eras = {e for e in corpus_eras(SEEDS)["name"] if e != "undated"}
    names = {
        r["word"]
        for r in read_tsv(analysis / "domain_dict.tsv")
        if r["category"] in NAMES
    }
    # Group names that are plain English words ("risk") could be anyone's prose.
    groups = {r["group"] for r in read_tsv(analysis / "concepts.tsv")}
    groups = {g for g in groups if "_" in g}
    labels = {r["label"] for r in read_tsv(analysis / "topic_labels.tsv")}
    return eras | names | groups | labels | {"Ant Financial", "Ant Group", "Alipay"}


def mentions(text: str, markers: set[str]) -> list[str]:
    """The markers found in `text` (a number matches only as a whole number)."""
    found = []
    for marker in markers:
        pattern = re.escape(marker)
        if marker[:1].isdigit():
            pattern = rf"(?<![\d.]){pattern}(?![\d])"
        elif marker.isascii():
            pattern = rf"\b{pattern}\b"
        if re.search(pattern, text):
            found.append(marker)
    return sorted(found)


def snapshot(*folders: Path) -> dict:
    """Every file under the folders with its size and modification time."""
    return {
        p: (p.stat().st_size, p.stat().st_mtime_ns)
        for folder in folders
        for p in folder.rglob("*")
        if p.is_file()
    }


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """Run `make notebooks site` for the poetry corpus into a temporary build folder."""
    build = tmp_path_factory.mktemp("build")
    env = os.environ | {
        "ANTCORPUS_SEEDS": str(POETRY),
        "ANTCORPUS_BUILD": str(build),
        "PYTHONHASHSEED": "0",
        "MPLBACKEND": "Agg",
    }
    env.pop("ANTCORPUS_FIGURES", None)
    before = snapshot(NOTEBOOKS, FIGURES)
    steps = [
        subprocess.run(
            [sys.executable, "-m", f"antcorpus.project.{step}"],
            env=env,
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=1500,
        )
        for step in ("runner", "publish")
    ]
    return build / "corpora" / POETRY.name, steps, before


def test_every_notebook_runs_on_the_poetry_corpus(built):
    root, steps, _ = built
    for step in steps:
        assert step.returncode == 0, step.stdout[-3000:] + step.stderr[-3000:]
    made = sorted(p.name for p in (root / "notebooks").glob("*.ipynb"))
    assert made == sorted(p.name for p in runner.notebooks())
    assert (root / "site" / "index.html").is_file()
    assert any((root / "figures").glob("*.png"))


def test_no_output_mentions_the_ant_corpus(built):
    root, _, _ = built
    markers = ant_markers()
    leaks = {}
    for path in sorted(root.rglob("*")):
        # Figures draw text as paths; what they plot is checked in their CSVs.
        if path.suffix in {".ipynb", ".html", ".csv", ".md"}:
            found = mentions(
                path.read_text(encoding="utf-8", errors="replace"), markers
            )
            if found:
                leaks[str(path.relative_to(root))] = found
    assert not leaks


def test_the_notebooks_say_what_they_skip(built):
    root, _, _ = built
    text = "".join(
        "".join(
            o.get("text", "") + str(o.get("data", {})) for o in c.get("outputs", [])
        )
        for p in sorted((root / "notebooks").glob("*.ipynb"))
        for c in nbformat.read(p, as_version=4).cells
    )
    assert "This corpus has no `analysis/" in text


def test_the_committed_outputs_are_untouched(built):
    _, _, before = built
    assert snapshot(NOTEBOOKS, FIGURES) == before
