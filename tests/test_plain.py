"""Plain folders: one document per file, described by metadata.csv, no anchors."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import pytest
import yaml

import antcorpus
from antcorpus.config import SEEDS
from antcorpus.corpus.plain import date_precision, detect_script
from antcorpus.errors import CorpusError

FILES = {
    "a.txt": "蚂蚁金服于2017年3月5日推出花呗。\n第二段说余额宝。\n",
    "b.txt": "\ufeff芝麻信用在2018年7月扩展。\r\n数据截至2018-06-30。\r\n",
    "c.txt": "螞蟻集團於2020年11月暫停上市，監管機構約談。\n這是繁體文字的報導。\n",
}
METADATA = (
    "file,doc_id,title,author,date,genre,notes\n"
    "a.txt,a-2017,甲,某人,2017-03-05,news,\n"
    "b.txt,b-2018,乙,某人,2018-07,,a note\n"
    'c.txt,c-2020,"丙, 繁体",unknown,2020,news,\n'
)
ERAS = "name,start,end\n2016–2018,2016-01-01,2018-12-31\n2020,2020-01-01,2020-12-31\n"


def write_plain(folder: Path, files=FILES, metadata=METADATA, eras=ERAS) -> Path:
    """Lay out a plain folder: texts, metadata.csv, eras.csv and SHA256SUMS."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_bytes(text.encode())
    (folder / "metadata.csv").write_text(metadata, encoding="utf-8")
    if eras is not None:
        (folder / "eras.csv").write_text(eras, encoding="utf-8")
    (folder / "SHA256SUMS").write_text(
        "".join(
            f"{hashlib.sha256(t.encode()).hexdigest()}  {n}\n" for n, t in files.items()
        )
    )
    return folder


@pytest.fixture
def plain(tmp_path):
    """A valid plain folder of three files."""
    return write_plain(tmp_path / "plain")


def problems(folder: Path) -> dict:
    """{field: message} of the CorpusError loading the folder raises."""
    with pytest.raises(CorpusError) as err:
        antcorpus.load_corpus(folder)
    return dict(err.value.problems)


def test_plain_folder_has_the_catalog_corpus_columns(plain, toy):
    corpus, catalogued = antcorpus.load_corpus(plain), antcorpus.load_corpus(toy)
    assert list(corpus.columns) == list(catalogued.columns)
    assert dict(corpus.dtypes) == dict(catalogued.dtypes)
    assert list(corpus.doc_id) == ["a-2017", "b-2018", "c-2020"]
    assert list(corpus.date_precision) == ["day", "month", "year"]
    assert list(corpus.era) == ["2016–2018", "2016–2018", "2020"]
    assert set(corpus.date_evidence) == {"metadata.csv"}
    assert list(corpus.script) == ["simplified", "simplified", "traditional"]
    assert list(corpus.genre) == ["news", "unknown", "news"]
    assert corpus.title[2] == "丙, 繁体"


def test_each_file_is_one_whole_piece_cleaned_as_usual(plain):
    corpus = antcorpus.load_corpus(plain).set_index("doc_id")
    assert corpus.raw_text["a-2017"] == FILES["a.txt"].strip()
    b_text = "芝麻信用在2018年7月扩展。\n数据截至2018-06-30。"
    assert corpus.raw_text["b-2018"] == b_text
    assert corpus.text["c-2020"].startswith("蚂蚁集团于2020年11月暂停上市")
    report = antcorpus.cleaning_report(plain, wide=True)
    assert report.loc["c-2020", "to_simplified"] > 0
    sources = antcorpus.source_report(plain).set_index("source_file")
    assert sources.loc["b.txt", ["bom_dropped", "pieces"]].tolist() == [1, 1]


def test_undated_rows_and_a_given_script(tmp_path):
    metadata = (
        "file,doc_id,title,author,date,script\n"
        "a.txt,a,甲,某人,2017-03-05,traditional\n"
        "b.txt,b,乙,某人,,\n"
        "c.txt,c,丙,某人,2020,\n"
    )
    corpus = antcorpus.load_corpus(write_plain(tmp_path / "p", metadata=metadata))
    row = corpus.set_index("doc_id").loc["b"]
    assert (row.era, row.date_precision) == ("undated", "undated")
    assert pd.isna(row.date) and pd.isna(row.date_start)
    assert list(corpus.script) == ["traditional", "simplified", "traditional"]


def test_bad_rows_are_all_reported_with_row_and_column(tmp_path):
    metadata = (
        "file,doc_id,title,author,date,scirpt\n"
        "a.txt,a,甲,某人,2017-13,\n"
        "b.txt,a,,某人,2018-7,\n"
        "gone.txt,bad id,丙,unknown,2019,\n"
        "../x.txt,d,t,u,,\n"
    )
    found = problems(write_plain(tmp_path / "p", metadata=metadata))
    assert "real month" in found["row 2 (a.txt), column date"]
    assert "required" in found["row 3 (b.txt), column title"]
    assert "YYYY-MM-DD" in found["row 3 (b.txt), column date"]
    assert "row 2" in found["row 3 (b.txt), column doc_id"]
    assert "not allowed" in found["row 4 (gone.txt), column doc_id"]
    assert "not a file" in found["row 4 (gone.txt), column file"]
    assert "plain file name" in found["row 5 (../x.txt), column file"]
    assert "`script`" in found["header"]
    assert "no row in metadata.csv" in found["c.txt"]


def test_missing_columns_and_bad_eras(tmp_path):
    eras = "name,start,end\n2016–2018,2016-01-01,2018-02-30\n"
    folder = write_plain(tmp_path / "p", metadata="file,doc_id,title\n", eras=eras)
    found = problems(folder)
    assert {"header, column author", "header, column date"} <= set(found)
    assert "real day" in found["eras.csv row 2, column end"]


def test_dates_outside_every_era(tmp_path):
    found = problems(write_plain(tmp_path / "p", eras=None))
    assert "outside every era" in found["row 2 (a.txt), column date"]


def test_eras_from_yaml(tmp_path):
    folder = write_plain(tmp_path / "p", eras=None)
    (folder / "eras.yaml").write_text(
        'eras:\n  - {name: "2016–2018", start: "2016-01-01", end: "2018-12-31"}\n'
        '  - {name: "2020", start: "2020-01-01", end: "2020-12-31"}\n',
        encoding="utf-8",
    )
    assert list(antcorpus.corpus_eras(folder).name) == ["2016–2018", "2020", "undated"]
    (folder / "eras.csv").write_text(ERAS, encoding="utf-8")
    assert "eras.csv" in problems(folder)


def test_checksums_are_required_and_checked(plain):
    (plain / "a.txt").write_text("改过的文本。\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="checksum differs"):
        antcorpus.load_corpus(plain)
    (plain / "SHA256SUMS").unlink()
    with pytest.raises(CorpusError, match="SHA256SUMS"):
        antcorpus.load_corpus(plain)


def test_a_folder_with_neither_says_what_is_missing(tmp_path):
    (tmp_path / "a.txt").write_text("正文。\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="catalog.yaml .* or metadata.csv"):
        antcorpus.load_corpus(tmp_path)


def test_precision_and_script_detection():
    assert [date_precision(d) for d in ("", "2017", "2017-03", "2017-03-05")] == [
        "undated",
        "year",
        "month",
        "day",
    ]
    assert date_precision("2017/03") is None
    assert detect_script(FILES["c.txt"])[0] == "traditional"
    scripts = {
        p.name[:3]: detect_script(p.read_text(encoding="utf-8"))[0]
        for p in sorted(SEEDS.glob("*.txt"))
    }
    pieces = yaml.safe_load((SEEDS / "catalog.yaml").read_text(encoding="utf-8"))
    catalog = {p["source_file"][:3]: p["script"] for p in pieces["pieces"]}
    assert scripts == catalog  # 002_ has one stray 蟻 and stays simplified
