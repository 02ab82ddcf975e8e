"""Counting (notebook 02).

Counts, rates, bigrams, TF-IDF, lexical diversity, word clouds.
"""

import math

import numpy as np
import pandas as pd
import pytest

from antcorpus.plots import clouds
from antcorpus.stats import counts
from antcorpus.stats import diversity as lexdiv
from antcorpus.text.tokens import tokens_bigrams

DOCS = [["a", "a", "b"], ["b", "c"]]


def test_dfm_and_group_sums():
    dfm = counts.tokens_dfm(DOCS, ["d1", "d2"])
    assert dfm.loc["d1"].to_dict() == {"a": 2, "b": 1, "c": 0}
    grouped = counts.dfm_group(dfm, pd.Series({"d1": "x", "d2": "x"}))
    assert grouped.loc["x"].to_dict() == {"a": 2, "b": 2, "c": 1}


def test_top_terms_rates_per_10k_and_ties_alphabetical():
    top = counts.dfm_top(counts.tokens_dfm([["b", "a", "c", "c"]], ["d"]), n=2)
    assert top[["term", "count", "per_10k", "total_tokens"]].values.tolist() == [
        ["c", 2, 5000.0, 4],
        ["a", 1, 2500.0, 4],
    ]


def test_bigrams_never_cross_a_stopword_or_punctuation():
    assert tokens_bigrams("蚂蚁金服推出花呗和借呗。余额宝") == [
        ("蚂蚁金服", "推出"),
        ("推出", "花呗"),
    ]


def test_counts_bigrams_reports_pieces_using():
    got = counts.textstat_bigrams(
        ["蚂蚁金服推出花呗", "蚂蚁金服推出借呗"], ["x", "x"], n=1
    ).iloc[0]
    assert (got.bigram, got["count"], got.pieces_using, got.pieces) == (
        "蚂蚁金服 推出",
        2,
        2,
        2,
    )


def test_tfidf_hand_computed():
    dfm = counts.tokens_dfm(DOCS, ["d1", "d2"])
    one = counts.dfm_tfidf(dfm, min_count=2)
    assert one[["doc_id", "term"]].values.tolist() == [["d1", "a"]]
    assert one["tfidf"].iloc[0] == pytest.approx(2 / 3 * math.log(2), abs=1e-5)
    two = counts.dfm_tfidf(dfm, min_count=1)
    assert two[two.doc_id == "d2"]["term"].tolist() == [
        "c"
    ]  # b is in every document: score 0, not listed


@pytest.mark.parametrize(
    "tokens, window, expected",
    [(list("ababc"), 2, 1.0), (list("ababc"), 3, 7 / 9), (list("aab"), 5, 2 / 3)],
)
def test_mattr_hand_computed(tokens, window, expected):
    assert lexdiv.mattr(tokens, window) == pytest.approx(expected)


@pytest.mark.parametrize(
    "tokens, expected",
    [
        (list("abab"), 4.0),
        (list("aa"), 2.0),
        (list("abca"), 4 / ((1 - 0.75) / 0.28)),
        (list("abc"), math.inf),
    ],
)
def test_mtld_hand_computed(tokens, expected):
    assert lexdiv.mtld(tokens) == pytest.approx(expected)


def test_mattr_is_length_robust_where_ttr_is_not():
    rng = np.random.default_rng(0)
    vocab = [f"w{i}" for i in range(300)]
    short, long = list(rng.choice(vocab, 300)), list(rng.choice(vocab, 3000))
    ttr = lambda t: len(set(t)) / len(t)  # noqa: E731
    assert ttr(short) - ttr(long) > 0.4
    assert abs(lexdiv.mattr(short) - lexdiv.mattr(long)) < 0.03


def test_lexdiv_table():
    table = lexdiv.textstat_lexdiv([list("aab")], ["d"], window=2)
    assert table.iloc[0][
        ["tokens", "types", "hapax_share", "ttr", "mattr_2"]
    ].tolist() == [3, 2, 0.5, 0.667, 0.75]


def test_comparison_terms_split_by_side():
    rates = pd.DataFrame(
        {"A": [10.0, 0.0, 5.0, 1.0], "B": [0.0, 8.0, 5.0, 3.0]},
        index=["监管", "风险", "创新", "用户"],
    )
    got = counts.dfm_compare(rates, "A", "B", n=2)
    assert got[["term", "leans_to"]].values.tolist() == [["监管", "A"], ["风险", "B"]]
    assert got["gloss"].tolist() == ["regulation", "risk"]


def test_cloud_is_seeded_and_refuses_missing_glyphs():
    freqs = {"蚂蚁金服": 5.0, "监管": 3.0, "花呗": 1.0}
    first = clouds.cloud_draw(freqs, "#0072B2", seed=1).to_array()
    assert np.array_equal(first, clouds.cloud_draw(freqs, "#0072B2", seed=1).to_array())
    with pytest.raises(ValueError, match="no glyph"):
        clouds.cloud_draw({"\U0002a700": 1.0}, "#000000")


def test_tfidf_with_nothing_distinctive_keeps_its_columns():
    got = counts.dfm_tfidf(counts.tokens_dfm([["a"], ["b"]], ["d1", "d2"]), min_count=2)
    assert got.empty and "doc_id" in got.columns


def test_bigrams_use_the_given_dictionary():
    bare = counts.textstat_bigrams(["蚂蚁金服推出花呗"], ["x"], n=5, words=())
    assert "蚂蚁金服 推出" not in set(bare["bigram"])


def test_compare_has_no_gloss_without_a_glossary(tmp_path):
    rates = pd.DataFrame({"A": [10.0, 0.0], "B": [0.0, 8.0]}, index=["监管", "风险"])
    got = counts.dfm_compare(rates, "A", "B", n=2, folder=tmp_path)
    assert got["gloss"].tolist() == ["", ""]


def test_merging_aliases_sums_variants_into_their_name():
    dfm = pd.DataFrame(
        {"旧名": [3, 0], "新名": [0, 2], "别的": [1, 1]}, index=["early", "late"]
    )
    aliases = {"旧名": "新名", "不见": "新名"}
    merged = counts.dfm_merge(dfm, aliases)
    assert merged.loc[:, "新名"].tolist() == [3, 2] and "旧名" not in merged
    assert merged["别的"].tolist() == [1, 1]
    table = counts.alias_table(dfm, aliases).set_index("form")
    assert table.index.tolist() == ["不见", "旧名", "新名", "merged"]
    assert table.loc["merged", ["early", "late"]].tolist() == [3, 2]
    assert table.loc["不见", ["early", "late"]].tolist() == [0, 0]


@pytest.mark.parametrize(
    "era, order, expected",
    [
        ("2016–2018", ["2016–2018", "2025"], "2016-2018"),
        ("2025", ["2016–2018", "2025"], "2025"),
        ("盛唐", ["盛唐", "中晚唐", "宋"], "era1"),
        ("宋", ["盛唐", "中晚唐", "宋"], "era3"),
        ("a b", ["a b"], "era1"),
    ],
)
def test_era_slug_keeps_ascii_names_and_numbers_the_rest(era, order, expected):
    from antcorpus.plots.base import FIGURE_NAME
    from antcorpus.plots.counts import era_slug

    slug = era_slug(era, order)
    assert slug == expected and FIGURE_NAME.match(f"02-cloud-{slug}")


def test_colour_names_cover_the_palette():
    from antcorpus.plots.base import PALETTE
    from antcorpus.plots.counts import colour_name

    assert colour_name(PALETTE[0]) == "blue" and colour_name(PALETTE[2]) == "vermilion"
    assert (
        all(colour_name(c) != c for c in PALETTE)
        and colour_name("#123456") == "#123456"
    )


def test_colour_names_in_the_chinese_edition(monkeypatch):
    from antcorpus.plots.base import PALETTE
    from antcorpus.plots.counts import colour_name

    monkeypatch.setenv("ANTCORPUS_LABELS", "zh")
    assert colour_name(PALETTE[0]) == "蓝色" and colour_name(PALETTE[2]) == "朱红色"


def fits_a_column(fig) -> bool:
    """The figure as saved is no wider than a report column, its text big enough."""
    import matplotlib.pyplot as plt

    from antcorpus.plots.base import COLUMN_IN, MIN_FONT_PT, figure_layout

    width, smallest = figure_layout(fig)
    plt.close(fig)
    return width <= COLUMN_IN + 0.05 and smallest >= MIN_FONT_PT


def top_table(groups, terms):
    """A dfm_top-shaped table: the same terms ranked in every group."""
    return pd.DataFrame(
        [
            {
                "group": g,
                "rank": r + 1,
                "term": t,
                "count": 10 - r,
                "per_10k": 100.0 - r,
                "total_tokens": 3776,
            }
            for g in groups
            for r, t in enumerate(terms)
        ]
    )


@pytest.mark.parametrize("edition", ["en", "zh"])
def test_top_terms_fit_a_column_with_glossed_labels(monkeypatch, edition):
    from antcorpus.config import SEEDS
    from antcorpus.plots.counts import plot_top_terms, top_terms_data

    monkeypatch.setenv("ANTCORPUS_LABELS", edition)
    eras = ["2016–2018", "2020", "2025", "undated"]
    top = top_table(eras, ["蚂蚁金服", "金融机构", "蚂蚁集团", "理财", "支付宝"])
    assert fits_a_column(plot_top_terms(top, eras, "title", folder=SEEDS))
    shown = top_terms_data(top, SEEDS)
    glossed = shown["label"].iloc[0] == "蚂蚁金服 (Ant Financial (name until 2020))"
    assert glossed == (edition == "en")
    assert list(shown.columns) == [
        "era",
        "rank",
        "term",
        "label",
        "rate_per_10k_tokens",
        "era_content_tokens",
    ]


def test_panels_take_as_many_columns_as_their_labels_allow():
    from antcorpus.plots.counts import fit_labels, panel_columns

    assert panel_columns(["相", "曲歌辞"], 3) == 3
    assert panel_columns(["相"], 4) == 2  # two rows of two, not three and one
    assert panel_columns(["蚂蚁金服 (Ant Financial (name until 2020))"], 3) == 2
    assert panel_columns(["相"], 1) == 1
    wrapped = fit_labels(["蚂蚁金服 (Ant Financial (name until 2020))", "相"], 2)
    assert "\n" in wrapped[0] and wrapped[1] == "相"


def test_clouds_fit_a_column_and_list_what_they_draw():
    from antcorpus.plots.clouds import cloud_data, compare_data

    freqs = {"蚂蚁": 30.0, "金服": 20.0, "花呗": 10.0}
    cloud = clouds.cloud_draw(freqs, "#0072B2", seed=1)
    assert fits_a_column(clouds.cloud_figure(cloud, "A title", "line one\nline two"))
    words = pd.Series({"蚂蚁": 3, "金服": 1})
    assert cloud_data(words, 100)["rate_per_10k_tokens"].tolist() == [300.0, 100.0]
    rates = pd.DataFrame({"a": [30.04, 1.0], "b": [0.0, 9.0]}, index=["x", "y"])
    shown = compare_data(counts.dfm_compare(rates, "a", "b", n=2), "a", "b")
    assert list(shown.columns) == [
        "term",
        "gloss",
        "rate_per_10k_a_reference",
        "rate_per_10k_b_target",
        "difference_per_10k_a_minus_b",
        "leans_to",
    ]
    assert shown["rate_per_10k_a_reference"].tolist() == [30.0, 1.0]


def test_lexical_diversity_fits_a_column_and_labels_every_piece():
    import matplotlib.pyplot as plt

    from antcorpus.plots.diversity import lexdiv_data, plot_lexdiv

    docs = [["a", "b", "c"] * n for n in (40, 60, 300, 900)]
    ids = ["p-2016-one-x", "p-2017-two", "p-2020-three", "p-2025-four"]
    table = lexdiv.textstat_lexdiv(docs, ids, 100)
    eras = pd.Series(["2016", "2016", "2020", "2025"], index=ids)
    fig = plot_lexdiv(table, eras, ["2016", "2020", "2025"])
    notes = {t.get_text() for ax in fig.axes for t in ax.texts}
    plt.close(fig)
    assert notes == {"p-2016-one", "p-2017-two", "p-2020-three", "p-2025-four"}
    assert fits_a_column(plot_lexdiv(table, eras, ["2016", "2020", "2025"]))
    assert lexdiv_data(table, eras)["label"].tolist()[0] == "p-2016-one"
