"""Tokens cached per text: only changed texts are tokenized, in workers when many."""

from __future__ import annotations

import io
import sys
from concurrent.futures.process import BrokenProcessPool

import pytest

import antcorpus
from antcorpus.text import tokencache
from antcorpus.text import tokens as tk

TEXTS = ["蚂蚁金服推出花呗。", "监管要求整改。", "余额宝规模增长。", "监管要求整改。"]


@pytest.fixture
def calls(tmp_path, monkeypatch):
    """An empty cache; counts the texts tokenized in this process."""
    monkeypatch.setenv("ANTCORPUS_CACHE", str(tmp_path / "cache"))
    seen, real = [], tk.tokenize

    def counting(text, *args, **kwargs):
        seen.append(text)
        return real(text, *args, **kwargs)

    monkeypatch.setattr(tk, "tokenize", counting)
    return seen


def test_each_text_is_tokenized_once_and_kept_in_order(calls):
    first = antcorpus.tokens_corpus(TEXTS)
    assert calls == TEXTS[:3]  # the repeated text once
    assert first == [tk.tokenize(t) for t in TEXTS]
    assert first[1] == first[3] and first[1] is not first[3]


def test_one_changed_text_retokenizes_only_that_text(calls):
    before = antcorpus.tokens_corpus(TEXTS)
    calls.clear()
    changed = [TEXTS[0], "网商银行发布财报。", *TEXTS[2:]]
    after = antcorpus.tokens_corpus(changed)
    assert calls == ["网商银行发布财报。"]
    assert after[0] == before[0] and after[2:] == before[2:]
    calls.clear()
    assert antcorpus.tokens_corpus(changed) == after and calls == []


def test_entries_are_kept_apart_per_dictionary_and_aliases(calls):
    plain = antcorpus.tokens_corpus(["蚂蚁金服更名为蚂蚁集团"], words=())
    domain = antcorpus.tokens_corpus(["蚂蚁金服更名为蚂蚁集团"])
    aliased = antcorpus.tokens_corpus(
        ["蚂蚁金服更名为蚂蚁集团"], aliases={"蚂蚁金服": "蚂蚁集团"}
    )
    assert len(calls) == 3
    assert "蚂蚁金服" not in plain[0] and domain == [["蚂蚁金服", "更名", "蚂蚁集团"]]
    assert aliased == [["蚂蚁集团", "更名", "蚂蚁集团"]]


def test_workers_give_the_serial_tokens(corpus, tmp_path, monkeypatch):
    texts = (
        list(corpus.text)
        + antcorpus.corpus_reshape(corpus, "units")["text"][:40].tolist()
    )
    monkeypatch.setenv("ANTCORPUS_CACHE", str(tmp_path / "serial"))
    serial = antcorpus.tokens_corpus(texts)
    monkeypatch.setenv("ANTCORPUS_CACHE", str(tmp_path / "workers"))
    monkeypatch.setattr(tokencache, "PARALLEL_MIN_CHARS", {"jieba": 0, "rjieba": 0})
    monkeypatch.setattr(tokencache, "WORKERS", 2)
    monkeypatch.setattr(tk, "tokenize", lambda *a: pytest.fail("tokenized here"))
    assert antcorpus.tokens_corpus(texts) == serial


def test_a_broken_pool_falls_back_to_tokenizing_here(calls, monkeypatch, capsys):
    def broken(*args):
        raise BrokenProcessPool("a worker died")

    monkeypatch.setattr(tokencache, "PARALLEL_MIN_CHARS", {"jieba": 0, "rjieba": 0})
    monkeypatch.setattr(tokencache, "WORKERS", 2)
    monkeypatch.setattr(tokencache, "in_workers", broken)
    assert antcorpus.tokens_corpus(TEXTS) == [tk.tokenize(t) for t in TEXTS]
    assert "__main__" in capsys.readouterr().err


def test_a_progress_bar_only_for_many_misses_and_never_in_notebooks(
    monkeypatch, capsys
):
    """The bar goes to the process's stderr, not sys.stderr (a notebook's output)."""
    stream = io.StringIO()
    monkeypatch.setattr(sys, "__stderr__", stream)
    with tokencache.progress(tokencache.PROGRESS_MIN - 1) as bar:
        assert bar is None
    with tokencache.progress(tokencache.PROGRESS_MIN) as bar:
        assert bar.delay > 0 and bar.total == tokencache.PROGRESS_MIN
        bar.refresh()
    assert "tokenizing" in stream.getvalue()
    assert capsys.readouterr() == ("", "")


def test_the_real_corpus_prints_nothing(corpus, calls, capfd):
    antcorpus.tokens_corpus(list(corpus.text))
    antcorpus.tokens_corpus(antcorpus.corpus_reshape(corpus, "units")["text"].tolist())
    assert capfd.readouterr() == ("", "")


def test_a_damaged_cache_entry_is_a_miss(tmp_path, monkeypatch):
    """A truncated JSON entry (e.g. after a crash) is recomputed, never an error."""
    from antcorpus import cache

    monkeypatch.setenv("ANTCORPUS_CACHE", str(tmp_path))
    cache.store_cached("corpus", "k", {"a": 1})
    (tmp_path / "corpus" / "k.json").write_text("", encoding="utf-8")
    assert cache.read_cached("corpus", "k", "miss") == "miss"
