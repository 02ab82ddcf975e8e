"""The sparse document-term matrix gives the dense path's tables exactly."""

from __future__ import annotations

import tracemalloc
from collections import Counter

import numpy as np
import pandas as pd
import pytest

import antcorpus
from antcorpus import stats
from antcorpus.config import REPO
from antcorpus.corpus.load import corpus_eras
from antcorpus.stats.resample import bootstrap_interval, cluster_bootstrap_rates
from antcorpus.stats.singlecase import cluster_bootstrap_rate
from antcorpus.stats.sparse import SparseDfm, dfm_append, dfm_select, dfm_sizes

POETRY = REPO / "corpora" / "tang-song-shi"


def counter_dfm(tokens, doc_ids) -> pd.DataFrame:
    """The dense build before the sparse path (a Counter per document)."""
    rows = {d: Counter(t) for d, t in zip(doc_ids, tokens, strict=False)}
    frame = pd.DataFrame.from_dict(rows, orient="index").fillna(0).astype(int)
    return frame.reindex(sorted(frame.columns), axis=1)


@pytest.fixture(scope="module", params=["seeds", "poetry"])
def corpus(request):
    """Tokens, ids, eras (catalog order; reference first) and tested terms."""
    folder = POETRY if request.param == "poetry" else None
    frame = antcorpus.load_corpus(folder) if folder else antcorpus.load_corpus()
    tokens = antcorpus.tokens_corpus(frame["text"].tolist())
    ids = frame["doc_id"].tolist()
    era_of = frame.set_index("doc_id")["era"]
    catalog = corpus_eras(folder) if folder else corpus_eras()
    eras = [e for e in catalog["name"] if e in set(era_of) and e != "undated"]
    dense = counter_dfm(tokens, ids)
    top = dense.sum().sort_values(ascending=False, kind="stable").index[:20].tolist()
    return {
        "tokens": tokens,
        "ids": ids,
        "era_of": era_of,
        "eras": eras,
        "dense": dense,
        "sparse": stats.tokens_dfm(tokens, ids, sparse=True),
        "terms": top[:8] + ["不存在的词"],
        "groups": {"g1": set(top[8:14]), "g2": {top[15], "不存在的词"}},
    }


def both(corpus, function, *args, **kwargs):
    """function(dense, ...) and function(sparse, ...)."""
    return (
        function(corpus["dense"], *args, **kwargs),
        function(corpus["sparse"], *args, **kwargs),
    )


def test_dense_build_is_unchanged(corpus):
    built = stats.tokens_dfm(corpus["tokens"], corpus["ids"])
    pd.testing.assert_frame_equal(built, corpus["dense"], check_exact=True)
    assert isinstance(corpus["sparse"], SparseDfm)
    pd.testing.assert_frame_equal(corpus["sparse"].to_frame(), corpus["dense"])


@pytest.mark.parametrize(
    ("tokens", "ids"),
    [
        ([["a", "b"], [], ["b"]], ["x", "y", "z"]),
        ([["a", "b"], ["c"], ["b", "b"]], ["x", "y", "x"]),
        ([["a"], ["b"], ["c"]], ["x", "y"]),
        ([["b", "a"]], ["x"]),
        ([["a"], ["b"]], [1, 2]),
        ([[], []], ["x", "y"]),
        ([], []),
    ],
)
def test_edge_cases_match_the_counter_build(tokens, ids):
    expected = counter_dfm(tokens, ids)
    pd.testing.assert_frame_equal(stats.tokens_dfm(tokens, ids), expected)
    sparse = stats.tokens_dfm(tokens, ids, sparse=True)
    pd.testing.assert_frame_equal(sparse.to_frame(), expected)


def test_group_select_and_sizes(corpus):
    dense, sparse = both(corpus, stats.dfm_group, corpus["era_of"])
    pd.testing.assert_frame_equal(dense, sparse, check_exact=True)
    pd.testing.assert_series_equal(*both(corpus, dfm_sizes))
    pd.testing.assert_frame_equal(*both(corpus, dfm_select, corpus["terms"]))


def test_tfidf(corpus):
    pd.testing.assert_frame_equal(*both(corpus, stats.dfm_tfidf), check_exact=True)
    pd.testing.assert_frame_equal(*both(corpus, stats.dfm_tfidf, 5, 1))


def test_keyness_and_leave_one_out(corpus):
    eras = corpus["eras"]
    for target, reference in [(eras[-1], eras[0]), (eras[0], eras[-1])]:
        dense, sparse = both(
            corpus, stats.textstat_keyness, corpus["era_of"], target, reference, 3, eras
        )
        pd.testing.assert_frame_equal(dense, sparse, check_exact=True)
        assert dense.attrs == sparse.attrs
        loo = both(corpus, stats.keyness_leave_one_out, dense)
        pd.testing.assert_series_equal(*loo)
        pd.testing.assert_series_equal(loo[0], resummed_loo(corpus["dense"], dense))


def test_top_terms_and_small_count_measures(corpus):
    pd.testing.assert_frame_equal(*both(corpus, stats.dfm_top, 15), check_exact=True)
    era_of, eras = corpus["era_of"], corpus["eras"]
    target = era_of.index[era_of == eras[-1]].tolist()
    reference = era_of.index[era_of == eras[0]].tolist()
    for min_count in (1, 3):
        dense, sparse = both(
            corpus, stats.keyness_measures, target, reference, min_count
        )
        pd.testing.assert_frame_equal(dense, sparse, check_exact=True)
        assert dense.attrs == sparse.attrs


def resummed_loo(dfm: pd.DataFrame, table: pd.DataFrame) -> pd.Series:
    """Leave-one-out flags by re-summing every left-out design (the slow original)."""
    meta, terms = table.attrs, table["term"].tolist()
    sign = np.sign(table.set_index("term")["g2"])
    stable = pd.Series(True, index=terms)
    t, r = meta["target_pieces"], meta["reference_pieces"]
    designs = [([p for p in t if p != x], r) for x in t if len(t) > 1]
    designs += [(t, [p for p in r if p != x]) for x in r if len(r) > 1]
    for a_docs, b_docs in designs:
        a, b = dfm.loc[a_docs, terms].sum(), dfm.loc[b_docs, terms].sum()
        n_a, n_b = dfm.loc[a_docs].to_numpy().sum(), dfm.loc[b_docs].to_numpy().sum()
        g = pd.Series(stats.g2(a, b, n_a, n_b), index=terms)
        stable &= (np.sign(g) == sign) & (g.abs() >= 3.84)
    return stable


def test_evidence_rates_and_placebos(corpus):
    era_of, eras = corpus["era_of"], corpus["eras"]
    for features in (corpus["terms"], corpus["groups"]):
        pd.testing.assert_frame_equal(*both(corpus, stats.piece_rates, features))
        for function in (stats.textstat_evidence, stats.feature_placebo):
            dense, sparse = both(corpus, function, era_of, eras[-1], eras[0], features)
            pd.testing.assert_frame_equal(dense, sparse, check_exact=True)
            assert dense.attrs == sparse.attrs
        intervals = both(
            corpus, stats.textstat_piece_intervals, era_of, features, 500, 1
        )
        pd.testing.assert_frame_equal(*intervals, check_exact=True)
    tokens = dict(zip(corpus["ids"], corpus["tokens"], strict=True))
    kp = both(corpus, stats.keyness_placebo, tokens, era_of, eras[-1], eras[0], eras[1])
    pd.testing.assert_frame_equal(kp[0][0], kp[1][0])
    assert kp[0][1] == kp[1][1]


def test_append_windows(corpus):
    windows = stats.windows_dfm([corpus["tokens"][0][:30], corpus["tokens"][1][:20]])
    dense, sparse = both(corpus, dfm_append, windows)
    pd.testing.assert_frame_equal(dense, sparse.to_frame())


def test_sparse_build_memory_is_bounded():
    rng = np.random.default_rng(0)
    vocab = np.array([f"w{i}" for i in range(100_000)], dtype=object)
    tokens = [list(vocab[rng.integers(0, 100_000, 300)]) for _ in range(1_000)]
    ids = [f"d{i}" for i in range(1_000)]
    tracemalloc.start()
    dfm = stats.tokens_dfm(tokens, ids, sparse=True)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert dfm.shape[0] == 1_000 and dfm.shape[1] > 90_000
    assert dfm.matrix.nnz <= 300_000 and dfm.matrix.dtype == np.int64
    assert dfm.matrix.data.nbytes <= 8 * 300_000
    assert peak < 100 * 2**20  # dense would be 1,000 x ~95,000 x 8 bytes = 760 MB
    assert int(dfm.matrix.sum()) == 300_000
    counts = Counter(tokens[7])
    row = dfm_select(dfm, sorted(counts), docs=["d7"]).iloc[0]
    assert row.to_dict() == dict(sorted(counts.items()))


def one_shot_interval(statistic, n, n_boot, rng, level=0.95):
    """The bootstrap before chunking: every index drawn in one (n_boot, n) array."""
    with np.errstate(invalid="ignore", divide="ignore"):
        draws = statistic(rng.integers(0, n, size=(n_boot, n)))
        return np.nanpercentile(draws, [50 * (1 - level), 50 * (1 + level)], axis=0)


def test_chunked_bootstrap_equals_one_shot():
    rng = np.random.default_rng(1)
    hits, totals = rng.poisson(2, 3_001).astype(float), rng.integers(50, 900, 3_001)
    theta = rng.dirichlet(np.ones(4), 3_001)

    def rate(idx):
        return 10_000 * hits[idx].sum(axis=1) / totals[idx].sum(axis=1)

    def shares(idx):
        total = (theta[idx] * totals[idx][..., None]).sum(axis=1)
        return total / totals[idx].sum(axis=1)[:, None]

    for statistic in (rate, shares):
        for block in (1_000_000, 10_000, 3_001):
            chunked = bootstrap_interval(
                statistic, 3_001, 700, np.random.default_rng(5), max_block=block
            )
            expected = one_shot_interval(
                statistic, 3_001, 700, np.random.default_rng(5)
            )
            np.testing.assert_array_equal(np.asarray(chunked), expected)


def test_group_bootstrap_equals_per_feature():
    rng = np.random.default_rng(2)
    counts = rng.poisson(1.5, (1_203, 3))
    counts[:, 2] = 0
    sizes = rng.integers(0, 400, 1_203)
    rate, low, high = cluster_bootstrap_rates(counts, sizes, 1_500, 7)
    for j in range(3):
        one = cluster_bootstrap_rate(counts[:, j], sizes, 1_500, 7)
        assert (rate[j], low[j], high[j]) == (one.rate, one.low, one.high)
