"""Bilingual labels: Chinese term plus English gloss, from the one glossary in data/."""

from __future__ import annotations

from functools import lru_cache

from ..config import DATA, read_tsv

GLOSSARY_FILE = DATA / "glossary.tsv"


@lru_cache(maxsize=1)
def glossary() -> dict[str, str]:
    """Every glossed term: {Chinese term: English gloss}."""
    return {row["term"]: row["gloss"] for row in read_tsv(GLOSSARY_FILE)}


def gloss(term: str) -> str | None:
    """The English gloss of a term, or None when the glossary has none."""
    return glossary().get(term)


def glossed(term: str, sep: str = " ") -> str:
    """'监管 (regulation)' for a report reader; the bare term when it has no gloss."""
    english = gloss(term)
    return f"{term}{sep}({english})" if english else term
