"""The cleaned corpus cached on disk: identical when warm, never serving bad input."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest
import yaml

from antcorpus import CorpusError
from antcorpus.config import REPO, SEEDS
from antcorpus.corpus import load, stored
from conftest import PIECE, TEXT, write_corpus

TANG = REPO / "corpora" / "tang-song-shi"


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """An empty cache folder, and no memoised folders in this process."""
    monkeypatch.setenv("ANTCORPUS_CACHE", str(tmp_path / "cache"))
    load._process_cached.cache_clear()
    yield tmp_path / "cache" / stored.KIND
    load._process_cached.cache_clear()


def fresh(folder):
    """process_folder as a new kernel sees it (the in-memory memo cleared)."""
    load._process_cached.cache_clear()
    return load.process_folder(folder)


def no_records(monkeypatch):
    """Fail the test if the folder is read and cleaned (a cache miss)."""
    monkeypatch.setattr(load, "_records", lambda root: pytest.fail("cache miss"))


def assert_same(a: load.Processed, b: load.Processed) -> None:
    """Every table equal, dtypes included; eras equal, timestamp units included."""
    for name in ("corpus", "steps", "sources"):
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name))
    assert a.eras == b.eras
    units = [(e.start.unit, e.end.unit) for e in a.eras]
    assert units == [(e.start.unit, e.end.unit) for e in b.eras]


@pytest.mark.parametrize("source", [SEEDS, TANG], ids=["seeds", "tang-song-shi"])
def test_a_warm_load_is_identical_to_a_cold_one(source, tmp_path, cache, monkeypatch):
    folder = tmp_path / source.name
    shutil.copytree(source, folder)
    direct = load._tables(load._records(folder))  # never through the cache
    cold = fresh(folder)
    assert len(list(cache.glob("*.json"))) == 1
    no_records(monkeypatch)
    warm = fresh(folder)
    assert_same(direct, cold)
    assert_same(direct, warm)


def test_dates_before_1677_and_undated_pieces_survive_the_cache(tmp_path, cache):
    folder = tmp_path / "tang"
    shutil.copytree(TANG, folder)
    direct = load._tables(load._records(folder)).corpus
    fresh(folder)
    warm = fresh(folder).corpus
    assert warm["date_start"].min().year < 1677
    assert warm["date_start"].dtype == direct["date_start"].dtype
    pd.testing.assert_series_equal(warm["date_end"], direct["date_end"])
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    fresh(seeds)
    assert fresh(seeds).corpus["date_start"].isna().any()


def test_the_cache_is_json(tmp_path, cache):
    fresh(write_corpus(tmp_path / "toy", {"a.txt": TEXT.encode()}, [dict(PIECE)]))
    (path,) = cache.iterdir()
    records = json.loads(path.read_text(encoding="utf-8"))
    assert records["corpus"][0]["date_start"] == {
        stored.TIMESTAMP: "2017-03-01T00:00:00",
        "unit": "us",
    }


def test_a_broken_catalog_is_never_served_from_the_cache(tmp_path, cache, toy):
    good = fresh(toy)
    catalog = toy / "catalog.yaml"
    data = yaml.safe_load(catalog.read_text(encoding="utf-8"))
    data["pieces"][0]["date"] = "2017-13"
    catalog.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    for _ in range(2):
        with pytest.raises(CorpusError, match="2017-13"):
            fresh(toy)
    data["pieces"][0]["date"] = "2017-03"
    catalog.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert_same(good, fresh(toy))


@pytest.mark.parametrize(
    "change",
    ["source bytes", "unlisted file", "sums", "hidden file"],
)
def test_every_byte_the_loader_reads_is_in_the_key(change, tmp_path, cache, toy):
    fresh(toy)
    before = stored.folder_key(toy)
    if change == "source bytes":
        (toy / "a.txt").write_bytes(TEXT.replace("花呗", "借呗").encode())
    elif change == "unlisted file":
        (toy / "b.txt").write_text("not in the catalog")
    elif change == "sums":
        (toy / "SHA256SUMS").write_text("0" * 64 + "  a.txt\n")
    else:
        (toy / ".notes").write_text("hidden")
    assert stored.folder_key(toy) != before
    if change != "hidden file":
        with pytest.raises(CorpusError):
            fresh(toy)


def test_limits_and_code_are_in_the_key(toy, cache, monkeypatch):
    before = stored.folder_key(toy)
    monkeypatch.setenv("ANTCORPUS_MAX_FILE_MB", "20")
    assert stored.folder_key(toy) != before
    monkeypatch.delenv("ANTCORPUS_MAX_FILE_MB")
    monkeypatch.setattr(stored, "layer_version", lambda: "edited")
    assert stored.folder_key(toy) != before


def test_a_folder_changed_while_it_loads_is_not_stored(toy, cache, monkeypatch):
    real = load._records

    def edit_while_loading(root):
        records = real(root)
        (root / ".touched").write_text("changed mid-load")
        return records

    monkeypatch.setattr(load, "_records", edit_while_loading)
    assert list(fresh(toy).corpus.doc_id) == ["toy-2017"]
    assert not cache.exists() or not list(cache.glob("*.json"))


def test_a_same_size_rewrite_while_it_loads_is_not_stored(toy, cache, monkeypatch):
    real = load._records
    source = next(f for f in toy.iterdir() if f.suffix == ".txt")

    def rewrite_while_loading(root):
        records = real(root)
        data = source.read_bytes()
        source.write_bytes(data[::-1])  # other bytes, the same size
        source.write_bytes(data)  # and back: only ctime (and mtime) moved
        return records

    monkeypatch.setattr(load, "_records", rewrite_while_loading)
    fresh(toy)
    assert not cache.exists() or not list(cache.glob("*.json"))


def test_only_json_values_are_stored():
    assert stored.decode(stored.encode([{"a": pd.Timestamp("0729-01-01")}])) == [
        {"a": pd.Timestamp("0729-01-01")}
    ]
    with pytest.raises(TypeError, match="set"):
        stored.encode({"a": {1}})


def test_the_scandir_key_lines_match_the_path_ones(toy, monkeypatch):
    (toy / "sub").mkdir()
    (toy / "link.txt").symlink_to(next(toy.glob("*.txt")))
    (toy / "big.txt").write_bytes(b"x" * 3000)
    monkeypatch.setenv("ANTCORPUS_MAX_FILE_MB", "0.001")
    monkeypatch.setenv("ANTCORPUS_MAX_CATALOG_MB", "0.001")
    cap = stored.read_cap()
    paths = [stored.entry_line(p, cap) for p in sorted(toy.iterdir())]
    with os.scandir(toy) as found:
        entries = sorted(found, key=lambda e: Path(e.path))
    assert [stored._entry_line(e, cap) for e in entries] == paths
    assert any("over the limits" in line for line in paths)
