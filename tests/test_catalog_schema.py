"""The catalog schema: one pass, every problem reported with file, piece and field."""

from __future__ import annotations

import os

import pytest
import yaml

import antcorpus
from antcorpus import CorpusError
from antcorpus.config import SEEDS
from antcorpus.corpus.catalog import DOC_ID
from antcorpus.corpus.schema import ERA_NAME
from conftest import ERAS, PIECE, TEXT, write_corpus


def load_error(folder) -> CorpusError:
    """The CorpusError that loading `folder` raises."""
    with pytest.raises(CorpusError) as info:
        antcorpus.load_corpus(folder)
    return info.value


def with_catalog(folder, text: str):
    """Replace the folder's catalog with raw YAML text."""
    (folder / "catalog.yaml").write_text(text, encoding="utf-8")
    return folder


def dumped(pieces=None, eras=None, **top) -> str:
    """Catalog YAML from pieces and eras (the toy's by default)."""
    data = {"eras": ERAS if eras is None else eras, **top}
    data["pieces"] = [PIECE] if pieces is None else pieces
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def fields(err: CorpusError) -> set:
    """The fields the error's problems name."""
    return {p.field for p in err.problems}


def test_real_catalog_ids_and_era_names_are_safe():
    catalog = yaml.safe_load((SEEDS / "catalog.yaml").read_text(encoding="utf-8"))
    names = [e["name"] for e in catalog["eras"]]
    assert names == ["2016–2018", "2020", "2025"]
    assert all(ERA_NAME.fullmatch(n) for n in names)
    assert all(DOC_ID.fullmatch(p["doc_id"]) for p in catalog["pieces"])


@pytest.mark.parametrize(
    "change, field, words",
    [
        ({"title": ["玩具"]}, "toy-2017.title", "must be a string, not a list"),
        ({"spans": "正文开始"}, "toy-2017.spans", "must be a list, not a string"),
        ({"notes": {"a": 1}}, "toy-2017.notes", "not a mapping"),
        ({"date": 2017, "date_precision": "year"}, "toy-2017.date", "quote it"),
        ({"hard_wrapped": "yes"}, "toy-2017.hard_wrapped", "true or false"),
        ({"titel": "玩具"}, "toy-2017.titel", "did you mean `title`"),
        ({"word_round_trip": True}, "toy-2017.word_round_trip", "word_roundtrip"),
        ({"date": "2017-02-30", "date_precision": "day"}, "toy-2017.date", "real day"),
        ({"date": "2017-13", "date_precision": "month"}, "toy-2017.date", "real"),
        ({"date": "2030"}, "toy-2017.date", "does not fit"),
        ({"date": "2030", "date_precision": "year"}, "toy-2017.date", "outside every"),
        ({"doc_id": "../toy"}, "entry 1.doc_id", "not allowed"),
        ({"doc_id": "a" * 65}, "entry 1.doc_id", "not allowed"),
    ],
)
def test_one_bad_field(toy, change, field, words):
    err = load_error(with_catalog(toy, dumped([{**PIECE, **change}])))
    assert field in fields(err) and "catalog.yaml" in str(err)
    assert words in str(err)


def test_a_straddling_date_is_refused(toy):
    eras = [
        {"name": "early", "start": "2016-01-01", "end": "2018-06-30"},
        {"name": "late", "start": "2018-07-01", "end": "2019-12-31"},
    ]
    piece = {**PIECE, "date": "2018", "date_precision": "year"}
    err = load_error(with_catalog(toy, dumped([piece], eras)))
    assert err.field == "toy-2017.date" and "straddles" in str(err)
    piece = {**piece, "date": "2018-07", "date_precision": "month"}
    assert (
        antcorpus.load_corpus(with_catalog(toy, dumped([piece], eras))).era[0] == "late"
    )


@pytest.mark.parametrize(
    "item, field",
    [
        (
            {"spans": [{"start": "正文开始", "end": "正文结束。", "occurence": 1}]},
            "toy-2017.spans[0].occurence",
        ),
        (
            {"spans": [{"start": "正文开始", "end": "正文结束。", "occurrence": 0}]},
            "toy-2017.spans[0].occurrence",
        ),
        ({"drop": [{"start": "第二段", "reason": "x"}]}, "toy-2017.drop[0].reason"),
        ({"drop": [{"start": "第二段"}]}, "toy-2017.drop[0].why"),
        (
            {"restore": [{"from": "a", "to": ["b"], "why": "c"}]},
            "toy-2017.restore[0].to",
        ),
        ({"unreliable_years": ["2023"]}, "toy-2017.unreliable_years[0]"),
    ],
)
def test_optional_fields_are_checked_too(toy, item, field):
    assert field in fields(load_error(with_catalog(toy, dumped([{**PIECE, **item}]))))


@pytest.mark.parametrize(
    "name",
    [
        "../a.txt",
        "/etc/hostname",
        "sub/a.txt",
        "a\\b.txt",
        "..",
        ".a.txt",
        "catalog.yaml",
        "SHA256SUMS",
        "a\x00.txt",
    ],
)
def test_source_file_must_be_a_plain_name(toy, name):
    err = load_error(with_catalog(toy, dumped([{**PIECE, "source_file": name}])))
    assert fields(err) == {"toy-2017.source_file"}


def test_symlinked_source_file_is_refused(toy, tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text(TEXT, encoding="utf-8")
    (toy / "a.txt").unlink()
    os.symlink(outside, toy / "a.txt")
    err = load_error(toy)
    assert err.field == "toy-2017.source_file" and "symlink" in str(err)


@pytest.mark.parametrize(
    "eras, words",
    [
        ([{"name": "x", "start": "2018-01-01", "end": "2016-01-01"}], "ends before"),
        (
            [
                {"name": "x", "start": "2016-01-01", "end": "2018-06-30"},
                {"name": "y", "start": "2018-06-30", "end": "2019-12-31"},
            ],
            "overlap",
        ),
        ([{"name": "x", "start": "2016-02-30", "end": "2018-12-31"}], "real day"),
        ([{"name": "x", "start": "2016", "end": "2018-12-31"}], "YYYY-MM-DD"),
        ([{"name": "a/b", "start": "2016-01-01", "end": "2018-12-31"}], "not allowed"),
        ([{"name": "undated", "start": "2016-01-01", "end": "2018-12-31"}], "allowed"),
        ([{"name": "x" * 33, "start": "2016-01-01", "end": "2018-12-31"}], "32"),
        (
            [{"name": "x", "start": "2016-01-01", "end": "2018-12-31", "colour": 1}],
            "unknown field `colour`",
        ),
    ],
)
def test_bad_eras(toy, eras, words):
    err = load_error(with_catalog(toy, dumped(eras=eras)))
    assert words in str(err) and all(f.startswith("eras") for f in fields(err))


def test_duplicate_yaml_key_is_refused(toy):
    text = dumped().replace("title: 玩具\n", "title: 玩具\n  title: 另一个\n")
    err = load_error(with_catalog(toy, text))
    assert err.field == "toy-2017.title" and "twice" in str(err) and "line" in str(err)


def test_duplicate_doc_id_is_refused(toy):
    second = {**PIECE, "spans": [{"start": "第二段", "end": "余额宝。"}]}
    err = load_error(with_catalog(toy, dumped([PIECE, second])))
    assert err.field == "entry 2.doc_id" and "used twice" in str(err)


def test_every_problem_is_reported_in_one_pass(toy):
    eras = [*ERAS, {"name": "late", "start": "2018-01-01", "end": "2019-12-31"}]
    bad = {**PIECE, "title": ["玩具"], "titel": "x", "script": "klingon"}
    second = {
        **PIECE,
        "doc_id": "../b",
        "source_file": "../a.txt",
        "date": "2017-02-30",
        "date_precision": "day",
    }
    err = load_error(with_catalog(toy, dumped([bad, second], eras)))
    expected = {
        "eras",
        "toy-2017.title",
        "toy-2017.titel",
        "toy-2017.script",
        "entry 2.doc_id",
        "entry 2.source_file",
        "entry 2.date",
    }
    assert fields(err) == expected, str(err)
    lines = str(err).split("\n")
    assert len(lines) == 1 + len(expected) and "7 problems" in lines[0]
    assert all(line.startswith("catalog.yaml [") for line in lines[1:])


def alias_bomb(levels: int = 9) -> str:
    """A "billion laughs" catalog: each level lists the one before ten times."""
    lines = ["l0: &l0 [" + ", ".join(["lol"] * 10) + "]"]
    for n in range(1, levels):
        lines.append(f"l{n}: &l{n} [" + ", ".join([f"*l{n - 1}"] * 10) + "]")
    return "\n".join(lines) + f"\npieces: [*l{levels - 1}]\n"


def test_alias_bomb_is_refused_without_expanding(toy):
    err = str(load_error(with_catalog(toy, alias_bomb())))
    assert "catalog.yaml" in err and "200,000 nodes" in err


def test_alias_cycle_is_refused(toy):
    assert "alias inside" in str(load_error(with_catalog(toy, "pieces: &p [*p]\n")))


def test_modest_aliases_still_load(toy):
    second = {**PIECE, "doc_id": "toy-b", "source_file": "b.txt"}
    (toy / "b.txt").write_bytes(TEXT.encode())
    line = (toy / "SHA256SUMS").read_text()
    (toy / "SHA256SUMS").write_text(line + line.replace("a.txt", "b.txt"))
    text = dumped([PIECE, second])  # the shared spans list is dumped as an alias
    assert "*id" in text
    assert list(antcorpus.load_corpus(with_catalog(toy, text)).doc_id) == [
        "toy-2017",
        "toy-b",
    ]


@pytest.mark.parametrize(
    "text, words",
    [
        ('pieces: "\x00"\n', "unacceptable character"),
        ("version: !!int many\npieces: []\n", "cannot build"),
        ("pieces: !!python/object/apply:os.system [ls]\n", "does not parse"),
        ("pieces: []\n---\npieces: []\n", "does not parse as YAML at line 2"),
    ],
)
def test_yaml_that_cannot_be_read_safely(toy, text, words):
    err = str(load_error(with_catalog(toy, text)))
    assert "catalog.yaml" in err and words in err and "\n" not in err


def test_deep_nesting_is_refused(toy):
    assert "deeper" in str(load_error(with_catalog(toy, "[" * 5000 + "]" * 5000)))


def test_non_utf8_catalog_names_the_byte(toy):
    (toy / "catalog.yaml").write_bytes(dumped().encode("gbk"))
    err = str(load_error(toy))
    assert "catalog.yaml" in err and "UTF-8 at byte" in err


def test_undated_only_corpus_needs_no_eras(tmp_path):
    piece = {**PIECE, "date": None, "date_precision": "undated"}
    folder = write_corpus(tmp_path, {"a.txt": TEXT.encode()}, [piece])
    with_catalog(folder, yaml.safe_dump({"pieces": [piece]}, allow_unicode=True))
    assert list(antcorpus.load_corpus(folder).era) == ["undated"]


def test_unquoted_dates_stay_strings(toy):
    text = dumped([{**PIECE, "date": "DATE", "date_precision": "day"}])
    corpus = antcorpus.load_corpus(
        with_catalog(toy, text.replace("DATE", "2017-03-01"))
    )
    assert corpus.date[0] == "2017-03-01"
