"""Tables only, never figures: counts, diversity, keyness, contexts,
years, trends, tone, stylometry, topics, resampling, description and
text-level evidence. No module here imports matplotlib (a test enforces it)."""

# fmt: off
from .agreement import (
    kappa_interval, label_shares, labels_wide, pairwise_kappa,
)
from .contexts import (
    collocates, kwic, window_counts,
)
from .counts import (
    alias_table, dfm_compare, dfm_group, dfm_merge, dfm_tfidf, dfm_top,
    textstat_bigrams, tokens_dfm,
)
from .describe import (
    corpus_table, domain_coverage, era_balance, era_profile, segmentation_compare,
    segmentation_examples, split_words,
)
from .diversity import (
    mattr, mtld, textstat_lexdiv,
)
from .evidence import (
    concept_features, dispersion_dp, piece_rates, textstat_evidence,
    textstat_piece_intervals, textstat_positions,
)
from .keyness import (
    g2, keyness_leave_one_out, keyness_table, log_ratio, textstat_keyness,
)
from .placebo import (
    Design, calibrate, feature_placebo, key_term_counter, keyness_placebo,
    placebo_designs, placebo_position, run_placebos, size_matched_windows,
    window_designs, windows_dfm,
)
from .resample import (
    bootstrap_draws, bootstrap_interval, cluster_bootstrap_rates,
)
from .robustness import (
    Spec, holm_within_specs, keyness_measures, robustness_curve, robustness_marks,
    spec_evidence, spec_grid, spec_row, spec_tokens, usable_grid,
)
from .singlecase import (
    BootstrapRate, CaseControl, Permutation, cluster_bootstrap_rate,
    crawford_howell, permutation_design, permutation_test,
)
from .smallcounts import (
    Agreement, absent_side, clopper_pearson, fisher_exact_p, keyness_agreement,
    log_odds_dirichlet, log_ratio_conservative, log_ratio_label,
    small_count_keyness,
)
from .sparse import (
    SparseDfm, dfm_append, dfm_colsums, dfm_docfreq, dfm_docs, dfm_group_sums,
    dfm_rows, dfm_select, dfm_sizes, dfm_total, is_sparse, tokens_sparse,
)
from .stylometry import (
    function_profile, profile_distance, textstat_stylometry,
)
from .tone import (
    cohen_kappa, label_of, lexicons, negated, negators, net_tone, net_tones,
    piece_test, textstat_tone, tone_sample, tone_sentences, tone_tokens,
)
from .topic_fits import (
    fit_key, topics_fits,
)
from .topic_nmf import (
    NmfSettings, nmf_fit, nmf_matrix, nmf_proportions, tokens_identity,
)
from .topic_npmi import (
    Contexts, contexts_units, contexts_windows, frequent_words, npmi_pairs,
    npmi_topic, textstat_npmi,
)
from .topic_reading import (
    topic_concentration, topic_excerpts, topic_labels, topic_shares, topic_table,
    weighted_share,
)
from .topic_replication import (
    baseline_topic, choose_k_on, comparison_table, dominant_topics, fits_table,
    mean_ari, rank_of, recurrence_table, reported_run, sweep_summary,
    topic_recurrence,
)
from .topics import (
    LdaSettings, choose_k, choose_seed, coherence, jaccard, lda_schedule,
    topic_matrix, topics_dictionary, topics_fit, topics_stability, topics_top,
)
from .trends import (
    bootstrap_rate, concept_groups, rate_text, textstat_trends, time_bin,
    trend_compare, unit_counts,
)
from .years import (
    recent_default, textstat_years, year_span, years_mentioned, years_summary,
)

__all__ = [
    "Agreement", "BootstrapRate", "CaseControl", "Contexts", "Design",
    "LdaSettings", "NmfSettings", "Permutation", "SparseDfm", "Spec", "absent_side",
    "alias_table", "baseline_topic", "bootstrap_draws", "bootstrap_interval",
    "bootstrap_rate", "calibrate", "choose_k", "choose_k_on", "choose_seed",
    "clopper_pearson", "cluster_bootstrap_rate", "cluster_bootstrap_rates",
    "cohen_kappa", "coherence", "collocates", "comparison_table",
    "concept_features", "concept_groups", "contexts_units", "contexts_windows",
    "corpus_table", "crawford_howell", "dfm_append", "dfm_colsums", "dfm_compare",
    "dfm_docfreq", "dfm_docs", "dfm_group", "dfm_group_sums", "dfm_merge",
    "dfm_rows", "dfm_select", "dfm_sizes", "dfm_tfidf", "dfm_top", "dfm_total",
    "dispersion_dp", "domain_coverage", "dominant_topics", "era_balance",
    "era_profile", "feature_placebo", "fisher_exact_p", "fit_key", "fits_table",
    "frequent_words", "function_profile", "g2", "holm_within_specs", "is_sparse",
    "jaccard", "kappa_interval", "key_term_counter", "keyness_agreement",
    "keyness_leave_one_out", "keyness_measures", "keyness_placebo", "keyness_table",
    "kwic", "label_of", "label_shares", "labels_wide", "lda_schedule", "lexicons",
    "log_odds_dirichlet", "log_ratio", "log_ratio_conservative", "log_ratio_label",
    "mattr", "mean_ari", "mtld", "negated", "negators", "net_tone", "net_tones",
    "nmf_fit", "nmf_matrix", "nmf_proportions", "npmi_pairs", "npmi_topic",
    "pairwise_kappa", "permutation_design", "permutation_test", "piece_rates",
    "piece_test", "placebo_designs", "placebo_position", "profile_distance",
    "rank_of", "rate_text", "recent_default", "recurrence_table", "reported_run",
    "robustness_curve", "robustness_marks", "run_placebos", "segmentation_compare",
    "segmentation_examples", "size_matched_windows", "small_count_keyness",
    "spec_evidence", "spec_grid", "spec_row", "spec_tokens", "split_words",
    "sweep_summary", "textstat_bigrams", "textstat_evidence", "textstat_keyness",
    "textstat_lexdiv", "textstat_npmi", "textstat_piece_intervals",
    "textstat_positions", "textstat_stylometry", "textstat_tone", "textstat_trends",
    "textstat_years", "time_bin", "tokens_dfm", "tokens_identity", "tokens_sparse",
    "tone_sample", "tone_sentences", "tone_tokens", "topic_concentration",
    "topic_excerpts", "topic_labels", "topic_matrix", "topic_recurrence",
    "topic_shares", "topic_table", "topics_dictionary", "topics_fit", "topics_fits",
    "topics_stability", "topics_top", "trend_compare", "unit_counts", "usable_grid",
    "weighted_share", "window_counts", "window_designs", "windows_dfm", "year_span",
    "years_mentioned", "years_summary",
]
# fmt: on
