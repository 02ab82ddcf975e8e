"""`python -m antcorpus init`: a draft catalog that loads once its TODOs are filled."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import yaml

import antcorpus
from antcorpus.__main__ import main
from antcorpus.corpus.init import TODO, anchor, draft_catalog
from antcorpus.errors import CorpusError

FILES = {
    "a.txt": "下载文档\n蚂蚁金服于2017年3月5日推出花呗。\n第二段说余额宝。\n猜你喜欢\n",
    "b.txt": "下载文档\n本文写于2018年7月，谈芝麻。\n数据截至2018-06-30。\n猜你喜欢\n",
    "c.txt": "螞蟻集團於2020年11月暫停上市。\n監管機構約談螞蟻集團。\n",
}
ERAS = [
    {"name": "2016–2018", "start": "2016-01-01", "end": "2018-12-31"},
    {"name": "2020", "start": "2020-01-01", "end": "2020-12-31"},
]
DATES = {"a": "2017-03-05", "b": "2018-07", "c": "2020-11"}


@pytest.fixture
def folder(tmp_path):
    """A folder of three text files and nothing else."""
    root = tmp_path / "texts"
    root.mkdir()
    for name, text in FILES.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


def fill(root: Path) -> None:
    """Do what the user is asked to: replace the TODOs, set dates, add eras."""
    catalog = yaml.safe_load((root / "catalog.yaml").read_text(encoding="utf-8"))
    for piece in catalog["pieces"]:
        for key, value in piece.items():
            if isinstance(value, str) and value.startswith(TODO):
                piece[key] = "human" if key == "author_type" else f"filled {key}"
        piece["date"] = DATES[piece["doc_id"]]
        piece["date_precision"] = "day" if piece["date"].count("-") == 2 else "month"
    catalog["eras"] = ERAS
    text = yaml.safe_dump(catalog, allow_unicode=True, sort_keys=False)
    (root / "catalog.yaml").write_text(text, encoding="utf-8")


def test_draft_quotes_script_dates_and_chrome(folder):
    draft_catalog(folder)
    text = (folder / "catalog.yaml").read_text(encoding="utf-8")
    pieces = yaml.safe_load(text)["pieces"]
    assert [p["script"] for p in pieces] == ["simplified", "simplified", "traditional"]
    assert "# candidate date: 2017-03-05 (day) 「蚂蚁金服于2017年3月5日推出花呗" in text
    assert "# candidate date: 2018-07 (month) 「本文写于2018年7月" in text
    assert "# candidate date: 2018-06-30 (day)" in text
    assert "#   「下载文档」 in a.txt, b.txt" in text
    assert "#   「猜你喜欢」 in a.txt, b.txt" in text
    assert "# eras:" in text and "\neras:" not in text
    for piece in pieces:
        assert piece["date"] is None and piece["date_precision"] == "undated"
        assert piece["title"].startswith(TODO) and piece["notes"].startswith(TODO)
    sums = (folder / "SHA256SUMS").read_text().splitlines()
    digest = hashlib.sha256(FILES["a.txt"].encode()).hexdigest()
    assert sums[0] == f"{digest}  a.txt"


def test_draft_refuses_to_overwrite_unless_forced(folder):
    (folder / "SHA256SUMS").write_text("mine\n")
    with pytest.raises(CorpusError, match="--force"):
        draft_catalog(folder)
    assert (folder / "SHA256SUMS").read_text() == "mine\n"
    assert not (folder / "catalog.yaml").exists()
    draft_catalog(folder, force=True)
    (folder / "catalog.yaml").write_text("mine\n")
    with pytest.raises(CorpusError, match="catalog.yaml.*--force"):
        draft_catalog(folder)
    assert (folder / "catalog.yaml").read_text() == "mine\n"


def test_draft_loads_once_filled_like_a_plain_folder(folder, tmp_path):
    draft_catalog(folder)
    with pytest.raises(CorpusError, match="TODO"):
        antcorpus.load_corpus(folder)
    fill(folder)
    corpus = antcorpus.load_corpus(folder)
    assert list(corpus.era) == ["2016–2018", "2016–2018", "2020"]
    assert [t.strip() for t in FILES.values()] == list(corpus.raw_text)
    assert corpus.text[2].startswith("蚂蚁集团于2020年11月暂停上市")
    plain = tmp_path / "plain"
    plain.mkdir()
    for name in [*FILES, "SHA256SUMS"]:
        (plain / name).write_bytes((folder / name).read_bytes())
    rows = [f"{n},{n[0]},t,u,{DATES[n[0]]}" for n in FILES]
    (plain / "metadata.csv").write_text(
        "\n".join(["file,doc_id,title,author,date", *rows])
    )
    (plain / "eras.csv").write_text(
        "name,start,end\n"
        + "".join(f"{e['name']},{e['start']},{e['end']}\n" for e in ERAS)
    )
    assert list(antcorpus.load_corpus(plain).text) == list(corpus.text)


def test_an_unfilled_author_type_and_todos_are_named(folder):
    draft_catalog(folder)
    with pytest.raises(CorpusError) as err:
        antcorpus.load_corpus(folder)
    assert {f for f, _ in err.value.problems} == {f"{d}.author_type" for d in "abc"}


def test_anchors_are_unique_when_lines_repeat():
    text = "标题\n正文。标题\n结尾\n中间结尾\n"
    start, end = anchor(text.strip(), text, False), anchor(text.strip(), text, True)
    assert text.count(start) == 1 and text.startswith(start)
    assert text.count(end) == 1 and text.strip().endswith(end)


def test_cli_prints_a_summary_and_refuses_a_second_run(folder, capsys):
    assert main(["init", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "3 files" in out and "1 traditional (c.txt)" in out
    assert "21 TODO" in out and "possible chrome): 2" in out
    assert main(["init", str(folder)]) == 2
    assert "--force" in capsys.readouterr().err
    assert main(["init", str(folder), "--force"]) == 0


def test_a_plain_folder_or_an_empty_one_is_refused(folder, tmp_path):
    (folder / "metadata.csv").write_text("file,doc_id,title,author,date\n")
    with pytest.raises(CorpusError, match="metadata.csv"):
        draft_catalog(folder)
    (tmp_path / "empty").mkdir()
    with pytest.raises(CorpusError, match="no text files"):
        draft_catalog(tmp_path / "empty")
