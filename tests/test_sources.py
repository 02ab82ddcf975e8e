"""Bad corpus input: each case raises CorpusError naming the file (and the field)."""

from __future__ import annotations

import hashlib
import os

import pytest

import antcorpus
from antcorpus import CorpusError
from antcorpus.corpus.sources import read_raw
from conftest import PIECE, TEXT, write_corpus


def load_error(folder) -> CorpusError:
    """The CorpusError that loading `folder` raises."""
    with pytest.raises(CorpusError) as info:
        antcorpus.load_corpus(folder)
    return info.value


def test_toy_corpus_loads(toy):
    corpus = antcorpus.load_corpus(toy)
    assert list(corpus.doc_id) == ["toy-2017"]
    assert corpus.text[0] == "正文开始，蚂蚁金服推出花呗。\n第二段说余额宝。正文结束。"
    assert corpus.era[0] == "2016–2018"


def test_checksum_mismatch_names_file(tmp_path):
    folder = write_corpus(
        tmp_path, {"a.txt": TEXT.encode()}, [PIECE], sums={"a.txt": "0" * 64}
    )
    assert "a.txt" in str(load_error(folder)) and "checksum" in str(load_error(folder))


def test_missing_file_names_file_and_field(toy):
    (toy / "a.txt").unlink()
    err = load_error(toy)
    assert "a.txt" in str(err) and err.field == "source_file"


def test_empty_file(tmp_path):
    folder = write_corpus(tmp_path, {"a.txt": b"  \n"}, [PIECE])
    assert "a.txt" in str(load_error(folder)) and "empty" in str(load_error(folder))


def test_invalid_utf8_is_never_guessed(tmp_path):
    folder = write_corpus(tmp_path, {"a.txt": TEXT.encode("gbk")}, [PIECE])
    message = str(load_error(folder))
    assert "a.txt" in message and "UTF-8" in message and "byte" in message


def test_bom_and_crlf_are_read_and_counted(tmp_path):
    data = ("\ufeff" + TEXT.replace("\n", "\r\n")).encode()
    folder = write_corpus(tmp_path, {"a.txt": data}, [PIECE])
    assert (
        antcorpus.load_corpus(folder).text[0]
        == "正文开始，蚂蚁金服推出花呗。\n第二段说余额宝。正文结束。"
    )
    row = antcorpus.source_report(folder).iloc[0]
    assert (row.bom_dropped, row.crlf_to_lf) == (1, TEXT.count("\n"))


def test_catalog_that_does_not_parse(toy):
    (toy / "catalog.yaml").write_text(
        "pieces: [\n  - doc_id: x\n  bad: : :\n", encoding="utf-8"
    )
    message = str(load_error(toy))
    assert "catalog.yaml" in message and "line" in message


@pytest.mark.parametrize(
    "field", ["doc_id", "title", "date_evidence", "spans", "script", "date_precision"]
)
def test_catalog_entry_missing_a_field(tmp_path, field):
    piece = {k: v for k, v in PIECE.items() if k != field}
    err = load_error(write_corpus(tmp_path, {"a.txt": TEXT.encode()}, [piece]))
    assert "catalog.yaml" in str(err) and field in str(err.field)


def test_unlisted_file_is_reported_by_name(toy):
    extra = "多出来的文件".encode()
    (toy / "b.txt").write_bytes(extra)
    with open(toy / "SHA256SUMS", "a") as fh:
        fh.write(f"{hashlib.sha256(extra).hexdigest()}  b.txt\n")
    assert "b.txt" in str(load_error(toy)) and "not listed" in str(load_error(toy))


def test_missing_sums_file(toy):
    (toy / "SHA256SUMS").unlink()
    assert "SHA256SUMS" in str(load_error(toy))


@pytest.mark.parametrize(
    "spans, problem",
    [
        ([{"start": "不存在的锚", "end": "正文结束。"}], "not found"),
        ([{"start": "正文", "end": "正文结束。"}], "occurs 2 times"),
        ([{"start": "正文开始", "end": "不存在的结尾"}], "not found after"),
    ],
)
def test_bad_anchor_names_file_and_field(tmp_path, spans, problem):
    err = load_error(
        write_corpus(tmp_path, {"a.txt": TEXT.encode()}, [{**PIECE, "spans": spans}])
    )
    assert (
        "a.txt" in str(err)
        and problem in str(err)
        and err.field.startswith("toy-2017.spans[0]")
    )


def test_overlapping_pieces_are_refused(tmp_path):
    second = {
        **PIECE,
        "doc_id": "toy-b",
        "spans": [{"start": "第二段", "end": "余额宝。"}],
    }
    err = load_error(write_corpus(tmp_path, {"a.txt": TEXT.encode()}, [PIECE, second]))
    assert "overlap" in str(err) and "a.txt" in str(err)


@pytest.mark.parametrize(
    "date, precision", [("2017", "month"), ("2017-03-40", "day"), ("2017", "undated")]
)
def test_date_must_fit_its_precision(tmp_path, date, precision):
    piece = {**PIECE, "date": date, "date_precision": precision}
    err = load_error(write_corpus(tmp_path, {"a.txt": TEXT.encode()}, [piece]))
    assert "catalog.yaml" in str(err) and err.field == "toy-2017.date"


def test_unknown_choice_is_refused(tmp_path):
    err = load_error(
        write_corpus(
            tmp_path, {"a.txt": TEXT.encode()}, [{**PIECE, "script": "klingon"}]
        )
    )
    assert err.field == "toy-2017.script"


def test_sums_file_that_is_not_utf8(toy):
    (toy / "SHA256SUMS").write_bytes(b"\xff" * 64 + b"  a.txt\n")
    message = str(load_error(toy))
    assert "SHA256SUMS" in message and "UTF-8 at byte 0" in message


def test_read_raw_refuses_a_symlink_even_without_the_catalog(toy, tmp_path):
    (tmp_path / "elsewhere.txt").write_bytes(TEXT.encode())
    os.symlink(tmp_path / "elsewhere.txt", toy / "b.txt")
    with pytest.raises(CorpusError, match="not a plain file"):
        read_raw(toy, "b.txt", {"b.txt": hashlib.sha256(TEXT.encode()).hexdigest()})
    with pytest.raises(CorpusError, match="not a plain file"):
        read_raw(toy, "../toy/a.txt", {})
