"""Hostile input: invisible characters, oversized files, read-only folders."""

from __future__ import annotations

import os
import stat

import pytest

import antcorpus
from antcorpus import CorpusError
from antcorpus.cache import cached_json
from antcorpus.config import cache_dir, size_limit
from antcorpus.errors import CacheError
from conftest import PIECE, write_corpus

MB = 1024 * 1024
HIDDEN = {
    "蚂\u200d蚁金服": "蚂蚁金服",  # zero-width joiner
    "余额\u2060宝": "余额宝",  # word joiner
    "花\ufeff呗": "花呗",  # BOM inside text
    "蚂蚁\u2fa6服": "蚂蚁金服",  # Kangxi radical ⾦ (U+2FA6, not U+2F26 ⼦) for 金
    "芝麻\u202e信用": "芝麻信用",  # right-to-left override
    "网商\x00银行": "网商银行",  # NUL
}


def hostile_corpus(tmp_path):
    """A toy corpus hiding one invisible or compatibility character per line."""
    body = "\n".join(f"第{n}行说{word}。" for n, word in enumerate(HIDDEN, 1))
    text = f"下载文档\n正文开始。\n{body}\n正文结束。\n猜你喜欢\n"
    return write_corpus(tmp_path / "hostile", {"a.txt": text.encode()}, [PIECE])


def test_invisible_and_compatibility_characters_are_folded_and_counted(tmp_path):
    folder = hostile_corpus(tmp_path)
    text = antcorpus.load_corpus(folder).text[0]
    lines = text.split("\n")[1:-1]
    assert lines == [f"第{n}行说{word}。" for n, word in enumerate(HIDDEN.values(), 1)]
    report = antcorpus.cleaning_report(folder).set_index("step")
    assert report.loc["fold_invisible", "instances"] == len(HIDDEN)
    assert report.loc["fold_invisible", "chars_removed"] == len(HIDDEN) - 1
    assert report.loc["fold_invisible", "han_removed"] == -1  # ⾦ became 金


def test_oversized_source_is_refused_before_reading(toy, monkeypatch):
    with open(toy / "a.txt", "r+b") as fh:
        fh.truncate(51 * MB)  # sparse: cheap to make, never read
    monkeypatch.setattr("builtins.open", _refuse_open(toy / "a.txt"))
    err = str(pytest.raises(CorpusError, antcorpus.load_corpus, toy).value)
    assert "a.txt" in err and "50 MB" in err and "ANTCORPUS_MAX_FILE_MB" in err


def _refuse_open(path):
    """An `open` that fails the test if it touches `path`."""
    real = open

    def guarded(file, *args, **kwargs):
        assert os.fspath(file) != os.fspath(path), f"{path} was opened"
        return real(file, *args, **kwargs)

    return guarded


def test_size_limit_follows_the_environment(toy, monkeypatch):
    monkeypatch.setenv("ANTCORPUS_MAX_FILE_MB", "0.00001")
    assert size_limit("source") == 10
    err = str(pytest.raises(CorpusError, antcorpus.load_corpus, toy).value)
    assert "a.txt" in err and "ANTCORPUS_MAX_FILE_MB" in err
    monkeypatch.setenv("ANTCORPUS_MAX_FILE_MB", "lots")
    with pytest.raises(ValueError, match="ANTCORPUS_MAX_FILE_MB"):
        size_limit("source")


def test_oversized_catalog_is_refused(toy):
    with open(toy / "catalog.yaml", "r+b") as fh:
        fh.truncate(6 * MB)
    err = str(pytest.raises(CorpusError, antcorpus.load_corpus, toy).value)
    assert "catalog.yaml" in err and "5 MB" in err and "ANTCORPUS_MAX_CATALOG_MB" in err


def test_read_only_corpus_folder_loads(toy):
    modes = {p: p.stat().st_mode for p in [toy, *toy.iterdir()]}
    try:
        for path in toy.iterdir():
            path.chmod(stat.S_IRUSR | stat.S_IRGRP)
        toy.chmod(stat.S_IRUSR | stat.S_IXUSR)
        corpus = antcorpus.load_corpus(toy)
        assert list(corpus.doc_id) == ["toy-2017"]
    finally:
        for path, mode in modes.items():
            path.chmod(mode)


def test_read_only_cache_folder_gives_a_clear_message(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    folder.mkdir(mode=stat.S_IRUSR | stat.S_IXUSR)
    monkeypatch.setenv("ANTCORPUS_CACHE", str(folder))
    real = os.access  # root ignores permission bits: answer for the folder as a user
    monkeypatch.setattr(
        os, "access", lambda p, m: real(p, m) and os.fspath(p) != str(folder)
    )
    try:
        with pytest.raises(CacheError, match="not writable.*ANTCORPUS_CACHE"):
            antcorpus.tokens_corpus(["蚂蚁金服推出花呗。"])
    finally:
        folder.chmod(stat.S_IRWXU)


def test_uncreatable_cache_folder_gives_a_clear_message(tmp_path, monkeypatch):
    (tmp_path / "file").write_text("not a folder")
    monkeypatch.setenv("ANTCORPUS_CACHE", str(tmp_path / "file" / "cache"))
    with pytest.raises(CacheError, match="cannot be created.*ANTCORPUS_CACHE"):
        cache_dir()


def test_unwritable_cache_subfolder_gives_a_clear_message(tmp_path, monkeypatch):
    monkeypatch.setenv("ANTCORPUS_CACHE", str(tmp_path))
    (tmp_path / "tokens").write_text("a file where a folder should be")
    with pytest.raises(CacheError, match="tokens"):
        cached_json("tokens", "k", lambda: [])
