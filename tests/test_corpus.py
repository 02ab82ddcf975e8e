"""The real corpus: API contract and the cleaned text's guarantees."""

from __future__ import annotations

import re
import shutil
from collections import Counter

import opencc
import pandas as pd
import yaml

import antcorpus
from antcorpus.config import SEEDS
from antcorpus.corpus.clean import PINYIN, clean_text
from antcorpus.corpus.pieces import YEAR_MASK

COLUMNS = {
    "doc_id",
    "source_file",
    "title",
    "author",
    "outlet",
    "genre",
    "date",
    "date_precision",
    "era",
    "text",
}
CATALOG = yaml.safe_load((SEEDS / "catalog.yaml").read_text(encoding="utf-8"))


def han_runs(text: str, n: int) -> Counter:
    """Every run of n consecutive Han characters (punctuation and spaces ignored)."""
    han = "".join(re.findall(r"[\u4e00-\u9fff]", text))
    return Counter(han[i : i + n] for i in range(len(han) - n + 1))


def test_one_row_per_catalogued_piece(corpus):
    assert set(corpus.columns) >= COLUMNS
    assert list(corpus.doc_id) == [p["doc_id"] for p in CATALOG["pieces"]]
    assert corpus.doc_id.is_unique


def test_compilations_are_split():
    per_file = Counter(p["source_file"] for p in CATALOG["pieces"])
    assert sorted(per_file.values(), reverse=True)[:2] == [6, 2]


def test_every_piece_is_dated_with_evidence(corpus):
    eras = {e["name"] for e in CATALOG["eras"]}
    assert {"2016–2018", "2020", "2025"} <= eras
    for row in corpus.itertuples():
        assert len(row.date_evidence) > 10
        if row.date_precision == "undated":
            assert row.era == "undated" and pd.isna(row.date)
        else:
            assert row.era in eras and row.date_start <= row.date_end


def test_machine_author_is_marked(corpus):
    machine = corpus[corpus.author_type == "machine"]
    assert len(machine) >= 1 and machine.author.str.contains("DeepSeek").all()


def test_no_traditional_characters_left(corpus):
    t2s = opencc.OpenCC("t2s")
    for row in corpus.itertuples():
        assert t2s.convert(row.text) == row.text, row.doc_id


def test_no_pinyin_annotations_left(corpus):
    assert not any(PINYIN.search(t) for t in corpus.text)
    assert not corpus.text.str.contains(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]").any()


def test_raw_text_outside_pieces_never_reaches_the_corpus(corpus):
    """Lines no piece claims (chrome) must not appear in the cleaned text.

    Unless a piece holds them too.
    """
    inside = re.sub(r"\s", "", "".join(corpus.raw_text))
    cleaned = "\n".join(corpus.text)
    leaked = []
    for name in corpus.source_file.unique():
        for line in (SEEDS / name).read_text(encoding="utf-8").split("\n"):
            line = line.strip()
            if (
                len(line) >= 4
                and re.sub(r"\s", "", line) not in inside
                and re.search(r"[\u4e00-\u9fff]{2}", line)
            ):
                tidy = clean_text(line, "simplified")[0]
                if len(tidy) >= 4 and tidy in cleaned:
                    leaked.append(tidy)
    assert not leaked


def test_dropped_spans_are_gone(corpus):
    for piece in CATALOG["pieces"]:
        text = corpus.set_index("doc_id").text[piece["doc_id"]]
        for drop in piece.get("drop") or []:
            assert clean_text(drop["start"], piece["script"])[0] not in text


def test_no_block_twice(corpus):
    """No run of 20 Han characters occurs twice in the whole cleaned corpus ..."""
    repeats = {k: n for k, n in han_runs("\n".join(corpus.text), 20).items() if n > 1}
    assert not repeats


def test_the_repeat_detector_finds_the_raw_repeats():
    """... while the same detector finds the repeated blocks in the raw compilation."""
    compilation = Counter(p["source_file"] for p in CATALOG["pieces"]).most_common(1)[
        0
    ][0]
    raw = (SEEDS / compilation).read_text(encoding="utf-8")
    assert sum(n > 1 for n in han_runs(raw, 20).values()) > 100


def test_unreliable_years_are_masked(corpus):
    by_id = corpus.set_index("doc_id").text
    for piece in CATALOG["pieces"]:
        for rule in piece.get("unreliable_years") or []:
            assert not re.search(
                rf"(?<!\d){rule['pattern']}(?!\d)", by_id[piece["doc_id"]]
            )
            assert YEAR_MASK in by_id[piece["doc_id"]]


def test_raw_is_kept_and_cleaned_is_derived(corpus):
    for row in corpus.itertuples():
        source = (SEEDS / row.source_file).read_text(encoding="utf-8")
        assert all(part in source for part in row.raw_text.split("\n") if part)
        assert row.text and row.text != row.raw_text


def test_cleaning_report_covers_every_piece_and_step(corpus):
    report = antcorpus.cleaning_report()
    assert set(report.doc_id) == set(corpus.doc_id)
    assert {
        "strip_pinyin",
        "to_simplified",
        "repair_word_roundtrip",
        "mask_years",
        "drop_spans",
        "dedupe_paragraphs",
        "normalise_punctuation",
        "normalise_whitespace",
        "fold_invisible",
    } <= set(report.step)
    wide = antcorpus.cleaning_report(wide=True)
    assert wide.loc["wjs-2025-deepseek-critique", "strip_pinyin"] > 1000
    assert (report.instances >= 0).all()


def test_seeds_hold_no_invisible_or_compatibility_characters():
    """The seeds are clean of them: the step is there for other corpora."""
    report = antcorpus.cleaning_report().set_index("step").loc["fold_invisible"]
    assert len(report) == len(CATALOG["pieces"])
    assert (report[["instances", "chars_removed", "han_removed"]] == 0).all().all()


def test_other_folder_and_environment_variable(tmp_path, monkeypatch, corpus):
    copy = tmp_path / "mine"
    shutil.copytree(SEEDS, copy)
    assert antcorpus.load_corpus(copy).text.equals(corpus.text)
    monkeypatch.setenv("ANTCORPUS_SEEDS", str(copy))
    assert antcorpus.source_report().source_file.tolist() == sorted(
        corpus.source_file.unique()
    )


def test_reshape_units_carry_doc_id(corpus):
    paras = antcorpus.corpus_reshape(corpus, "paragraphs")
    sents = antcorpus.corpus_reshape(corpus, "sentences")
    assert set(paras.doc_id) == set(corpus.doc_id) == set(sents.doc_id)
    assert len(sents) > len(paras) > len(corpus)
    assert "".join(sents.text) == "".join(corpus.text.str.replace("\n", ""))


def test_cli_prints_table_and_report(capsys):
    from antcorpus.__main__ import main

    assert main([]) == 0
    out = capsys.readouterr().out
    assert "wjs-2025-deepseek-critique" in out and "strip_pinyin" in out


CHROME_MARKERS = [
    "下载文档",
    "猜你喜欢",
    "下一篇",
    "上一篇",
    "温馨提示",
    "汇报人",
    "感谢观看",
    "指导老师",
    "编者按",
    "网站客服",
    "相关文档",
    "最新文档",
    "小贴士",
    "APP下载",
    "本文转载自",
    "转载",
    "责任编辑",
    "扫码关注",
    "公众号",
    "版权归属",
    "http",
    "www.",
    "出品|",
    "撰写|",
    "合集下载",
    "精品文档",
    "参考文献",
]


def test_no_page_chrome_markers(corpus):
    cleaned = "\n".join(corpus.text).replace(" ", "")
    assert [m for m in CHROME_MARKERS if m in cleaned] == []


def test_chrome_markers_detect_a_piece_that_swallows_its_page(tmp_path):
    """Mutation check: stretch one piece over its page's footer.

    The marker test must notice.
    """
    shutil.copytree(SEEDS, tmp_path / "s")
    catalog = (tmp_path / "s" / "catalog.yaml").read_text(encoding="utf-8")
    piece = next(p for p in CATALOG["pieces"] if p["doc_id"] == "yuepinyu-2017-techfin")
    catalog = catalog.replace(
        f'end: "{piece["spans"][0]["end"]}"', 'end: "牛科技-科技创新媒体"'
    )
    (tmp_path / "s" / "catalog.yaml").write_text(catalog, encoding="utf-8")
    cleaned = "\n".join(antcorpus.load_corpus(tmp_path / "s").text)
    assert any(m in cleaned for m in CHROME_MARKERS)
