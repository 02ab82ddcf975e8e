"""Small-count keyness: Fisher, conservative log ratio, Dirichlet log-odds."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import brentq
from scipy.stats import binom

from antcorpus.stats.smallcounts import (
    absent_side,
    clopper_pearson,
    fisher_exact_p,
    keyness_agreement,
    log_odds_dirichlet,
    log_ratio,
    log_ratio_conservative,
    log_ratio_label,
    small_count_keyness,
)


def test_fisher_exact_hand_hypergeometric():
    # [[3, 0], [7, 10]]: margins row 3, column 10, N 20; C(20,3) = 1140
    # P(k) = C(10,k) C(10,3-k) / 1140 -> 120, 450, 450, 120 (/1140)
    # two-sided: tables as or less likely than k = 3 -> (120 + 120) / 1140
    # [[2, 1], [3, 4]]: C(10,3) = 120; P = 10, 50, 50, 10 (/120); observed 50 -> p = 1
    odds, p = fisher_exact_p([3, 2, 0, 3], [0, 1, 0, 0], [10, 5, 5, 10], [10, 5, 5, 10])
    assert p[0] == pytest.approx(240 / 1140) and odds[0] == math.inf
    assert p[1] == pytest.approx(1.0) and odds[1] == pytest.approx(2 * 4 / (1 * 3))
    assert np.isnan(odds[2]) and p[2] == 1.0  # a = b = 0
    assert p[3] == p[0]  # repeated table, tested once


def test_clopper_pearson_closed_forms():
    # k = n: lower = (alpha/2)^(1/n); k = 0: upper = 1 - (alpha/2)^(1/n)
    low, high = clopper_pearson([5, 0], [5, 5])
    assert low[0] == pytest.approx(0.025**0.2) and high[0] == 1
    assert low[1] == 0 and high[1] == pytest.approx(1 - 0.025**0.2)


def test_lrc_absent_side_closed_forms():
    lo = 0.025**0.2  # a = 5, b = 0: p_lo = (alpha/2)^(1/5) = 0.47818
    # n_b / n_a = 10: log2(10 * lo / (1 - lo)) = 3.1965
    assert log_ratio_conservative(5, 0, 100, 1000) == pytest.approx(
        math.log2(10 * lo / (1 - lo))
    )
    # a = 0, b = 5, n_b / n_a = 0.1: p_hi = 1 - lo, log2(0.1 * (1 - lo) / lo)
    assert log_ratio_conservative(0, 5, 1000, 100) == pytest.approx(
        math.log2(0.1 * (1 - lo) / lo)
    )
    # equal sizes, a = 5, b = 0: log2(lo / (1 - lo)) < 0 -> clamped to 0
    assert log_ratio_conservative(5, 0, 1000, 1000) == 0
    # Bonferroni m = 10: alpha' = 0.005, p_lo = 0.0025^(1/5)
    lo10 = 0.0025**0.2
    assert log_ratio_conservative(5, 0, 100, 1000, m_tests=10) == pytest.approx(
        math.log2(10 * lo10 / (1 - lo10))
    )


def test_lrc_general_case_by_root_finding():
    # a = 10, b = 2: p_lo solves P(X >= 10 | n = 12, p) = 0.025 (Clopper–Pearson)
    p_lo = brentq(lambda p: binom.sf(9, 12, p) - 0.025, 1e-9, 1 - 1e-9)
    expected = math.log2(p_lo / (1 - p_lo))  # n_a = n_b
    out = log_ratio_conservative([10, 3, 0, 2], [2, 3, 0, 10], 1000, 1000)
    assert out[0] == pytest.approx(expected, rel=1e-6)
    assert out[1] == 0  # equal counts: interval straddles p = 1/2
    assert np.isnan(out[2])  # a = b = 0
    assert out[3] == pytest.approx(-expected, rel=1e-6)  # mirror image


def test_log_odds_dirichlet_hand_values():
    # alpha = 1 each, alpha0 = 4, n_a = 10, n_b = 20
    # term 1: log(4/10) - log(2/22) = log 4.4; var = 1/4 + 1/2
    # term 2: log(1/13) - log(5/19) = log(19/65); var = 1 + 1/5
    delta, z = log_odds_dirichlet([3, 0], [1, 4], 10, 20, [1, 1], alpha0=4)
    assert delta[0] == pytest.approx(math.log(4.4))
    assert z[0] == pytest.approx(math.log(4.4) / math.sqrt(0.75))
    assert delta[1] == pytest.approx(math.log(19 / 65))
    assert z[1] == pytest.approx(math.log(19 / 65) / math.sqrt(1.2))
    # alpha0 defaults to sum(prior) = 2: log(4/8) - log(2/20) = log 5
    delta, _ = log_odds_dirichlet([3, 0], [1, 4], 10, 20, [1, 1])
    assert delta[0] == pytest.approx(math.log(5))


def test_absent_side_and_bound_labels():
    a, b = [3, 0, 0, 2], [0, 4, 0, 2]
    assert list(absent_side(a, b)) == ["reference", "target", "", ""]
    # log2((3/100)/(0.5/100)) = log2 6 = 2.585; log2(0.5/4) = -3
    assert log_ratio(a, b, 100, 100)[0] == pytest.approx(math.log2(6))
    assert list(log_ratio_label(a, b, 100, 100)) == [">= 2.58", "<= -3.00", "", "0.00"]


def test_small_count_keyness_table():
    a, b = np.array([12, 0, 3]), np.array([0, 9, 3])
    table = small_count_keyness(
        a, b, 1000, 1000, terms=["x", "y", "z"], prior=[2, 2, 2], alpha0=100
    )
    assert list(table.index) == ["x", "y", "z"]
    assert list(table["absent_side"]) == ["reference", "target", ""]
    assert table.loc["x", "log_ratio_label"].startswith(">= ")
    np.testing.assert_allclose(
        table["lrc"], log_ratio_conservative(a, b, 1000, 1000, m_tests=3)
    )
    # Fisher x: [[12, 0], [988, 1000]] -> p = 2 * C(1000,12)/C(2000,12) by symmetry
    p_x = 2 * math.comb(1000, 12) / math.comb(2000, 12)
    assert table.loc["x", "fisher_p"] == pytest.approx(p_x)
    assert bool(table.loc["x", "key_fisher_bonferroni"]) == (p_x < 0.05 / 3)
    assert not table.loc["z", "key_lrc"] and not table.loc["z", "key_log_odds"]
    assert {"key_fisher_bh", "key_lrc", "key_log_odds", "z"} <= set(table.columns)


def test_keyness_agreement_counts_and_jaccard():
    table = pd.DataFrame(
        {
            "key_a": [True, True, False, False],
            "key_b": [True, False, True, False],
            "key_c": [False] * 4,
            "other": [1, 2, 3, 4],
        }
    )
    counts, pairs = keyness_agreement(table)
    assert counts.to_dict() == {"key_a": 2, "key_b": 2, "key_c": 0}
    ab = pairs.set_index(["measure_1", "measure_2"]).loc[("key_a", "key_b")]
    assert (ab["both"], ab["either"]) == (1, 3)
    assert ab["jaccard"] == pytest.approx(1 / 3)
    ac = pairs.set_index(["measure_1", "measure_2"]).loc[("key_a", "key_c")]
    assert ac["jaccard"] == 0
    table["key_d"] = False
    none = keyness_agreement(table, ["key_c", "key_d"]).pairs
    assert np.isnan(none["jaccard"].iloc[0])  # nothing key on either side
