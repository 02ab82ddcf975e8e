"""Tone: lexicons, negation, summaries and agreement, labelled sample.

Lexicons load and negation flips within a clause.
"""

import numpy as np
import pandas as pd
import pytest

import antcorpus
from antcorpus.config import SEEDS
from antcorpus.corpus.knowledge import resource_rows
from antcorpus.stats import tone


def test_lexicons_load_with_both_polarities():
    lex = tone.lexicons(SEEDS)
    assert tuple(lex) == tone.TONE_LEXICONS + tone.VOCABULARY_LEXICONS
    assert tuple(lex) == ("finance", "hownet", "dutir", "frames")
    for name, sides in lex.items():
        assert len(sides["positive"]) > 10 and len(sides["negative"]) > 10, name
        assert not {w for w in sides["positive"] | sides["negative"] if w != w.strip()}
    assert "不" in tone.negators() and "尚未" in tone.negators()


def test_frame_terms_segment_whole():
    for row in resource_rows("frames", SEEDS):
        assert antcorpus.tokens_segment(row["term"]) == [row["term"]], row["term"]
        assert row["polarity"] in {"1", "-1"}


def test_negation_flips_within_window_and_clause():
    lex = {"positive": {"成功"}, "negative": {"风险"}}
    assert tone.tone_tokens(["业务", "成功"], lex) == (1, 0)
    assert tone.tone_tokens(["并", "不", "成功"], lex) == (0, 1)
    assert tone.tone_tokens(["不", "a", "b", "c", "成功"], lex) == (
        1,
        0,
    )  # outside the 3-token window
    assert tone.tone_tokens(["不", "，", "成功"], lex) == (1, 0)  # clause boundary
    assert tone.tone_tokens(["没有", "风险"], lex) == (1, 0)


def test_net_tone_and_summary_interval():
    assert tone.net_tone([3, 0], [1, 0]) == 0.5 and pd.isna(tone.net_tone([0], [0]))
    scored = pd.DataFrame(
        {
            "era": ["x"] * 4,
            "lexicon": ["f"] * 4,
            "doc_id": ["a"] * 4,
            "positive": [1, 1, 0, 0],
            "negative": [0, 0, 1, 0],
            "tokens": [10] * 4,
        }
    )
    row = tone.textstat_tone(scored, "era", n_boot=300).iloc[0]
    assert (
        row.net_tone == pytest.approx(1 / 3, abs=1e-3)
        and row.coverage == 0.75
        and row.hits_per_1k == 75.0
    )
    assert row.ci_low <= row.net_tone <= row.ci_high


def test_cohen_kappa_hand_computed():
    a = ["o", "o", "c", "c", "n", "n"]
    b = ["o", "c", "c", "c", "n", "o"]
    # observed 4/6; expected (2/6*2/6) + (2/6*3/6) + (2/6*1/6) = 12/36
    assert tone.cohen_kappa(a, b) == pytest.approx((4 / 6 - 12 / 36) / (1 - 12 / 36))
    assert tone.cohen_kappa(a, a) == 1.0


def test_labelled_sample_is_balanced_valid_and_still_in_the_corpus(corpus):
    labels = pd.DataFrame(resource_rows("tone_labels", SEEDS))
    assert len(labels) >= 60 and set(labels["label"]) <= set(tone.LABELS)
    assert labels["era"].value_counts().min() >= 20
    sentences = set(antcorpus.corpus_reshape(corpus, "sentences")["text"])
    assert set(labels["text"]) <= sentences, (
        "a labelled sentence no longer exists: relabel the sample"
    )


def test_labelled_sample_is_the_draw_its_header_records(corpus):
    """tone_labels.tsv says which draw it is.

    The header records tone_sample(per_era=22, seed=2025, min_chars=15).
    """
    labels = pd.DataFrame(resource_rows("tone_labels", SEEDS))
    drawn = tone.tone_sample(
        antcorpus.corpus_reshape(corpus, "sentences"),
        ["2016–2018", "2020", "2025"],
        22,
        seed=2025,
    )
    assert drawn["text"].tolist() == labels["text"].tolist()


def test_net_tones_per_resample():
    got = tone.net_tones(np.array([[3, 0], [0, 0]]), np.array([[1, 0], [0, 0]]))
    assert got[0] == 0.5 and np.isnan(got[1])


def test_frames_come_from_the_corpus_folder_only(tmp_path):
    """A corpus without analysis/frames.tsv gets the tone lexicons and no frames."""
    assert tuple(tone.lexicons(tmp_path)) == tone.TONE_LEXICONS
    (tmp_path / "analysis").mkdir()
    (tmp_path / "analysis" / "frames.tsv").write_text(
        "term\tpolarity\n增长\t1\n整改\t-1\n", encoding="utf-8"
    )
    frames = tone.lexicons(tmp_path)["frames"]
    assert frames == {"positive": {"增长"}, "negative": {"整改"}}


def test_piece_test_single_case_and_permutation():
    values = pd.Series({"t1": 0.1, "r1": 0.5, "r2": 0.6, "r3": 0.4, "r4": float("nan")})
    one = tone.piece_test(values, ["t1"], ["r1", "r2", "r3", "r4"])
    assert one["test"] == "Crawford–Howell" and one["statistic_name"] == "t"
    assert one["n_reference"] == 3 and one["rank"] == 4 and one["p_floor"] == 1 / 4
    assert one["p_less"] < 0.05 < one["p_greater"]
    values["t2"] = 0.2
    two = tone.piece_test(values, ["t1", "t2"], ["r1", "r2", "r3"])
    assert two["test"] == "exact permutation" and two["n_target"] == 2
    assert two["statistic"] == pytest.approx(0.15 - 0.5)
    assert two["p_less"] == pytest.approx(1 / 10) and two["p_floor"] == 1 / 10
    assert (two["target_min"], two["target_max"]) == (0.1, 0.2)
    with pytest.raises(ValueError):
        tone.piece_test(values, ["missing"], ["r1"])


@pytest.mark.parametrize("edition", ["en", "zh"])
def test_tone_figure_fits_a_column_and_saves_what_it_draws(monkeypatch, edition):
    import matplotlib.pyplot as plt

    from antcorpus import plots

    monkeypatch.setenv("ANTCORPUS_LABELS", edition)
    summary = pd.DataFrame(
        {
            "era": ["a", "b", "a", "b"],
            "lexicon": ["dutir", "dutir", "hownet", "hownet"],
            "sentences": [10, 20, 10, 20],
            "pieces": [1, 2, 1, 2],
            "coverage": 0.5,
            "net_tone": [0.123, -0.5, 0.2, 0.3],
            "ci_low": [0.0, -0.7, 0.1, 0.2],
            "ci_high": [0.3, -0.2, 0.3, 0.4],
        }
    )
    summary.attrs["by"] = "era"
    fig = plots.plot_tone(summary, ["a", "b"])
    plots.check_layout(fig, "05-test")
    plt.close(fig)
    drawn = plots.tone_data(summary, ["a", "b"])
    assert list(drawn.columns) == [
        "lexicon",
        "era",
        "net_tone",
        "ci95_low",
        "ci95_high",
        "pieces",
        "sentences",
    ]
    assert drawn["net_tone"].tolist()[0] == 0.12
