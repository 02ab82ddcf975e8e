"""Years a text talks about (notebook 03): four-digit years 1990–2029 found in the cleaned text.

Years the catalog flags as rewritten or garbled are already masked as #### by cleaning, so
they cannot be found here. A range such as 2004-2011 counts both of its ends.
"""
from __future__ import annotations

import re

import matplotlib.pyplot as plt
import pandas as pd

from .plots import cjk_style, era_colours

# Not part of a longer number, a decimal, a percentage or an amount (2000亿元, 2010万, 2020笔).
YEAR = re.compile(r"(?<![\d.#])(199\d|20[0-2]\d)(?![\d.%])(?!\s*(?:亿|万|元|多|余|笔|家|个|人|户))")


def years_mentioned(text: str) -> list[int]:
    """Every year mention in order (1990–2029, amounts and other numbers left out)."""
    return [int(m.group(1)) for m in YEAR.finditer(text)]


def textstat_years(corpus: pd.DataFrame) -> pd.DataFrame:
    """Long table: doc_id, era, the piece's content year (or None), year mentioned, count."""
    rows = []
    for piece in corpus.itertuples():
        own = None if pd.isna(piece.date_start) else piece.date_start.year
        found = pd.Series(years_mentioned(piece.text), dtype=int).value_counts().sort_index()
        rows += [{"doc_id": piece.doc_id, "era": piece.era, "content_year": own, "year": int(y), "count": int(n)}
                 for y, n in found.items()]
    return pd.DataFrame(rows, columns=["doc_id", "era", "content_year", "year", "count"]).astype({"year": int, "count": int})


def years_summary(table: pd.DataFrame, corpus: pd.DataFrame, by: str = "doc_id", recent: int = 2019) -> pd.DataFrame:
    """Per piece or era: pieces (all, and those naming a year), mentions, range, median, share >= `recent`."""
    rows = []
    for key, pieces in corpus.groupby(by, sort=False)["doc_id"]:
        part = table[table[by] == key]
        years = part["year"].repeat(part["count"])
        rows.append({by: key, "pieces": len(pieces), "pieces_with_years": part["doc_id"].nunique(),
                     "mentions": len(years), "earliest": years.min() if len(years) else None,
                     "latest": years.max() if len(years) else None,
                     "median_year": years.median() if len(years) else None,
                     f"share_{recent}_on": round(float((years >= recent).mean()), 3) if len(years) else None})
    return pd.DataFrame(rows)


def plot_years(table: pd.DataFrame, corpus: pd.DataFrame, order: list[str]):
    """Each piece (rows, by content date) against the years it mentions; size = mentions."""
    colours = era_colours(order)
    pieces = corpus.sort_values("date_start", na_position="first", kind="stable")
    ypos = {d: i for i, d in enumerate(pieces["doc_id"])}
    with cjk_style():
        fig, ax = plt.subplots(figsize=(10, 0.45 * len(pieces) + 1.6))
        ax.scatter(table["year"], table["doc_id"].map(ypos), s=30 * table["count"],
                   c=[colours[e] for e in table["era"]], alpha=0.8, edgecolors="white")
        dated = pieces[pieces["date_start"].notna()]
        ax.scatter(dated["date_start"].dt.year, dated["doc_id"].map(ypos), marker="|", s=250, c="black",
                   linewidths=2, label="the piece's own content year")
        ax.set_yticks(range(len(pieces)), [f"{d} ({n})" for d, n in zip(pieces["doc_id"], pieces["era"])], fontsize=8)
        seen = [*table["year"], *dated["date_start"].dt.year]
        if seen:
            ax.set_xticks(range(min(seen) // 2 * 2, max(seen) + 2, 2))
        ax.set_xlabel("year mentioned in the text (dot area = number of mentions)")
        ax.grid(axis="x", color="0.92")
        ax.legend(loc="lower left", fontsize=8)
        ax.set_title("Which years each piece talks about")
    return fig
