"""Units, concept groups, bootstrap rates and years mentioned (notebook 03)."""

import numpy as np
import pandas as pd
import pytest

import antcorpus
from antcorpus.config import REPO, SEEDS
from antcorpus.corpus import corpus_eras
from antcorpus.plots.trends import tick_step
from antcorpus.stats import trends, years
from antcorpus.text import units

POETRY = REPO / "corpora" / "tang-song-shi"
ANT_SPAN = (1990, 2029)


def test_chunks_pack_whole_sentences():
    text = "一二三四五。六七八九十。甲乙。\n丙丁戊己庚。"
    assert units.chunk_text(text, size=8) == [
        "一二三四五。六七八九十。",
        "甲乙。丙丁戊己庚。",
    ]
    assert "".join(units.chunk_text(text, size=8)) == text.replace("\n", "")


def test_piece_units_paragraphs_or_chunks():
    assert units.piece_units("甲。\n乙。\n丙。", min_paragraphs=3) == (
        "paragraph",
        ["甲。", "乙。", "丙。"],
    )
    assert units.piece_units("甲。\n乙。", min_paragraphs=3, size=1) == (
        "chunk",
        ["甲。", "乙。"],
    )


def test_corpus_units_cover_every_piece_and_its_text(corpus):
    table = units.corpus_reshape(corpus, "units")
    assert set(table["doc_id"]) == set(corpus["doc_id"])
    for piece in corpus.itertuples():
        joined = "".join(table.loc[table.doc_id == piece.doc_id, "text"])
        assert joined.replace("\n", "") == piece.text.replace("\n", "")


def test_concept_terms_segment_whole_and_count():
    groups = trends.concept_groups()  # the default folder: seeds/, the Ant corpus
    assert groups["term"].is_unique, "a term belongs to one group only"
    for term in groups["term"]:
        assert antcorpus.tokenize(term) == [term], term
    assert groups["gloss"].notna().all(), "every concept term needs a glossary entry"
    assert groups["reason"].str.len().gt(0).all(), (
        "every term says why it is in its group"
    )
    assert {
        "regulatory_pressure",
        "regulatory_infrastructure",
        "risk",
        "growth",
        "technology",
        "social",
        "international",
        "naming",
    } == set(groups["group"])


def test_unit_counts():
    got = trends.unit_counts(
        [["监管", "合规", "用户"], []], {"regulation": {"监管", "合规"}}
    )
    assert got.to_dict("list") == {"regulation": [2, 0], "tokens": [3, 0]}


def test_time_bin():
    ts = pd.Timestamp
    assert trends.time_bin(ts("2017-01-01"), ts("2017-12-31")) == "2017"
    assert trends.time_bin(pd.NaT, pd.NaT) == "undated"
    assert trends.time_bin(ts("2017-06-01"), ts("2018-05-31")) == "undated"
    assert trends.time_bin(ts("0729-01-01"), ts("0729-12-31")) == "0729", (
        "years sort as strings, so they carry four digits"
    )


def test_bootstrap_rate_degenerate_and_seeded():
    assert trends.bootstrap_rate([1] * 10, [10] * 10) == (1000.0, 1000.0, 1000.0)
    hits, totals = [0, 5, 1, 0, 3], [10, 20, 15, 5, 30]
    rate, lo, hi = trends.bootstrap_rate(hits, totals, seed=3)
    assert rate == pytest.approx(10_000 * 9 / 80) and lo < rate < hi
    assert trends.bootstrap_rate(hits, totals, seed=3) == (rate, lo, hi)


def test_trend_table_counts_pieces_tokens_and_hits():
    table = pd.DataFrame({"doc_id": ["a", "a", "b"], "year": ["2017", "2017", "2025"]})
    counts = pd.DataFrame({"risk": [1, 0, 4], "tokens": [10, 10, 20]})
    got = trends.textstat_trends(table, counts, "year", n_boot=200).set_index("year")
    assert got.loc[
        "2017", ["pieces", "units", "tokens", "count", "per_10k"]
    ].tolist() == [1, 2, 20, 1, 500.0]
    assert got.loc["2025", "per_10k"] == 2000.0


def test_years_mentioned_skip_amounts_and_masks():
    assert years.years_mentioned(
        "2014年到2017年，增长12.2015%，2000亿元，####年，2004-2011，20201", ANT_SPAN
    ) == [2014, 2017, 2004, 2011]


def test_years_mentioned_only_within_the_span():
    text = "开元二十九年即741年，至1061年；另有3000人、1985年、९९९年"
    assert years.years_mentioned(text, (690, 1279)) == [741, 1061]
    assert years.years_mentioned(text, ANT_SPAN) == []
    assert years.years_mentioned(text, (1980, 3000)) == [1985]


def test_year_span_comes_from_the_corpus_eras():
    assert years.year_span(corpus_eras(SEEDS)) == ANT_SPAN
    assert years.year_span(corpus_eras(SEEDS), lookback=0) == (2010, 2029)
    assert years.year_span(corpus_eras(POETRY)) == (690, 1279)
    undated = pd.DataFrame({"name": ["x"], "start": [pd.NaT], "end": [pd.NaT]})
    assert years.year_span(undated) is None


def test_recent_default_is_the_year_after_the_reference_era():
    assert years.recent_default(corpus_eras(SEEDS), "2016–2018") == 2019
    assert years.recent_default(corpus_eras(POETRY), "盛唐") == 766
    assert years.recent_default(corpus_eras(SEEDS), "undated") is None
    assert years.recent_default(corpus_eras(SEEDS), None) is None


def test_poetry_names_no_years_in_arabic_numerals():
    poetry = antcorpus.load_corpus(POETRY)
    span = years.year_span(corpus_eras(POETRY))
    assert years.textstat_years(poetry, span).empty


def test_years_table_never_holds_a_masked_year(corpus):
    table = years.textstat_years(corpus, ANT_SPAN)
    luwei = table[table.doc_id == "luwei-2017-book-review"]
    assert luwei.empty, (
        "卢伟's rewritten years are masked as #### and must not be read as years"
    )
    assert set(table.loc[table.era == "2025", "year"]) >= {2023, 2024, 2025}
    assert np.issubdtype(table["year"].dtype, np.integer)


def test_trend_compare_directions_and_text():
    rows = [
        ("A", "up", 10, 5, 15),
        ("B", "up", 40, 30, 50),
        ("A", "down", 40, 30, 50),
        ("B", "down", 5, 1, 9),
        ("A", "same", 10, 5, 20),
        ("B", "same", 15, 10, 25),
    ]
    table = pd.DataFrame(
        [
            {
                "era": e,
                "feature": f,
                "per_10k": r,
                "ci_low": lo,
                "ci_high": hi,
                "count": 3,
                "tokens": 1000,
                "pieces": 2,
            }
            for e, f, r, lo, hi in rows
        ]
    )
    got = trends.trend_compare(table, "era", "A", "B").set_index("feature")
    assert got["B vs A"].to_dict() == {
        "up": "higher",
        "down": "lower",
        "same": "overlap",
    }
    assert (
        got.loc["up", "A"] == "10 [5, 15] (3 of 1,000 tokens, n=2)"
        and got.loc["up", "ratio"] == 4.0
    )


def test_years_summary_counts_pieces_without_years():
    corpus = pd.DataFrame({"doc_id": ["a", "b"], "era": ["x", "x"]})
    table = pd.DataFrame(
        {"doc_id": ["a", "a"], "era": ["x", "x"], "year": [2014, 2020], "count": [3, 1]}
    )
    got = years.years_summary(table, corpus, by="era", recent=2019).iloc[0]
    assert (
        got.pieces,
        got.pieces_with_years,
        got.mentions,
        got.earliest,
        got.latest,
    ) == (2, 1, 4, 2014, 2020)
    assert got.median_year == 2014 and got.share_2019_on == 0.25
    plain = years.years_summary(table, corpus, by="era")
    assert not [c for c in plain.columns if c.startswith("share_")]


def test_bootstrap_interval_vectorised_and_seeded():
    from antcorpus.stats.resample import bootstrap_interval

    values = np.array([1.0, 2.0, 3.0, 4.0])
    lo, hi = bootstrap_interval(
        lambda i: values[i].mean(axis=1), 4, 500, np.random.default_rng(1)
    )
    assert 1.0 <= lo < 2.5 < hi <= 4.0
    again = bootstrap_interval(
        lambda i: values[i].mean(axis=1), 4, 500, np.random.default_rng(1)
    )
    assert (lo, hi) == again
    lo2, hi2 = bootstrap_interval(
        lambda i: np.stack([values[i].mean(axis=1), values[i].max(axis=1)], axis=1),
        4,
        500,
        np.random.default_rng(1),
    )
    assert lo2[0] == lo and hi2[1] == 4.0


def test_tick_step_every_year_when_few_else_round_steps():
    assert tick_step(2016, 2026) == 1
    assert tick_step(729, 1168) == 50
    assert tick_step(1990, 2029, most=30) == 2


def trend_table(years_, features, undated=True):
    """A textstat_trends-shaped table: every feature in every year, undated last."""
    bins = [f"{y:04d}" for y in years_] + (["undated"] if undated else [])
    return pd.DataFrame(
        [
            {
                "year": b,
                "feature": f,
                "pieces": 2,
                "units": 9,
                "tokens": 1234,
                "count": 3,
                "per_10k": 24.3,
                "ci_low": 8.1,
                "ci_high": 40.5,
            }
            for b in bins
            for f in features
        ]
    )


def test_years_sit_on_a_time_axis_unless_their_labels_collide():
    from antcorpus.plots.trends import year_positions

    xs, on_time = year_positions([2016, 2017, 2018, 2020, 2025], 2.6)
    assert on_time and xs[2025] - xs[2020] == 5
    xs, on_time = year_positions([729, 741, 1165, 1167], 2.6)
    assert not on_time and list(xs.values()) == [0, 1, 2, 3]


def test_bottom_panels_are_the_lowest_used_in_each_column():
    from antcorpus.plots.trends import bottom_panels

    grid = np.arange(8).reshape(4, 2)
    assert bottom_panels(grid, 7) == [6, 5] and bottom_panels(grid, 8) == [6, 7]
    assert bottom_panels(np.arange(3).reshape(3, 1), 3) == [2]


@pytest.mark.parametrize(
    "years_, features",
    [
        ([2016, 2017, 2018, 2020, 2025], ["regulatory_pressure", "risk", "growth"]),
        ([729, 741, 752, 812, 1061, 1165, 1167], list("相君未欲山云复")),
    ],
)
def test_small_multiples_fit_a_report_column(years_, features):
    import matplotlib.pyplot as plt

    from antcorpus.plots.base import COLUMN_IN, MIN_FONT_PT, figure_layout
    from antcorpus.plots.trends import plot_trends, trends_data

    table = trend_table(years_, features)
    fig = plot_trends(table, features, "A title", folder=SEEDS)
    width, smallest = figure_layout(fig)
    plt.close(fig)
    assert width <= COLUMN_IN + 0.05 and smallest >= MIN_FONT_PT
    shown = trends_data(table)
    assert list(shown.columns) == [
        "year",
        "feature",
        "rate_per_10k_tokens",
        "ci95_low",
        "ci95_high",
        "pieces",
        "content_tokens",
    ]
    assert len(shown) == len(table)


def test_year_labels_carry_pieces_and_tokens():
    import matplotlib.pyplot as plt

    from antcorpus.plots.trends import plot_trends

    fig = plot_trends(trend_table([2016, 2025], ["risk"]), ["risk"], "t")
    labels = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    plt.close(fig)
    assert labels == [
        "2016 · n=2 · 1,234",
        "2025 · n=2 · 1,234",
        "undated · n=2 · 1,234",
    ]


def test_years_figure_fits_and_lists_every_mark(corpus):
    import matplotlib.pyplot as plt

    from antcorpus.plots.base import COLUMN_IN, figure_layout
    from antcorpus.plots.years import plot_years, years_data

    order = corpus_eras(SEEDS)["name"].tolist()
    mentioned = years.textstat_years(corpus, ANT_SPAN)
    fig = plot_years(mentioned, corpus, order)
    assert figure_layout(fig)[0] <= COLUMN_IN + 0.05
    plt.close(fig)
    shown = years_data(mentioned, corpus)
    dated = corpus["date_start"].notna().sum()
    assert (shown["mark"] == "content year").sum() == dated
    assert (shown["mark"] == "year mentioned").sum() == len(mentioned)
    assert list(shown.columns) == ["doc_id", "era", "mark", "year", "mentions"]
