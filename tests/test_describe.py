"""Notebook 01's computations: piece table, era balance, segmentation comparison."""

import matplotlib.pyplot as plt
import pandas as pd

import antcorpus
from antcorpus import plots
from antcorpus.corpus import corpus_eras
from antcorpus.stats import describe
from conftest import PIECE, TEXT, write_corpus

SECOND = {
    **PIECE,
    "doc_id": "toy-2025",
    "source_file": "b.txt",
    "date": "2025",
    "date_precision": "year",
    "author_type": "machine",
}
UNDATED = {
    **PIECE,
    "doc_id": "toy-undated",
    "source_file": "c.txt",
    "date": None,
    "date_precision": "undated",
}
ERAS = [
    {"name": "2016–2018", "start": "2016-01-01", "end": "2018-12-31"},
    {"name": "2025", "start": "2025-01-01", "end": "2025-12-31"},
]


def three_pieces(tmp_path, monkeypatch):
    """A toy corpus with one piece per era and one undated piece."""
    import conftest

    monkeypatch.setattr(conftest, "ERAS", ERAS)
    files = {"a.txt": TEXT.encode(), "b.txt": TEXT.encode(), "c.txt": TEXT.encode()}
    folder = write_corpus(tmp_path / "three", files, [dict(PIECE), SECOND, UNDATED])
    corpus = antcorpus.load_corpus(folder)
    return (
        folder,
        corpus,
        describe.corpus_table(corpus, [antcorpus.tokenize(t) for t in corpus["text"]]),
    )


def test_corpus_table_counts(tmp_path, monkeypatch):
    _, corpus, table = three_pieces(tmp_path, monkeypatch)
    assert list(table.columns) == describe.TABLE_COLUMNS
    first = table.iloc[0]
    assert (
        first.n_tokens == len(antcorpus.tokenize(corpus["text"][0]))
        and first.n_paragraphs == 2
    )
    assert first.n_types <= first.n_tokens and first.n_chars == len(corpus["text"][0])


def test_era_balance_in_catalog_order_and_sums(tmp_path, monkeypatch):
    folder, _, table = three_pieces(tmp_path, monkeypatch)
    order = corpus_eras(folder)["name"].tolist()
    assert order == ["2016–2018", "2025", "undated"]
    balance = describe.era_balance(table, order)
    assert balance["era"].tolist() == order
    assert balance["tokens"].sum() == table["n_tokens"].sum()
    assert balance.set_index("era").loc["2025", "machine_pieces"] == 1
    assert abs(balance["token_share"].sum() - 1) < 0.01


def test_plots_draw_undated_apart(tmp_path, monkeypatch):
    folder, _, table = three_pieces(tmp_path, monkeypatch)
    fig = plots.plot_timeline(table, corpus_eras(folder)["name"].tolist())
    main, side = fig.axes
    assert [t.get_text() for t in side.get_yticklabels()] == ["toy-undated\n玩具"]
    assert {t.get_text().split("\n")[0] for t in main.get_yticklabels()} == {
        "toy-2017",
        "toy-2025",
    }
    plt.close(fig)
    fig = plots.plot_cleaning(antcorpus.cleaning_report(folder, wide=True))
    assert len(fig.axes[0].get_yticklabels()) == 3
    plt.close(fig)


def test_segmentation_compare_shows_what_the_dictionary_keeps_whole():
    row = describe.segmentation_compare(["蚂蚁金服推出花呗"]).iloc[0]
    assert row.with_domain_dictionary == "蚂蚁金服 / 推出 / 花呗"
    assert (
        "蚂蚁金服" not in row.bare_jieba.split(" / ")
        and row.tokens_bare > row.tokens_ours
    )


def test_domain_coverage_counts_split_words():
    got = describe.domain_coverage(
        [["蚂蚁金服", "支付"], ["花呗"]], {"蚂蚁金服", "花呗", "支付"}
    )
    assert got == {
        "tokens": 3,
        "domain_tokens": 3,
        "split_by_bare_jieba": 2,
        "share_split": 0.6667,
    }


def test_segmentation_examples_one_row_per_era_at_most(corpus):
    examples = describe.segmentation_examples(corpus, per_era=1)
    assert examples["era"].is_unique and (examples["merged"] > 0).all()
    assert isinstance(examples, pd.DataFrame)


def test_segmentation_compare_without_a_dictionary_is_bare_jieba():
    row = describe.segmentation_compare(["蚂蚁金服推出花呗"], words=()).iloc[0]
    assert row.with_domain_dictionary == row.bare_jieba


def test_split_words_lists_dictionary_words_bare_jieba_splits():
    got = describe.split_words(
        [["蚂蚁金服", "花呗", "支付"], ["蚂蚁金服"]], {"蚂蚁金服", "花呗", "支付"}
    )
    assert got["word"].tolist()[0] == "蚂蚁金服" and got["count"].tolist()[0] == 2
    assert "支付" not in set(got["word"]) and " / " in got["bare_jieba"].iloc[0]
    assert describe.split_words([["a"]], set()).empty


def test_era_profile_lists_author_types_and_genres_in_order():
    table = pd.DataFrame(
        {
            "era": ["b", "a", "a"],
            "author_type": ["machine", "human", "human"],
            "genre": ["essay", "news", "speech"],
        }
    )
    got = describe.era_profile(table, ["a", "b", "c"])
    assert got["era"].tolist() == ["a", "b"] and got["pieces"].tolist() == [2, 1]
    assert got["genres"].tolist() == [["news", "speech"], ["essay"]]
    assert got["author_types"].tolist() == [["human"], ["machine"]]


def test_timeline_without_undated_pieces_has_no_side_panel(tmp_path, monkeypatch):
    _, _, table = three_pieces(tmp_path, monkeypatch)
    dated = table[table["date_start"].notna()]
    fig = plots.plot_timeline(dated, ["2016–2018", "2025", "undated"])
    assert len(fig.axes) == 1
    plt.close(fig)


def test_year_ticks_stay_few_on_a_long_axis():
    from antcorpus.plots.describe import year_step

    assert year_step(10) == 1 and year_step(439) == 50
    assert all(years / year_step(years) <= 12 for years in (1, 13, 100, 2500, 40000))


def fits_a_column(fig) -> bool:
    """The figure as saved is no wider than a report column, its text big enough."""
    from antcorpus.plots.base import COLUMN_IN, MIN_FONT_PT, figure_layout

    width, smallest = figure_layout(fig)
    plt.close(fig)
    return width <= COLUMN_IN + 0.05 and smallest >= MIN_FONT_PT


def test_description_figures_fit_a_report_column(corpus):
    folder = antcorpus.config.SEEDS
    order = corpus_eras(folder)["name"].tolist()
    table = describe.corpus_table(corpus, antcorpus.tokens_corpus(corpus["text"]))
    wide = antcorpus.cleaning_report(folder, wide=True)
    assert fits_a_column(plots.plot_timeline(table, order))
    assert fits_a_column(
        plots.plot_era_balance(describe.era_balance(table, order), order)
    )
    assert fits_a_column(plots.plot_cleaning(wide))


def test_description_csvs_hold_what_is_drawn(tmp_path, monkeypatch):
    from antcorpus.plots.describe import balance_data, cleaning_data, timeline_data

    folder, _, table = three_pieces(tmp_path, monkeypatch)
    shown = timeline_data(table)
    assert shown["panel"].tolist() == ["dated", "dated", "undated"]
    assert shown["doc_id"].tolist() == ["toy-2017", "toy-2025", "toy-undated"]
    assert shown["bar_start_date"].iloc[0] == "2017-03-01"
    assert pd.isna(shown["bar_end_date"].iloc[2])
    balance = balance_data(describe.era_balance(table, corpus_eras(folder)["name"]))
    assert list(balance.columns) == [
        "era",
        "content_tokens",
        "pieces",
        "machine_written_pieces",
        "share_of_tokens_pct",
    ]
    assert balance["share_of_tokens_pct"].dtype.kind == "i"
    nothing = antcorpus.cleaning_report(folder, wide=True)  # no rule changed the toys
    assert len(cleaning_data(nothing)) == nothing.size
    wide = antcorpus.cleaning_report(antcorpus.config.SEEDS, wide=True)
    cells, drawn = cleaning_data(wide), wide.loc[:, wide.sum() > 0]
    assert len(cells) == drawn.size and set(cells["step"]) == set(drawn.columns)


def test_cleaning_rules_have_names_in_both_editions(monkeypatch):
    from antcorpus.plots.describe import step_label

    monkeypatch.delenv("ANTCORPUS_LABELS", raising=False)
    assert step_label("dedupe_paragraphs") == "drop repeated paragraphs"
    assert step_label("a_new_rule") == "a new rule"
    monkeypatch.setenv("ANTCORPUS_LABELS", "zh")
    assert step_label("strip_pinyin") == "去除拼音"
