"""Keyness figures: diverging bars of log ratio, and a log-log scatter of term rates."""

from __future__ import annotations

import pandas as pd

from .base import cjk_style, era_colours, figure_axes
from .labels import term_label, tr
from .shapes import plain_log_ticks

LABEL_BOX = {"boxstyle": "square,pad=0.05", "fc": "white", "ec": "none", "alpha": 0.7}
LEADER = {
    "arrowstyle": "-",
    "color": "0.6",
    "lw": 0.5,
}  # from a moved label to its point


def _key_terms(table: pd.DataFrame, n: int) -> pd.DataFrame:
    """The n most key terms each way by G² (rows of a `textstat_keyness` table)."""
    return pd.concat([table.head(n), table.tail(n)]).drop_duplicates("term")


def plot_keyness_bars(table: pd.DataFrame, n: int, ax=None):
    """Diverging bars: n key terms each way by G², length = log ratio, glossed."""
    target, reference = table.attrs["target"], table.attrs["reference"]
    sides = {"target": target, "reference": reference}
    top = _key_terms(table, n).sort_values("log_ratio")
    colours = era_colours(table.attrs["order"])
    with cjk_style():
        fig, ax = figure_axes(
            ax, figsize=(6.5, 0.2 * len(top) + 1.5), layout="constrained"
        )
        ax.barh(
            [term_label(t) for t in top["term"]],
            top["log_ratio"],
            color=[colours[target] if g > 0 else colours[reference] for g in top["g2"]],
        )
        _g2_labels(ax, top)
        xlabel = tr(
            "log ratio (log2 of relative frequency, {target} / {reference})", **sides
        )
        ax.set_xlabel(xlabel, fontsize=8)
        title = tr(
            "Key terms: {n} each way by G² ({target} right, {reference} left)",
            n=n,
            **sides,
        )
        ax.set_title(title, fontsize=9)
    return fig


def _g2_labels(ax, top: pd.DataFrame) -> None:
    """G² at each bar's end, with room for it; the zero line; 7 pt ticks."""
    for y, row in enumerate(top.itertuples()):
        side = "left" if row.log_ratio > 0 else "right"
        text = f" G²={abs(row.g2):.0f} "
        ax.text(row.log_ratio, y, text, va="center", fontsize=7, ha=side)
    low, high = min(top["log_ratio"].min(), 0), max(top["log_ratio"].max(), 0)
    pad = 0.2 * (high - low or 1)
    ax.set_xlim(low - (pad if low < 0 else 0), high + (pad if high > 0 else 0))
    ax.set_ylim(-0.7, len(top) - 0.3)
    ax.axvline(0, color="0.3", lw=0.8)
    ax.tick_params(labelsize=7)


def keyness_bars_data(table: pd.DataFrame, n: int) -> pd.DataFrame:
    """The bars, top to bottom: term, label, era it is key for, log ratio, G²."""
    target, reference = table.attrs["target"], table.attrs["reference"]
    top = _key_terms(table, n).sort_values("log_ratio").iloc[::-1]
    return pd.DataFrame(
        {
            "term": top["term"],
            "label": [term_label(t) for t in top["term"]],
            "higher_in": [target if g > 0 else reference for g in top["g2"]],
            f"log_ratio_{target}_vs_{reference}": top["log_ratio"].round(2),
            "g2": top["g2"].abs().round(0).astype(int),
        }
    )


def keyness_table_data(table: pd.DataFrame) -> pd.DataFrame:
    """Every tested term, columns named by era, p and q to four significant digits."""
    target, reference = table.attrs["target"], table.attrs["reference"]
    names = {}
    for side, era in (("target", target), ("reference", reference)):
        names |= {
            side: f"count_{era}_{side}",
            f"{side}_per_10k": f"rate_per_10k_{era}_{side}",
            f"{side}_pieces": f"pieces_{era}_{side}",
        }
    other = [c for c in table.columns if c.endswith("_per_10k") and c not in names]
    names |= {c: f"rate_per_10k_{c.removesuffix('_per_10k')}" for c in other}
    names["log_ratio"] = f"log_ratio_{target}_vs_{reference}"
    full = table.round({"g2": 2, "log_ratio": 3})
    for column in ("p", "q"):
        full[column] = full[column].map(lambda v: float(f"{v:.4g}"))
    return full.rename(columns=names)


def plot_keyness_scatter(table: pd.DataFrame, n_labels: int = 8, ax=None):
    """Rates on log-log axes; most key terms labelled; zero rates on the axis floor."""
    target, reference = table.attrs["target"], table.attrs["reference"]
    floor = _floor(table)
    x = table["reference_per_10k"].clip(lower=floor)
    y = table["target_per_10k"].clip(lower=floor)
    key = _key_terms(table, n_labels).index
    with cjk_style():
        fig, ax = figure_axes(ax, figsize=(6.5, 6.3), layout="constrained")
        ax.scatter(x, y, s=8, color="0.7")
        ax.scatter(x[key], y[key], s=14, color="#D55E00")
        lim = [floor * 0.8, max(x.max(), y.max()) * 1.3]
        ax.plot(lim, lim, color="0.5", lw=0.8, ls="--")
        ax.set(xscale="log", yscale="log", xlim=lim, ylim=lim)
        plain_log_ticks(ax.xaxis)
        plain_log_ticks(ax.yaxis)
        points = list(zip(x[key], y[key], strict=True))
        _place_labels(ax, points, [term_label(t) for t in table.loc[key, "term"]])
        ax.tick_params(labelsize=7)
        ax.set_xlabel(tr("{era}: per 10,000 tokens (log)", era=reference), fontsize=8)
        ax.set_ylabel(tr("{era}: per 10,000 tokens (log)", era=target), fontsize=8)
        title = tr(
            "Term rates, {target} against {reference}; dashed = equal rate",
            target=target,
            reference=reference,
        )
        note = tr("terms absent on one side drawn at {floor:.1f}", floor=floor)
        ax.set_title(f"{title}\n({note})", fontsize=9)
    return fig


def _text_width(text: str) -> float:
    """Rough width of a 7 pt label in points (a CJK character is twice as wide)."""
    return sum(7.0 if ord(ch) > 0x2E80 else 3.8 for ch in text)


def _place_labels(ax, points, texts, size_in=(5.4, 5.2)) -> None:
    """7 pt labels beside points (left of those right of centre), lowered if crowded."""
    to_axes = ax.transData + ax.transAxes.inverted()
    line = 9 / (72 * size_in[1])
    placed = []
    spots = [tuple(to_axes.transform(p)) for p in points]
    for i in sorted(range(len(points)), key=lambda i: -spots[i][1]):
        (fx, fy), width = spots[i], _text_width(texts[i]) / (72 * size_in[0])
        left = fx > 0.55
        x0 = fx - 0.015 - width if left else fx + 0.015
        ly = _free_row(placed, x0, width, fy, line)
        placed.append((x0, x0 + width, ly))
        ax.annotate(
            texts[i],
            points[i],
            xytext=(fx - 0.015 if left else fx + 0.015, ly),
            textcoords="axes fraction",
            ha="right" if left else "left",
            va="center",
            fontsize=7,
            bbox=LABEL_BOX,
            **({"arrowprops": LEADER} if ly != fy else {}),
        )


def _free_row(placed, x0: float, width: float, y: float, line: float) -> float:
    """The highest row at or below `y` where a label overlaps none already placed."""
    while any(
        abs(y - py) < line and x0 < px1 and px0 < x0 + width for px0, px1, py in placed
    ):
        y -= line
    return y


def _floor(table: pd.DataFrame) -> float:
    """Half the smallest non-zero rate on either side: where zero rates are drawn."""
    return 0.5 * min(
        table.loc[table["target_per_10k"] > 0, "target_per_10k"].min(),
        table.loc[table["reference_per_10k"] > 0, "reference_per_10k"].min(),
    )


def keyness_scatter_data(table: pd.DataFrame, n_labels: int = 8) -> pd.DataFrame:
    """Every point: term, its label if drawn, both rates (zero drawn at the floor)."""
    target, reference = table.attrs["target"], table.attrs["reference"]
    key = set(_key_terms(table, n_labels).index)
    return pd.DataFrame(
        {
            "term": table["term"],
            "label": [
                term_label(t) if i in key else "" for i, t in table["term"].items()
            ],
            f"rate_per_10k_{reference}_reference": table["reference_per_10k"].round(1),
            f"rate_per_10k_{target}_target": table["target_per_10k"].round(1),
        }
    )
