"""Keyness statistics pinned to hand-computed values (to 1e-6)."""

import numpy as np
import pandas as pd
import pytest
from scipy.stats import false_discovery_control

from antcorpus import plots
from antcorpus.stats import keyness


@pytest.mark.parametrize(
    "a, b, n_a, n_b, expected",
    [
        (
            10,
            2,
            1000,
            1000,
            5.85425656648961,
        ),  # 2*(10ln(10/6) + 2ln(2/6) + 990ln(990/994) + 998ln(998/994))
        (
            0,
            5,
            500,
            2000,
            -2.2339392695075952,
        ),  # zero in the target: the 0 ln 0 cell is 0; negative sign
        (7, 7, 1000, 3000, 4.043952534473852),
    ],
)
def test_g2_four_cell(a, b, n_a, n_b, expected):
    assert keyness.g2(a, b, n_a, n_b) == pytest.approx(expected, abs=1e-6)


@pytest.mark.parametrize(
    "a, b, n_a, n_b, expected",
    [
        (10, 2, 1000, 1000, 2.321928094887362),  # log2(5)
        (0, 5, 500, 2000, -1.3219280948873622),  # log2((0.5/500) / (5/2000))
        (7, 7, 1000, 3000, 1.5849625007211563),  # log2(3)
    ],
)
def test_log_ratio_hardie(a, b, n_a, n_b, expected):
    assert keyness.log_ratio(a, b, n_a, n_b) == pytest.approx(expected, abs=1e-6)


def test_equal_rates_give_zero():
    assert keyness.g2(5, 10, 1000, 2000) == pytest.approx(0, abs=1e-9)
    assert keyness.log_ratio(5, 10, 1000, 2000) == pytest.approx(0, abs=1e-9)


def test_bh_q_values_hand_computed():
    q = false_discovery_control(np.array([0.01, 0.04, 0.03, 0.2]), method="bh")
    assert q == pytest.approx([0.04, 0.16 / 3, 0.16 / 3, 0.2], abs=1e-6)


ERA = pd.Series({"early1": "early", "early2": "early", "late": "late"})


def dfm():
    return pd.DataFrame(
        {
            "监管": [0, 1, 20],
            "支付": [10, 12, 2],
            "平台": [5, 0, 1],
            "x": [985, 987, 977],
        },
        index=["early1", "early2", "late"],
    )


def test_keyness_table_counts_rates_and_pieces():
    table = keyness.textstat_keyness(dfm(), ERA, "late", "early").set_index("term")
    row = table.loc["监管"]
    assert (row.target, row.reference, row.target_pieces, row.reference_pieces) == (
        20,
        1,
        1,
        1,
    )
    assert row.target_per_10k == 200.0 and row.reference_per_10k == 5.0
    assert (
        row.g2 == pytest.approx(keyness.g2(20, 1, 1000, 2000), abs=1e-9) and row.g2 > 0
    )
    assert table.loc["支付", "g2"] < 0 and 0 <= row.p <= row.q <= 1
    assert list(table["g2"]) == sorted(table["g2"], reverse=True)


def test_leave_one_out_flags_terms_carried_by_one_piece():
    stable = keyness.keyness_leave_one_out(
        dfm(), keyness.textstat_keyness(dfm(), ERA, "late", "early", 0)
    )
    assert stable[
        "监管"
    ]  # leaving out either early piece: still far more frequent late
    assert not stable["平台"]  # all from early1: leave it out and the contrast is gone


def test_keyness_figures_draw_both_sides():
    import matplotlib.pyplot as plt

    table = keyness.textstat_keyness(
        dfm(), ERA, "late", "early", min_count=1, order=["early", "late"]
    )
    fig = plots.plot_keyness_bars(table, 2)
    bars = fig.axes[0].patches
    assert {b.get_facecolor() for b in bars if b.get_width() > 0} != {
        b.get_facecolor() for b in bars if b.get_width() < 0
    }
    plt.close(fig)
    fig = plots.plot_keyness_scatter(table, n_labels=1)
    assert len(fig.axes[0].texts) == 2
    plt.close(fig)


def _loo_by_resumming(dfm_, table):
    """The earlier, quadratic leave-one-out: re-sum the matrix for every design."""
    meta, terms = table.attrs, table["term"].tolist()
    full = table.set_index("term")
    stable = pd.Series(True, index=terms)
    for side, other in (
        (meta["target_pieces"], meta["reference_pieces"]),
        (meta["reference_pieces"], meta["target_pieces"]),
    ):
        for piece in side if len(side) > 1 else ():
            rest = [p for p in side if p != piece]
            t, r = (rest, other) if side is meta["target_pieces"] else (other, rest)
            loo = keyness.keyness_table(dfm_, t, r, 0).set_index("term").reindex(terms)
            same = np.sign(loo["g2"].fillna(0)) == np.sign(full["g2"])
            stable &= same & (loo["g2"].abs().fillna(0) >= keyness.CRITICAL)
    return stable


def test_linear_leave_one_out_equals_resumming_on_random_counts():
    rng = np.random.default_rng(7)
    docs = [f"d{i}" for i in range(9)]
    frame = pd.DataFrame(
        rng.poisson(rng.gamma(0.5, 4, size=40), size=(9, 40)),
        index=docs,
        columns=[f"w{j}" for j in range(40)],
    )
    groups = pd.Series(["a"] * 3 + ["b"] * 5 + ["c"], index=docs)
    for target, reference in (("a", "b"), ("c", "b")):
        table = keyness.textstat_keyness(frame, groups, target, reference, 2)
        fast = keyness.keyness_leave_one_out(frame, table)
        assert fast.equals(_loo_by_resumming(frame, table))


@pytest.mark.parametrize("edition", ["en", "zh"])
def test_keyness_figures_fit_a_column_and_save_what_they_draw(monkeypatch, edition):
    import matplotlib.pyplot as plt

    monkeypatch.setenv("ANTCORPUS_LABELS", edition)
    table = keyness.textstat_keyness(
        dfm(), ERA, "late", "early", min_count=1, order=["early", "late"]
    )
    for fig in (plots.plot_keyness_bars(table, 2), plots.plot_keyness_scatter(table)):
        plots.check_layout(fig, "05-test")
        plt.close(fig)
    bars = plots.keyness_bars_data(table, 2)
    assert list(bars.columns) == [
        "term",
        "label",
        "higher_in",
        "log_ratio_late_vs_early",
        "g2",
    ]
    assert len(bars) == len(pd.concat([table.head(2), table.tail(2)]))
    assert bars["log_ratio_late_vs_early"].is_monotonic_decreasing
    full = plots.keyness_table_data(table)
    assert {"count_late_target", "rate_per_10k_early_reference"} <= set(full.columns)
    assert all(float(f"{p:.4g}") == p for p in full["p"])  # four significant digits
    scatter = plots.keyness_scatter_data(table, n_labels=1)
    assert len(scatter) == len(table) and (scatter["label"] != "").sum() == 2
