"""One text against a few: Crawford–Howell t, exact permutation, piece bootstrap.

When one era has a single text and the other a handful, the unit of inference is the
piece, and samples are tiny. Sources:

- Crawford, J. R. & Howell, D. C. (1998). Comparing an individual's test score against
  norms derived from small samples. The Clinical Neuropsychologist 12(4), 482–486.
  (modified t: t = (x - mean) / (sd * sqrt((n + 1) / n)), df = n - 1)
- Exact permutation tests enumerate every relabelling of the pieces; with n_t target
  and n_r reference pieces the smallest attainable one-sided p is 1 / C(n_t + n_r, n_t)
  (1/6 for one piece against five), whatever the effect size.
- The cluster bootstrap resamples whole pieces, so a pooled rate's interval reflects
  the variation between pieces rather than between tokens.

Rates are per 10,000 tokens of a piece.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from math import comb

import numpy as np
from scipy import stats

PER = 10_000
MAX_PERMUTATIONS = 1_000_000


@dataclass(frozen=True)
class CaseControl:
    """Crawford–Howell result for one case against a small control sample."""

    t: float
    df: int
    p_two_sided: float
    p_greater: float
    p_less: float
    n_controls: int
    mean: float
    sd: float
    rank: int  # 1 + controls strictly above the case (1 = highest of the n + 1)
    n_below: int  # controls strictly below the case; == n_controls means "above all"
    n_tied: int


@dataclass(frozen=True)
class Permutation:
    """Exact permutation result; p-values count the observed labelling."""

    observed: float
    p_two_sided: float
    p_greater: float
    p_less: float
    n_permutations: int
    p_floor: float  # smallest attainable one-sided p: 1 / n_permutations
    p_floor_two_sided: float  # 2 / n when sides are equal in size (mirror), else 1 / n
    n_target: int
    n_reference: int


@dataclass(frozen=True)
class BootstrapRate:
    """Cluster (piece) bootstrap percentile interval for a pooled rate per 10k."""

    rate: float
    low: float
    high: float
    level: float
    n_boot: int
    n_pieces: int
    replicates: np.ndarray


def crawford_howell(case: float, controls) -> CaseControl:
    """Crawford & Howell (1998) modified t for one case against n controls (df = n - 1).

    Rule for sd = 0 (all controls equal): t = +inf / -inf when the case differs, NaN
    when it equals them, and all p-values are NaN (the t reference distribution is
    undefined; read the rank instead). n < 2 controls gives NaN t and p.
    """
    x = np.asarray(controls, float)
    n = len(x)
    mean = float(x.mean()) if n else np.nan
    sd = float(x.std(ddof=1)) if n > 1 else np.nan
    if n < 2 or sd == 0:
        diff = case - mean
        t = np.sign(diff) * np.inf if (sd == 0 and diff != 0) else np.nan
        pg = pl = p2 = np.nan
    else:
        t = (case - mean) / (sd * np.sqrt((n + 1) / n))
        pg, pl = float(stats.t.sf(t, n - 1)), float(stats.t.cdf(t, n - 1))
        p2 = min(1.0, 2 * min(pg, pl))
    above, below = int((x > case).sum()), int((x < case).sum())
    return CaseControl(
        float(t), n - 1, p2, pg, pl, n, mean, sd, 1 + above, below, n - above - below
    )


def _mean_diffs(pool: np.ndarray, n_t: int) -> np.ndarray:
    """Difference of means (target minus reference) for every labelling, vectorised."""
    idx = np.array(list(combinations(range(len(pool)), n_t)), dtype=np.intp)
    s_t = pool[idx].sum(axis=1)
    return s_t / n_t - (pool.sum() - s_t) / (len(pool) - n_t)


def permutation_test(
    values, labels, target: str, reference: str, stat="mean_diff"
) -> Permutation:
    """Exact permutation test over pieces: all C(n_t + n_r, n_t) relabellings.

    `values` and `labels` are aligned per piece; `stat` is "mean_diff" (mean target
    minus mean reference) or a callable (target_values, reference_values) -> float.
    """
    v, lab = np.asarray(values, float), np.asarray(labels, dtype=object)
    t_vals, r_vals = v[lab == target], v[lab == reference]
    n_t, n_r = len(t_vals), len(r_vals)
    if n_t == 0 or n_r == 0:
        raise ValueError("both sides need at least one piece")
    n_perm = comb(n_t + n_r, n_t)
    if n_perm > MAX_PERMUTATIONS:
        raise ValueError(f"{n_perm} labellings exceed {MAX_PERMUTATIONS}")
    pool = np.concatenate([t_vals, r_vals])
    if stat == "mean_diff":
        null = _mean_diffs(pool, n_t)
    else:
        every = range(n_t + n_r)
        null = np.array(
            [
                stat(pool[list(c)], pool[[i for i in every if i not in c]])
                for c in combinations(every, n_t)
            ],
            float,
        )
    obs = float(null[0])  # the first combination is the observed labelling
    tol = 1e-9 * max(1.0, abs(obs))
    p_g = float(np.mean(null >= obs - tol))
    p_l = float(np.mean(null <= obs + tol))
    p_2 = float(np.mean(np.abs(null) >= abs(obs) - tol))
    floor2 = (2 if n_t == n_r else 1) / n_perm
    return Permutation(obs, p_2, p_g, p_l, n_perm, 1 / n_perm, floor2, n_t, n_r)


def cluster_bootstrap_rate(
    counts,
    sizes,
    n_boot: int = 10_000,
    seed: int = 0,
    level: float = 0.95,
    max_block: int = 1_000_000,
) -> BootstrapRate:
    """Resample pieces with replacement; pooled rate = 10k * sum counts / sum sizes.

    Index draws come in chunks of at most `max_block` elements, so memory is bounded;
    chunking does not change the draws for a given seed.
    """
    c, s = np.asarray(counts, float), np.asarray(sizes, float)
    n = len(c)
    rng = np.random.default_rng(seed)
    rows = max(1, max_block // max(n, 1))
    reps = np.empty(n_boot)
    for start in range(0, n_boot, rows):
        stop = min(n_boot, start + rows)
        idx = rng.integers(0, n, size=(stop - start, n))
        with np.errstate(invalid="ignore", divide="ignore"):
            reps[start:stop] = PER * c[idx].sum(axis=1) / s[idx].sum(axis=1)
    tail = 100 * (1 - level) / 2
    low, high = np.nanpercentile(reps, [tail, 100 - tail])
    return BootstrapRate(
        PER * c.sum() / s.sum(), float(low), float(high), level, n_boot, n, reps
    )
