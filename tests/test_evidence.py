"""Per-piece evidence: rates, DP, Crawford–Howell, exact permutation, bootstrap."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from antcorpus.stats.evidence import dispersion_dp, piece_rates, textstat_evidence
from antcorpus.stats.singlecase import (
    RANDOM_PERMUTATIONS,
    cluster_bootstrap_rate,
    crawford_howell,
    permutation_design,
    permutation_test,
)


def t4_cdf(t: float) -> float:
    """Closed-form t CDF, 4 df: 1/2 + 3/4 u (1 - u²/3), u = t / sqrt(4 + t²)."""
    u = t / math.sqrt(4 + t * t)
    return 0.5 + 0.75 * u * (1 - u * u / 3)


@pytest.fixture
def six():
    """T (2025) and R1..R5 (2016–2018) and M (2020), 1000 tokens each."""
    x = {"T": 10, "R1": 1, "R2": 2, "R3": 3, "R4": 4, "R5": 5, "M": 0}
    y = {"T": 0, "R1": 2, "R2": 2, "R3": 2, "R4": 2, "R5": 2, "M": 1}
    dfm = pd.DataFrame({"x": x, "y": y})
    dfm["filler"] = 1000 - dfm["x"] - dfm["y"]
    eras = pd.Series(
        {"T": "2025", "M": "2020", **{f"R{i}": "2016–2018" for i in range(1, 6)}}
    )
    return dfm.rename_axis("doc_id"), eras


def test_piece_rates_terms_groups_and_missing():
    dfm = pd.DataFrame({"a": [1, 0], "b": [3, 5]}, index=["p1", "p2"])
    # p1 has 4 tokens: a = 1/4 * 10k = 2500; p2 has 5 tokens: a = 0, b = 10000
    rates = piece_rates(dfm, ["a", "b", "zz"])
    assert rates.loc["p1", "a"] == 2500 and rates.loc["p1", "b"] == 7500
    assert rates.loc["p2", "b"] == 10_000 and (rates["zz"] == 0).all()
    grouped = piece_rates(dfm, {"g": {"a", "b"}, "h": {"a", "zz"}})
    assert list(grouped.columns) == ["g", "h"]
    assert (grouped["g"] == 10_000).all() and grouped.loc["p1", "h"] == 2500
    assert piece_rates(dfm, "a").shape == (2, 1)


def test_dispersion_dp_gries_example():
    # sizes 9,10,10,10,11 (s = .18,.2,.2,.2,.22), counts 1..5 (v = k/15):
    # |v-s| = .11333+.06667+0+.06667+.11333 = .36 -> DP = .18, DP_norm = .18/.82
    out = dispersion_dp([1, 2, 3, 4, 5], [9, 10, 10, 10, 11])
    assert out["dp"].iloc[0] == pytest.approx(0.18)
    assert out["dp_norm"].iloc[0] == pytest.approx(0.18 / 0.82)


def test_dispersion_dp_vectorised_even_concentrated_zero():
    counts = pd.DataFrame({"even": [1, 2, 7], "one": [0, 0, 4], "none": [0, 0, 0]})
    sizes = [10, 20, 70]
    out = dispersion_dp(counts, sizes)
    assert list(out.index) == ["even", "one", "none"]
    assert out.loc["even", "dp"] == pytest.approx(0.0)
    # all in the last part: 0.5 * (.1 + .2 + .3) = 0.3 = 1 - 0.7; DP_norm = .3 / .9
    assert out.loc["one", "dp"] == pytest.approx(0.3)
    assert out.loc["one", "dp_norm"] == pytest.approx(0.3 / 0.9)
    assert np.isnan(out.loc["none", "dp"])


def test_crawford_howell_hand_values():
    # mean 3, sd sqrt(2.5); t = 7 / (sqrt(2.5) * sqrt(6/5)) = 7 / sqrt(3), df 4
    res = crawford_howell(10, [1, 2, 3, 4, 5])
    t = 7 / math.sqrt(3)
    assert res.t == pytest.approx(t) and res.df == 4 and res.n_controls == 5
    assert res.mean == 3 and res.sd == pytest.approx(math.sqrt(2.5))
    assert res.p_greater == pytest.approx(1 - t4_cdf(t))
    assert res.p_less == pytest.approx(t4_cdf(t))
    assert res.p_two_sided == pytest.approx(2 * (1 - t4_cdf(t)))
    assert (res.rank, res.n_below, res.n_tied) == (1, 5, 0)


def test_crawford_howell_case_at_mean_and_ties():
    res = crawford_howell(3, [1, 2, 3, 4, 5])
    assert res.t == 0 and res.p_two_sided == pytest.approx(1.0)
    assert res.p_greater == pytest.approx(0.5)
    assert (res.rank, res.n_below, res.n_tied) == (3, 2, 1)


def test_crawford_howell_zero_sd_and_too_few_controls():
    up = crawford_howell(5, [2, 2, 2])
    assert up.t == math.inf and up.sd == 0 and np.isnan(up.p_two_sided)
    assert np.isnan(up.p_greater) and up.n_below == 3
    assert crawford_howell(0, [2, 2, 2]).t == -math.inf
    assert np.isnan(crawford_howell(2, [2, 2, 2]).t)
    one = crawford_howell(5, [1])  # 1 vs 1: no sd
    assert np.isnan(one.t) and one.df == 0 and np.isnan(one.p_two_sided)


def test_permutation_one_vs_five_hand_values():
    # piece x as target: diff = x - (25 - x)/5 = (6x - 25)/5
    # -> {10: 7, 1: -3.8, 2: -2.6, 3: -1.4, 4: -0.2, 5: 1}; 6 labellings
    labels = ["t"] + ["r"] * 5
    res = permutation_test([10, 1, 2, 3, 4, 5], labels, "t", "r")
    assert res.observed == pytest.approx(7) and res.n_permutations == 6
    assert res.p_greater == pytest.approx(1 / 6) and res.p_less == 1
    assert res.p_two_sided == pytest.approx(1 / 6)
    assert res.p_floor == pytest.approx(1 / 6)
    assert res.p_floor_two_sided == pytest.approx(1 / 6)
    mid = permutation_test([3, 1, 2, 4, 5, 10], labels, "t", "r")
    # observed -1.4: >= : -1.4,-0.2,1,7 (4); <= : -3.8,-2.6,-1.4 (3); |d| >= 1.4: 4
    assert mid.observed == pytest.approx(-1.4)
    assert (mid.p_greater, mid.p_less, mid.p_two_sided) == pytest.approx(
        (4 / 6, 3 / 6, 4 / 6)
    )


def test_permutation_two_vs_two_and_one_vs_one():
    # pairs from {5,6,1,2}: diff = sum - 7 -> 4,-1,0,0,1,-4 (observed (5,6) = 4)
    res = permutation_test([5, 6, 1, 2], ["t", "t", "r", "r"], "t", "r")
    assert res.observed == pytest.approx(4) and res.n_permutations == 6
    assert res.p_greater == pytest.approx(1 / 6)
    assert res.p_two_sided == pytest.approx(2 / 6)
    assert res.p_floor_two_sided == pytest.approx(2 / 6)
    one = permutation_test([3, 1], ["t", "r"], "t", "r")
    assert (one.observed, one.n_permutations, one.p_greater) == (2, 2, 0.5)
    assert one.p_two_sided == 1 and one.p_floor == 0.5 and one.p_floor_two_sided == 1


def test_permutation_callable_ignores_other_labels_and_rejects_empty():
    values, labels = [10, 1, 2, 3, 4, 5, 99], ["t"] + ["r"] * 5 + ["other"]
    mean = permutation_test(values, labels, "t", "r")
    custom = permutation_test(
        values, labels, "t", "r", stat=lambda a, b: a.mean() - b.mean()
    )
    assert custom.observed == pytest.approx(mean.observed)
    assert custom.p_two_sided == pytest.approx(mean.p_two_sided)
    with pytest.raises(ValueError):
        permutation_test([1, 2], ["r", "r"], "t", "r")


def test_cluster_bootstrap_constant_rate_and_seed():
    # every piece at 100 per 10k: every replicate is 100
    res = cluster_bootstrap_rate([1, 2, 3], [100, 200, 300], n_boot=500, seed=1)
    assert res.rate == pytest.approx(100) and res.n_pieces == 3
    assert (res.low, res.high) == pytest.approx((100, 100))
    counts, sizes = np.array([0, 5, 1, 9]), np.array([100, 50, 200, 300])
    a = cluster_bootstrap_rate(counts, sizes, n_boot=1000, seed=7)
    b = cluster_bootstrap_rate(counts, sizes, n_boot=1000, seed=7, max_block=9)
    np.testing.assert_array_equal(a.replicates, b.replicates)
    # replicate by hand: the same draws, one row at a time
    idx = np.random.default_rng(7).integers(0, 4, size=(1000, 4))
    by_hand = [1e4 * counts[i].sum() / sizes[i].sum() for i in idx]
    np.testing.assert_allclose(a.replicates, by_hand)
    assert a.low == pytest.approx(np.percentile(by_hand, 2.5))
    assert a.rate == pytest.approx(1e4 * 15 / 650)


def test_textstat_evidence_one_vs_five(six):
    dfm, eras = six
    table = textstat_evidence(dfm, eras, "2025", "2016–2018", ["x", "y"])
    x = table.loc["x"]
    # rates per 10k: T 100, R 10..50 -> t = 70 / (10 sqrt(2.5) sqrt(1.2)) = 7/sqrt(3)
    assert x["target_rate"] == pytest.approx(100)
    assert (x["reference_min"], x["reference_median"], x["reference_max"]) == (
        pytest.approx(10),
        pytest.approx(30),
        pytest.approx(50),
    )
    assert x["statistic"] == pytest.approx(7 / math.sqrt(3)) and x["df"] == 4
    assert x["p_one_sided"] == pytest.approx(1 - t4_cdf(7 / math.sqrt(3)))
    assert x["rank_among_reference"] == 1 and bool(x["above_all_reference"])
    assert x["p_floor"] == pytest.approx(1 / 6)
    assert x["p_perm_one_sided"] == pytest.approx(1 / 6)
    # DP over the 7 equal pieces (s = 1/7), x counts 10,1,2,3,4,5,0 of 25
    v = np.array([10, 1, 2, 3, 4, 5, 0]) / 25
    dp = 0.5 * sum(abs(vi - 1 / 7) for vi in v)
    assert x["dp"] == pytest.approx(dp) and x["dp_norm"] == pytest.approx(dp / (6 / 7))
    y = table.loc["y"]  # T 0, every reference piece 20: sd = 0 rule
    assert y["statistic"] == -math.inf and np.isnan(y["p_one_sided"])
    assert y["rank_among_reference"] == 6 and not y["above_all_reference"]
    assert table.attrs["test"] == "Crawford-Howell modified t"
    assert (table.attrs["n_target"], table.attrs["n_reference"]) == (1, 5)
    assert table.attrs["unit"] == "piece"


def test_textstat_evidence_groups_and_two_target_pieces(six):
    dfm, eras = six
    eras = eras.replace({"2020": "2025"})  # M joins T: 2 target pieces
    table = textstat_evidence(dfm, eras, "2025", "2016–2018", {"g": {"x", "y"}})
    g = table.loc["g"]
    # g rates: T 100, M 10, R 30,40,50,60,70 -> mean diff 55 - 50 = 5
    assert g["statistic"] == pytest.approx(5)
    assert g["p_floor"] == pytest.approx(1 / 21) and np.isnan(g["df"])
    assert table.attrs["test"] == "exact permutation" and table.attrs["n_target"] == 2
    labels = ["t"] * 2 + ["r"] * 5
    res = permutation_test([100, 10, 30, 40, 50, 60, 70], labels, "t", "r")
    assert g["p_two_sided"] == pytest.approx(res.p_two_sided)


def test_textstat_evidence_one_vs_one_and_missing_era(six):
    dfm, eras = six
    table = textstat_evidence(dfm.loc[["T", "M"]], eras, "2025", "2020", ["x"])
    assert np.isnan(table.loc["x", "statistic"]) and table.loc["x", "p_floor"] == 0.5
    with pytest.raises(ValueError):
        textstat_evidence(dfm, eras, "2030", "2016–2018", ["x"])


def test_concept_features_leave_out_unsummed_and_add_merged_groups():
    from antcorpus.stats.evidence import concept_features

    concepts = pd.DataFrame(
        {"group": ["a", "a", "b", "names"], "term": ["x", "y", "z", "n1"]}
    )
    settings = {"unsummed": ["names"], "merged": {"a+b": ["a", "b"]}}
    assert concept_features(concepts, settings) == {
        "a": {"x", "y"},
        "b": {"z"},
        "a+b": {"x", "y", "z"},
    }
    assert list(concept_features(concepts)) == ["a", "b", "names"]
    assert concept_features(concepts.iloc[:0]) == {}
    with pytest.raises(ValueError, match="nope"):
        concept_features(concepts, {"unsummed": ["nope"]})


def test_analysis_yaml_concept_groups_field_is_type_checked():
    from antcorpus.corpus import knowledge

    good = {"unsummed": ["names"], "merged": {"a+b": ["a", "b"]}}
    assert "concept_groups" in knowledge.FIELDS
    assert knowledge._check_types({"concept_groups": good}) == []
    for bad in (["names"], {"unsummed": "names"}, {"merged": {"m": []}}, {"x": []}):
        assert knowledge._check_types({"concept_groups": bad}), bad


@pytest.mark.parametrize("edition", ["en", "zh"])
def test_text_level_figures_fit_a_column_and_save_what_they_draw(
    six, monkeypatch, edition
):
    import matplotlib.pyplot as plt

    from antcorpus import plots

    monkeypatch.setenv("ANTCORPUS_LABELS", edition)
    dfm, eras = six
    order = ["2016–2018", "2020", "2025"]
    rates = piece_rates(dfm, {f"g{i}": {"x"} for i in range(9)} | {"y": {"y"}})
    fig = plots.plot_piece_rates(rates, eras, order, title="caller's title")
    plots.check_layout(fig, "06-test")
    assert fig.get_suptitle() == "caller's title"
    plt.close(fig)
    table = plots.piece_rates_data(rates, eras)
    assert len(table) == rates.size
    assert list(table.columns) == ["feature", "doc_id", "era", table.columns[-1]]
    positions = pd.DataFrame(
        {"term": ["x", "x", "y"], "doc_id": ["T", "R1", "T"], "position": [0.1, 0.5, 1]}
    )
    positions.attrs = {"terms": ["x", "y"], "pieces": ["T", "R1", "M"]}
    fig = plots.plot_dispersion(positions, eras, order)
    plots.check_layout(fig, "06-test")
    plt.close(fig)
    drawn = plots.dispersion_data(positions, eras)
    assert drawn["era"].tolist() == ["2025", "2016–2018", "2025"]


def test_spec_curve_figure_draws_the_testable_specifications(monkeypatch):
    import matplotlib.pyplot as plt

    from antcorpus import plots

    monkeypatch.setenv("ANTCORPUS_LABELS", "zh")
    curve = pd.DataFrame(
        {
            "segmenter": ["a", "b", "a", "b"],
            "stoplist": "s",
            "masked": False,
            "reference": "era",
            "feature": ["x", "x", "y", "y"],
            "direction": ["higher", "higher", "lower", "lower"],
            "p_one_sided": [0.001234567, 0.2, np.nan, 0.5],
        }
    )
    marks = pd.DataFrame(
        {
            "feature": ["x", "y"],
            "mark": ["fragile", "untestable"],
            "direction": ["higher", "lower"],
        }
    )
    fig = plots.plot_spec_curve(curve, marks, 0.05)
    plots.check_layout(fig, "06-test")
    assert "脆弱" in fig.axes[0].get_yticklabels()[0].get_text()
    plt.close(fig)
    drawn = plots.spec_curve_data(curve, marks)
    assert drawn["p_one_sided"].tolist() == [0.00123, 0.2, 0.5]
    assert drawn["mark"].tolist() == ["fragile", "fragile", "untestable"]


def test_many_pieces_draw_random_relabellings_with_a_stated_floor():
    rng = np.random.default_rng(3)
    labels = ["t"] * 30 + ["r"] * 30
    shifted = np.r_[rng.normal(5, 1, 30), rng.normal(0, 1, 30)]
    res = permutation_test(shifted, labels, "t", "r")
    assert not res.exact and res.n_permutations == RANDOM_PERMUTATIONS + 1
    assert res.p_greater == res.p_floor == 1 / (RANDOM_PERMUTATIONS + 1)
    again = permutation_test(shifted, labels, "t", "r")
    assert again == res  # seeded: the same draws every time
    custom = permutation_test(
        shifted, labels, "t", "r", stat=lambda a, b: a.mean() - b.mean()
    )
    assert custom.p_two_sided == res.p_two_sided
    null = permutation_test(rng.normal(0, 1, 60), labels, "t", "r")
    assert 0.01 < null.p_two_sided <= 1
    name, phrase, floor = permutation_design(30, 30)
    assert floor == res.p_floor and "random relabellings" in name + phrase
    assert permutation_design(1, 5) == (
        "exact permutation",
        "an exact permutation test",
        1 / 6,
    )
