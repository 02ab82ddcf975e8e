"""Corpus text as Markdown: escaped, so an id or era name can never become markup."""

from __future__ import annotations

import html
import re

MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>-])")


def md_text(value) -> str:
    """`value` as literal Markdown text: HTML-escaped, Markdown specials backslashed."""
    escaped = html.escape(str(value), quote=False)
    return MARKDOWN_SPECIAL.sub(r"\\\1", escaped).replace("\n", " ")


def md_list(values, sep: str = ", ") -> str:
    """Several values as literal Markdown text, joined by `sep`."""
    return sep.join(md_text(v) for v in values)
