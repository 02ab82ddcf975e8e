"""Figures: one CJK font for matplotlib and wordcloud, a style to opt into, one way to save.

The font is a CJK face already on the system where there is one, otherwise Noto Sans SC
(SIL OFL) from the pinned package pylopdf-fonts-zh-cn. Nothing edits matplotlib's config
files: the font is registered with `addfont` and the style applies inside `cjk_style()`.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import matplotlib
from matplotlib import font_manager
import matplotlib.pyplot as plt
import pandas as pd

from .config import FIGURES

SYSTEM_FAMILIES = ("Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
                   "WenQuanYi Zen Hei", "WenQuanYi Micro Hei")
FIGURE_NAME = re.compile(r"^\d\d-[a-z0-9]+(?:-[a-z0-9]+)*$")
DPI = 200


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


def style() -> dict:
    """rcParams for report-ready figures with Chinese text, SVG text as paths, fixed SVG ids."""
    # A concrete family name (not "sans-serif") travels with each text artist, so a figure
    # made inside cjk_style() still renders Chinese when drawn later (inline display, saving).
    return {"font.family": [cjk_font()[0], "DejaVu Sans"],
            "axes.unicode_minus": False, "svg.fonttype": "path", "svg.hashsalt": "antcorpus",
            "savefig.dpi": DPI, "savefig.bbox": "tight", "figure.dpi": 100}


def cjk_style():
    """Context manager applying `style()`: `with cjk_style(): fig, ax = plt.subplots()`."""
    return plt.rc_context(style())


def save_figure(fig: matplotlib.figure.Figure, name: str, data: pd.DataFrame, folder: Path = FIGURES) -> dict:
    """Write figures/NAME.png (200 dpi), .svg (text as paths) and .csv (the data plotted)."""
    if not FIGURE_NAME.match(name):
        raise ValueError(f"figure name {name!r} must look like '01-corpus-timeline' (notebook number first)")
    folder.mkdir(parents=True, exist_ok=True)
    paths = {ext: folder / f"{name}.{ext}" for ext in ("png", "svg", "csv")}
    with cjk_style():
        fig.savefig(paths["png"], dpi=DPI, bbox_inches="tight", metadata={"Software": None})
        fig.savefig(paths["svg"], bbox_inches="tight", metadata={"Date": None, "Creator": None})
    data.to_csv(paths["csv"], index=False, lineterminator="\n")
    return paths
