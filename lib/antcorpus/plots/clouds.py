"""Word clouds from our own counts, seeded, drawn with the CJK font (notebook 02)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from wordcloud import WordCloud

from .base import COLUMN_IN, cjk_style, font_path, missing_glyphs

SIZE = (1000, 560)
CLOUD_IN = COLUMN_IN - 0.2  # the cloud's width on the page


def cloud_draw(
    freqs: dict[str, float], colours: dict[str, str] | str, seed: int = 0
) -> WordCloud:
    """A WordCloud laid out from `freqs` (never re-tokenized).

    `colours` is a colour per word or one colour.
    """
    lacking = missing_glyphs("".join(freqs))
    if lacking:
        raise ValueError(
            f"the CJK font ({font_path()}) has no glyph for {''.join(lacking)}"
        )
    pick = (
        (lambda word, **_: colours[word])
        if isinstance(colours, dict)
        else (lambda word, **_: colours)
    )
    cloud = WordCloud(
        font_path=font_path(),
        width=SIZE[0],
        height=SIZE[1],
        background_color="white",
        random_state=seed,
        prefer_horizontal=1.0,
        max_words=len(freqs),
        relative_scaling=0.5,
        color_func=pick,
        margin=4,
    )
    return cloud.generate_from_frequencies(freqs)


def cloud_figure(cloud: WordCloud, title: str, note: str = ""):
    """The cloud a report column wide, a title above and a note (lines) below."""
    height = CLOUD_IN * SIZE[1] / SIZE[0]
    with cjk_style():
        # the image fills the figure below the title; the note hangs below it and
        # save_figure's tight bounding box takes it in
        fig, ax = plt.subplots(figsize=(CLOUD_IN, height + 0.4))
        fig.subplots_adjust(left=0, right=1, bottom=0, top=height / (height + 0.4))
        ax.imshow(cloud.to_array(), interpolation="bilinear")
        ax.set_axis_off()
        ax.set_title(title, fontsize=10)
        if note:
            ax.text(
                *(0.5, -0.015, note),
                transform=ax.transAxes,
                ha="center",
                va="top",
                fontsize=7.5,
                color="0.35",
            )
    return fig


def cloud_data(words: pd.Series, total: int) -> pd.DataFrame:
    """What a cloud draws: each word, its count (the size) and rate per 10,000."""
    return pd.DataFrame(
        {
            "term": words.index,
            "count": words.to_numpy(),
            "rate_per_10k_tokens": (10_000 * words / total).round(1).to_numpy(),
        }
    )


def compare_data(compare: pd.DataFrame, left: str, right: str) -> pd.DataFrame:
    """What the comparison cloud draws: rates (`left` reference, `right` target), size.

    The size of a term is its difference in rate; `leans_to` names its colour's era.
    """
    return pd.DataFrame(
        {
            "term": compare["term"],
            "gloss": compare["gloss"],
            f"rate_per_10k_{left}_reference": compare[left].round(1),
            f"rate_per_10k_{right}_target": compare[right].round(1),
            f"difference_per_10k_{left}_minus_{right}": compare["difference"].round(1),
            "leans_to": compare["leans_to"],
        }
    )
