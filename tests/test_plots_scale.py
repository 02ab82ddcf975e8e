"""Per-piece figures past MAX_PIECES_DRAWN: bounded summaries, data as drawn."""

from __future__ import annotations

import time

import matplotlib
import numpy as np
import pandas as pd
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from antcorpus import plots  # noqa: E402
from antcorpus.plots import (  # noqa: E402
    base,
    describe,
    diversity,
    evidence,
    scale,
    stylometry,
    topics_shares,
    years,
)

ERAS = ["2016–2018", "2020", "2025", "undated"]
STEPS = ["drop_spans", "mask_years", "unwrap_lines"]


def pieces(n: int, seed: int = 0) -> pd.DataFrame:
    """A synthetic piece table: doc_id, title, era, dates (some undated), tokens."""
    rng = np.random.default_rng(seed)
    era = rng.choice(ERAS, n, p=[0.4, 0.3, 0.2, 0.1])
    year = {"2016–2018": 2016, "2020": 2020, "2025": 2025}
    start = [
        pd.Timestamp(
            year[e] + int(rng.integers(0, 3 if e == "2016–2018" else 1)), i % 12 + 1, 1
        )
        if e != "undated"
        else pd.NaT
        for i, e in enumerate(era)
    ]
    table = pd.DataFrame(
        {
            "doc_id": [f"piece-{i:05d}" for i in range(n)],
            "title": [f"标题 {i}" for i in range(n)],
            "era": era,
            "date_start": pd.to_datetime(start),
            "n_tokens": rng.integers(100, 3000, n),
        }
    )
    return table.assign(date_end=table["date_start"] + pd.Timedelta(days=30))


def inputs(n: int) -> dict:
    """Each per-piece figure's (plot, data, plot args, data args) on n pieces."""
    table = pieces(n)
    rng = np.random.default_rng(1)
    era_of = table.set_index("doc_id")["era"]
    ids = list(table["doc_id"])
    wide = pd.DataFrame(rng.integers(0, 50, (n, 3)), index=ids, columns=STEPS)
    rates = pd.DataFrame(rng.gamma(2, 50, (n, 2)), index=ids, columns=["a", "b"])
    lexdiv = pd.DataFrame(
        {"doc_id": ids, "tokens": table["n_tokens"], "ttr": rng.random(n)}
    ).assign(mattr_100=rng.random(n))
    lexdiv.attrs["window"] = 100
    positions = pd.DataFrame(
        {
            "term": rng.choice(["监管", "合规"], 5 * n),
            "doc_id": rng.choice(ids, 5 * n),
            "position": rng.random(5 * n),
        }
    )
    dated = list(era_of[era_of != "undated"].index)
    positions.attrs = {"terms": ["监管", "合规"], "pieces": dated}
    d = rng.random((n, n))
    distance = pd.DataFrame(np.triu(d, 1) + np.triu(d, 1).T, index=ids, columns=ids)
    shares = pd.DataFrame(
        [
            {"doc_id": i, "feature": f"T{t}", "share": 0.25, "tokens": int(k)}
            for i, k in zip(ids, table["n_tokens"], strict=True)
            for t in range(1, 5)
        ]
    )
    shares.attrs["by"] = "doc_id"
    labels = ["甲", "乙", "丙", "丁"]
    mentioned = pd.DataFrame(
        {
            "doc_id": ids,
            "era": table["era"],
            "year": rng.integers(2010, 2026, n),
            "count": rng.integers(1, 4, n),
        }
    )
    return {
        "timeline": (
            lambda: plots.plot_timeline(table, ERAS),
            lambda: describe.timeline_data(table, ERAS),
        ),
        "cleaning": (
            lambda: plots.plot_cleaning(wide),
            lambda: describe.cleaning_data(wide),
        ),
        "lexdiv": (
            lambda: plots.plot_lexdiv(lexdiv, era_of, ERAS),
            lambda: diversity.lexdiv_data(lexdiv, era_of),
        ),
        "rates": (
            lambda: plots.plot_piece_rates(
                rates, era_of, ERAS, title="Each dot is one text: per-piece rates"
            ),
            lambda: evidence.piece_rates_data(rates, era_of, ERAS),
        ),
        "dispersion": (
            lambda: plots.plot_dispersion(positions, era_of, ERAS),
            lambda: evidence.dispersion_data(positions, era_of, ERAS),
        ),
        "distance": (
            lambda: plots.plot_distance(distance, era_of),
            lambda: stylometry.distance_data(distance, era_of),
        ),
        "topics": (
            lambda: plots.plot_heatmap(shares, labels),
            lambda: topics_shares.heatmap_data(shares, labels),
        ),
        "years": (
            lambda: plots.plot_years(mentioned, table, ERAS),
            lambda: years.years_data(mentioned, table, ERAS),
        ),
    }


def texts(fig) -> list[str]:
    """Visible, non-empty text artists of a figure (tick labels included)."""
    fig.draw_without_rendering()
    return [
        t.get_text()
        for t in fig.findobj(matplotlib.text.Text)
        if t.get_visible() and t.get_text().strip()
    ]


@pytest.mark.parametrize("name", list(inputs(5)))
def test_a_2000_piece_figure_is_a_bounded_summary(name):
    draw, data = inputs(2000)[name]
    started = time.perf_counter()
    fig = draw()
    words = texts(fig)
    base.check_layout(fig, name)
    assert time.perf_counter() - started < 10
    assert len(words) < 200
    named = [w for w in words if "piece-0" in w]  # only a top-n view names pieces
    assert len(named) <= base.TOP_PIECES
    assert any("2,000 pieces" in w or "1," in w and "pieces" in w for w in words)
    assert fig.get_size_inches()[1] < 9
    table = data()
    assert len(table) < 1000 or name == "lexdiv"
    plt.close(fig)


def test_summaries_hold_what_is_drawn():
    case = inputs(2000)
    timeline = case["timeline"][1]()
    assert timeline["pieces"].sum() == 2000
    fig = case["timeline"][0]()
    bars = fig.axes[0].patches
    assert len(bars) == (timeline["panel"] == "dated").sum()
    cleaning = case["cleaning"][1]()
    assert cleaning.groupby("doc_id", sort=False)["pieces"].first().sum() == 2000
    assert cleaning["doc_id"].nunique() == base.TOP_PIECES + 1
    rates = case["rates"][1]()
    assert set(rates.groupby("feature")["pieces"].sum()) == {2000}
    fig = case["rates"][0]()
    assert len(fig.axes[0].patches) == (rates["feature"] == "a").sum()
    assert "dot" not in fig._suptitle.get_text()  # the caller's title spoke of dots
    topics = case["topics"][1]()
    assert len(topics) == (base.TOP_PIECES + 1) * 4
    assert topics["tokens"].sum() == 4 * pieces(2000)["n_tokens"].sum()
    assert np.allclose(topics.groupby("topic")["share_token_weighted"].mean(), 0.25)
    dispersion = case["dispersion"][1]()
    share = dispersion.groupby(["term", "era"])["share_of_era_occurrences"].sum()
    assert np.allclose(share, 1, atol=0.01)
    distance = case["distance"][1]()
    assert distance["pieces"].sum() == 2000 and len(distance) == len(ERAS)
    plt.close("all")


def test_era_distance_is_the_mean_over_distinct_pairs():
    ids = ["a", "b", "c"]
    d = pd.DataFrame([[0, 1, 2], [1, 0, 4], [2, 4, 0]], index=ids, columns=ids)
    eras = pd.Series(["x", "x", "y"], index=ids)
    mean = stylometry.era_distance(d, eras)
    assert mean.loc["x", "x"] == 1 and mean.loc["x", "y"] == 3
    assert np.isnan(mean.loc["y", "y"])  # one piece: no pair


@pytest.mark.parametrize("name", list(inputs(5)))
def test_under_the_limit_every_piece_is_drawn(name):
    n = base.MAX_PIECES_DRAWN
    assert not scale.summarised(n) and scale.summarised(n + 1)
    draw, data = inputs(12)[name]
    fig = draw()
    words = texts(fig)
    assert not any("12 pieces:" in w for w in words)
    assert "pieces" not in data().columns or name == "topics"
    plt.close(fig)
