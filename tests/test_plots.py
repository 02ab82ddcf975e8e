"""Figures: Chinese renders (no missing glyphs).

And save_figure writes stable PNG, SVG and CSV.
"""

from __future__ import annotations

import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from antcorpus import plots  # noqa: E402

LABELS = ["蚂蚁金服", "蚂蚁集团", "监管", "普惠金融", "花呗"]


def glyph_warnings(draw) -> list[str]:
    """Messages about missing glyphs raised while drawing and rendering a figure."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig = draw()
        fig.canvas.draw()
        plt.close(fig)
    return [
        str(w.message)
        for w in caught
        if "missing from" in str(w.message) or "Glyph" in str(w.message)
    ]


def bar_chart():
    """A small bar chart with Chinese tick labels and title."""
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.bar(LABELS, [5, 4, 3, 2, 1])
    ax.set_title("词频 term frequency")
    return fig


def test_font_resolves_to_a_file():
    family, path = plots.cjk_font()
    assert family and path.is_file() and plots.font_path() == str(path)


def test_chinese_renders_without_missing_glyphs():
    with plots.cjk_style():
        assert glyph_warnings(bar_chart) == []


def test_figure_made_in_style_renders_outside_it():
    with plots.cjk_style():
        fig = bar_chart()
    assert glyph_warnings(lambda: fig) == []


def test_the_glyph_check_can_fail_without_the_style():
    with plt.rc_context(
        {"font.family": "sans-serif", "font.sans-serif": ["DejaVu Sans"]}
    ):
        assert glyph_warnings(bar_chart)


def test_save_figure_writes_three_stable_files(tmp_path):
    data = pd.DataFrame({"term": LABELS, "count": [5, 4, 3, 2, 1]})
    with plots.cjk_style():
        fig = bar_chart()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a missing glyph while saving fails the test
        first = plots.save_figure(fig, "01-test-bars", data, folder=tmp_path)
    snapshot = {ext: p.read_bytes() for ext, p in first.items()}
    plots.save_figure(fig, "01-test-bars", data, folder=tmp_path)
    plt.close(fig)
    assert {ext: p.read_bytes() for ext, p in first.items()} == snapshot
    assert b"<text" not in snapshot["svg"] and snapshot["png"][:4] == b"\x89PNG"
    assert pd.read_csv(first["csv"]).equals(data)


@pytest.mark.parametrize(
    "bad", ["timeline", "1-timeline", "01_timeline", "01-Timeline"]
)
def test_save_figure_names_carry_the_notebook_number(tmp_path, bad):
    with pytest.raises(ValueError, match="notebook number"):
        plots.save_figure(plt.figure(), bad, pd.DataFrame(), folder=tmp_path)


def test_strict_glyphs_turns_tofu_into_an_error():
    with warnings.catch_warnings():
        plots.strict_glyphs()
        with plt.rc_context(
            {"font.family": "sans-serif", "font.sans-serif": ["DejaVu Sans"]}
        ):
            fig = bar_chart()
            with pytest.raises(UserWarning, match="missing from font"):
                fig.canvas.draw()
        plt.close(fig)


def test_font_draws_every_character_of_the_corpus(corpus):
    assert plots.missing_glyphs("".join(corpus["text"])) == []


def test_missing_glyphs_reports_what_the_font_lacks():
    assert plots.missing_glyphs("蚂蚁 \U0002a700") == ["\U0002a700"]


def test_era_colours_fixed_and_distinct():
    colours = plots.era_colours(["2016–2018", "2020", "2025", "undated"])
    assert len({colours[e] for e in ("2016–2018", "2020", "2025", "undated")}) == 4
    assert plots.era_colours(["2016–2018"])["2016–2018"] == colours["2016–2018"]


def test_figures_go_where_the_environment_says(tmp_path, monkeypatch):
    monkeypatch.setenv("ANTCORPUS_FIGURES", str(tmp_path / "figs"))
    fig = plt.figure()
    paths = plots.save_figure(fig, "01-test-empty", pd.DataFrame({"a": [1]}))
    plt.close(fig)
    assert paths["png"].parent == tmp_path / "figs" and paths["csv"].is_file()


def test_save_figure_quotes_cells_a_spreadsheet_would_run(tmp_path):
    data = pd.DataFrame(
        {
            "term": ["=HYPERLINK(1)", "+1+1", "-x", "@SUM(A1)", "-3.5", "花呗"],
            "n": [-1, 2, 3, 4, 5, -6.5],
        }
    )
    fig = plt.figure()
    paths = plots.save_figure(fig, "01-test-formula", data, folder=tmp_path)
    plt.close(fig)
    assert paths["csv"].read_text(encoding="utf-8").splitlines() == [
        "term,n",
        "'=HYPERLINK(1),-1.0",
        "'+1+1,2.0",
        "'-x,3.0",
        "'@SUM(A1),4.0",
        "-3.5,5.0",
        "花呗,-6.5",
    ]
    assert data["term"][0] == "=HYPERLINK(1)"  # the caller's table is left alone


def test_save_figure_writes_whole_files_or_none(tmp_path, monkeypatch):
    fig = plt.figure()
    first = plots.save_figure(fig, "01-test-atomic", pd.DataFrame({"a": [1]}), tmp_path)
    before = {ext: p.read_bytes() for ext, p in first.items()}

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(pd.DataFrame, "to_csv", broken)
    with pytest.raises(OSError, match="disk full"):
        plots.save_figure(fig, "01-test-atomic", pd.DataFrame({"a": [2]}), tmp_path)
    plt.close(fig)
    assert {ext: p.read_bytes() for ext, p in first.items()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        p.name for p in first.values()
    )


def english_words(fig) -> set[str]:
    """Runs of three or more Latin letters in the figure's visible text."""
    import re

    fig.draw_without_rendering()
    texts = [t.get_text() for t in fig.findobj(plt.Text) if t.get_visible()]
    plt.close(fig)
    return set(re.findall(r"[A-Za-z]{3,}", " ".join(texts)))


def test_description_figures_speak_chinese_in_the_chinese_edition(monkeypatch):
    monkeypatch.setenv("ANTCORPUS_LABELS", "zh")
    balance = pd.DataFrame(
        {
            "era": ["盛唐", "宋"],
            "pieces": [1, 4],
            "machine_pieces": [1, 0],
            "chars": [10, 40],
            "tokens": [100, 400],
            "token_share": [0.2, 0.8],
        }
    )
    assert english_words(plots.plot_era_balance(balance, ["盛唐", "宋"])) == set()
    cells = pd.DataFrame({"strip_pinyin": [3, 0]}, index=pd.Index(["a", "b"]))
    assert english_words(plots.plot_cleaning(cells)) == set()
