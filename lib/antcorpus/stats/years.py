"""Years a text talks about (notebook 03): Arabic-numeral years in cleaned text.

Which years count is the corpus's own business: `year_span` derives the range from its
eras' dates (a look-back before the earliest era, to the end of the latest era's
decade), so a corpus of any period is searched for years of its period, and one without
dated eras has none to look for. Three- and four-digit numbers are read as years.

Years the catalog flags as rewritten or garbled are already masked as #### by cleaning,
so they cannot be found here. A range such as 2004-2011 counts both of its ends.
"""

from __future__ import annotations

import re

import pandas as pd

# A three- or four-digit number, not part of a longer number, a decimal, a percentage or
# an amount (2000亿元, 2010万, 2020笔); whether it is a year is the span's question.
YEAR = re.compile(
    r"(?<![\d.#])([0-9]{3,4})(?![\d.%])(?!\s*(?:亿|万|元|多|余|笔|家|个|人|户))"
)
DECADE = 10


def year_span(eras: pd.DataFrame, lookback: int = 20) -> tuple[int, int] | None:
    """The years to look for: (first, last), or None when no era has dates.

    `eras` has `start` and `end` dates (`corpus_eras`). First: `lookback` years before
    the earliest start, rounded down to the decade; last: the end of the decade of the
    latest end. Eras 2016–2025 with a look-back of 20 give (1990, 2029).
    """
    starts, ends = eras["start"].dropna(), eras["end"].dropna()
    if starts.empty or ends.empty:
        return None
    first = (starts.min().year - lookback) // DECADE * DECADE
    last = ends.max().year // DECADE * DECADE + DECADE - 1
    return max(first, 100), last


def years_mentioned(text: str, span: tuple[int, int]) -> list[int]:
    """Every year of `span` (inclusive) mentioned, in order; amounts are left out."""
    first, last = span
    found = (int(m.group(1)) for m in YEAR.finditer(text))
    return [y for y in found if first <= y <= last]


def textstat_years(corpus: pd.DataFrame, span: tuple[int, int]) -> pd.DataFrame:
    """Long table: doc_id, era, content year of the piece (or None), year, count."""
    rows = []
    for piece in corpus.itertuples():
        own = None if pd.isna(piece.date_start) else piece.date_start.year
        found = (
            pd.Series(years_mentioned(piece.text, span), dtype=int)
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


def recent_default(eras: pd.DataFrame, reference: str | None) -> int | None:
    """The first year after the reference era ends (None without a dated reference)."""
    end = eras.set_index("name")["end"].get(reference) if reference else None
    return None if end is None or pd.isna(end) else end.year + 1


def years_summary(
    table: pd.DataFrame,
    corpus: pd.DataFrame,
    by: str = "doc_id",
    recent: int | None = None,
) -> pd.DataFrame:
    """Per piece or era: pieces, mentions, range, median, share >= `recent`.

    Pieces are counted twice: all of them, and those naming a year. Without `recent`
    there is no share column.
    """
    rows = []
    for key, pieces in corpus.groupby(by, sort=False)["doc_id"]:
        part = table[table[by] == key]
        years = part["year"].repeat(part["count"])
        row = {
            by: key,
            "pieces": len(pieces),
            "pieces_with_years": part["doc_id"].nunique(),
            "mentions": len(years),
            "earliest": years.min() if len(years) else None,
            "latest": years.max() if len(years) else None,
            "median_year": years.median() if len(years) else None,
        }
        if recent is not None:
            row[f"share_{recent}_on"] = (
                round(float((years >= recent).mean()), 3) if len(years) else None
            )
        rows.append(row)
    return pd.DataFrame(rows)
