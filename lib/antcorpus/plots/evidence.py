"""Text-level figures: per-piece rates by era (one dot per text) and the spec curve."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.lines import Line2D

from .base import cjk_style, era_colours, figure_axes
from .labels import term_label, tr
from .scale import (
    box_note,
    draw_bins,
    draw_boxes,
    eras_present,
    position_bins,
    scale_note,
    spread,
    summarised,
)
from .shapes import plain_log_ticks, round_significant, wrap_label


def plot_piece_rates(
    rates: pd.DataFrame,
    groups: pd.Series,
    order: list[str],
    axes=None,
    title: str | None = None,
    ylabel: str | None = None,
    summary_title: str | None = None,
):
    """A panel per feature of `piece_rates`: one dot per piece, by era (n in legend).

    Past MAX_PIECES_DRAWN pieces a box per era replaces the dots (quartiles, median,
    whiskers from the lowest to the highest piece), and `summary_title` replaces
    `title` (which may speak of dots), with a line saying what was summarised.
    """
    features = list(rates.columns)
    eras = [e for e in order if e in set(groups)]
    colours = era_colours(order)
    boxes = summarised(len(rates))
    with cjk_style():
        fig, axes = figure_axes(axes, **_rates_grid(len(features)))
        for ax, feature in zip(axes.flat, features, strict=False):
            if boxes:
                draw_boxes(ax, spread(rates[feature], groups, eras), colours)
            else:
                _strip(ax, rates[feature], groups, eras, colours)
            _era_axis(ax, rates[feature], eras)
            ax.set_title(wrap_label(term_label(feature), 26), fontsize=8)
        _switch_off(axes, len(features))
        _era_legend(fig, groups, eras, colours)
        ylabel = ylabel or tr("rate per 10,000 content tokens of the piece")
        fig.supylabel(ylabel, fontsize=8)
        title = title or tr("Each dot is one text: per-piece rates by era")
        if boxes:
            title = summary_title or tr("Per-piece rates by era")
            title += "\n" + scale_note(len(rates), box_note())
        fig.suptitle(title, fontsize=10)
    return fig


def _rates_grid(n: int) -> dict:
    """Subplot settings for n panels: four a row, 1.45 in each, in one column width."""
    cols = min(4, n)
    rows = -(-n // cols)
    size = (6.5, 1.45 * rows + 1.1)
    return {"nrows": rows, "ncols": cols, "squeeze": False, "figsize": size} | {
        "layout": "constrained"
    }


def _switch_off(axes, n: int) -> None:
    """Hide the grid's spare panels after the first n."""
    for ax in axes.flat[n:]:
        ax.set_axis_off()


def _strip(ax, values: pd.Series, groups: pd.Series, eras: list[str], colours) -> None:
    """Dots per era, left to right in era order, with a small deterministic jitter."""
    for i, era in enumerate(eras):
        part = values[groups.reindex(values.index) == era]
        jitter = np.linspace(-0.15, 0.15, len(part)) if len(part) > 1 else [0.0]
        ax.scatter(i + np.asarray(jitter), part, s=16, color=colours.get(era, "0.5"))


def _era_axis(ax, values: pd.Series, eras: list[str]) -> None:
    """An era slot per x position (unlabelled: the legend names them), rates from 0."""
    ax.set_xticks(range(len(eras)), [])
    ax.tick_params(labelsize=7)
    ax.set_xlim(-0.6, len(eras) - 0.4)
    ax.set_ylim(bottom=-0.04 * max(float(values.max()), 1.0))
    ax.grid(axis="y", color="0.92")


def _era_legend(fig, groups: pd.Series, eras: list[str], colours) -> None:
    """One legend entry per era, left to right as in each panel, with n pieces."""
    handles = [
        Line2D([], [], marker="o", ls="", ms=4, color=colours.get(e, "0.5"))
        for e in eras
    ]
    texts = [f"{e} (n={int((groups == e).sum())})" for e in eras]
    fig.legend(handles, texts, loc="outside lower center", ncols=len(eras), fontsize=7)


def piece_rates_data(
    rates: pd.DataFrame, groups: pd.Series, order: list[str] | None = None
) -> pd.DataFrame:
    """The dots: feature, piece, its era and rate per 10,000 content tokens.

    Past MAX_PIECES_DRAWN pieces, the boxes: feature, era (in `order`, else as first
    seen), pieces, then the lowest rate, quartiles, median and highest, as drawn.
    """
    if summarised(len(rates)):
        eras = eras_present(groups, rates.index, order)
        parts = [
            spread(rates[f], groups, eras).assign(feature=f) for f in rates.columns
        ]
        table = pd.concat(parts, ignore_index=True)
        rate = {q: f"rate_per_10k_{q}" for q in ("min", "q1", "median", "q3", "max")}
        return table[["feature", "era", "pieces", *rate]].rename(columns=rate)
    table = rates.round(1).rename_axis("doc_id").reset_index()
    rate = "rate_per_10k_content_tokens"
    table = table.melt("doc_id", var_name="feature", value_name=rate)
    table.insert(2, "era", table["doc_id"].map(groups))
    return table[["feature", "doc_id", "era", rate]]


MARK_COLOURS = {"robust": "#009E73", "fragile": "#E69F00"}


def _mark_word(word: str) -> str:
    """A direction or robustness mark in the current label edition."""
    return {
        "higher": tr("higher"),
        "lower": tr("lower"),
        "robust": tr("robust"),
        "fragile": tr("fragile"),
        "not supported": tr("not supported"),
        "untestable": tr("untestable"),
    }.get(word, word)


def plot_spec_curve(curve: pd.DataFrame, marks: pd.DataFrame, alpha: float, ax=None):
    """Each feature's one-sided p per specification (log scale), mark in the label."""
    features = list(marks["feature"])
    mark = dict(zip(marks["feature"], marks["mark"], strict=True))
    with cjk_style():
        size = (6.5, 0.28 * len(features) + 1.5)
        fig, ax = figure_axes(ax, figsize=size, layout="constrained")
        for y, feature in enumerate(features):
            p = curve.loc[curve["feature"] == feature, "p_one_sided"].clip(lower=1e-6)
            jitter = np.linspace(-0.25, 0.25, len(p)) if len(p) > 1 else [0.0]
            colour = MARK_COLOURS.get(mark[feature], "0.6")
            ax.scatter(p, y + np.asarray(jitter), s=8, color=colour, alpha=0.7)
        ax.set_yticks(range(len(features)), _spec_labels(marks), fontsize=7)
        ax.axvline(alpha, color="0.3", ls="--", lw=0.8)
        ax.set_xscale("log")
        plain_log_ticks(ax.xaxis)
        ax.tick_params(axis="x", labelsize=7)
        ax.invert_yaxis()
        xlabel = tr("one-sided p, pieces as the unit (dashed: {alpha})", alpha=alpha)
        dots = tr("one dot per specification")
        ax.set_xlabel(f"{xlabel}; {dots}", fontsize=8)
        n = curve.groupby("feature").size().max()
        title = tr("Specification curve: {n} analyst choices per feature", n=n)
        ax.set_title(title, fontsize=9)
    return fig


def _spec_labels(marks: pd.DataFrame) -> list[str]:
    """Each feature's row label: the term (glossed), its direction and its mark."""
    return [
        tr(
            "{feature} ({direction}: {mark})",
            feature=term_label(r.feature),
            direction=_mark_word(r.direction),
            mark=_mark_word(r.mark),
        )
        for r in marks.itertuples()
    ]


def spec_curve_data(curve: pd.DataFrame, marks: pd.DataFrame) -> pd.DataFrame:
    """The dots: feature, its mark, the specification's choices and the one-sided p."""
    spec = ["segmenter", "stoplist", "masked", "reference"]
    drawn = curve[curve["p_one_sided"].notna()]
    drawn = drawn.merge(marks[["feature", "mark"]], on="feature", how="left")
    drawn = drawn[["feature", "direction", "mark", *spec, "p_one_sided"]]
    return round_significant(drawn, 3)


def plot_dispersion(
    positions: pd.DataFrame, groups: pd.Series, order: list[str], ax=None
):
    """Each term's occurrences across pieces (AntConc's Plot, quanteda's xray).

    One panel per term, one row per piece grouped by era; a tick marks an occurrence at
    its relative position in the piece. Terms and pieces come from `positions.attrs`.
    """
    terms, pieces = positions.attrs["terms"], positions.attrs["pieces"]
    eras = [e for e in order if e in set(groups[pieces])]
    pieces = sorted(pieces, key=lambda d: (eras.index(groups[d]), d))
    if summarised(len(pieces)):
        return _dispersion_summary(positions, groups, pieces, eras, ax)
    colours = era_colours(order)
    with cjk_style():
        fig, axes = figure_axes(ax, **_dispersion_grid(len(terms), len(pieces)))
        for a, term in zip(axes.flat, terms, strict=False):
            hits = positions[positions["term"] == term]
            _occurrences(a, hits, pieces, groups, colours)
            a.set_title(wrap_label(term_label(term), 34), fontsize=8)
        _switch_off(axes, len(terms))
        _bottom_xlabels(axes, len(terms))
        axes[0, 0].set_yticks(range(len(pieces)), pieces, fontsize=7)
        _era_legend(fig, groups.reindex(pieces), eras, colours)
        title = tr("Where each key term occurs, piece by piece, coloured by era")
        fig.suptitle(title, fontsize=10)
    return fig


def _dispersion_summary(positions, groups, pieces: list, eras: list[str], ax=None):
    """plot_dispersion past MAX_PIECES_DRAWN: a row per era, shaded by tenths."""
    terms = positions.attrs["terms"]
    bins = position_bins(positions, groups, eras)
    vmax = max(float(bins["share_of_era_occurrences"].max()), 0.1)
    n = groups.reindex(pieces).value_counts()
    with cjk_style():
        fig, axes = figure_axes(ax, **_dispersion_grid(len(terms), len(eras)))
        for a, term in zip(axes.flat, terms, strict=False):
            image = draw_bins(a, bins[bins["term"] == term], eras, vmax)
            a.set_title(wrap_label(term_label(term), 34), fontsize=8)
        _switch_off(axes, len(terms))
        _bottom_xlabels(axes, len(terms))
        axes[0, 0].set_yticks(range(len(eras)), [f"{e} (n={n[e]})" for e in eras])
        axes[0, 0].tick_params(axis="y", labelsize=7)
        if terms:
            bar = fig.colorbar(image, ax=axes, shrink=0.6)
            bar.set_label(tr("share of the era's occurrences"), fontsize=7)
            bar.ax.tick_params(labelsize=7)
        title = tr("Where each key term occurs, piece by piece, coloured by era")
        what = tr("a row per era, shaded by where in its pieces each term falls")
        fig.suptitle(f"{title}\n{scale_note(len(pieces), what)}", fontsize=10)
    return fig


def _dispersion_grid(n_terms: int, n_pieces: int) -> dict:
    """Subplot settings: the fewest columns (up to 3) keeping panels within 7.5 in."""
    panel = 0.12 * n_pieces + 0.4
    cols = next((c for c in (1, 2, 3) if panel * -(-n_terms // c) <= 7.5), 3)
    rows = -(-n_terms // cols)
    shape = {"nrows": rows, "ncols": cols, "squeeze": False, "layout": "constrained"}
    return shape | {
        "sharex": True,
        "sharey": True,
        "figsize": (6.5, panel * rows + 1.2),
    }


def _bottom_xlabels(axes, n: int) -> None:
    """Tick labels and the axis name under the last panel of each column."""
    cols = axes.shape[1]
    xlabel = tr("relative position in the piece (0 = start, 1 = end)")
    for a in axes.flat[max(0, n - cols) : n]:
        a.xaxis.set_tick_params(labelbottom=True)
        a.set_xlabel(wrap_label(xlabel, int(110 / cols)), fontsize=7)


def _occurrences(ax, hits: pd.DataFrame, pieces, groups: pd.Series, colours) -> None:
    """One row per piece, a tick at each occurrence's relative position."""
    row = {d: y for y, d in enumerate(pieces)}
    for doc, part in hits.groupby("doc_id", sort=False):
        if doc in row:
            colour = colours.get(groups[doc], "0.5")
            y = [row[doc]] * len(part)
            ax.scatter(part["position"], y, marker="|", s=30, color=colour)
    ax.set_ylim(len(pieces) - 0.5, -0.5)
    ax.set_xlim(0, 1)
    ax.set_xticks([0, 0.5, 1])
    ax.tick_params(labelsize=7)


def dispersion_data(
    positions: pd.DataFrame, groups: pd.Series, order: list[str] | None = None
) -> pd.DataFrame:
    """The ticks: term, piece, its era and the occurrence's relative position.

    Past MAX_PIECES_DRAWN pieces, the shaded cells: term, era (in `order`, else as
    first seen), tenth of the pieces, occurrences and share of the era's.
    """
    pieces = positions.attrs["pieces"]
    if summarised(len(pieces)):
        return position_bins(positions, groups, eras_present(groups, pieces, order))
    shown = positions[positions["doc_id"].isin(pieces)]
    table = shown[["term", "doc_id"]].assign(era=shown["doc_id"].map(groups))
    return table.assign(relative_position=shown["position"].round(3))
