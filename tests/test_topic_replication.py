"""Topic replication on toy data: NPMI by hand, ARI, recurrence, NMF, cached fits."""

import math

import numpy as np
import pandas as pd
import pytest
from gensim.corpora import Dictionary
from gensim.models import CoherenceModel
from sklearn.metrics import adjusted_rand_score

from antcorpus.config import SEEDS
from antcorpus.corpus.knowledge import resource_rows
from antcorpus.stats import topic_fits, topic_nmf, topic_npmi, topic_reading, topics
from antcorpus.stats import topic_replication as rep

FIN = ["支付", "银行", "理财", "基金"]
REG = ["监管", "合规", "风险", "处罚"]
DOCS = [FIN * 3, REG * 3, FIN * 2 + REG[:1], REG * 2 + FIN[:1]] * 3
LDA = topics.LdaSettings(no_below=1, no_above=1.0, passes=10, iterations=50, top_n=3)
NMF = topic_nmf.NmfSettings(top_n=3)


def test_whole_unit_npmi_hand_computed():
    # a in units 0, 1, 2; b in units 0, 1; c in unit 3 only; 4 units
    docs = [["a", "b"], ["a", "b", "a"], ["a"], ["c"]]
    units = topic_npmi.contexts_units(docs)
    ab = math.log((2 / 4) / ((3 / 4) * (2 / 4))) / -math.log(2 / 4)
    assert topic_npmi.npmi_topic(["a", "b"], units) == pytest.approx(ab)
    # a and c never share a unit: -1; b and c likewise; mean over the three pairs
    assert topic_npmi.npmi_topic(["a", "b", "c"], units) == pytest.approx(
        (ab - 1 - 1) / 3
    )
    # two topics: the mean of the two topic means
    assert topic_npmi.textstat_npmi([["a", "b"], ["a", "c"]], units) == pytest.approx(
        (ab - 1) / 2
    )


def test_npmi_of_words_in_every_unit_is_one():
    units = topic_npmi.contexts_units([["a", "b"], ["b", "a"]])
    assert topic_npmi.npmi_topic(["a", "b"], units) == 1.0


def test_unknown_word_is_an_error():
    with pytest.raises(ValueError, match="never seen"):
        topic_npmi.npmi_topic(["a", "zz"], topic_npmi.contexts_units([["a", "b"]]))


def test_sliding_window_npmi_is_gensims_c_npmi():
    # repeated words inside a window exercise gensim's incremental window update
    docs = [
        ["a", "b", "a", "c", "d", "b", "e", "a", "c", "c", "d", "f", "a", "b"],
        ["c", "d", "e", "f", "c", "d", "a"],
        ["b", "b", "e", "f", "a", "d", "c", "e", "b", "f", "a", "a", "d", "e", "c"],
    ]
    tops = [["a", "b", "c"], ["d", "e", "f"], ["a", "f", "e"]]
    expected = CoherenceModel(
        topics=tops,
        texts=docs,
        dictionary=Dictionary(docs),
        coherence="c_npmi",
        window_size=4,
        processes=1,
    ).get_coherence()
    windows = topic_npmi.contexts_windows(docs, size=4)
    assert topic_npmi.textstat_npmi(tops, windows) == pytest.approx(expected, abs=1e-12)


def test_frequent_words_counts_tokens_within_the_vocabulary():
    docs = [["a", "a", "b"], ["a", "c", "c", "c", "c"]]  # a 3, b 1, c 4
    assert topic_npmi.frequent_words(docs, {"a", "b", "c"}, 2) == ["c", "a"]
    assert topic_npmi.frequent_words(docs, {"a", "b"}, 2) == ["a", "b"]


def test_mean_ari_uses_dominant_topics_and_ignores_topic_numbers():
    first = np.array([[0.9, 0.1], [0.8, 0.2], [0.1, 0.9], [0.3, 0.7]])
    swapped = first[:, ::-1]  # the same grouping with the topics renumbered
    other = np.array([[0.9, 0.1], [0.1, 0.9], [0.9, 0.1], [0.1, 0.9]])
    assert rep.dominant_topics(first).tolist() == [0, 0, 1, 1]
    assert rep.mean_ari([first, swapped]) == 1.0
    pairs = [
        adjusted_rand_score([0, 0, 1, 1], [1, 1, 0, 0]),
        adjusted_rand_score([0, 0, 1, 1], [0, 1, 0, 1]),
        adjusted_rand_score([1, 1, 0, 0], [0, 1, 0, 1]),
    ]
    assert rep.mean_ari([first, swapped, other]) == pytest.approx(np.mean(pairs))


def test_recurrence_counts_other_runs_with_a_close_match():
    top = [["a", "b", "c"], ["x", "y", "z"]]
    others = [
        [["a", "b", "c"], ["q", "r", "s"]],  # T1 exact, T2 absent
        [["a", "b", "d"], ["x", "y", "q"]],  # T1 and T2 at Jaccard 2/4 = 0.5
        [["a", "q", "r"], ["x", "q", "r"]],  # neither (1/5)
    ]
    assert rep.topic_recurrence(top, others, 0.5) == pytest.approx([2 / 3, 1 / 3])


def _record(seed, top, theta, k=2, method="lda"):
    """A fit record as topics_fits returns one."""
    return {
        "method": method,
        "k": k,
        "seed": seed,
        "top": top,
        "c_npmi": -0.1 * seed,
        "npmi_units": 0.1,
        "theta": theta,
    }


def test_recurrence_table_marks_topics_found_in_most_other_seeds():
    theta = [[1.0, 0.0], [0.0, 1.0]]
    runs = [
        _record(0, [["a", "b"], ["c", "d"]], theta),
        _record(1, [["a", "b"], ["e", "f"]], theta),
        _record(2, [["a", "b"], ["c", "d"]], theta),
        _record(3, [["a", "b"], ["g", "h"]], theta),
    ]
    run = rep.reported_run(runs, "lda", 2, [0, 1, 2])
    assert run["seed"] == 0  # seeds 0 and 2 agree; the lower seed wins the tie
    table = rep.recurrence_table(runs, run, [0, 1, 2])
    assert table["recurrence"].tolist() == [1.0, 0.5]
    assert table["stable"].tolist() == [True, False]  # 50% is not "most"


def test_sweep_summary_splits_choice_and_report_seeds():
    theta = [[1.0, 0.0], [0.0, 1.0]]
    runs = [_record(s, [["a", "b"], ["c", "d"]], theta) for s in range(4)]
    summary = rep.sweep_summary(runs, {"choice": [0, 1], "report": [2, 3]})
    got = summary.set_index("seeds")
    assert got.loc["choice", "c_npmi"] == pytest.approx(-0.05)
    assert got.loc["report", "c_npmi"] == pytest.approx(-0.25)
    assert got.loc["report", ["stability", "ari", "n_seeds"]].tolist() == [1, 1, 2]


def test_choice_on_one_seed_set_and_rank_on_the_other():
    summary = pd.DataFrame(
        {
            "method": ["lda"] * 6,
            "k": [3, 4, 5] * 2,
            "seeds": ["choice"] * 3 + ["report"] * 3,
            "c_npmi": [0.1, 0.3, 0.2, 0.3, 0.1, 0.2],
            "stability": [0.5] * 6,
        }
    )
    assert rep.choose_k_on(summary, "lda", "choice", 3) == 4
    assert rep.rank_of(summary, "lda", "report", 4, 3) == 3


def test_topic_concentration_is_token_mass_from_the_largest_piece():
    units = pd.DataFrame({"doc_id": ["a", "a", "b"], "n_tokens": [10, 30, 60]})
    theta = np.array([[1.0, 0.0], [0.5, 0.5], [0.0, 1.0]])
    got = topic_reading.topic_concentration(units, theta, 0.6)
    # T1: a gives 10 + 15 = 25 of 25; T2: b gives 60 of 15 + 60 = 75
    assert got["max_piece"].tolist() == ["a", "b"]
    assert got["max_piece_share"].tolist() == [1.0, 0.8]
    assert got["one_piece"].tolist() == [True, True]


def test_unstable_topics_lose_their_label():
    rows = resource_rows("topic_labels", SEEDS)
    k, seed = int(rows[0]["k"]), int(rows[0]["seed"])
    mine = [r for r in rows if int(r["k"]) == k and int(r["seed"]) == seed]
    tops = [["x"] * 5 for _ in range(k)]
    for r in mine:
        tops[int(r["topic"]) - 1] = r["top_words"].split()
    stable = [True] * k
    stable[int(mine[0]["topic"]) - 1] = False
    got = topic_reading.topic_labels(k, seed, tops, stable=stable, folder=SEEDS)
    assert got[int(mine[0]["topic"]) - 1] == topic_reading.UNSTABLE
    assert got.count(topic_reading.UNSTABLE) == 1


def test_nmf_is_deterministic_per_seed_and_separates_clear_topics():
    tfidf, words = topic_nmf.nmf_matrix(DOCS, FIN + REG)
    first = topic_nmf.nmf_fit(tfidf, words, 2, 3, NMF)
    again = topic_nmf.nmf_fit(tfidf, words, 2, 3, NMF)
    assert first[0] == again[0] and np.array_equal(first[1], again[1])
    assert sorted(set(t) <= set(FIN) or set(t) <= set(REG) for t in first[0]) == [
        True,
        True,
    ]
    assert np.allclose(first[1].sum(axis=1), 1.0)


def test_nmf_proportions_spread_a_unit_without_weight_evenly():
    got = topic_nmf.nmf_proportions(np.array([[1.0, 3.0], [0.0, 0.0]]))
    assert got.tolist() == [[0.25, 0.75], [0.5, 0.5]]


def test_fits_are_cached_per_k_and_seed(tmp_path, monkeypatch):
    monkeypatch.setenv("ANTCORPUS_CACHE", str(tmp_path))
    fitted, messages = [], []
    real = topic_fits._fit
    monkeypatch.setattr(
        topic_fits, "_fit", lambda *job: fitted.append(job) or real(*job)
    )
    first = topic_fits.topics_fits(DOCS, [2], [0, 1], LDA, NMF, 1, progress=print)
    assert len(fitted) == 4 and len(list(tmp_path.glob("topic-fit/*.json"))) == 4
    more = topic_fits.topics_fits(
        DOCS, [2], [0, 1, 2], LDA, NMF, 1, progress=messages.append
    )
    assert fitted[4:] == [("lda", 2, 2), ("nmf", 2, 2)]  # only the new seed is fitted
    assert messages == ["topic fits: 2 of 6 to fit"]
    assert [r for r in more if r["seed"] < 2] == first
    assert {"top", "c_npmi", "npmi_units", "theta"} <= set(first[0])


def test_fit_key_covers_method_k_seed_and_settings():
    keys = {
        topic_fits.fit_key(DOCS, LDA, NMF, "lda", 2, 0),
        topic_fits.fit_key(DOCS, LDA, NMF, "nmf", 2, 0),
        topic_fits.fit_key(DOCS, LDA, NMF, "lda", 3, 0),
        topic_fits.fit_key(DOCS, LDA, NMF, "lda", 2, 1),
        topic_fits.fit_key(DOCS, LDA, topic_nmf.NmfSettings(max_iter=9), "lda", 2, 0),
    }
    assert len(keys) == 5


def test_a_pool_gives_the_same_records_as_one_process(tmp_path, monkeypatch):
    monkeypatch.setenv("ANTCORPUS_CACHE", str(tmp_path / "one"))
    alone = topic_fits.topics_fits(DOCS, [2, 3], [0, 1], LDA, NMF, workers=1)
    monkeypatch.setenv("ANTCORPUS_CACHE", str(tmp_path / "pool"))
    pooled = topic_fits.topics_fits(DOCS, [2, 3], [0, 1], LDA, NMF, workers=2)
    assert pooled == alone


def test_baseline_topic_is_scored_like_a_model():
    base = rep.baseline_topic(DOCS, FIN + REG, 3)
    assert base["top"] == ["支付", "监管", "银行"]  # 18, 18 (first seen first), 15
    units = topic_npmi.contexts_units(DOCS)
    assert base["npmi_units"] == topic_npmi.textstat_npmi([base["top"]], units)
