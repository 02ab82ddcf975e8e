"""The OpenCC config choice, pinned to the measurements that justify it."""

from __future__ import annotations

import antcorpus
from antcorpus.corpus.convert import OPENCC_CONFIG, converter


def test_tw2sp_rewrites_mainland_vocabulary():
    tw2sp = converter("tw2sp")
    assert [tw2sp.convert(w) for w in ("核心", "建立", "指標納入考核", "戰略執行")] == [
        "内核",
        "创建",
        "指针纳入考核",
        "战略运行",
    ]


def test_tw2s_fixes_zhe_that_t2s_leaves():
    assert converter("t2s").convert("隨著業務") == "随著业务"
    assert converter("tw2s").convert("隨著業務") == "随着业务"


def test_tw2s_breaks_already_simplified_text():
    assert converter("tw2s").convert("显著") == "显着"
    assert converter("t2s").convert("显著") == "显著"


def test_recorded_choice():
    assert OPENCC_CONFIG == {"traditional": "tw2s", "simplified": "t2s"}


def test_measured_on_the_corpus(corpus):
    texts = dict(zip(corpus.doc_id, corpus.raw_text, strict=True))
    table = antcorpus.opencc_compare(texts).set_index(["text", "config"])
    simplified = corpus[corpus.script == "simplified"].doc_id
    assert sum(table.loc[(d, "t2s"), "chars_changed"] for d in simplified) == 1
    assert sum(table.loc[(d, "tw2sp"), "differs_from_t2s"] for d in simplified) > 20
    # 經歷著 and 隨著 in the piece (本著 sits in the series lead, which is left out)
    assert table.loc[("wjs-2025-deepseek-critique", "tw2s"), "differs_from_t2s"] == 2
