"""Project paths, decided in one place (never the working directory)."""

from __future__ import annotations

import csv
import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
DATA = PACKAGE / "data"
REPO = PACKAGE.parents[1]
SEEDS = REPO / "seeds"
FIGURES = REPO / "figures"
CATALOG_NAME = "catalog.yaml"
SUMS_NAME = "SHA256SUMS"
# Files a corpus folder may hold besides the documents the catalog lists.
PAPERWORK = frozenset({CATALOG_NAME, SUMS_NAME, "README.md"})


def seeds_dir(root: str | os.PathLike | None = None) -> Path:
    """The corpus folder: `root`, else $ANTCORPUS_SEEDS, else the repo's seeds/."""
    chosen = root or os.environ.get("ANTCORPUS_SEEDS") or SEEDS
    return Path(chosen).expanduser().resolve()


def figures_dir() -> Path:
    """Where figures go: $ANTCORPUS_FIGURES or figures/.

    Tests point $ANTCORPUS_FIGURES at a temporary folder.
    """
    return Path(os.environ.get("ANTCORPUS_FIGURES") or FIGURES)


def cache_dir() -> Path:
    """Where derived, rebuildable files go: $ANTCORPUS_CACHE or the repo's .cache/."""
    path = Path(os.environ.get("ANTCORPUS_CACHE") or REPO / ".cache")
    path.mkdir(parents=True, exist_ok=True)
    return path


def read_tsv(path: Path) -> list[dict]:
    """Rows of a tab-separated data file with a header, skipping `#` comment lines."""
    with open(path, encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))
