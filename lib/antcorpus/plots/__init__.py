"""Figures: the CJK font and style, `save_figure`, shared shapes, and one
module per stats module. Plot functions take a stats result (reading its
`attrs`) and an optional `ax` or `axes` to draw into; they return the figure."""

# fmt: off
from .base import (
    check_layout, cjk_font, cjk_style, era_colours, figure_axes, figure_layout,
    font_path, missing_glyphs, rc_params, save_figure, strict_glyphs,
)
from .clouds import (
    cloud_data, cloud_draw, cloud_figure, compare_data,
)
from .counts import (
    colour_name, era_slug, fit_labels, label_inches, panel_columns, plot_top_terms,
    top_terms_data,
)
from .describe import (
    balance_data, cleaning_data, piece_label, pieces_text, plot_cleaning,
    plot_era_balance, plot_timeline, step_label, timeline_data, tokens_text,
    year_step,
)
from .diversity import (
    lexdiv_data, plot_lexdiv, point_label,
)
from .evidence import (
    dispersion_data, piece_rates_data, plot_dispersion, plot_piece_rates,
    plot_spec_curve, spec_curve_data,
)
from .keyness import (
    keyness_bars_data, keyness_scatter_data, keyness_table_data, plot_keyness_bars,
    plot_keyness_scatter,
)
from .labels import (
    chinese_labels, label_edition, term_label, tr,
)
from .scale import (
    box_note, draw_bins, draw_boxes, eras_present, position_bins, rest_label,
    scale_note, spread, summarised, top_and_rest, top_rows,
)
from .shapes import (
    annotated_heatmap, grouped_bars, legend_below, parts_by, plain_log_ticks,
    round_significant, wrap_label,
)
from .stylometry import (
    distance_data, era_distance, plot_distance,
)
from .timeline_scale import (
    plot_timeline_summary, timeline_periods,
)
from .tone import (
    plot_tone, tone_data,
)
from .topics import (
    plot_recurrence, plot_sweep, recurrence_data, sweep_data,
)
from .topics_shares import (
    heatmap_data, heatmap_rows, heatmap_table, plot_heatmap, plot_share_bars,
    share_bars_data, topic_name,
)
from .trends import (
    bottom_panels, plot_trends, tick_step, trends_data, year_label, year_positions,
)
from .years import (
    era_years, plot_era_years, plot_years, years_data,
)

__all__ = [
    "annotated_heatmap", "balance_data", "bottom_panels", "box_note",
    "check_layout", "chinese_labels", "cjk_font", "cjk_style", "cleaning_data",
    "cloud_data", "cloud_draw", "cloud_figure", "colour_name", "compare_data",
    "dispersion_data", "distance_data", "draw_bins", "draw_boxes", "era_colours",
    "era_distance", "era_slug", "era_years", "eras_present", "figure_axes",
    "figure_layout", "fit_labels", "font_path", "grouped_bars", "heatmap_data",
    "heatmap_rows", "heatmap_table", "keyness_bars_data", "keyness_scatter_data",
    "keyness_table_data", "label_edition", "label_inches", "legend_below",
    "lexdiv_data", "missing_glyphs", "panel_columns", "parts_by", "piece_label",
    "piece_rates_data", "pieces_text", "plain_log_ticks", "plot_cleaning",
    "plot_dispersion", "plot_distance", "plot_era_balance", "plot_era_years",
    "plot_heatmap", "plot_keyness_bars", "plot_keyness_scatter", "plot_lexdiv",
    "plot_piece_rates", "plot_recurrence", "plot_share_bars", "plot_spec_curve",
    "plot_sweep", "plot_timeline", "plot_timeline_summary", "plot_tone",
    "plot_top_terms", "plot_trends", "plot_years", "point_label", "position_bins",
    "rc_params", "recurrence_data", "rest_label", "round_significant",
    "save_figure", "scale_note", "share_bars_data", "spec_curve_data", "spread",
    "step_label", "strict_glyphs", "summarised", "sweep_data", "term_label",
    "tick_step", "timeline_data", "timeline_periods", "tokens_text", "tone_data",
    "top_and_rest", "top_rows", "top_terms_data", "topic_name", "tr", "trends_data",
    "wrap_label", "year_label", "year_positions", "year_step", "years_data",
]
# fmt: on
