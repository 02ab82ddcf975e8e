"""Print-ready figures: PDF with the font embedded, column layout, label editions."""

from __future__ import annotations

import re

import matplotlib
import nbformat
import pandas as pd
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from antcorpus import config  # noqa: E402
from antcorpus.config import REPO  # noqa: E402
from antcorpus.plots import base, labels  # noqa: E402

TR_CALL = re.compile(r"\btr\(\s*\n?\s*\"((?:[^\"\\]|\\.)*)\"")


def small_figure(width=6.0, fontsize=9.0):
    """A figure with Chinese text of the given width and font size."""
    with base.cjk_style():
        fig, ax = plt.subplots(figsize=(width, 2.5))
        ax.plot([1, 2], [3, 4])
        ax.set_title("合规 compliance", fontsize=fontsize)
        ax.tick_params(labelsize=fontsize)
    return fig


def test_save_figure_writes_every_format_and_the_full_table(tmp_path):
    data = pd.DataFrame({"x": [1, 2], "y": [3.0, 4.0]})
    full = data.assign(z=[5, 6])
    paths = base.save_figure(small_figure(), "09-test", data, tmp_path, full=full)
    assert {p.name for p in tmp_path.iterdir()} == {
        "09-test.png",
        "09-test.svg",
        "09-test.pdf",
        "09-test.csv",
        "09-test.table.csv",
    }
    pdf = paths["pdf"].read_bytes()
    assert b"/CIDFontType2" in pdf and b"/FontFile2" in pdf and b"/ToUnicode" in pdf
    assert b"CreationDate" not in pdf
    assert paths["table"].read_text().splitlines()[0] == "x,y,z"


def test_a_figure_wider_than_a_column_or_with_tiny_text_is_refused(tmp_path):
    data = pd.DataFrame({"x": [1]})
    with pytest.raises(ValueError, match="report column takes 6.5 in"):
        base.save_figure(small_figure(width=9), "09-wide", data, tmp_path)
    with pytest.raises(ValueError, match="5 pt text"):
        base.save_figure(small_figure(fontsize=5), "09-tiny", data, tmp_path)
    assert not list(tmp_path.iterdir())


def test_english_edition_fills_templates_and_glosses_terms(monkeypatch):
    monkeypatch.delenv("ANTCORPUS_LABELS", raising=False)
    assert labels.tr("Top {n} terms", n=5) == "Top 5 terms"
    assert labels.term_label("监管", folder=config.SEEDS) == "监管 (regulation)"


def test_chinese_edition_uses_the_table_and_refuses_a_missing_row(monkeypatch):
    monkeypatch.setenv("ANTCORPUS_LABELS", "zh")
    monkeypatch.setattr(
        labels, "chinese_labels", lambda: {"Top {n} terms": "前 {n} 词"}
    )
    assert labels.tr("Top {n} terms", n=5) == "前 5 词"
    assert labels.term_label("监管", folder=config.SEEDS) == "监管"
    with pytest.raises(KeyError, match="labels_zh.tsv"):
        labels.tr("Untranslated")
    monkeypatch.setenv("ANTCORPUS_LABELS", "fr")
    with pytest.raises(ValueError, match="ANTCORPUS_LABELS"):
        labels.label_edition()


def test_every_label_template_has_a_chinese_row():
    sources = [p.read_text(encoding="utf-8") for p in (REPO / "lib").rglob("*.py")]
    sources += [
        c.source
        for p in (REPO / "notebooks").glob("*.ipynb")
        for c in nbformat.read(p, as_version=4).cells
        if c.cell_type == "code"
    ]
    used = {m for s in sources for m in TR_CALL.findall(s)}
    used -= {"Top {n} terms", "Untranslated"}  # the tests' own examples
    missing = sorted(used - set(labels.chinese_labels()))
    assert not missing, f"add rows to data/labels_zh.tsv for: {missing[:10]}"


def test_the_chinese_edition_never_writes_committed_folders(monkeypatch, tmp_path):
    monkeypatch.setenv("ANTCORPUS_LABELS", "zh")
    monkeypatch.setenv("ANTCORPUS_BUILD", str(tmp_path))
    monkeypatch.delenv("ANTCORPUS_SEEDS", raising=False)
    out = config.corpus_outputs()
    assert not out.committed
    assert out.figures == tmp_path / "editions" / "zh" / "seeds" / "figures"
