"""Tokenizing: private jieba, the domain dictionary and stopwords.

Also filters, the cache and top tokens.
"""

from __future__ import annotations

from collections import Counter

import jieba
import pytest

import antcorpus
from antcorpus.config import REPO
from antcorpus.text import tokens as tk

TERMS = antcorpus.domain_terms()
CONTEXTS = ["我们认为{}非常重要。", "据报道，{}今年表现如何？", "他说“{}”三个字"]


def test_tokenizer_is_private_with_cache_in_project(monkeypatch):
    monkeypatch.delenv("ANTCORPUS_CACHE", raising=False)
    tk._tokenizer.cache_clear()
    mine = tk.tokenizer()
    assert mine is not jieba.dt and mine.initialized
    assert mine.tmp_dir == str(REPO / ".cache" / "jieba")
    assert (REPO / ".cache" / "jieba" / "jieba.cache").is_file()
    assert "网经社" in mine.FREQ and "网经社" not in jieba.dt.FREQ
    assert tk.HMM is False


@pytest.mark.parametrize("word", TERMS["word"].tolist())
def test_every_dictionary_entry_survives_segmentation(word):
    for context in CONTEXTS:
        assert word in antcorpus.tokens_segment(context.format(word)), context.format(
            word
        )


def test_dictionary_does_not_swallow_neighbours():
    assert antcorpus.tokens_segment("我们认为花呗非常重要") == [
        "我们",
        "认为",
        "花呗",
        "非常",
        "重要",
    ]
    assert antcorpus.tokens_segment("蚂蚁金服更名为蚂蚁集团") == [
        "蚂蚁金服",
        "更名",
        "为",
        "蚂蚁集团",
    ]


def test_dictionary_has_categories_and_no_frequencies():
    assert TERMS["word"].is_unique
    assert list(TERMS.columns) == ["word", "category"]
    assert set(TERMS["category"]) <= {
        "entity",
        "product",
        "concept",
        "event",
        "regulator",
        "person",
    }
    assert not TERMS["word"].str.contains(r"\d").any()
    assert {
        "花呗",
        "借呗",
        "余额宝",
        "芝麻信用",
        "网商银行",
        "招财宝",
        "蚂蚁聚宝",
        "财富号",
        "蚂蚁金服",
        "蚂蚁集团",
        "网经社",
        "普惠金融",
        "大厂病",
    } <= set(TERMS["word"])


def test_stopwords_iso_plus_documented_project_list():
    words = antcorpus.stopwords()
    assert {"的", "了", "我们", "通过"} <= words and "没有" in words
    lines = [
        x
        for x in tk.PROJECT_STOPWORDS.read_text(encoding="utf-8").splitlines()
        if x and not x.startswith("#")
    ]
    assert lines and all(
        len(x.split("\t")) == 2 and x.split("\t")[1].strip() for x in lines
    )
    assert not words & set(TERMS["word"])


def test_tokenize_drops_punctuation_numbers_stray_letters():
    toks = antcorpus.tokenize("2020年，蚂蚁集团的AI与techfin业务增长31%；b2b和b端。")
    assert toks == ["蚂蚁集团", "ai", "techfin", "业务", "增长", "b2b", "端"]


def test_name_variants_stay_distinct_unless_aliased():
    text = "蚂蚁金服更名为蚂蚁集团"
    assert antcorpus.tokenize(text) == ["蚂蚁金服", "更名", "蚂蚁集团"]
    aliases = antcorpus.corpus_knowledge().aliases
    assert antcorpus.tokenize(text, aliases=aliases) == [
        "蚂蚁集团",
        "更名",
        "蚂蚁集团",
    ]


def test_tokens_corpus_is_cached(monkeypatch, tmp_path):
    monkeypatch.setenv("ANTCORPUS_CACHE", str(tmp_path))
    texts = ["蚂蚁金服推出花呗。", "监管要求整改。"]
    first = antcorpus.tokens_corpus(texts)
    assert 1 <= len(list((tmp_path / "tokens").glob("*.json"))) <= len(texts)
    monkeypatch.setattr(tk, "tokenize", lambda *a, **k: pytest.fail("cache miss"))
    assert antcorpus.tokens_corpus(texts) == first


def test_top_tokens_hold_no_artifacts(corpus):
    counts = Counter(
        t for toks in antcorpus.tokens_corpus(list(corpus.text)) for t in toks
    )
    top = [w for w, _ in counts.most_common(50)]
    artifacts = {
        "效劳",
        "根底",
        "本钱",
        "网",
        "经",
        "社",
        "蚂",
        "蚁",
        "金",
        "服",
        "花",
        "呗",
        "####",
        "集團",
        "螞蟻",
        "下载",
        "文档",
        "汇报",
        "网经社",
    }
    assert not set(top) & artifacts
    assert all(len(w) > 1 for w in top)
    assert {"蚂蚁金服", "支付宝", "监管", "合规"} <= set(top)


def test_an_edited_dictionary_is_never_served_stale(monkeypatch, tmp_path):
    """Editing analysis/domain_dict.tsv while a kernel runs changes the next tokens."""
    monkeypatch.setenv("ANTCORPUS_CACHE", str(tmp_path / "cache"))
    folder = tmp_path / "corpus"
    (folder / "analysis").mkdir(parents=True)
    path = folder / "analysis" / "domain_dict.tsv"
    path.write_text("word\tcategory\n", encoding="utf-8")
    monkeypatch.setenv("ANTCORPUS_SEEDS", str(folder))
    text = ["网经社报道蚂蚁金服。"]
    before = antcorpus.tokens_corpus(text)
    path.write_text("word\tcategory\n网经社\tentity\n蚂蚁金服\tentity\n", "utf-8")
    after = antcorpus.tokens_corpus(text)
    assert "网经社" not in before[0] and after == [["网经社", "报道", "蚂蚁金服"]]
    path.write_text("word\tcategory\n", encoding="utf-8")
    assert antcorpus.tokens_corpus(text) == before


def test_words_can_be_given_explicitly():
    text = "网经社报道。"
    assert "网经社" not in antcorpus.tokenize(text, words=())
    assert antcorpus.tokenize(text, words=["网经社"])[0] == "网经社"
