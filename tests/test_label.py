"""Blind labels: stratified draw, a sheet without metadata, the labelling loop, join."""

import io
import re

import pandas as pd
import pytest

import antcorpus
from antcorpus.config import SEEDS, read_tsv
from antcorpus.corpus.knowledge import analysis_dir, resource_rows
from antcorpus.project import label

BLIND = analysis_dir(SEEDS) / "labels"


def toy_sentences() -> pd.DataFrame:
    """Three dated pieces of 60, 30 and 10 sentences, one undated piece, short lines."""
    rows = []
    for doc, era, date, k in [
        ("a-2016", "2016–2018", "2016-01-01", 60),
        ("b-2020", "2020", "2020-01-01", 30),
        ("c-2025", "2025", "2025-01-01", 10),
        ("d-undated", "undated", None, 20),
    ]:
        rows += [
            (doc, era, date, f"{doc} 第{i}句，足够长的一句话用来测试抽样。")
            for i in range(k)
        ]
        rows.append((doc, era, date, "太短。"))
    return pd.DataFrame(rows, columns=["doc_id", "era", "date_start", "text"])


@pytest.fixture(scope="module")
def real(corpus):
    """The real sentences, the earlier labelled sample and a seed-2026 draw."""
    sentences = antcorpus.corpus_reshape(corpus, "sentences")
    earlier = pd.DataFrame(resource_rows("tone_labels", SEEDS))
    return sentences, earlier, *label.draw_items(sentences, earlier, 160, 2026)


def test_allocate_is_proportional_with_a_minimum():
    sizes = pd.Series({"a": 100, "b": 60, "c": 10, "d": 9})
    got = label.allocate(sizes, 48, minimum=8)
    assert got.tolist() == [20, 12, 8, 8]  # c, d pinned; 32 split 100:60
    assert label.allocate(pd.Series({"x": 5, "y": 20}), 13, 8).tolist() == [5, 8]
    with pytest.raises(ValueError):
        label.allocate(sizes, 20, minimum=8)


def test_stratified_draw_covers_dated_pieces_only():
    drawn = label.stratified_draw(toy_sentences(), 40, seed=1, minimum=8)
    counts = drawn["doc_id"].value_counts()
    assert set(counts.index) == {"a-2016", "b-2020", "c-2025"}
    assert len(drawn) == 40 and counts.min() >= 8
    assert (drawn["text"].str.len() >= label.MIN_CHARS).all()


def test_real_draw_every_dated_piece_min_total_and_earlier_sample(real, corpus):
    sentences, earlier, sheet, key = real
    dated = set(corpus.loc[corpus["date_start"].notna(), "doc_id"])
    per_piece = key[key["drawn"] == 1]["doc_id"].value_counts()
    assert set(per_piece.index) == dated == set(key["doc_id"])
    assert per_piece.min() >= label.MIN_PER_PIECE and per_piece.sum() == 160
    assert len(sheet) >= label.MIN_ITEMS and key["item"].is_unique
    assert set(earlier["text"]) <= set(sheet["text"])
    assert sorted(key["earlier_row"].dropna()) == list(range(1, len(earlier) + 1))


def test_sheet_shows_the_sentence_only(real, corpus):
    sentences, _, sheet, key = real
    assert list(sheet.columns) == ["item", "text"]
    assert sheet["item"].str.fullmatch(r"b\d{3}").all()
    assert sheet["text"].tolist() == sentences.loc[key["sentence"], "text"].tolist()
    cells = set(sheet["item"]) | set(sheet["text"])
    meta = set(corpus["doc_id"]) | set(corpus["era"]) | set(corpus["date"].dropna())
    assert not cells & meta
    header = " ".join(label.sheet_header(len(sheet), 66, 2026))
    assert not any(doc in header for doc in corpus["doc_id"])


def test_shuffle_is_seeded_and_mixes_pieces(real):
    sentences, earlier, sheet, key = real
    again, _ = label.draw_items(sentences, earlier, 160, 2026)
    other, _ = label.draw_items(sentences, earlier, 160, 7)
    assert again.equals(sheet) and other["text"].tolist() != sheet["text"].tolist()
    runs = (key["doc_id"] != key["doc_id"].shift()).sum()
    assert runs > 3 * key["doc_id"].nunique()


def test_committed_blind_draw_is_the_seed_2026_draw(real):
    _, _, sheet, key = real
    committed = pd.DataFrame(read_tsv(BLIND / "sheet.tsv"))
    assert committed.equals(sheet), "analysis/labels/sheet.tsv is not the recorded draw"
    pd.testing.assert_frame_equal(label.read_key(BLIND / "key.tsv"), key)
    head = (BLIND / "sheet.tsv").read_text(encoding="utf-8").split("\nitem\t")[0]
    assert "tone_labels.tsv" in head and re.search(r"earlier labelled sample", head)


def test_draw_refuses_small_n_and_overwriting(tmp_path):
    with pytest.raises(ValueError):
        label.draw(tmp_path, n=100)
    (tmp_path / "sheet.tsv").write_text("item\ttext\n")
    with pytest.raises(FileExistsError):
        label.draw(tmp_path)


def test_label_loop_scripted_then_resumed(tmp_path):
    items = [("b001", "甲"), ("b002", "乙"), ("b003", "丙"), ("b004", "丁")]
    out, shown = tmp_path / "labels.tsv", io.StringIO()
    n = label.label_loop(items, out, "ann", io.StringIO("o\nx\nc\ns\nq\n"), shown)
    assert n == 2 and "please type" in shown.getvalue() and "甲" in shown.getvalue()
    assert [r["label"] for r in read_tsv(out)] == ["optimistic", "critical"]
    n = label.label_loop(items, out, "ann", io.StringIO("n\n"), io.StringIO())
    rows = read_tsv(out)
    assert n == 1 and [r["item"] for r in rows] == ["b001", "b002", "b003"]
    assert rows[-1] == {"item": "b003", "annotator": "ann", "label": "neutral"}
    assert label.labelled_items(out, "other") == set()


def test_join_labels_to_key_with_earlier_labels():
    key = pd.DataFrame(
        {
            "item": ["b001", "b002", "b003"],
            "doc_id": ["x", "y", "x"],
            "era": ["2025", "2020", "2025"],
            "sentence": [5, 9, 2],
            "drawn": [1, 1, 0],
            "earlier_row": pd.array([None, 2, 1], dtype="Int64"),
        }
    )
    a = pd.DataFrame({"item": ["b002", "b001"], "annotator": "a", "label": "neutral"})
    b = pd.DataFrame(
        {"item": ["b001", "b001"], "annotator": "b", "label": ["neutral", "critical"]}
    )
    earlier = pd.DataFrame({"label": ["optimistic", "critical"]})
    joined = label.join_labels(key, [a, b], earlier)
    got = joined[["item", "annotator", "label", "doc_id"]].values.tolist()
    assert got == [
        ["b001", "a", "neutral", "x"],
        ["b001", "b", "critical", "x"],
        ["b002", "a", "neutral", "y"],
        ["b002", "earlier", "critical", "y"],
        ["b003", "earlier", "optimistic", "x"],
    ]
    with pytest.raises(ValueError):
        label.join_labels(key, [a.assign(item="b999")])


def test_cli_join_writes_a_joined_file(tmp_path):
    key = tmp_path / "key.tsv"
    key.write_text(
        "# key\nitem\tdoc_id\tera\tsentence\tearlier_row\tdrawn\n"
        "b001\tx\t2025\t5\t\t1\nb002\ty\t2020\t9\t3\t1\n",
        encoding="utf-8",
    )
    labels = tmp_path / "a.tsv"
    labels.write_text("item\tannotator\tlabel\nb001\ta\tcritical\n", encoding="utf-8")
    out = tmp_path / "joined.tsv"
    args = ["join", "--key", str(key), "--labels", str(labels), "--out", str(out)]
    assert label.main(args) == 0
    rows = read_tsv(out)
    assert [(r["item"], r["annotator"]) for r in rows] == [
        ("b001", "a"),
        ("b002", "earlier"),
    ]


def test_guideline_is_short_blind_and_quotes_no_corpus_sentence(real):
    sentences = real[0]
    guide = (analysis_dir(SEEDS) / "tone_guideline.md").read_text(encoding="utf-8")
    assert len(guide.splitlines()) < 80
    assert all(name in guide for name in ("optimistic", "neutral", "critical"))
    assert not [t for t in sentences["text"] if t[:12] in guide], "example leaks"


def test_draw_without_an_earlier_sample():
    sheet, key = label.draw_items(
        toy_sentences(), pd.DataFrame(columns=label.EARLIER), 40, 1
    )
    assert len(sheet) == 40 and key["earlier_row"].isna().all()


def test_cli_paths_default_to_the_corpus_labels_folder(tmp_path, monkeypatch):
    """label and join read and write analysis/labels of --corpus by default."""
    folder = tmp_path / "analysis" / "labels"
    folder.mkdir(parents=True)
    assert label.labels_dir(tmp_path) == folder
    (folder / "sheet.tsv").write_text("# sheet\nitem\ttext\nb001\t甲\n", "utf-8")
    (folder / "key.tsv").write_text(
        "# key\nitem\tdoc_id\tera\tsentence\tearlier_row\tdrawn\nb001\tx\te\t5\t\t1\n",
        encoding="utf-8",
    )
    monkeypatch.setattr("sys.stdin", io.StringIO("c\n"))
    monkeypatch.setattr("sys.stdout", io.StringIO())
    assert label.main(["label", "--corpus", str(tmp_path), "--annotator", "ann"]) == 0
    written = read_tsv(folder / "labels-ann.tsv")
    assert written == [{"item": "b001", "annotator": "ann", "label": "critical"}]
    out = tmp_path / "joined.tsv"
    assert label.main(["join", "--corpus", str(tmp_path), "--out", str(out)]) == 0
    assert [(r["item"], r["annotator"]) for r in read_tsv(out)] == [("b001", "ann")]
