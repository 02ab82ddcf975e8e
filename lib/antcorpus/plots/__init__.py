"""Figures: the CJK font and style, `save_figure`, shared shapes, and one
module per stats module. Plot functions take a stats result (reading its
`attrs`) and an optional `ax` or `axes` to draw into; they return the figure."""

# fmt: off
from .base import (
    cjk_font, cjk_style, era_colours, figure_axes, font_path, missing_glyphs,
    rc_params, save_figure, strict_glyphs,
)
from .clouds import (
    cloud_draw, cloud_figure,
)
from .counts import (
    colour_name, era_slug, plot_top_terms,
)
from .describe import (
    piece_label, plot_cleaning, plot_era_balance, plot_timeline, year_step,
)
from .diversity import (
    plot_lexdiv,
)
from .evidence import (
    plot_dispersion, plot_piece_rates, plot_spec_curve,
)
from .keyness import (
    plot_keyness_bars, plot_keyness_scatter,
)
from .shapes import (
    annotated_heatmap, grouped_bars, parts_by,
)
from .stylometry import (
    plot_distance,
)
from .tone import (
    plot_tone,
)
from .topics import (
    plot_heatmap, plot_recurrence, plot_share_bars, plot_sweep,
)
from .trends import (
    plot_trends, tick_step,
)
from .years import (
    plot_years,
)

__all__ = [
    "annotated_heatmap", "cjk_font", "cjk_style", "cloud_draw", "cloud_figure",
    "colour_name", "era_colours", "era_slug", "figure_axes", "font_path",
    "grouped_bars", "missing_glyphs", "parts_by", "piece_label", "plot_cleaning",
    "plot_dispersion", "plot_distance", "plot_era_balance", "plot_heatmap",
    "plot_keyness_bars", "plot_keyness_scatter", "plot_lexdiv", "plot_piece_rates",
    "plot_recurrence", "plot_share_bars", "plot_spec_curve", "plot_sweep",
    "plot_timeline", "plot_tone", "plot_top_terms", "plot_trends", "plot_years",
    "rc_params", "save_figure", "strict_glyphs", "tick_step", "year_step",
]
# fmt: on
