"""Per-piece figures past MAX_PIECES_DRAWN pieces: the summaries they draw instead.

A summarised figure says so in its title (`scale_note`) and its `*_data` function
returns the summary it draws: per-era distributions (`spread`, `draw_boxes`), the
top pieces and the rest as one (`top_rows`, `rest_label`), or where terms fall in the
pieces of each era (`position_bins`, `draw_bins`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .base import MAX_PIECES_DRAWN, TOP_PIECES
from .labels import tr

QUANTILES = {"min": 0.0, "q1": 0.25, "median": 0.5, "q3": 0.75, "max": 1.0}
POSITION_BINS = 10  # tenths of a piece, for where a term's occurrences fall


def summarised(n: int) -> bool:
    """Whether a figure of `n` pieces draws a summary instead of a row per piece."""
    return n > MAX_PIECES_DRAWN


def scale_note(n: int, what: str) -> str:
    """'2,000 pieces: `what`', the line a summarised figure's title carries."""
    return tr("{pieces}: {summary}", pieces=tr("{n} pieces", n=f"{n:,}"), summary=what)


def rest_label(n: int) -> str:
    """The row or bar that stands for the pieces a summary does not name."""
    return tr("other {n} pieces", n=f"{n:,}")


def box_note() -> str:
    """What a box of `draw_boxes` shows, for a summarised figure's title."""
    return tr("a box per era (quartiles, median; whiskers from lowest to highest)")


def eras_present(groups: pd.Series, pieces, order: list[str] | None) -> list[str]:
    """The eras of `pieces`, in `order` when given, else as first seen in `groups`."""
    seen = list(dict.fromkeys(groups.reindex(pieces).dropna()))
    return [e for e in order if e in set(seen)] if order is not None else seen


def top_rows(score: pd.Series, n: int = TOP_PIECES) -> tuple[pd.Index, pd.Index]:
    """The index of the `n` highest scores (ties in their order), and of the rest."""
    ranked = score.sort_values(ascending=False, kind="stable").index
    return ranked[:n], ranked[n:]


def top_and_rest(table: pd.DataFrame) -> pd.DataFrame:
    """The TOP_PIECES rows with the largest sums, then the rest summed in one row.

    `attrs["pieces"]` holds the pieces each row stands for.
    """
    top, rest = top_rows(table.sum(axis=1))
    other = table.loc[rest].sum().rename(rest_label(len(rest)))
    shown = pd.concat([table.loc[top], other.to_frame().T])
    shown.attrs["pieces"] = [1] * len(top) + [len(rest)]
    return shown


def spread(
    values: pd.Series, groups: pd.Series, eras: list[str], digits: int = 1
) -> pd.DataFrame:
    """Per era: pieces, then min, quartiles and max of `values`, rounded as drawn."""
    era = groups.reindex(values.index)
    rows = []
    for name in eras:
        part = values[era == name].dropna().to_numpy(float)
        q = np.quantile(part, list(QUANTILES.values())) if len(part) else [np.nan] * 5
        cells = dict(zip(QUANTILES, np.round(q, digits).tolist(), strict=True))
        rows.append({"era": name, "pieces": len(part), **cells})
    return pd.DataFrame(rows)


def draw_boxes(ax, table: pd.DataFrame, colours: dict) -> None:
    """A box per era of a `spread` table at x = 0, 1, …: quartiles, whiskers to ends."""
    drawn = table[table["pieces"] > 0]
    stats = [
        {"med": r.median, "q1": r.q1, "q3": r.q3, "whislo": r.min, "whishi": r.max}
        for r in drawn.itertuples()
    ]
    boxes = ax.bxp(
        stats,
        positions=list(np.flatnonzero(table["pieces"] > 0)),
        widths=0.5,
        patch_artist=True,
        showfliers=False,
        manage_ticks=False,
        medianprops={"color": "black", "lw": 1},
    )
    for patch, era in zip(boxes["boxes"], drawn["era"], strict=True):
        patch.set(facecolor=colours.get(era, "0.5"), alpha=0.8, lw=0.6)


def position_bins(
    positions: pd.DataFrame, groups: pd.Series, eras: list[str]
) -> pd.DataFrame:
    """Per term, era and tenth of a piece: occurrences, and their share of the era's.

    Terms and pieces come from `positions.attrs` (a `textstat_positions` result).
    """
    terms = positions.attrs["terms"]
    positions = positions[positions["doc_id"].isin(positions.attrs["pieces"])]
    tenth = (positions["position"].to_numpy(float) * POSITION_BINS).astype(int)
    where = pd.DataFrame(
        {
            "term": positions["term"].to_numpy(),
            "era": positions["doc_id"].map(groups).to_numpy(),
            "bin": np.minimum(tenth, POSITION_BINS - 1),
        }
    )
    counts = where.groupby(["term", "era", "bin"]).size()
    grid = pd.MultiIndex.from_product(
        [terms, eras, range(POSITION_BINS)], names=["term", "era", "bin"]
    )
    table = counts.reindex(grid, fill_value=0).rename("occurrences")
    table = table.reset_index()
    total = table.groupby(["term", "era"])["occurrences"].transform("sum")
    share = (table["occurrences"] / total.where(total > 0)).fillna(0.0)
    return pd.DataFrame(
        {
            "term": table["term"],
            "era": table["era"],
            "position_from": table["bin"] / POSITION_BINS,
            "position_to": (table["bin"] + 1) / POSITION_BINS,
            "occurrences": table["occurrences"],
            "share_of_era_occurrences": share.round(3),
        }
    )


def draw_bins(ax, part: pd.DataFrame, eras: list[str], vmax: float):
    """One term's `position_bins` rows as an era x tenth shade (the image)."""
    shade = part["share_of_era_occurrences"].to_numpy(float)
    image = ax.imshow(
        shade.reshape(len(eras), POSITION_BINS),
        cmap="Blues",
        vmin=0,
        vmax=vmax,
        extent=(0, 1, len(eras) - 0.5, -0.5),
        aspect="auto",
        interpolation="nearest",
    )
    ax.set_xlim(0, 1)
    ax.set_xticks([0, 0.5, 1])
    ax.tick_params(labelsize=7)
    return image
