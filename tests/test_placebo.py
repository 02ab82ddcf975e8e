"""Placebo calibration: designs, size-matched windows, the real value's position."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from antcorpus.stats.placebo import (
    Design,
    calibrate,
    placebo_designs,
    placebo_position,
    run_placebos,
    size_matched_windows,
    window_designs,
    windows_dfm,
)

ERAS = pd.Series(
    {
        "T": "2025",
        "R1": "ref",
        "R2": "ref",
        "R3": "ref",
        "M1": "mid",
        "M2": "mid",
        "X": "other",
    }
)


def test_placebo_designs_real_reference_middle():
    designs = placebo_designs(ERAS, "2025", "ref", middle="mid")
    assert designs[0] == Design("real", ["T"], ["R1", "R2", "R3"])
    assert [d.name for d in designs] == [
        "real",
        "reference:R1",
        "reference:R2",
        "reference:R3",
        "middle:M1",
        "middle:M2",
    ]
    assert designs[2] == Design("reference:R2", ["R2"], ["R1", "R3"])
    assert designs[4] == Design("middle:M1", ["M1"], ["R1", "R2", "R3"])
    several = placebo_designs(ERAS, "2025", "ref", middle=["mid", "other"])
    assert len(several) == 7 and several[-1].name == "middle:X"


def test_placebo_designs_one_vs_one_has_no_reference_placebo():
    eras = pd.Series({"T": "2025", "R": "ref"})
    assert placebo_designs(eras, "2025", "ref") == [Design("real", ["T"], ["R"])]


def test_size_matched_windows_overlapping_covers_every_start():
    tokens = list("abcdefghij")
    # 10 tokens, size 3 -> 8 possible starts; n = 8 takes all of them, in text order
    windows = size_matched_windows(tokens, 3, 8, seed=3)
    assert windows == [tokens[i : i + 3] for i in range(8)]
    assert size_matched_windows(tokens, 3, 4, seed=1) == size_matched_windows(
        tokens, 3, 4, seed=1
    )


def test_size_matched_windows_disjoint_and_errors():
    tokens = list("abcdefghij")
    windows = size_matched_windows(tokens, 3, 3, seed=0, overlap=False)
    starts = ["".join(tokens).index("".join(w)) for w in windows]
    assert all(len(w) == 3 for w in windows)
    gaps = np.diff(starts)
    assert (gaps >= 3).all()  # no overlap
    with pytest.raises(ValueError):
        size_matched_windows(tokens, 11, 1)
    with pytest.raises(ValueError):
        size_matched_windows(tokens, 3, 9)
    with pytest.raises(ValueError):
        size_matched_windows(tokens, 3, 4, overlap=False)


def test_windows_dfm_counts_and_designs():
    w = windows_dfm([["a", "b", "a"], ["c"]], prefix="T")
    assert list(w.index) == ["T-1", "T-2"]
    assert w.loc["T-1"].to_dict() == {"a": 2, "b": 1, "c": 0}
    assert w.loc["T-2", "c"] == 1
    designs = window_designs(list(w.index), ["R1"])
    assert designs[1] == Design("window:T-2", ["T-2"], ["R1"])


def test_placebo_position_hand_values():
    # real 5 among [1, 5, 7] (NaN dropped): 2 are >= 5, 1 is above, 1 below
    pos = placebo_position(5, [1, 5, 7, np.nan])
    assert pos["n_placebos"] == 3 and pos["n_at_least"] == 2
    assert pos["share_at_least"] == pytest.approx(2 / 3)
    assert pos["p_plus_one"] == pytest.approx(3 / 4)
    assert pos["rank"] == 2 and pos["percentile"] == pytest.approx(100 / 3)
    empty = placebo_position(1.0, [])
    assert empty["n_placebos"] == 0 and empty["p_plus_one"] == 1


def rate_gap(dfm, target, reference):
    """Per-10k rate of 'x' pooled over target minus pooled over reference."""

    def rate(pieces):
        return 1e4 * dfm.loc[pieces, "x"].sum() / dfm.loc[pieces].to_numpy().sum()

    return rate(target) - rate(reference)


def test_calibrate_generic_statistic():
    # 1000 tokens per piece; x per 10k: T 100, R1 10, R2 20, R3 30, M1 40, M2 0
    x = {"T": 10, "R1": 1, "R2": 2, "R3": 3, "M1": 4, "M2": 0, "X": 0}
    dfm = pd.DataFrame({"x": x})
    dfm["other"] = 1000 - dfm["x"]
    table, pos = calibrate(dfm, ERAS, "2025", "ref", rate_gap, middle="mid")
    values = table.set_index("name")["value"]
    assert values["real"] == pytest.approx(100 - 20)
    # R1 vs R2+R3: 10 - 25; R2 vs R1+R3: 20 - 20; R3: 30 - 15; M1: 40 - 20; M2: -20
    assert values["reference:R1"] == pytest.approx(-15)
    assert values["reference:R3"] == pytest.approx(15)
    assert values["middle:M1"] == pytest.approx(20)
    assert list(table["kind"]) == ["real"] + ["reference"] * 3 + ["middle"] * 2
    assert table.loc[0, "reference_tokens"] == 3000
    assert pos["n_placebos"] == 5 and pos["n_at_least"] == 0 and pos["rank"] == 1
    assert pos["p_plus_one"] == pytest.approx(1 / 6)
    runs = run_placebos(dfm, [Design("d", ["T"], ["M2"])], rate_gap)
    assert runs.loc[0, "value"] == pytest.approx(100)
