"""HTML built from notebooks, where corpus text (doc_ids, eras, titles) is only text.

Markdown (findings, questions, prose cells, markdown outputs) is rendered with raw HTML
escaped and script links refused; HTML outputs (pandas tables) are cleaned to an
allowlist of tags and attributes; outputs that would run script are dropped; captions,
names and links are escaped with quotes.
"""

from __future__ import annotations

import html
import urllib.parse

import bleach
import mistune
from bleach.css_sanitizer import CSSSanitizer
from jinja2 import pass_context
from mistune import HTMLRenderer
from nbconvert import HTMLExporter
from nbconvert.filters.markdown_mistune import IPythonRenderer, MarkdownWithMath

PLUGINS = ["strikethrough", "footnotes", "table"]
MARKDOWN = mistune.create_markdown(escape=True, plugins=PLUGINS)
# Output types a page may show; script, widgets and the rest fall back to text/plain.
SHOWN = frozenset(
    {
        "text/plain",
        "text/html",
        "text/markdown",
        "text/latex",
        "image/png",
        "image/jpeg",
        "image/gif",
        "image/svg+xml",  # embedded as an <img>, where script does not run
    }
)
TAGS = frozenset(
    {"a", "abbr", "b", "blockquote", "br", "code", "del", "div", "em", "hr", "i", "img"}
    | {"p", "pre", "s", "span", "strong", "sub", "sup", "style"}
    | {"table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td"}
    | {"ul", "ol", "li", "dl", "dt", "dd", "details", "summary"}
    | {f"h{level}" for level in range(1, 7)}
)
ATTRIBUTES = {
    "*": ["class", "id", "title", "style", "align", "valign", "colspan", "rowspan"],
    "a": ["href", "title", "class"],
    "img": ["src", "alt", "width", "height"],
    "style": ["scoped"],
    "table": ["border", "class"],
}
PROTOCOLS = frozenset({"http", "https", "mailto", "data"})


def text(value) -> str:
    """Any value as HTML text or an attribute value (quotes escaped)."""
    return html.escape(str(value), quote=True)


def url(value) -> str:
    """A path segment (a figure or notebook name) fit for an href or src."""
    return html.escape(urllib.parse.quote(str(value)), quote=True)


def markdown_html(source: str) -> str:
    """Markdown as HTML with raw HTML escaped (findings, questions)."""
    return MARKDOWN(source)


def clean_html(markup: str) -> str:
    """HTML cut down to the allowlist: tables and text styling, no script."""
    return bleach.clean(
        markup,
        tags=TAGS,
        attributes=ATTRIBUTES,
        protocols=PROTOCOLS,
        css_sanitizer=CSSSanitizer(),
    )


def safe_outputs(nb) -> None:
    """Keep only displayable output types; clean every HTML output."""
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if "data" not in out:
                continue
            out.data = {k: v for k, v in out.data.items() if k in SHOWN}
            if "text/html" in out.data:
                out.data["text/html"] = clean_html(out.data["text/html"])


class SafeRenderer(IPythonRenderer):
    """nbconvert's markdown renderer, with mermaid blocks shown as code."""

    def block_mermaidjs(self, code: str) -> str:
        """A mermaid block as an escaped code block (mermaid would be markup)."""
        return HTMLRenderer.block_code(self, code)


class SafeHTMLExporter(HTMLExporter):
    """nbconvert's HTML exporter with markdown's raw HTML escaped."""

    @pass_context
    def markdown2html(self, context, source):
        """Markdown cells and outputs to HTML: raw HTML escaped, no script links."""
        cell = context.get("cell", {})
        renderer = SafeRenderer(
            escape=True,
            allow_harmful_protocols=False,
            attachments=cell.get("attachments", {}),
            anchor_link_text=self.anchor_link_text,
            exclude_anchor_links=self.exclude_anchor_links,
        )
        return MarkdownWithMath(renderer=renderer).render(source)
