"""The corpus glossary: one file, every domain word glossed, labels built from it."""

from antcorpus.config import SEEDS, read_tsv
from antcorpus.corpus.clean import HAN
from antcorpus.text import glossary as g
from antcorpus.text.tokens import domain_terms


def test_terms_unique_and_glossed():
    rows = read_tsv(SEEDS / "analysis" / "glossary.tsv")
    terms = [r["term"] for r in rows]
    assert len(terms) == len(set(terms))
    assert all(r["gloss"].strip() and r["gloss"] == r["gloss"].strip() for r in rows)
    assert all(r["term"] == r["term"].strip() for r in rows)


def test_every_domain_word_has_a_gloss():
    missing = set(domain_terms()["word"]) - set(g.glossary())
    assert not missing


def test_glosses_are_english():
    assert not [e for e in g.glossary().values() if HAN.search(e)]


def test_label_with_and_without_gloss():
    assert g.glossed("监管") == "监管 (regulation)"
    assert g.glossed("监管", sep="\n") == "监管\n(regulation)"
    assert g.glossed("不在词表里") == "不在词表里"
    assert [g.glossed(t) for t in ["支付", "无"]] == ["支付 (payment)", "无"]


def test_a_corpus_without_a_glossary_has_no_glosses(tmp_path):
    assert g.glossary(tmp_path) == {}
    assert g.glossed("监管", folder=tmp_path) == "监管"
