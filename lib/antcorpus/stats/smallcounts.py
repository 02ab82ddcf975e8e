"""Keyness measures that behave at small counts, vectorised over terms.

Inputs everywhere: a (target count), b (reference count), n_a, n_b (token totals).
Sources:

- Fisher's exact test on the 2x2 table [[a, b], [n_a - a, n_b - b]], quanteda's
  textstat_keyness(measure = "exact"). scipy reports the sample odds ratio
  a (n_b - b) / (b (n_a - a)); R's fisher.test reports the conditional MLE instead.
- Conservative log ratio (LRC): Hardie, A. (2014) "Log Ratio: an informal introduction"
  (CASS) and Evert, S. (2022/2023) "Measuring keyness" (https://osf.io/x8z9n), the
  CQPweb/Evert definition: a two-sided Clopper–Pearson interval for the binomial
  proportion a / (a + b), mapped to log2 of the ratio of relative frequencies.
- Monroe, B. L., Colaresi, M. P. & Quinn, K. M. (2008). Fightin' words: lexical feature
  selection and evaluation for identifying the content of political conflict. Political
  Analysis 16(4), 372–403 (weighted log-odds with an informative Dirichlet prior).

The plain log ratio is keyness.log_ratio (Hardie 2014: 0.5 stands in for a zero).
"""

from __future__ import annotations

from itertools import combinations
from typing import NamedTuple

import numpy as np
import pandas as pd
from scipy import stats

from .keyness import log_ratio


class Agreement(NamedTuple):
    """Key-term counts per measure and pairwise agreement between measures."""

    counts: pd.Series
    pairs: pd.DataFrame


def _arrays(*xs):
    """Float arrays broadcast to a common shape."""
    return np.broadcast_arrays(*(np.asarray(x, float) for x in xs))


def fisher_exact_p(a, b, n_a, n_b) -> tuple[np.ndarray, np.ndarray]:
    """Two-sided Fisher exact test per term: (sample odds ratio, p).

    Terms sharing the same (a, b, n_a, n_b) are tested once. a = b = 0 gives odds NaN,
    p = 1.
    """
    a, b, n_a, n_b = _arrays(a, b, n_a, n_b)
    keys = np.stack([a.ravel(), b.ravel(), n_a.ravel(), n_b.ravel()], axis=1)
    uniq, inverse = np.unique(keys, axis=0, return_inverse=True)
    odds, p = np.empty(len(uniq)), np.empty(len(uniq))
    for i, (x, y, nx, ny) in enumerate(uniq):
        table = [[int(x), int(y)], [int(nx - x), int(ny - y)]]
        with np.errstate(divide="ignore", invalid="ignore"):
            res = stats.fisher_exact(table, alternative="two-sided")
        odds[i], p[i] = res.statistic, res.pvalue
    inverse = inverse.ravel()
    return odds[inverse].reshape(a.shape), np.minimum(p[inverse], 1).reshape(a.shape)


def clopper_pearson(k, n, alpha: float = 0.05) -> tuple[np.ndarray, np.ndarray]:
    """Two-sided (1 - alpha) Clopper–Pearson interval for k successes in n trials."""
    k, n = _arrays(k, n)
    with np.errstate(invalid="ignore"):
        low = np.where(k > 0, stats.beta.ppf(alpha / 2, k, n - k + 1), 0.0)
        high = np.where(k < n, stats.beta.isf(alpha / 2, k + 1, n - k), 1.0)
    return low, high


def log_ratio_conservative(
    a, b, n_a, n_b, alpha: float = 0.05, m_tests: int | None = None
) -> np.ndarray:
    """Evert's / CQPweb's conservative log ratio (LRC), in log2 units.

    With alpha' = alpha / m_tests (Bonferroni; alpha' = alpha without m_tests), take the
    two-sided (1 - alpha') Clopper–Pearson interval [p_lo, p_hi] for p = a / (a + b)
    (beta quantiles; p_lo = 0 when a = 0, p_hi = 1 when b = 0). A proportion p maps to
    the ratio of relative frequencies r(p) = p / (1 - p) * n_b / n_a. If a / n_a >=
    b / n_b: LRC = max(log2 r(p_lo), 0); else LRC = min(log2 r(p_hi), 0). So LRC is the
    interval bound nearest to log ratio 0, and exactly 0 when the interval contains
    equal rates (p = n_a / (n_a + n_b)). NaN when a = b = 0.
    """
    a, b, n_a, n_b = _arrays(a, b, n_a, n_b)
    level = alpha / m_tests if m_tests else alpha
    low, high = clopper_pearson(a, a + b, level)
    with np.errstate(divide="ignore", invalid="ignore"):
        up = np.maximum(np.log2(low / (1 - low) * n_b / n_a), 0.0)
        down = np.minimum(np.log2(high / (1 - high) * n_b / n_a), 0.0)
        lrc = np.where(a / n_a >= b / n_b, up, down)
    return np.where(a + b > 0, lrc, np.nan)


def log_odds_dirichlet(
    a, b, n_a, n_b, prior, alpha0: float | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Monroe et al. (2008) log-odds with informative Dirichlet prior: (delta, z).

    prior = alpha_w, prior pseudo-counts per term (e.g. whole-corpus counts, or shares
    times a scale alpha0); alpha0 = their total over the whole vocabulary, by default
    prior.sum() (pass it explicitly when a and b cover only some terms).
    delta = log((a+α)/(n_a+α0-a-α)) - log((b+α)/(n_b+α0-b-α)),
    var = 1/(a+α) + 1/(b+α), z = delta / sqrt(var).
    """
    a, b, n_a, n_b, alpha = _arrays(a, b, n_a, n_b, prior)
    a0 = float(np.sum(prior)) if alpha0 is None else float(alpha0)
    delta = np.log((a + alpha) / (n_a + a0 - a - alpha)) - np.log(
        (b + alpha) / (n_b + a0 - b - alpha)
    )
    z = delta / np.sqrt(1 / (a + alpha) + 1 / (b + alpha))
    return delta, z


def absent_side(a, b) -> np.ndarray:
    """'target' where only the reference has a term, 'reference' the reverse, or ''."""
    a, b = _arrays(a, b)
    return np.where(
        (a == 0) & (b > 0), "target", np.where((b == 0) & (a > 0), "reference", "")
    )


def log_ratio_label(a, b, n_a, n_b, digits: int = 2) -> np.ndarray:
    """Log ratio as text; a bound where one side is absent (">= x" / "<= x").

    With b = 0 the observed ratio is unbounded and the 0.5-substituted value x is only a
    floor on it (">= x"); with a = 0 it is a ceiling ("<= x"). Both zero gives "".
    """
    a, b, n_a, n_b = _arrays(a, b, n_a, n_b)
    side, lr = absent_side(a, b), log_ratio(a, b, n_a, n_b)
    both_zero = (a == 0) & (b == 0)
    prefix = {"reference": ">= ", "target": "<= ", "": ""}
    cells = zip(np.ravel(side), np.ravel(lr), np.ravel(both_zero), strict=True)
    text = ["" if z else f"{prefix[s]}{v:.{digits}f}" for s, v, z in cells]
    return np.array(text, dtype=object).reshape(np.shape(lr))


def _add_key_flags(table: pd.DataFrame, p, m: int, alpha: float) -> None:
    """Add Fisher BH q and the Fisher (BH, Bonferroni) and LRC key flags, in place."""
    table["fisher_q"] = stats.false_discovery_control(p, method="bh") if m else p
    table["key_fisher_bh"] = table["fisher_q"] < alpha
    table["key_fisher_bonferroni"] = table["fisher_p"] < alpha / max(m, 1)
    table["key_lrc"] = table["lrc"].fillna(0) != 0


def _add_log_odds(table: pd.DataFrame, a, b, n_a, n_b, prior, alpha0) -> None:
    """Add Dirichlet log-odds, its z and the |z| > 1.96 key flag, in place."""
    delta, z = log_odds_dirichlet(a, b, n_a, n_b, prior, alpha0)
    table["log_odds"], table["z"] = delta, z
    table["key_log_odds"] = np.abs(z) > stats.norm.isf(0.025)


def small_count_keyness(
    a,
    b,
    n_a: int,
    n_b: int,
    terms=None,
    prior=None,
    alpha: float = 0.05,
    alpha0: float | None = None,
) -> pd.DataFrame:
    """Per term: counts, absent side, log ratio (bound label), Fisher, LRC, log-odds z.

    Key flags (key_*) are booleans for keyness_agreement: Fisher BH q < alpha, Fisher
    Bonferroni p < alpha / m, LRC (Bonferroni over m terms) != 0, |z| > 1.96 when a
    prior is given. Add e.g. key_g2_bh from keyness.textstat_keyness before comparing.
    """
    a, b = np.asarray(a, float), np.asarray(b, float)
    m = len(a)
    odds, p = fisher_exact_p(a, b, n_a, n_b)
    table = pd.DataFrame(
        {
            "target": a.astype(int),
            "reference": b.astype(int),
            "absent_side": absent_side(a, b),
            "log_ratio": log_ratio(a, b, n_a, n_b),
            "log_ratio_label": log_ratio_label(a, b, n_a, n_b),
            "odds_ratio": odds,
            "fisher_p": p,
            "lrc": log_ratio_conservative(a, b, n_a, n_b, alpha, m),
        },
        index=terms,
    )
    _add_key_flags(table, p, m, alpha)
    if prior is not None:
        _add_log_odds(table, a, b, n_a, n_b, prior, alpha0)
    return table


def keyness_agreement(table: pd.DataFrame, measures=None) -> Agreement:
    """Key-term count per boolean measure column, and pairwise both / either / Jaccard.

    `measures` defaults to every column whose name starts with "key_".
    """
    if measures is None:
        measures = [c for c in table.columns if str(c).startswith("key_")]
    flags = table[list(measures)].fillna(False).astype(bool)
    counts = flags.sum().astype(int).rename("n_key")
    rows = []
    for x, y in combinations(measures, 2):
        both = int((flags[x] & flags[y]).sum())
        either = int((flags[x] | flags[y]).sum())
        rows.append(
            {
                "measure_1": x,
                "measure_2": y,
                "n_1": int(counts[x]),
                "n_2": int(counts[y]),
                "both": both,
                "either": either,
                "jaccard": both / either if either else np.nan,
            }
        )
    cols = ["measure_1", "measure_2", "n_1", "n_2", "both", "either", "jaccard"]
    return Agreement(counts, pd.DataFrame(rows, columns=cols))
