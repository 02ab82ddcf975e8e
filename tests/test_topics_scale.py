"""LDA at scale: the size rule for passes and chunks, its cache key, a chunked fit."""

import logging

import pytest

import antcorpus
from antcorpus.config import REPO, SEEDS
from antcorpus.stats import topic_fits, topic_nmf, topics
from antcorpus.text import domain_terms
from antcorpus.text import units as text_units

SETTINGS = topics.LdaSettings()  # notebook 04's values: 20 passes
POETRY = REPO / "corpora" / "tang-song-shi"
FIN = ["支付", "银行", "理财", "基金"]
REG = ["监管", "合规", "风险", "处罚"]


def packed_docs(folder):
    """The packed units notebook 04 fits on, for a corpus folder."""
    corpus = antcorpus.load_corpus(folder)
    raw = text_units.corpus_reshape(corpus, "units")
    words = domain_terms(folder)["word"].tolist()
    tokens = antcorpus.tokens_corpus(raw["text"].tolist(), words=words)
    return text_units.units_pack(raw, tokens, topics.MIN_TOKENS)[1]


@pytest.mark.parametrize("folder", [SEEDS, POETRY], ids=["seeds", "poetry"])
def test_real_corpora_keep_one_chunk_and_twenty_passes(folder):
    docs = packed_docs(folder)
    assert topics.lda_schedule(len(docs), SETTINGS) == (20, len(docs))


def test_up_to_one_chunk_the_rule_is_batch_lda():
    for n in (1, 127, 441, topics.CHUNK):
        assert topics.lda_schedule(n, SETTINGS) == (SETTINGS.passes, n)


def test_above_one_chunk_the_fit_is_online_in_chunks():
    chunk, least = topics.CHUNK, topics.MIN_PASSES
    assert topics.lda_schedule(chunk + 1, SETTINGS) == (10, chunk)  # 2 chunks
    assert topics.lda_schedule(13_247, SETTINGS) == (3, chunk)  # 100x: 7 chunks
    assert topics.lda_schedule(132_470, SETTINGS) == (least, chunk)  # 1000x
    one = topics.LdaSettings(passes=1)  # the benchmark's single pass stays single
    assert topics.lda_schedule(132_470, one) == (1, chunk)


@pytest.mark.parametrize("n", [2_001, 5_000, 13_247, 40_000, 1_000_000])
def test_above_one_chunk_updates_are_never_fewer_than_batch(n):
    passes, chunk = topics.lda_schedule(n, SETTINGS)
    chunks = -(-n // chunk)
    assert passes * chunks >= SETTINGS.passes and passes >= topics.MIN_PASSES


def test_time_is_linear_past_the_last_step():
    """Units times passes grows in proportion to units once passes reach MIN_PASSES."""
    work = {n: n * topics.lda_schedule(n, SETTINGS)[0] for n in (40_000, 400_000)}
    assert work[400_000] == 10 * work[40_000]


def test_the_cache_key_changes_with_the_schedule(monkeypatch):
    docs, nmf = [FIN, REG] * 3, topic_nmf.NmfSettings()
    before = topic_fits.fit_key(docs, SETTINGS, nmf, "lda", 2, 0)
    nmf_before = topic_fits.fit_key(docs, SETTINGS, nmf, "nmf", 2, 0)
    monkeypatch.setattr(topics, "lda_schedule", lambda n, settings: (3, 2))
    assert topic_fits.fit_key(docs, SETTINGS, nmf, "lda", 2, 0) != before
    assert topic_fits.fit_key(docs, SETTINGS, nmf, "nmf", 2, 0) == nmf_before


def test_a_fit_above_the_threshold_runs_in_chunks(monkeypatch, caplog):
    """Synthetic units past a (lowered) threshold: chunked, repeatable, no warning."""
    monkeypatch.setattr(topics, "CHUNK", 40)
    docs = [FIN * 3, REG * 3, FIN * 2 + REG[:1], REG * 2 + FIN[:1]] * 30  # 120 units
    settings = topics.LdaSettings(no_below=1, no_above=1.0, iterations=50)
    assert topics.lda_schedule(len(docs), settings) == (7, 40)
    d = topics.topics_dictionary(docs, settings)
    with caplog.at_level(logging.WARNING, logger="gensim"):
        model = topics.topics_fit(docs, d, 2, 0, settings)
    assert not [r for r in caplog.records if "too few updates" in r.getMessage()]
    assert (model.chunksize, model.passes) == (40, 7)
    top = topics.topics_top(model, 4)
    assert sorted(map(sorted, top)) == sorted([sorted(FIN), sorted(REG)])
    again = topics.topics_fit(docs, d, 2, 0, settings)
    assert (again.get_topics() == model.get_topics()).all()
