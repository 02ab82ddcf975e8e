"""Project paths, decided in one place (never the working directory)."""

from __future__ import annotations

import csv
import os
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import CacheError

PACKAGE = Path(__file__).resolve().parent
DATA = PACKAGE / "data"
REPO = PACKAGE.parents[1]
SEEDS = REPO / "seeds"
FIGURES = REPO / "figures"
NOTEBOOKS = REPO / "notebooks"
SITE = REPO / "site"
BUILD = REPO / "build"  # git-ignored: other corpora's outputs, failed notebooks, lock
CATALOG_NAME = "catalog.yaml"
SUMS_NAME = "SHA256SUMS"
# Files a corpus folder may hold besides the documents the catalog lists.
PAPERWORK = frozenset({CATALOG_NAME, SUMS_NAME, "README.md"})
# Size limits in MB, checked before a file is read: (environment override, default).
SIZE_LIMITS = {
    "source": ("ANTCORPUS_MAX_FILE_MB", 50.0),
    "catalog": ("ANTCORPUS_MAX_CATALOG_MB", 5.0),
}


def seeds_dir(root: str | os.PathLike | None = None) -> Path:
    """The corpus folder: `root`, else $ANTCORPUS_SEEDS, else the repo's seeds/."""
    chosen = root or os.environ.get("ANTCORPUS_SEEDS") or SEEDS
    return Path(chosen).expanduser().resolve()


def figures_dir() -> Path:
    """Where figures go: $ANTCORPUS_FIGURES, else the corpus's figures folder.

    That is figures/ for the repo's seeds/ and build/corpora/NAME/figures for any
    other corpus, so figures of another corpus never land in figures/. Tests point
    $ANTCORPUS_FIGURES at a temporary folder.
    """
    chosen = os.environ.get("ANTCORPUS_FIGURES")
    return Path(chosen) if chosen else corpus_outputs().figures


def build_dir() -> Path:
    """Git-ignored build outputs: $ANTCORPUS_BUILD or the repo's build/."""
    return Path(os.environ.get("ANTCORPUS_BUILD") or BUILD)


@dataclass(frozen=True)
class Outputs:
    """Where one corpus's build goes: executed notebooks, figures, site, failures."""

    name: str
    notebooks: Path
    figures: Path
    site: Path
    failed: Path

    @property
    def committed(self) -> bool:
        """True for the repo's own corpus, whose outputs are committed."""
        return self.notebooks == NOTEBOOKS


def corpus_outputs(seeds: str | os.PathLike | None = None) -> Outputs:
    """Output folders for a corpus: the repo's for seeds/, else build/corpora/NAME/."""
    folder, build = seeds_dir(seeds), build_dir()
    chinese = os.environ.get("ANTCORPUS_LABELS") == "zh"  # see plots.labels
    if folder == SEEDS.resolve() and not chinese:
        return Outputs("seeds", NOTEBOOKS, FIGURES, SITE, build / "failed")
    name = re.sub(r"[^\w.-]+", "_", folder.name).strip(".") or "corpus"
    # The Chinese-labelled edition is built on request, never over committed outputs.
    root = build / "editions" / "zh" / name if chinese else build / "corpora" / name
    return Outputs(
        name, root / "notebooks", root / "figures", root / "site", root / "failed"
    )


def size_limit(kind: str) -> int:
    """The largest file of `kind` (source, catalog) read, in bytes; env overrides."""
    env, default = SIZE_LIMITS[kind]
    value = os.environ.get(env) or default
    try:
        megabytes = float(value)
    except ValueError:
        megabytes = -1.0
    if not megabytes > 0:
        raise ValueError(f"{env}={value!r} is not a positive number of megabytes")
    return int(megabytes * 1024 * 1024)


def cache_dir() -> Path:
    """Where derived, rebuildable files go: $ANTCORPUS_CACHE or the repo's .cache/."""
    path = Path(os.environ.get("ANTCORPUS_CACHE") or REPO / ".cache")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise CacheError(path, f"cannot be created ({err.strerror})") from None
    if not os.access(path, os.W_OK | os.X_OK):
        raise CacheError(path, "is not writable")
    return path


def read_tsv(path: Path) -> list[dict]:
    """Rows of a tab-separated data file with a header, skipping `#` comment lines."""
    with open(path, encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))
