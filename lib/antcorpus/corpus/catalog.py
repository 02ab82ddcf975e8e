"""Content dates and eras, as the catalog gives them (checked in `schema`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

UNDATED = "undated"
PERIOD = {"day": "D", "month": "M", "year": "Y"}
DOC_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
FORM = {"day": r"\d{4}-\d{2}-\d{2}", "month": r"\d{4}-\d{2}", "year": r"\d{4}"}


@dataclass(frozen=True)
class Era:
    """A named content-date range, both ends included."""

    name: str
    start: pd.Timestamp
    end: pd.Timestamp


def piece_label(doc_id, n: int) -> str:
    """How messages name a piece: its doc_id when that is safe, else `entry n`."""
    if isinstance(doc_id, str) and DOC_ID.fullmatch(doc_id):
        return doc_id
    return f"entry {n}"


def printable(key) -> str:
    """A key as text for a one-line message: as is when printable, else its repr."""
    text = str(key)
    return text if text.isprintable() else repr(text)


def day(text: str) -> pd.Timestamp:
    """A `YYYY-MM-DD` date that exists; anything else is a ValueError."""
    return date_range(text, "day")[0]


def date_range(date, precision: str) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
    """First and last day a date and its precision allow (None when undated)."""
    if precision == UNDATED:
        if date not in (None, ""):
            raise ValueError(f"an undated piece has date {date!r}")
        return None, None
    if not isinstance(date, str) or not re.fullmatch(FORM[precision], date):
        raise ValueError(f"date {date!r} does not fit precision {precision!r}")
    return _bounds(date, precision)


@lru_cache(maxsize=4096)
def _bounds(date: str, precision: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last day of a well-formed date (memoised: Timestamps are immutable)."""
    try:
        period = pd.Period(date, freq=PERIOD[precision])
        return period.start_time.normalize(), period.end_time.normalize()
    except ValueError:
        raise ValueError(f"date {date!r} is not a real {precision}") from None


def era_of(first, last, eras: list[Era]) -> str:
    """The era holding the whole date range, or `undated`; ValueError if none."""
    if first is None:
        return UNDATED
    for era in eras:
        if era.start <= first and last <= era.end:
            return era.name
    if any(era.start <= last and first <= era.end for era in eras):
        raise ValueError("date range straddles an era boundary")
    raise ValueError(
        f"dated {first:%Y-%m-%d}..{last:%Y-%m-%d}, outside every era:"
        " add or widen an era (only undated pieces have no era)"
    )
