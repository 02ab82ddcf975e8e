"""Robustness grid, analyst choices, piece intervals, keyness placebo, README block."""

import numpy as np
import pandas as pd
import pytest

from antcorpus.project import readme
from antcorpus.stats import evidence, placebo, robustness
from antcorpus.text import variants


def curve(p_values, directions=None, beyond=None):
    """A synthetic curve: one feature, one row per specification."""
    n = len(p_values)
    return pd.DataFrame(
        {
            "segmenter": [f"s{i}" for i in range(n)],
            "feature": "f",
            "p_two_sided": p_values,
            "direction": directions or ["higher"] * n,
            "beyond_all": beyond or [True] * n,
        }
    )


@pytest.mark.parametrize(
    ("p", "mark"),
    [
        ([0.01, 0.02, 0.03, 0.04], "robust"),
        ([0.01, 0.2, 0.03, 0.04], "fragile"),
        ([0.3, 0.2, 0.5, 0.4], "not supported"),
        ([0.01, np.nan, np.nan, np.nan], "untestable"),
        ([0.01, 0.02, np.nan, np.nan], "robust"),  # half testable, all significant
    ],
)
def test_marks_follow_the_stated_rule(p, mark):
    row = robustness.robustness_marks(curve(p)).iloc[0]
    assert row["mark"] == mark
    assert row["testable"] == int(np.isfinite(p).sum())


def test_significant_in_both_directions_is_fragile():
    found = curve([0.01, 0.01], ["higher", "lower"])
    assert robustness.robustness_marks(found).iloc[0]["mark"] == "fragile"


def test_a_target_inside_the_reference_range_is_never_significant():
    found = curve([0.001, 0.001], beyond=[True, False])
    assert robustness.robustness_marks(found).iloc[0]["mark"] == "fragile"


def test_holm_adjusts_within_each_specification():
    two = pd.DataFrame(
        {
            "segmenter": ["a", "a", "b"],
            "feature": ["f", "g", "f"],
            "p_two_sided": [0.01, 0.04, 0.04],
        }
    )
    adjusted = robustness.holm_within_specs(two)["p_holm"].to_numpy()
    # spec a: sorted 0.01, 0.04 -> 2 * 0.01 = 0.02, max(0.02, 1 * 0.04) = 0.04
    assert adjusted == pytest.approx([0.02, 0.04, 0.04])


def test_rule_is_carried_with_the_table():
    table = robustness.robustness_marks(curve([0.01]))
    assert "untestable" in table.attrs["rule"] and table.attrs["alpha"] == 0.05


def test_spec_grid_is_the_full_product():
    grid = robustness.spec_grid(
        segmenter=["a", "b"], stoplist=["x"], masked=[False, True], reference=["era"]
    )
    assert len(grid) == 4 and grid[0] == robustness.Spec("a", "x", False, "era")


def test_default_grid_has_32_specifications():
    assert len(robustness.spec_grid(**robustness.DEFAULT_GRID)) == 32


def toy_dfm():
    return pd.DataFrame(
        {"合规": [9, 1, 0, 0], "平台": [1, 5, 6, 4], "x": [90, 94, 94, 96]},
        index=["t", "r1", "r2", "r3"],
    )


def test_keyness_measures_put_g2_beside_the_small_count_measures():
    from antcorpus.stats import keyness

    table = robustness.keyness_measures(toy_dfm(), ["t"], ["r1", "r2", "r3"], 3)
    g = keyness.keyness_table(toy_dfm(), ["t"], ["r1", "r2", "r3"], 3).set_index("term")
    assert list(table.index) == list(g.index)
    assert table["g2"].to_numpy() == pytest.approx(g["g2"].to_numpy())
    assert {"key_g2_bh", "key_g2_bonferroni", "key_lrc", "key_log_odds"} <= set(table)
    assert table.attrs["min_count"] == 3


def test_piece_intervals_resample_pieces_and_need_enough_pieces():
    groups = pd.Series({"t": "late", "r1": "early", "r2": "early", "r3": "early"})
    table = evidence.textstat_piece_intervals(
        toy_dfm(), groups, {"合规": {"合规"}}, min_pieces=3
    )
    late = table[table["group"] == "late"].iloc[0]
    early = table[table["group"] == "early"].iloc[0]
    assert late["pieces"] == 1 and np.isnan(late["ci_low"])
    # early: 1 of 300 tokens pooled; pieces 1/100, 0/100, 0/100
    assert early["per_10k"] == pytest.approx(10_000 * 1 / 300)
    assert (early["piece_min"], early["piece_max"]) == (0.0, 100.0)
    assert early["ci_low"] == 0 and early["ci_high"] <= 10_000 * 1 / 100
    few = evidence.textstat_piece_intervals(toy_dfm(), groups, {"合规": {"合规"}})
    assert few["ci_low"].isna().all(), "three pieces are too few for an interval"
    assert table.attrs["unit"] == "piece"


def test_keyness_placebo_counts_real_placebo_and_window_designs():
    groups = pd.Series({"t": "late", "r1": "early", "r2": "early", "r3": "early"})
    tokens = {d: (["合规"] * 9 + ["平台"] + ["x"] * 90) * 3 for d in groups.index}
    table, position = placebo.keyness_placebo(
        toy_dfm(),
        tokens,
        groups,
        "late",
        "early",
        n_windows=3,
        seed=1,
        statistic=lambda d, t, r: float(d.loc[t].to_numpy().sum()),
    )
    assert list(table["design"])[:1] == ["real"] and len(table) == 4
    assert position["windows"] == 3 and position["window_tokens"] == 100
    assert position["n_placebos"] == 3


def test_mask_removes_headings_examples_and_repeating_summaries():
    text = (
        "一、总体判断\n"
        "监管持续收紧（如罚款、整改），合规成本上升。\n"
        "加强合规建设，完善风险管理体系。\n"
        "加强合规建设，完善风险管理体系，并定期开展合规培训与案例警示教育。"
    )
    masked, counts = variants.text_mask(text)
    assert counts == {"list_lines": 1, "examples": 1, "repeats": 1}
    assert "（如" not in masked and "一、" not in masked
    assert masked.count("加强合规建设") == 1


def test_mask_leaves_plain_prose_alone():
    text = "蚂蚁金服推出花呗。\n余额宝改变了理财。"
    assert variants.text_mask(text) == (
        text,
        {"list_lines": 0, "examples": 0, "repeats": 0},
    )


@pytest.mark.parametrize("segmenter", variants.SEGMENTERS)
def test_every_segmenter_segments(segmenter):
    tokens = variants.segment("蚂蚁金服加强合规建设", segmenter)
    assert "".join(tokens) == "蚂蚁金服加强合规建设"


def test_segmenters_differ_where_they_should():
    assert "蚂蚁金服" in variants.segment("蚂蚁金服", "jieba+domain")
    assert "蚂蚁金服" not in variants.segment("蚂蚁金服", "jieba")


def test_stoplists_and_unknown_names():
    assert variants.stoplist("none") == frozenset()
    assert variants.stoplist("project") < variants.stoplist(
        "iso+project"
    ) | variants.stoplist("project")
    with pytest.raises(ValueError):
        variants.stoplist("nope")
    with pytest.raises(ValueError):
        variants.segment("文本", "nope")


def test_tokens_variant_filters_with_the_named_stoplist(tmp_path, monkeypatch):
    monkeypatch.setenv("ANTCORPUS_CACHE", str(tmp_path))
    kept = variants.tokens_variant(["我们的合规"], "jieba+domain", "none")
    dropped = variants.tokens_variant(["我们的合规"], "jieba+domain", "iso+project")
    assert "我们" in kept[0] and "我们" not in dropped[0] and "合规" in dropped[0]


def test_readme_block_replaces_only_between_markers():
    text = f"intro\n{readme.START}\nold\n{readme.END}\noutro\n"
    block = f"{readme.START}\nnew\n{readme.END}"
    assert readme.readme_with(text, block) == f"intro\n{block}\noutro\n"
    assert readme.readme_with("no markers", block) == "no markers"
    summaries = [{"stem": readme.SOURCE, "findings": "- **x** robust, p = 0.01\n"}]
    assert "p = 0.01" in readme.findings_block(summaries)
    assert readme.findings_block([]) == ""


def test_feature_placebo_counts_reference_pieces_reaching_the_real_t():
    groups = pd.Series({"t": "late", "r1": "early", "r2": "early", "r3": "early"})
    table = placebo.feature_placebo(toy_dfm(), groups, "late", "early", {"c": {"合规"}})
    row = table.loc["c"]
    # real: 900 per 10k vs [100, 0, 0]: mean 33.3, sd 57.7, t = 866.7 / (57.7 * 1.155)
    assert row["real_abs_t"] == pytest.approx(
        866.667 / (57.735 * (4 / 3) ** 0.5), rel=1e-3
    )
    # r1 against [0, 0]: sd 0, infinitely far; r2 and r3 against [100, 0]: |t| = 0.577
    assert (row["placebos"], row["placebos_at_least"]) == (3, 1)
    assert np.isinf(row["placebo_max_abs_t"])


def test_feature_placebo_with_several_target_pieces_uses_their_mean_rate():
    groups = pd.Series(
        {"t": "late", "t2": "late", "r1": "early", "r2": "early", "r3": "early"}
    )
    dfm = pd.concat(
        [toy_dfm(), pd.DataFrame({"合规": [7], "平台": [3], "x": [90]}, index=["t2"])]
    )
    table = placebo.feature_placebo(dfm, groups, "late", "early", {"c": {"合规"}})
    # the case is the target pieces' mean rate, 800 per 10k, against [100, 0, 0]
    assert table.loc["c", "real_abs_t"] == pytest.approx(
        766.667 / (57.735 * (4 / 3) ** 0.5), rel=1e-3
    )
    assert table.attrs["statistic"].endswith("mean rate")
    one = placebo.feature_placebo(toy_dfm(), groups, "late", "early", {"c": {"合规"}})
    assert one.attrs["statistic"] == "Crawford-Howell t"


def test_usable_grid_drops_the_genre_matched_reference_without_a_regex():
    grid = robustness.DEFAULT_GRID
    assert robustness.usable_grid(grid, "report") == grid
    without = robustness.usable_grid(grid, None)
    assert without["reference"] == ["era"] and grid["reference"][1] == "genre-matched"
    assert len(robustness.spec_grid(**without)) == 16


def test_genre_matched_spec_needs_a_regex():
    corpus = pd.DataFrame(
        {"doc_id": ["a"], "era": ["late"], "text": ["文本"], "genre": ["x"]}
    )
    spec = robustness.Spec("jieba", "none", False, "genre-matched")
    with pytest.raises(ValueError, match="genre"):
        robustness.spec_tokens(corpus, spec, "late", "early", None)


def test_robustness_curve_skips_genre_matched_and_says_so(monkeypatch):
    corpus = pd.DataFrame(
        {
            "doc_id": ["t", "r1", "r2", "r3"],
            "era": ["late", "early", "early", "early"],
            "text": ["合规合规平台", "平台", "平台合规", "平台平台"],
            "genre": ["g"] * 4,
        }
    )
    monkeypatch.setattr(
        variants, "tokens_variant", lambda texts, seg, stop: [list(t) for t in texts]
    )
    grid = {
        "segmenter": ["jieba"],
        "stoplist": ["none"],
        "masked": [False],
        "reference": ["era", "genre-matched"],
    }
    curve = robustness.robustness_curve(corpus, {"合": {"合"}}, "late", "early", grid)
    assert set(curve["reference"]) == {"era"}
    assert curve.attrs["skipped"] == ["genre-matched reference"]
    both = robustness.robustness_curve(
        corpus, {"合": {"合"}}, "late", "early", grid, "g"
    )
    assert set(both["reference"]) == {"era", "genre-matched"}
    assert both.attrs["skipped"] == []
