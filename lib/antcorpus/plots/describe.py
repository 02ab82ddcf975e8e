"""Corpus-description figures: timeline, era balance and the cleaning heatmap."""

from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from .base import COLUMN_IN, cjk_style, era_colours, figure_axes
from .labels import tr
from .scale import scale_note, summarised, top_and_rest
from .shapes import annotated_heatmap
from .timeline_scale import plot_timeline_summary, timeline_periods

ROW_IN = 0.42  # height of a row of two-line piece labels


def piece_label(row, width: int = 16) -> str:
    """Two-line label: the doc_id, then the title as published, cut to `width` chars."""
    title = row.title if len(row.title) <= width else row.title[: width - 1] + "…"
    return f"{row.doc_id}\n{title}"


def pieces_text(n: int) -> str:
    """'1 piece' or '5 pieces' in the label edition."""
    return tr("{n} piece", n=n) if n == 1 else tr("{n} pieces", n=f"{n:,}")


def tokens_text(n: int) -> str:
    """'2,209 tokens' in the label edition."""
    return tr("{n} tokens", n=f"{n:,}")


def year_step(years: float, most: int = 12) -> int:
    """A round number of years between ticks, so an axis of `years` has <= `most`."""
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if years / step <= most:
            return step
    return int(np.ceil(years / most / 1000) * 1000)


def _span_days(dated: pd.DataFrame) -> float:
    """Days from the first date a piece allows to the day after the last."""
    if dated.empty:
        return 0.0
    end = dated["date_end"].max() + pd.Timedelta(days=1)
    return mdates.date2num(end) - mdates.date2num(dated["date_start"].min())


def _dated_bars(ax, dated: pd.DataFrame, colours: dict) -> None:
    """Dated pieces as bars over their date span, token counts beside, year axis.

    A bar is at least 20 days (or 1/200 of the axis) wide so a day-dated piece shows;
    ticks fall on round years, at most eight over the axis; the axis leaves room on
    the right for the token count of the latest piece.
    """
    span = _span_days(dated)
    for y, row in enumerate(dated.itertuples()):
        start = mdates.date2num(row.date_start)
        end = mdates.date2num(row.date_end + pd.Timedelta(days=1))
        width = max(end - start, 20, span / 200)
        ax.barh(y, width, left=start, height=0.6, color=colours[row.era])
        note = tokens_text(row.n_tokens)
        ax.text(start + width + span / 80, y, note, va="center", fontsize=7, c="0.3")
    if len(dated):
        first = mdates.date2num(dated["date_start"].min())
        ax.set_xlim(first - span / 40, first + span * 1.25)
    ax.set_yticks(
        range(len(dated)), [piece_label(r) for r in dated.itertuples()], fontsize=7
    )
    ax.set_ylim(len(dated) - 0.5, -0.5)  # earliest piece on top
    ax.xaxis.set_major_locator(mdates.YearLocator(year_step(span / 365.25, most=8)))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.tick_params(axis="x", labelsize=8)
    ax.set_xlabel(
        tr("content date (a bar spans what the date allows: a day, a month or a year)"),
        fontsize=8,
    )
    ax.grid(axis="x", color="0.9")


def _undated_bars(ax, undated: pd.DataFrame, colour) -> None:
    """Undated pieces as token bars in a panel of their own, below the dated ones."""
    rows = range(len(undated))
    ax.barh(rows, undated["n_tokens"], height=0.6, color=colour)
    ax.set_yticks(rows, [piece_label(r) for r in undated.itertuples()], fontsize=7)
    ax.set_ylim(len(undated) - 0.5, -0.5)
    ax.set_title(tr("Undated pieces (no place on the date axis)"), fontsize=8)
    ax.set_xlabel(tr("content tokens"), fontsize=8)
    ax.tick_params(axis="x", labelsize=8)


def _era_legend(ax, table: pd.DataFrame, order: list[str], colours: dict) -> None:
    """Legend of the eras present, in catalog order."""
    present = [e for e in order if e in set(table["era"])]
    handles = [plt.Rectangle((0, 0), 1, 1, color=colours[e]) for e in present]
    ax.legend(
        handles,
        present,
        title=tr("era"),
        loc="lower left",
        fontsize=7,
        title_fontsize=8,
    )


def _timeline_axes(axes, n_dated: int, n_undated: int, below: bool):
    """(figure, dated axis, undated axis or None): the undated panel sits below."""
    if not below:
        size = (COLUMN_IN, ROW_IN * n_dated + 1.5)
        fig, ax = figure_axes(axes, figsize=size, layout="constrained")
        return fig, ax, None
    fig, (ax, under) = figure_axes(
        axes,
        nrows=2,
        figsize=(COLUMN_IN, ROW_IN * (n_dated + n_undated) + 2.4),
        gridspec_kw={"height_ratios": [n_dated + 1.5, max(n_undated, 1) + 1.3]},
        layout="constrained",
    )
    return fig, ax, under


def plot_timeline(table: pd.DataFrame, order: list[str], axes=None):
    """Pieces on a content-date axis, undated pieces apart.

    A bar spans the date's precision. Undated pieces get a panel of their own below
    (none when every piece is dated, unless the caller passes two axes). Past
    MAX_PIECES_DRAWN pieces: `plot_timeline_summary` (pieces per period, by era).
    """
    if summarised(len(table)):
        return plot_timeline_summary(table, order, axes)
    colours = era_colours(order)
    dated = table[table["date_start"].notna()].sort_values("date_start", kind="stable")
    undated = table[table["date_start"].isna()]
    with cjk_style():
        below = axes is not None or not undated.empty
        fig, ax, under = _timeline_axes(axes, len(dated), len(undated), below)
        _dated_bars(ax, dated, colours)
        if under is not None and undated.empty:
            under.set_axis_off()
        elif under is not None:
            _undated_bars(under, undated, colours["undated"])
        _era_legend(ax, table, order, colours)
        ax.set_title(
            tr("The corpus on its content-date axis: {n}", n=pieces_text(len(table))),
            fontsize=10,
        )
    return fig


def timeline_data(table: pd.DataFrame, order: list[str] | None = None) -> pd.DataFrame:
    """What the timeline draws: a bar per piece (past MAX_PIECES_DRAWN, per period)."""
    if summarised(len(table)):
        return timeline_periods(table, order)
    shown = table.sort_values("date_start", na_position="last", kind="stable")
    return pd.DataFrame(
        {
            "doc_id": shown["doc_id"],
            "title": shown["title"],
            "era": shown["era"],
            "panel": np.where(shown["date_start"].notna(), "dated", "undated"),
            "bar_start_date": shown["date_start"].dt.strftime("%Y-%m-%d"),
            "bar_end_date": shown["date_end"].dt.strftime("%Y-%m-%d"),
            "content_tokens": shown["n_tokens"],
        }
    ).reset_index(drop=True)


def step_label(step: str) -> str:
    """A cleaning rule's name for a figure, in the label edition."""
    names = {
        "drop_spans": tr("drop spans"),
        "restore_garbled": tr("restore garbled runs"),
        "mask_years": tr("mask years"),
        "unwrap_lines": tr("unwrap lines"),
        "fold_invisible": tr("fold invisible characters"),
        "normalise_width": tr("normalise width"),
        "drop_page_numbers": tr("drop page numbers"),
        "normalise_whitespace": tr("normalise whitespace"),
        "strip_pinyin": tr("strip pinyin"),
        "to_simplified": tr("to simplified"),
        "repair_word_roundtrip": tr("repair word round-trip"),
        "normalise_punctuation": tr("normalise punctuation"),
        "dedupe_paragraphs": tr("drop repeated paragraphs"),
    }
    return names.get(step, step.replace("_", " "))


def _changed_steps(wide: pd.DataFrame) -> pd.DataFrame:
    """The steps (columns) that changed anything; all of them when none did.

    Past MAX_PIECES_DRAWN pieces, only the pieces `top_and_rest` keeps.
    """
    changed = wide.sum() > 0
    steps = wide.loc[:, changed] if changed.any() else wide
    return top_and_rest(steps) if summarised(len(steps)) else steps


def _cleaning_note(n: int) -> str:
    """What a summarised cleaning heatmap draws."""
    return scale_note(n, tr("the pieces with the most changes, the rest summed"))


def plot_cleaning(wide: pd.DataFrame, ax=None):
    """Heatmap of changes per step and piece (past MAX_PIECES_DRAWN: top pieces)."""
    steps = _changed_steps(wide)
    with cjk_style():
        size = (min(COLUMN_IN, 2.0 + 0.42 * steps.shape[1]), 0.27 * len(steps) + 2.0)
        fig, ax = figure_axes(ax, figsize=size, layout="constrained")
        values = steps.to_numpy()
        annotated_heatmap(
            ax,
            np.log1p(values),
            values,
            lambda v: f"{v:,}" if v else "·",
            lambda v: "white" if v > 300 else "black",
            fontsize=7,
            cmap="Blues",
            aspect="auto",
        )
        labels = [step_label(s) for s in steps.columns]
        ax.set_xticks(range(steps.shape[1]), labels, rotation=40, ha="right")
        ax.set_yticks(range(len(steps)), steps.index)
        ax.tick_params(labelsize=7.5)
        ax.set_title(
            tr("Changes per cleaning rule and piece")
            + "\n"
            + tr("(shade on a log scale; · = none)")
            + (f"\n{_cleaning_note(len(wide))}" if summarised(len(wide)) else ""),
            fontsize=9,
        )
    return fig


def cleaning_data(wide: pd.DataFrame) -> pd.DataFrame:
    """What the cleaning heatmap prints: a row per piece and step drawn.

    Past MAX_PIECES_DRAWN pieces, with the pieces each row stands for.
    """
    steps = _changed_steps(wide)
    table = (
        steps.rename_axis(index="doc_id", columns="step")
        .stack()
        .rename("instances")
        .reset_index()
    )
    if "pieces" in steps.attrs:
        pieces = dict(zip(steps.index, steps.attrs["pieces"], strict=True))
        table["pieces"] = table["doc_id"].map(pieces)
    return table


def plot_era_balance(balance: pd.DataFrame, order: list[str], ax=None):
    """Content tokens per era, each bar annotated with pieces and share of tokens."""
    colours = era_colours(order)
    rows = balance.iloc[::-1]
    with cjk_style():
        size = (COLUMN_IN, 0.4 * len(rows) + 1.3)
        fig, ax = figure_axes(ax, figsize=size, layout="constrained")
        ax.barh(
            rows["era"],
            rows["tokens"],
            color=[colours.get(e, "0.6") for e in rows["era"]],
        )
        for y, row in enumerate(rows.itertuples()):
            share = f"{row.token_share:.0%}"
            note = tr(
                "{pieces}, {share} of tokens",
                pieces=pieces_text(row.pieces),
                share=share,
            )
            if row.machine_pieces:
                note += " " + tr("({n} machine-written)", n=row.machine_pieces)
            ax.text(row.tokens, y, "  " + note, va="center", fontsize=8)
        ax.set_xlim(0, rows["tokens"].max() * 1.6)
        ax.tick_params(labelsize=8)
        ax.set_xlabel(tr("content tokens (after stopwords)"), fontsize=8)
        ax.set_title(
            tr("Era balance: how much text stands behind each era"), fontsize=10
        )
    return fig


def balance_data(balance: pd.DataFrame) -> pd.DataFrame:
    """What the era-balance bars show: tokens, pieces and the share printed."""
    return pd.DataFrame(
        {
            "era": balance["era"],
            "content_tokens": balance["tokens"],
            "pieces": balance["pieces"],
            "machine_written_pieces": balance["machine_pieces"],
            "share_of_tokens_pct": (100 * balance["token_share"]).round(0).astype(int),
        }
    )
