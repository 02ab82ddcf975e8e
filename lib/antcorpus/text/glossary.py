"""Bilingual labels: Chinese term plus English gloss, from the corpus's glossary."""

from __future__ import annotations

from ..corpus.knowledge import resource_rows


def glossary(folder=None) -> dict[str, str]:
    """Every glossed term of the corpus (analysis/glossary.tsv): {term: gloss}."""
    return {row["term"]: row["gloss"] for row in resource_rows("glossary", folder)}


def gloss(term: str, folder=None) -> str | None:
    """The English gloss of a term, or None when the glossary has none."""
    return glossary(folder).get(term)


def glossed(term: str, sep: str = " ", folder=None) -> str:
    """'监管 (regulation)' for a report reader; the bare term when it has no gloss."""
    english = gloss(term, folder)
    return f"{term}{sep}({english})" if english else term
