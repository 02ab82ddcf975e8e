"""The site's look: navigation bar, style sheet and the CJK font face it carries."""

from __future__ import annotations

FONT_FAMILY = "Antcorpus CJK"
NAV = (
    '<div class="site-nav"><a href="index.html">Notebooks</a> · '
    '<a href="gallery.html">Figure gallery</a> · '
    '<a href="explorer.html">Term explorer</a></div>'
)

# CJK blocks the site font covers: listed first in every family, it draws exactly these
# characters and Latin falls through to the system faces (without the range, Chromium
# drew some table cells' Chinese with a Latin system face, as boxes).
CJK_RANGE = (
    "U+2E80-2FDF, U+3000-303F, U+3400-4DBF, U+4E00-9FFF, U+F900-FAFF, U+FF00-FFEF"
)
SANS = (
    f'"{FONT_FAMILY}", system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif'
)
MONO = f"\"{FONT_FAMILY}\", Menlo, Consolas, 'DejaVu Sans Mono', monospace"
STYLE = (
    '<link rel="icon" href="data:,">\n'
    "<style>\n"
    f'@font-face {{ font-family: "{FONT_FAMILY}"; '
    'src: url("fonts/cjk-subset.otf") format("opentype"); '
    f"unicode-range: {CJK_RANGE}; }}\n"
    "body, .jp-RenderedHTMLCommon, .jp-OutputArea-output, table {\n"
    f"  font-family: {SANS}; }}\n"
    # The lab template sets tables, prompts and code from these variables.
    f":root {{ --jp-ui-font-family: {SANS}; --jp-content-font-family: {SANS};\n"
    f"  --jp-code-font-family: {MONO}; }}\n"
    ".jp-CodeMirrorEditor, .highlight pre, .jp-OutputArea-output pre, pre, code {\n"
    f"  font-family: {MONO} !important; }}\n"
    ".site-nav { padding: 8px 16px; background: #f3f3f3; "
    f"font-size: 14px; font-family: {SANS}; }}\n"
    ".site-page { max-width: 1100px; margin: 0 auto; padding: 16px; }\n"
    # A wide table scrolls sideways inside its own box; the page never does.
    "table.dataframe { display: block; max-width: 100%; overflow-x: auto; }\n"
    ".jp-OutputArea-output { max-width: 100%; overflow-x: auto; }\n"
    ".gallery figure { display: inline-block; width: 340px; "
    "vertical-align: top; margin: 8px; }\n"
    ".gallery img { width: 100%; border: 1px solid #ddd; }\n"
    ".gallery figcaption { font-size: 13px; }\n"
    "</style>"
)

# The term explorer's form, dot plot, tables and concordance (explorer.html).
EXPLORER_STYLE = (
    "<style>\n"
    ".explorer input, .explorer button { font: inherit; padding: 2px 6px; }\n"
    ".explorer #picks button { margin: 2px; font-size: 14px; cursor: pointer; }\n"
    ".explorer #status { color: #555; }\n"
    ".explorer svg { display: block; max-width: 100%; height: auto; }\n"
    ".explorer svg text { font-size: 12px; fill: #333; }\n"
    ".explorer svg .era-label { font-size: 13px; }\n"
    ".explorer table { border-collapse: collapse; margin: 8px 0; font-size: 14px; }\n"
    ".explorer th, .explorer td { padding: 2px 10px; border-bottom: 1px solid #e4e4e4;"
    " text-align: left; }\n"
    ".explorer td.num, .explorer th.num { text-align: right;"
    " font-variant-numeric: tabular-nums; }\n"
    ".explorer .note { color: #555; font-size: 14px; }\n"
    ".explorer table.kwic td.left { text-align: right; color: #444; }\n"
    ".explorer table.kwic td.keyword { font-weight: bold; color: #a33; }\n"
    ".explorer table.kwic td.right { color: #444; }\n"
    ".explorer table.kwic td.piece { color: #777; font-size: 12px; }\n"
    "</style>"
)
