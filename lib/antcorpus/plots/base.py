"""Figures: one CJK font for matplotlib and wordcloud, an opt-in style, one way to save.

The font is a CJK face already on the system where there is one, otherwise Noto Sans SC
(SIL OFL) from the pinned package pylopdf-fonts-zh-cn. Nothing edits matplotlib's config
files: the font is registered with `addfont` and the style applies inside `cjk_style()`.
"""

from __future__ import annotations

import io
import re
import warnings
from functools import lru_cache
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib import font_manager

from ..config import figures_dir
from ..files import write_atomic

SYSTEM_FAMILIES = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "PingFang SC",
    "Microsoft YaHei",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
)
FIGURE_NAME = re.compile(r"^\d\d-[a-z0-9]+(?:-[a-z0-9]+)*$")
DPI = 200
FORMATS = ("png", "svg", "pdf", "csv")
# One report column (US letter or A4 with 1-inch margins); on a 16:9 slide (13.33 in)
# the same figure is scaled about 2x, so MIN_FONT_PT reads as 14 pt there.
COLUMN_IN = 6.5
MIN_FONT_PT = 7.0
# Past this many pieces a per-piece figure draws a summary instead (distributions per
# era, the top pieces and the rest as one, or counts per period): a row or label per
# piece stops being legible in a report column and its memory grows with the corpus.
MAX_PIECES_DRAWN = 60
TOP_PIECES = 20  # pieces a summarised figure still names; the rest are drawn as one
# Okabe–Ito colours (distinguishable with colour-vision deficiencies); grey for
# undated/other.
PALETTE = ("#0072B2", "#E69F00", "#D55E00", "#009E73", "#CC79A7", "#56B4E9")


@lru_cache(maxsize=1)
def cjk_font() -> tuple[str, Path]:
    """(family name, font file) of the CJK font every figure and word cloud uses."""
    for entry in font_manager.fontManager.ttflist:
        if entry.name in SYSTEM_FAMILIES:
            return entry.name, Path(entry.fname)
    import pylopdf_fonts_zh_cn

    path = Path(pylopdf_fonts_zh_cn.__file__).with_name("NotoSansSC-Regular.otf")
    font_manager.fontManager.addfont(str(path))
    return font_manager.FontProperties(fname=str(path)).get_name(), path


def font_path() -> str:
    """The CJK font file, for wordcloud's `font_path`."""
    return str(cjk_font()[1])


def rc_params() -> dict:
    """rcParams for report figures: Chinese text, SVG text as paths, fixed SVG ids."""
    # A concrete family name (not "sans-serif") travels with each text artist, so a
    # figure made inside cjk_style() still renders Chinese when drawn later (inline
    # display, saving).
    return {
        "font.family": [cjk_font()[0], "DejaVu Sans"],
        "axes.unicode_minus": False,
        "svg.fonttype": "path",
        "svg.hashsalt": "antcorpus",
        "savefig.dpi": DPI,
        "savefig.bbox": "tight",
        "figure.dpi": 100,
    }


@lru_cache(maxsize=1)
def _font_cmap() -> frozenset[int]:
    """Code points the CJK font has glyphs for."""
    from fontTools.ttLib import TTFont

    path = cjk_font()[1]
    with TTFont(str(path), fontNumber=0, lazy=True) as font:
        return frozenset(font.getBestCmap())


def missing_glyphs(text: str) -> list[str]:
    """Characters of `text` (whitespace aside) the CJK font cannot draw.

    Word clouds check this.
    """
    return sorted(
        {ch for ch in text if not ch.isspace() and ord(ch) not in _font_cmap()}
    )


def strict_glyphs() -> None:
    """Make matplotlib's missing-glyph warning an error: tofu figures fail the build."""
    warnings.filterwarnings("error", message=r"Glyph \d+ .*missing from font")


def era_colours(order: list[str]) -> dict[str, str]:
    """One fixed colour per era in catalog order; `undated` and `other` are grey."""
    named = [e for e in order if e not in ("undated", "other")]
    return {
        **dict(zip(named, PALETTE, strict=False)),
        "undated": "#999999",
        "other": "#BBBBBB",
    }


def cjk_style():
    """Context manager applying `rc_params()`.

    Use: `with cjk_style(): fig, ax = plt.subplots()`.
    """
    return plt.rc_context(rc_params())


def figure_axes(ax=None, **subplots):
    """(figure, axes) to draw into: the caller's `ax`, else a new figure (subplots)."""
    if ax is None:
        return plt.subplots(**subplots)
    return (ax.flat[0] if hasattr(ax, "flat") else ax).figure, ax


# A CSV cell starting with one of these is read as a formula by spreadsheets
# (CWE-1236); save_figure prefixes such text cells with a quote. Numbers are left alone.
FORMULA_START = re.compile(r"^[=+\-@\t\r]")
NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")


def _cell_safe(value):
    """A text cell a spreadsheet would run as a formula, quoted; anything else as is."""
    if isinstance(value, str) and FORMULA_START.match(value):
        return value if NUMBER.match(value) else "'" + value
    return value


def _csv_safe(data: pd.DataFrame) -> pd.DataFrame:
    """`data` with formula-like text cells and column names quoted (a copy if any)."""
    text = [
        c
        for c in data.columns
        if pd.api.types.is_object_dtype(data[c])
        or pd.api.types.is_string_dtype(data[c])
        or isinstance(data[c].dtype, pd.CategoricalDtype)
    ]
    if not text and not any(isinstance(c, str) for c in data.columns):
        return data
    safe = data.copy()
    for column in text:
        safe[column] = safe[column].map(_cell_safe)
    if not isinstance(safe.columns, pd.MultiIndex):
        safe.columns = [_cell_safe(c) for c in safe.columns]
    return safe


def save_figure(
    fig: matplotlib.figure.Figure,
    name: str,
    data: pd.DataFrame,
    folder: Path | None = None,
    full: pd.DataFrame | None = None,
) -> dict:
    """Write NAME.png (200 dpi), .svg (text as paths), .pdf (text as text) and .csv.

    The CSV holds exactly what is plotted (columns naming eras and units, numbers
    rounded as shown); `full`, when given, is the whole table behind it, written to
    NAME.table.csv. The figure must fit a report column (see `check_layout`). Each file
    is written whole or not at all (temporary file, then os.replace).
    """
    if not FIGURE_NAME.match(name):
        raise ValueError(
            f"figure name {name!r} must look like '01-corpus-timeline' "
            "(notebook number first)"
        )
    check_layout(fig, name)
    folder = Path(folder) if folder else figures_dir()
    folder.mkdir(parents=True, exist_ok=True)
    paths = {ext: folder / f"{name}.{ext}" for ext in FORMATS}
    with cjk_style():
        drawn = {ext: _render(fig, ext) for ext in ("png", "svg", "pdf")}
    for ext, payload in drawn.items():
        write_atomic(paths[ext], payload)
    write_atomic(paths["csv"], _csv_bytes(data))
    if full is not None:
        paths["table"] = folder / f"{name}.table.csv"
        write_atomic(paths["table"], _csv_bytes(full))
    return paths


def _render(fig: matplotlib.figure.Figure, ext: str) -> bytes:
    """The figure as PNG (200 dpi), SVG (text as paths) or PDF (font embedded)."""
    metadata = {
        "png": {"Software": None},
        "svg": {"Date": None, "Creator": None},
        "pdf": {"CreationDate": None, "Creator": None, "Producer": None},
    }[ext]
    out = io.BytesIO()
    with matplotlib.rc_context({"pdf.fonttype": 42}):
        fig.savefig(out, format=ext, dpi=DPI, bbox_inches="tight", metadata=metadata)
    return out.getvalue()


def _csv_bytes(data: pd.DataFrame) -> bytes:
    """A table as UTF-8 CSV, formula-like cells quoted."""
    return _csv_safe(data).to_csv(index=False, lineterminator="\n").encode("utf-8")


def figure_layout(fig: matplotlib.figure.Figure) -> tuple[float, float]:
    """(width in inches as saved, smallest font size in points) of a figure."""
    fig.draw_without_rendering()  # runs a constrained or tight layout, as saving does
    width = fig.get_tightbbox().width  # finds a renderer for any canvas
    sizes = [
        t.get_fontsize()
        for t in fig.findobj(matplotlib.text.Text)
        if t.get_visible() and t.get_text().strip()
    ]
    return width, min(sizes, default=MIN_FONT_PT)


def check_layout(fig: matplotlib.figure.Figure, name: str) -> None:
    """Refuse a figure wider than a report column or with text below MIN_FONT_PT."""
    width, smallest = figure_layout(fig)
    if width > COLUMN_IN + 0.05 or smallest < MIN_FONT_PT:
        raise ValueError(
            f"figure {name}: {width:.2f} in wide with {smallest:g} pt text; a report"
            f" column takes {COLUMN_IN} in and text of at least {MIN_FONT_PT} pt"
        )
