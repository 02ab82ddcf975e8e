"""Years a text talks about (notebook 03): four-digit years 1990–2029 in cleaned text.

Years the catalog flags as rewritten or garbled are already masked as #### by cleaning,
so they cannot be found here. A range such as 2004-2011 counts both of its ends.
"""

from __future__ import annotations

import re

import pandas as pd

# Not part of a longer number, a decimal, a percentage or an amount (2000亿元, 2010万,
# 2020笔).
YEAR = re.compile(
    r"(?<![\d.#])(199\d|20[0-2]\d)(?![\d.%])(?!\s*(?:亿|万|元|多|余|笔|家|个|人|户))"
)


def years_mentioned(text: str) -> list[int]:
    """Every year mention in order (1990–2029, amounts and other numbers left out)."""
    return [int(m.group(1)) for m in YEAR.finditer(text)]


def textstat_years(corpus: pd.DataFrame) -> pd.DataFrame:
    """Long table: doc_id, era, content year of the piece (or None), year, count."""
    rows = []
    for piece in corpus.itertuples():
        own = None if pd.isna(piece.date_start) else piece.date_start.year
        found = (
            pd.Series(years_mentioned(piece.text), dtype=int)
            .value_counts()
            .sort_index()
        )
        rows += [
            {
                "doc_id": piece.doc_id,
                "era": piece.era,
                "content_year": own,
                "year": int(y),
                "count": int(n),
            }
            for y, n in found.items()
        ]
    return pd.DataFrame(
        rows, columns=["doc_id", "era", "content_year", "year", "count"]
    ).astype({"year": int, "count": int})


def years_summary(
    table: pd.DataFrame, corpus: pd.DataFrame, by: str = "doc_id", recent: int = 2019
) -> pd.DataFrame:
    """Per piece or era: pieces, mentions, range, median, share >= `recent`.

    Pieces are counted twice: all of them, and those naming a year.
    """
    rows = []
    for key, pieces in corpus.groupby(by, sort=False)["doc_id"]:
        part = table[table[by] == key]
        years = part["year"].repeat(part["count"])
        rows.append(
            {
                by: key,
                "pieces": len(pieces),
                "pieces_with_years": part["doc_id"].nunique(),
                "mentions": len(years),
                "earliest": years.min() if len(years) else None,
                "latest": years.max() if len(years) else None,
                "median_year": years.median() if len(years) else None,
                f"share_{recent}_on": round(float((years >= recent).mean()), 3)
                if len(years)
                else None,
            }
        )
    return pd.DataFrame(rows)
