"""Shared fixtures: the real corpus, and tiny synthetic corpora for bad-input tests."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml

import antcorpus
from antcorpus.config import SEEDS

PIECE = {
    "doc_id": "toy-2017",
    "source_file": "a.txt",
    "script": "simplified",
    "spans": [{"start": "正文开始", "end": "正文结束。"}],
    "title": "玩具",
    "author": "某人",
    "author_type": "human",
    "outlet": "测试",
    "genre": "test",
    "date": "2017-03",
    "date_precision": "month",
    "date_evidence": "test",
    "notes": "test",
}
TEXT = "下载文档\n正文开始，蚂蚁金服推出花呗。\n第二段说余额宝。正文结束。\n猜你喜欢\n"
ERAS = [{"name": "2016–2018", "start": "2016-01-01", "end": "2018-12-31"}]


def write_corpus(
    folder: Path, files: dict[str, bytes], pieces: list[dict], sums: dict | None = None
) -> Path:
    """Lay out a corpus folder: the files, SHA256SUMS and a catalog.

    SHA256SUMS holds the true digests unless `sums` is given.
    """
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    digests = (
        sums
        if sums is not None
        else {n: hashlib.sha256(d).hexdigest() for n, d in files.items()}
    )
    (folder / "SHA256SUMS").write_text(
        "".join(f"{h}  {n}\n" for n, h in digests.items())
    )
    (folder / "catalog.yaml").write_text(
        yaml.safe_dump({"eras": ERAS, "pieces": pieces}, allow_unicode=True),
        encoding="utf-8",
    )
    return folder


def pytest_configure(config):
    """Notebooks the tests execute write figures to a temporary folder."""
    if "ANTCORPUS_FIGURES" not in os.environ:
        made = tempfile.mkdtemp(prefix="antcorpus-figures-")
        os.environ["ANTCORPUS_FIGURES"] = config._antcorpus_figures = made


def pytest_unconfigure(config):
    """Remove the temporary figures folder this session made."""
    made = getattr(config, "_antcorpus_figures", None)
    if made:
        shutil.rmtree(made, ignore_errors=True)
        os.environ.pop("ANTCORPUS_FIGURES", None)


@pytest.fixture
def toy(tmp_path):
    """A valid one-file corpus; tests break one thing at a time."""
    return write_corpus(tmp_path / "toy", {"a.txt": TEXT.encode()}, [dict(PIECE)])


@pytest.fixture(scope="session")
def corpus():
    """The real corpus from seeds/."""
    return antcorpus.load_corpus(SEEDS)


# Hypothesis: `HYPOTHESIS_PROFILE=deep pytest tests/test_clean.py` for a long search.
from hypothesis import settings  # noqa: E402

settings.register_profile("deep", max_examples=5000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
