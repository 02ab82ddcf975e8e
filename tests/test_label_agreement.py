"""Agreement on hand labels: kappa with a bootstrap interval, label shares."""

import pandas as pd
import pytest

from antcorpus.stats import agreement, tone

A = ["o", "o", "c", "c", "n", "n", "c", "n"]
B = ["o", "c", "c", "c", "n", "o", "c", "n"]
# observed 6/8; a: o 2, c 3, n 3; b: o 2, c 4, n 2
# expected (2*2 + 3*4 + 3*2) / 64 = 22/64; kappa (48/64 - 22/64) / (42/64) = 26/42
KAPPA = 26 / 42


def test_kappa_interval_hand_computed_and_seeded():
    k, lo, hi = agreement.kappa_interval(A, B, n_boot=500, seed=3)
    assert k == pytest.approx(KAPPA) == pytest.approx(tone.cohen_kappa(A, B))
    assert -1 <= lo <= k <= hi <= 1
    assert agreement.kappa_interval(A, B, n_boot=500, seed=3) == (k, lo, hi)
    assert agreement.kappa_interval(A, A, n_boot=200) == (1.0, 1.0, 1.0)
    with pytest.raises(ValueError):
        agreement.kappa_interval(A, B[:-1])


def joined() -> pd.DataFrame:
    """Long labels: two annotators on four items of two pieces."""
    return pd.DataFrame(
        {
            "item": ["b1", "b2", "b3", "b4"] * 2,
            "doc_id": ["x", "x", "y", "y"] * 2,
            "era": ["2025", "2025", "2020", "2020"] * 2,
            "annotator": ["a"] * 4 + ["b"] * 4,
            "label": ["critical", "critical", "neutral", "optimistic"]
            + ["critical", "neutral", "neutral", "optimistic"],
        }
    )


def test_pairwise_kappa_on_items_both_labelled():
    row = agreement.pairwise_kappa(joined(), n_boot=200).iloc[0]
    # observed 3/4; expected (2*1 + 1*2 + 1*1) / 16 = 5/16
    assert (row.a, row.b, row.n, row.agreement) == ("a", "b", 4, 0.75)
    assert row.kappa == pytest.approx(round((12 / 16 - 5 / 16) / (11 / 16), 3))


def test_label_shares_per_piece_and_era():
    shares = agreement.label_shares(joined(), "doc_id").set_index(
        ["doc_id", "annotator"]
    )
    assert shares.loc[("x", "a"), ["n", "critical", "neutral"]].tolist() == [2, 1.0, 0]
    assert shares.loc[("x", "b"), ["critical", "neutral", "optimistic"]].tolist() == [
        0.5,
        0.5,
        0.0,
    ]
    by_era = agreement.label_shares(joined(), "era")
    assert by_era.attrs["by"] == "era" and set(by_era["n"]) == {2}
    sums = by_era[["critical", "neutral", "optimistic"]].sum(axis=1)
    assert (sums.round(3) == 1.0).all()
