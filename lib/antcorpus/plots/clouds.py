"""Word clouds from our own counts, seeded, drawn with the CJK font (notebook 02)."""

from __future__ import annotations

import matplotlib.pyplot as plt
from wordcloud import WordCloud

from .base import cjk_style, font_path, missing_glyphs

SIZE = (1000, 560)


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
    """The cloud as a matplotlib figure with a title and a note (for save_figure)."""
    with cjk_style():
        fig, ax = plt.subplots(figsize=(SIZE[0] / 100, SIZE[1] / 100 + 0.6))
        ax.imshow(cloud.to_array(), interpolation="bilinear")
        ax.set_axis_off()
        ax.set_title(title)
        if note:
            fig.text(0.5, 0.01, note, ha="center", fontsize=8, color="0.35")
    return fig
