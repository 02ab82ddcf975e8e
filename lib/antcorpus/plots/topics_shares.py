"""Topic-share figures: pieces x topics heatmap and per-era bars with intervals."""

from __future__ import annotations

import pandas as pd

from ..stats.topic_reading import UNREVIEWED, UNSTABLE
from .base import cjk_style, era_colours, figure_axes
from .labels import tr
from .scale import rest_label, scale_note, summarised, top_rows
from .shapes import (
    annotated_heatmap,
    grouped_bars,
    legend_below,
    parts_by,
    wrap_label,
)

CHAR_PT = 3.8  # mean width of a 7 pt Latin character, in points


def topic_name(label: str) -> str:
    """A topic label for a figure: the fixed markers in the current label edition."""
    return {UNSTABLE: tr("(unstable)"), UNREVIEWED: tr("(unreviewed)")}.get(
        label, label
    )


def _topic_ticks(ax, labels: list[str], cell_in: float) -> None:
    """T-numbers with their labels under each cell, or bare with a key below."""
    pairs = [(f"T{i}", topic_name(lab)) for i, lab in enumerate(labels, 1)]
    columns = int(cell_in * 72 / CHAR_PT)
    if columns >= 12:
        ticks = [f"{t}\n{wrap_label(n, columns)}" for t, n in pairs]
        ax.set_xticks(range(len(pairs)), ticks, fontsize=7)
        return
    ax.set_xticks(range(len(pairs)), [t for t, _ in pairs], fontsize=7)
    ax.set_xlabel(wrap_label("; ".join(f"{t} {n}" for t, n in pairs), 120), fontsize=7)


def plot_heatmap(shares: pd.DataFrame, labels: list[str], ax=None):
    """Pieces (or eras) x topics, shade = share, value printed in each cell.

    The grouping column is read from `shares.attrs["by"]` (a `topic_shares` result).
    Past MAX_PIECES_DRAWN pieces, the TOP_PIECES pieces with the most tokens and the
    rest as one row (`heatmap_rows`).
    """
    table = heatmap_rows(shares, len(labels))
    values = table.to_numpy()
    size = (6.5, 0.32 * len(table) + 1.9)
    with cjk_style():
        fig, ax = figure_axes(ax, figsize=size, layout="constrained")
        annotated_heatmap(
            ax,
            values,
            values,
            lambda v: f"{v:.0%}",
            lambda v: "white" if v > 0.35 else "black",
            fontsize=7,
            cmap="Blues",
            vmin=0,
            vmax=max(0.5, values.max()),
            aspect="auto",
        )
        _topic_ticks(ax, labels, 4.4 / table.shape[1])
        ax.set_yticks(range(len(table)), table.index, fontsize=7)
        title = tr("Topic shares (token-weighted mean of unit proportions)")
        if "pieces" in table.attrs:
            what = tr("the pieces with the most tokens, the rest as one row")
            title += "\n" + scale_note(table.attrs["pieces"], what)
        ax.set_title(title, fontsize=9)
    return fig


def heatmap_table(shares: pd.DataFrame, k: int) -> pd.DataFrame:
    """Groups (rows, in first-seen order) x topics T1..Tk of token-weighted shares."""
    index = shares.attrs["by"]
    table = shares.pivot(index=index, columns="feature", values="share")
    topics = [f"T{i}" for i in range(1, k + 1)]
    return table[topics].reindex(list(dict.fromkeys(shares[index])))


def heatmap_rows(shares: pd.DataFrame, k: int) -> pd.DataFrame:
    """The rows the heatmap draws: `heatmap_table`, or past MAX_PIECES_DRAWN pieces
    the TOP_PIECES with the most tokens and the others' token-weighted mean."""
    table = heatmap_table(shares, k)
    if shares.attrs["by"] != "doc_id" or not summarised(len(table)):
        return table
    tokens = shares.groupby("doc_id", sort=False)["tokens"].first()[table.index]
    top, rest = top_rows(tokens)
    weights = tokens[rest].to_numpy(float)[:, None]
    other = (table.loc[rest].to_numpy(float) * weights).sum(axis=0) / weights.sum()
    shown = pd.concat(
        [table.loc[top], pd.DataFrame([other], [rest_label(len(rest))], table.columns)]
    )
    shown.attrs["pieces"] = len(table)
    shown.attrs["tokens"] = [*tokens[top], int(weights.sum())]
    return shown


def heatmap_data(shares: pd.DataFrame, labels: list[str]) -> pd.DataFrame:
    """The heatmap's cells: group, topic, its label and the share as printed.

    Past MAX_PIECES_DRAWN pieces, the rows drawn (`heatmap_rows`) with their tokens.
    """
    by = shares.attrs["by"]
    rows = heatmap_rows(shares, len(labels))
    if "pieces" in rows.attrs:
        table = rows.rename_axis(index=by, columns="topic").stack()
        table = table.rename("share_token_weighted").reset_index()
        table.insert(2, "topic_label", table["topic"].map(_label_of(labels)))
        tokens = dict(zip(rows.index, rows.attrs["tokens"], strict=True))
        return table.assign(tokens=table[by].map(tokens)).round(2)
    table = shares[[by, "feature", "share"]].rename(
        columns={"feature": "topic", "share": "share_token_weighted"}
    )
    table.insert(2, "topic_label", table["topic"].map(_label_of(labels)))
    return table.round(2)


def _label_of(labels: list[str]) -> dict[str, str]:
    """{T-number: label as the figure shows it}."""
    return {f"T{i}": topic_name(lab) for i, lab in enumerate(labels, 1)}


def plot_share_bars(shares: pd.DataFrame, order: list[str], labels: list[str], ax=None):
    """Grouped bars: each topic's share per group, 95% intervals and n in the legend."""
    by = shares.attrs["by"]
    topics = [f"T{i}" for i in range(1, len(labels) + 1)]
    parts = parts_by(shares, by, order, "feature", topics)
    legend = {
        g: tr(
            "{group} (n={pieces} pieces, {tokens:,} tokens)",
            group=g,
            pieces=p["pieces"].iloc[0],
            tokens=p["tokens"].iloc[0],
        )
        for g, p in parts.items()
    }
    with cjk_style():
        fig, ax = figure_axes(ax, figsize=(6.5, 4.4), layout="constrained")
        grouped_bars(ax, parts, "share", era_colours(order), legend)
        _topic_ticks(ax, labels, 5.8 / len(topics))
        ax.set_ylabel(tr("topic share (token-weighted)"), fontsize=8)
        ax.tick_params(axis="y", labelsize=7)
        legend_below(fig, ax)
        title = tr("Topic shares per era, with 95% bootstrap intervals over units")
        ax.set_title(title, fontsize=9)
    return fig


def share_bars_data(shares: pd.DataFrame, labels: list[str]) -> pd.DataFrame:
    """The bars: group, topic, label, share, 95% interval, and the n in the legend."""
    by = shares.attrs["by"]
    columns = {
        "feature": "topic",
        "share": "share_token_weighted",
        "ci_low": "ci95_low",
        "ci_high": "ci95_high",
    }
    keep = [by, "feature", "share", "ci_low", "ci_high", "pieces", "tokens"]
    table = shares[keep].rename(columns=columns)
    table.insert(2, "topic_label", table["topic"].map(_label_of(labels)))
    return table.round(3)
