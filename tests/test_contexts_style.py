"""Concordance, collocates and the style measures used to probe confounds."""

import pandas as pd
import pytest

from antcorpus.stats import contexts
from antcorpus.stats import stylometry as style
from antcorpus.stats.keyness import g2


def test_kwic_finds_compounds_with_context():
    sentences = pd.DataFrame(
        {"doc_id": ["a"], "era": ["x"], "text": ["金融监管要求蚂蚁金服整改。"]}
    )
    got = contexts.kwic(sentences, "监管", window=2)
    assert got[["left", "keyword", "right"]].values.tolist() == [
        ["", "金融监管", "要求蚂蚁金服"]
    ]


def test_window_counts_and_collocate_g2_hand_computed():
    docs = [["a", "监管", "b", "c", "d"], ["b", "e", "金融监管", "a"]]
    near, size = contexts.window_counts(docs, "监管", window=1)
    assert near == {"a": 2, "b": 1, "e": 1} and size == 4
    table = contexts.collocates(docs, "监管", window=1, min_freq=2, min_g2=0).set_index(
        "collocate"
    )
    # 7 tokens besides the two nodes: 4 in windows, 3 elsewhere; "a" twice near, never
    # elsewhere
    assert table.loc["a", "g2"] == pytest.approx(float(g2(2, 0, 4, 3)))


def test_style_measures_on_a_toy_piece():
    corpus = pd.DataFrame(
        {
            "doc_id": ["t"],
            "era": ["x"],
            "author_type": ["machine"],
            "text": "1.1标题\n风险上升（如坏账）。监管收紧。\n一、再一个标题",
        }
    )
    row = style.textstat_stylometry(corpus).iloc[0]
    assert row.list_or_heading_lines == pytest.approx(2 / 3, abs=1e-3)
    assert row.sentences == 4 and row.example_parens_per_1k == pytest.approx(
        1000 / len(corpus.text[0]), abs=0.01
    )


def test_profile_distance_zero_on_diagonal_and_symmetric():
    profile = pd.DataFrame({"的": [10, 20, 10], "了": [5, 1, 5]}, index=["a", "b", "c"])
    d = style.profile_distance(profile)
    assert (
        (d.values.diagonal() == 0).all()
        and d.equals(d.T)
        and d.loc["a", "c"] == 0
        and d.loc["a", "b"] > 1
    )


def test_collocates_below_the_critical_g2_are_left_out():
    docs = [["a", "监管", "b", "c", "d"], ["b", "e", "金融监管", "a"]]
    assert contexts.collocates(
        docs, "监管", window=1, min_freq=2
    ).empty  # G² of "a" is below 3.84 here


@pytest.mark.parametrize("n", [3, 30])
def test_distance_heatmap_fits_a_column_with_or_without_printed_values(n):
    import matplotlib.pyplot as plt

    from antcorpus import plots

    names = [f"piece-{i:02d}-with-a-long-name" for i in range(n)]
    values = [[abs(i - j) / n for j in range(n)] for i in range(n)]
    distance = pd.DataFrame(values, index=names, columns=names)
    eras = pd.Series("2016–2018", index=names)
    fig = plots.plot_distance(distance, eras)
    plots.check_layout(fig, "05-test")
    assert bool(fig.axes[0].texts) == (n == 3)  # 30 cells a row: the colour bar reads
    plt.close(fig)
    table = plots.distance_data(distance, eras)
    assert list(table.columns[:2]) == ["doc_id", "era"] and table.shape == (n, n + 2)
