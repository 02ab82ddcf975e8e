"""Shapes several figures share: annotated heatmaps and grouped bars with intervals."""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np
import pandas as pd
from matplotlib.ticker import FuncFormatter, NullFormatter


def annotated_heatmap(
    ax,
    shade,
    values,
    fmt: Callable[[float], str],
    colour: Callable[[float], str],
    fontsize: float = 8,
    **imshow,
) -> None:
    """Shade cells by `shade` and print each of `values` in its cell with `fmt`."""
    ax.imshow(shade, **imshow)
    for (i, j), v in np.ndenumerate(values):
        ax.text(
            j, i, fmt(v), ha="center", va="center", fontsize=fontsize, color=colour(v)
        )


def parts_by(
    table: pd.DataFrame, by: str, order: list[str], key: str, keys: list[str]
) -> dict[str, pd.DataFrame]:
    """One part per group of `by` in `order`, indexed by `key` in `keys` order."""
    present = set(table[by])
    return {
        g: table[table[by] == g].set_index(key).reindex(keys)
        for g in order
        if g in present
    }


def grouped_bars(
    ax, parts: dict[str, pd.DataFrame], value: str, colours: dict, labels: dict
) -> None:
    """A bar group per category, a bar per part, 95% interval from ci_low/ci_high."""
    width = 0.8 / len(parts)
    for j, (group, part) in enumerate(parts.items()):
        x = np.arange(len(part)) + (j - (len(parts) - 1) / 2) * width
        errors = [part[value] - part["ci_low"], part["ci_high"] - part[value]]
        ax.bar(
            x,
            part[value],
            width,
            color=colours.get(group, "0.5"),
            yerr=errors,
            capsize=2,
            error_kw={"lw": 0.8, "ecolor": "0.3"},
            label=labels[group],
        )


WIDE = "\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef"  # two columns each
LABEL_TOKEN = re.compile(f"[{WIDE}]|[^\\s{WIDE}]+\\s*|\\s+")
CLOSING = set("）」』》〉】，。；：、！？")  # never begins a line


def wrap_label(text: str, width: int) -> str:
    """`text` in lines of at most `width` columns (a CJK character counts two)."""
    lines = []
    for part in text.split("\n"):
        line, size = "", 0
        for token in LABEL_TOKEN.findall(part):
            wide = bool(re.match(f"[{WIDE}]", token))
            long = size + (2 if wide else len(token.rstrip())) > width
            if line.strip() and long and token not in CLOSING:
                lines.append(line.rstrip())
                line, size = "", 0
            if line or token.strip():
                line, size = line + token, size + (2 if wide else len(token))
        lines.append(line.rstrip())
    return "\n".join(lines)


def round_significant(table: pd.DataFrame, digits: int = 4) -> pd.DataFrame:
    """`table` with every float column rounded to `digits` significant digits."""
    floats = table.select_dtypes("float").columns
    rounded = {c: table[c].map(lambda v: float(f"{v:.{digits}g}")) for c in floats}
    return table.assign(**rounded)


def plain_log_ticks(axis) -> None:
    """Label a log axis's decades as plain numbers (0.01, 1, 100), not 10 to a power."""
    axis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
    axis.set_minor_formatter(NullFormatter())


def legend_below(fig, ax, columns: int = 2) -> None:
    """The axes' legend under the figure (constrained layout), 7 pt."""
    handles, texts = ax.get_legend_handles_labels()
    ncols = min(columns, len(texts))
    fig.legend(handles, texts, loc="outside lower center", ncols=ncols, fontsize=7)
