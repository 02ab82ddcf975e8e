"""Figure labels in the edition a reader asks for: English (default) or Chinese.

`ANTCORPUS_LABELS=zh` draws every title, axis label and legend text that goes through
`tr` from `data/labels_zh.tsv`, a table written by hand (never machine-translated at
run time), and labels terms in Chinese alone. The English edition pairs each Chinese
term with its English gloss from the corpus glossary. A template without a Chinese row
is an error in the Chinese edition, so a build of that edition proves the table whole.
"""

from __future__ import annotations

import os
from functools import lru_cache

from ..config import DATA, read_tsv
from ..text.glossary import glossed

EDITIONS = ("en", "zh")
TABLE = DATA / "labels_zh.tsv"


def label_edition() -> str:
    """The label edition: $ANTCORPUS_LABELS (`en` or `zh`), `en` when unset."""
    edition = os.environ.get("ANTCORPUS_LABELS") or "en"
    if edition not in EDITIONS:
        raise ValueError(f"ANTCORPUS_LABELS must be one of {EDITIONS}, not {edition!r}")
    return edition


@lru_cache(maxsize=1)
def chinese_labels() -> dict[str, str]:
    """{English template: Chinese template} from data/labels_zh.tsv."""
    return {row["en"]: row["zh"] for row in read_tsv(TABLE)}


def tr(template: str, /, **values) -> str:
    """A label in the current edition; `{name}` fields are filled from `values`."""
    if label_edition() == "zh":
        if template not in chinese_labels():
            raise KeyError(
                f"no Chinese label for {template!r}: add a row to {TABLE.name}"
            )
        template = chinese_labels()[template]
    return template.format(**values) if values else template


def term_label(term: str, sep: str = " ", folder=None) -> str:
    """A term for a label: with its English gloss (English edition) or alone (zh)."""
    return term if label_edition() == "zh" else glossed(term, sep, folder)
