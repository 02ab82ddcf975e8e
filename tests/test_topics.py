"""Topic-model helpers on a toy corpus.

Packing, repeatable fits, stability, shares, labels; replication has its own file.
"""

import numpy as np
import pandas as pd
import pytest

from antcorpus.config import SEEDS
from antcorpus.corpus.knowledge import domain_words, resource_rows
from antcorpus.stats import topic_reading as shares
from antcorpus.stats import topics
from antcorpus.text import units as text_units

SETTINGS = topics.LdaSettings(
    no_below=1, no_above=1.0, passes=10, iterations=50, top_n=3
)
FIN = ["支付", "银行", "理财", "基金"]
REG = ["监管", "合规", "风险", "处罚"]
DOCS = [FIN * 3, REG * 3, FIN * 2 + REG[:1], REG * 2 + FIN[:1]] * 3


def test_units_pack_merges_short_units_within_a_piece():
    units = pd.DataFrame(
        {
            "doc_id": ["a", "a", "a", "b"],
            "era": ["x"] * 4,
            "unit": [0, 1, 2, 0],
            "text": ["标题", "正文一", "尾", "短"],
        }
    )
    tokens = [["t"], ["t", "t", "t"], ["t"], ["t"]]
    packed, docs = text_units.units_pack(units, tokens, min_tokens=3)
    assert packed["text"].tolist() == ["标题\n正文一\n尾", "短"]
    assert packed["n_tokens"].tolist() == [5, 1] and [len(d) for d in docs] == [5, 1]
    assert packed["unit"].tolist() == [0, 0]


def test_dictionary_filters_are_applied():
    d = topics.topics_dictionary(
        [["a", "b"], ["a", "c"], ["a", "b"]],
        topics.LdaSettings(no_below=2, no_above=0.9),
    )
    assert set(d.token2id) == {"b"}


def test_fit_is_repeatable_and_separates_clear_topics():
    d = topics.topics_dictionary(DOCS, SETTINGS)
    first = topics.topics_top(topics.topics_fit(DOCS, d, 2, 7, SETTINGS), 4)
    assert first == topics.topics_top(topics.topics_fit(DOCS, d, 2, 7, SETTINGS), 4)
    assert sorted(set(t) for t in first) == sorted(
        [set(FIN), set(REG)], key=lambda s: sorted(s) != sorted(first[0])
    )


def test_jaccard_and_stability_hand_computed():
    assert topics.jaccard(["a", "b"], ["b", "c"]) == pytest.approx(1 / 3)
    same = [[["a", "b"], ["c", "d"]]] * 3
    assert topics.topics_stability(same) == 1.0
    # run 2 shares one word of two with each topic of run 1: every best match is 1/3
    assert topics.topics_stability(
        [[["a", "b"], ["c", "d"]], [["a", "c"], ["b", "d"]]]
    ) == pytest.approx(1 / 3)


def test_choose_k_by_coherence_then_stability_and_the_medoid_seed():
    sweep = pd.DataFrame(
        {
            "k": [2, 3, 3, 4, 4],
            "seed": [0, 0, 1, 0, 1],
            "c_npmi": [0.9, 0.1, 0.3, 0.2, 0.2],
            "stability": [1, 0.5, 0.5, 0.9, 0.9],
            "top": [[["a"]], [["a"], ["b"]], [["a"], ["c"]], [["x"]], [["x"]]],
        }
    )
    assert (
        topics.choose_k(sweep, min_k=3) == 4
    )  # mean c_npmi ties at 0.2; k=4 is the more stable
    assert topics.choose_k(sweep, min_k=2) == 2
    runs = pd.DataFrame(
        {
            "k": [5, 5, 5],
            "seed": [0, 1, 2],
            "top": [[["a", "b"]], [["c", "d"]], [["a", "b"]]],
        }
    )
    assert (
        topics.choose_seed(runs, 5) == 0
    )  # seeds 0 and 2 agree; the lower seed wins the tie


def test_shares_weighted_with_interval():
    units = pd.DataFrame(
        {"doc_id": ["a", "a", "b"], "era": ["x", "x", "y"], "n_tokens": [30, 10, 5]}
    )
    theta = np.array([[1.0, 0.0], [0.0, 1.0], [0.5, 0.5]])
    got = shares.topic_shares(units, theta, "era", n_boot=200).set_index(
        ["era", "feature"]
    )
    assert (
        got.loc[("x", "T1"), "share"] == 0.75 and got.loc[("y", "T2"), "share"] == 0.5
    )
    assert got.loc[("x", "T1"), "ci_low"] <= 0.75 <= got.loc[("x", "T1"), "ci_high"]
    assert got.loc[("y", "T1"), ["ci_low", "ci_high"]].tolist() == [0.5, 0.5]


def test_labels_apply_only_while_top_words_match():
    rows = resource_rows("topic_labels", SEEDS)
    assert rows, "the reviewed label file is empty"
    k, seed = int(rows[0]["k"]), int(rows[0]["seed"])
    mine = [r for r in rows if (int(r["k"]), int(r["seed"])) == (k, seed)]
    tops = [["x"] * 6 for _ in range(k)]
    for r in mine:
        tops[int(r["topic"]) - 1] = r["top_words"].split() + ["x"]
    got = shares.topic_labels(k, seed, tops, folder=SEEDS)
    assert [got[int(r["topic"]) - 1] for r in mine] == [r["label"] for r in mine]
    changed = int(mine[0]["topic"]) - 1
    tops[changed] = ["changed"] + tops[changed][1:]
    assert (
        shares.topic_labels(k, seed, tops, folder=SEEDS)[changed] == shares.UNREVIEWED
    )


def test_a_corpus_without_reviewed_labels_leaves_topics_unreviewed(tmp_path):
    tops = [["支付", "银行"], ["监管", "合规"]]
    assert shares.topic_labels(2, 0, tops, folder=tmp_path) == [shares.UNREVIEWED] * 2
    got = shares.topic_labels(2, 0, tops, stable=[True, False], folder=tmp_path)
    assert got == [shares.UNREVIEWED, shares.UNSTABLE]
    table = shares.topic_table(tops, got, folder=tmp_path)
    assert table["top_words"].tolist() == ["支付 · 银行", "监管 · 合规"]


def test_excerpts_pick_the_most_dominated_units():
    units = pd.DataFrame({"doc_id": ["a", "b"], "text": ["甲" * 100, "乙"]})
    got = shares.topic_excerpts(units, np.array([[0.9, 0.1], [0.2, 0.8]]), n=1, chars=5)
    assert got["excerpt"].tolist() == ["甲甲甲甲甲…", "乙"]


def test_project_settings_never_trigger_too_few_updates(caplog):
    d = topics.topics_dictionary(DOCS, topics.LdaSettings(no_below=1, no_above=1.0))
    with caplog.at_level("WARNING", logger="gensim"):
        topics.topics_fit(DOCS, d, 2, 0, topics.LdaSettings())
        assert not [r for r in caplog.records if "too few updates" in r.getMessage()]
        topics.topics_fit(
            DOCS, d, 2, 0, topics.LdaSettings(passes=1)
        )  # the control: one pass does warn
        assert [r for r in caplog.records if "too few updates" in r.getMessage()]


def test_reviewed_labels_match_a_fresh_fit_of_the_real_corpus(corpus):
    """Two fresh fits give the same topics, the ones the labels were reviewed on."""
    import antcorpus
    from antcorpus.text import units

    rows = resource_rows("topic_labels", SEEDS)
    k, seed = int(rows[0]["k"]), int(rows[0]["seed"])
    raw = units.corpus_reshape(corpus, "units")
    _, docs = units.units_pack(
        raw,
        antcorpus.tokens_corpus(raw["text"].tolist(), words=domain_words(SEEDS)),
        topics.MIN_TOKENS,
    )
    settings = topics.LdaSettings()
    d = topics.topics_dictionary(docs, settings)
    first = topics.topics_top(topics.topics_fit(docs, d, k, seed, settings), 10)
    assert first == topics.topics_top(topics.topics_fit(docs, d, k, seed, settings), 10)
    labels = shares.topic_labels(k, seed, first, folder=SEEDS)
    reviewed = [
        int(r["topic"]) for r in rows if (int(r["k"]), int(r["seed"])) == (k, seed)
    ]
    assert [labels[t - 1] for t in reviewed] == [
        r["label"] for r in rows if (int(r["k"]), int(r["seed"])) == (k, seed)
    ], "re-review topic_labels.tsv"


def test_topic_matrix_rows_are_proportions():
    d = topics.topics_dictionary(DOCS, SETTINGS)
    model = topics.topics_fit(DOCS, d, 2, 0, SETTINGS)
    theta = topics.topic_matrix(model, d, DOCS)
    assert theta.shape == (len(DOCS), 2) and np.allclose(theta.sum(axis=1), 1.0)


def test_a_corpus_too_small_for_a_topic_model_says_so():
    with pytest.raises(ValueError, match="too small"):
        topics.topics_dictionary([["a"], ["b"]], topics.LdaSettings())


def _topic_shares(k: int, groups: list[str]) -> pd.DataFrame:
    """A `topic_shares`-shaped table: k topics per group, shares summing to one."""
    rows = [
        {
            "era": g,
            "feature": f"T{t}",
            "share": 1 / k,
            "ci_low": 0.5 / k,
            "ci_high": 1.5 / k,
            "pieces": 2,
            "units": 9,
            "tokens": 1234,
        }
        for g in groups
        for t in range(1, k + 1)
    ]
    table = pd.DataFrame(rows)
    table.attrs["by"] = "era"
    return table


@pytest.mark.parametrize(("k", "edition"), [(3, "en"), (12, "en"), (12, "zh")])
def test_topic_figures_fit_a_column_for_few_and_many_topics(monkeypatch, k, edition):
    import matplotlib.pyplot as plt

    from antcorpus import plots

    monkeypatch.setenv("ANTCORPUS_LABELS", edition)
    labels = [shares.UNSTABLE, "broad: a reviewed label of some length"] + [
        shares.UNREVIEWED
    ] * (k - 2)
    table = _topic_shares(k, ["盛唐", "中晚唐", "宋"])
    for fig in (
        plots.plot_heatmap(table, labels),
        plots.plot_share_bars(table, ["盛唐", "中晚唐", "宋"], labels),
    ):
        plots.check_layout(fig, "04-test")
        keyed = bool(fig.axes[0].get_xlabel())  # many topics: a key below the axes
        assert keyed == (k == 12)
        plt.close(fig)
    drawn = plots.share_bars_data(table, labels)
    assert drawn["topic_label"].iloc[0] == plots.topic_name(shares.UNSTABLE)
    assert plots.heatmap_data(table, labels).shape == (3 * k, 4)


def test_sweep_figure_and_its_points():
    import matplotlib.pyplot as plt

    from antcorpus import plots

    rows = [
        {
            "method": m,
            "seeds": s,
            "n_seeds": 2,
            "k": float(k),
            **{c: 0.1 * k for c in ("c_npmi", "npmi_units", "stability", "ari")},
            **{
                f"{c}_{e}": 0.1
                for c in ("c_npmi", "npmi_units")
                for e in ("min", "max")
            },
        }
        for m in ("lda", "nmf")
        for s in ("choice", "report")
        for k in (2, 3)
    ]
    summary = pd.DataFrame(rows)
    summary.attrs["seed_sets"] = {"choice": [0, 1], "report": [2, 3]}
    chosen, baseline = {"lda": 3, "nmf": 2}, {"c_npmi": 0.0, "npmi_units": 0.1}
    fig = plots.plot_sweep(summary, chosen, baseline)
    plots.check_layout(fig, "04-test")
    plt.close(fig)
    drawn = plots.sweep_data(summary, chosen, baseline)
    assert len(drawn) == 4 + 4 + 1  # report rows, choice rows (c_npmi), baseline
    report = drawn[drawn["seeds"] == "report"].set_index("method")
    assert report.loc["nmf", "c_npmi_min"].isna().all()  # NMF's range is not drawn
    assert drawn["chosen_k"].sum() == 4 and drawn["k"].dtype == "Int64"


def test_wrap_label_counts_cjk_twice_and_keeps_closing_marks():
    from antcorpus.plots.shapes import wrap_label

    assert wrap_label("one two three four", 9) == "one two\nthree\nfour"
    assert wrap_label("主题占比（词元加权）", 16) == "主题占比（词元加\n权）"
    assert wrap_label("一二三四）", 8) == "一二三四）"
