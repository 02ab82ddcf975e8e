"""One text against a few: Crawford–Howell t, exact permutation, piece bootstrap.

When one era has a single text and the other a handful, the unit of inference is the
piece, and samples are tiny. Sources:

- Crawford, J. R. & Howell, D. C. (1998). Comparing an individual's test score against
  norms derived from small samples. The Clinical Neuropsychologist 12(4), 482–486.
  (modified t: t = (x - mean) / (sd * sqrt((n + 1) / n)), df = n - 1)
- Exact permutation tests enumerate every relabelling of the pieces; with n_t target
  and n_r reference pieces the smallest attainable one-sided p is 1 / C(n_t + n_r, n_t)
  (1/6 for one piece against five), whatever the effect size. Past MAX_PERMUTATIONS
  relabellings (many pieces on both sides) the test draws RANDOM_PERMUTATIONS of them
  with a fixed seed and counts the observed one: p = (1 + as extreme) / (draws + 1)
  (Phipson & Smyth 2010, Stat. Appl. Genet. Mol. Biol. 9(1): 39), floor 1 / (draws + 1).
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
MAX_PERMUTATIONS = 1_000_000  # enumerated up to this many relabellings
RANDOM_PERMUTATIONS = 9_999  # drawn past it: a floor of 1e-4, a few ms per feature
PERMUTATION_SEED = 20261126
PERMUTATION_CHUNK = 1_000  # relabellings drawn at a time (bounded memory)


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
    """Permutation result (exact, or random relabellings); p counts the observed one."""

    observed: float
    p_two_sided: float
    p_greater: float
    p_less: float
    n_permutations: int
    p_floor: float  # smallest attainable one-sided p: 1 / n_permutations
    p_floor_two_sided: float  # 2 / n when sides are equal in size (mirror), else 1 / n
    n_target: int
    n_reference: int
    exact: bool = True  # False: RANDOM_PERMUTATIONS random relabellings


def permutation_design(n_target: int, n_reference: int) -> tuple[str, str, float]:
    """The permutation test these sides get: its name, a phrase and its p floor."""
    n = comb(n_target + n_reference, n_target)
    if n <= MAX_PERMUTATIONS:
        return "exact permutation", "an exact permutation test", 1 / n
    draws = f"{RANDOM_PERMUTATIONS:,} random relabellings"
    return (
        f"permutation ({draws})",
        f"a permutation test over {draws}",
        1 / (RANDOM_PERMUTATIONS + 1),
    )


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


def _random_null(pool: np.ndarray, n_t: int, stat) -> np.ndarray:
    """The observed statistic, then RANDOM_PERMUTATIONS seeded random relabellings'."""
    rng = np.random.default_rng(PERMUTATION_SEED)
    every = np.arange(len(pool))
    out = [_labelled(pool, every[None, :], n_t, stat)]
    for start in range(0, RANDOM_PERMUTATIONS, PERMUTATION_CHUNK):
        size = min(PERMUTATION_CHUNK, RANDOM_PERMUTATIONS - start)
        out.append(
            _labelled(pool, rng.permuted(np.tile(every, (size, 1)), axis=1), n_t, stat)
        )
    return np.concatenate(out)


def _labelled(pool: np.ndarray, orders: np.ndarray, n_t: int, stat) -> np.ndarray:
    """The statistic per row of `orders` (its first n_t positions are the target)."""
    if stat == "mean_diff":  # the same arithmetic as _mean_diffs
        s_t = pool[orders[:, :n_t]].sum(axis=1)
        return s_t / n_t - (pool.sum() - s_t) / (len(pool) - n_t)
    return np.array([stat(pool[o[:n_t]], pool[o[n_t:]]) for o in orders], float)


def _exact_null(pool: np.ndarray, n_t: int, stat) -> np.ndarray:
    """The statistic for every labelling, the observed one first."""
    if stat == "mean_diff":
        return _mean_diffs(pool, n_t)
    every = range(len(pool))
    return np.array(
        [
            stat(pool[list(c)], pool[[i for i in every if i not in c]])
            for c in combinations(every, n_t)
        ],
        float,
    )


def permutation_test(
    values, labels, target: str, reference: str, stat="mean_diff"
) -> Permutation:
    """Permutation test over pieces: all C(n_t + n_r, n_t) relabellings when there
    are at most MAX_PERMUTATIONS, else RANDOM_PERMUTATIONS random ones (seeded).

    `values` and `labels` are aligned per piece; `stat` is "mean_diff" (mean target
    minus mean reference) or a callable (target_values, reference_values) -> float.
    """
    v, lab = np.asarray(values, float), np.asarray(labels, dtype=object)
    t_vals, r_vals = v[lab == target], v[lab == reference]
    n_t, n_r = len(t_vals), len(r_vals)
    if n_t == 0 or n_r == 0:
        raise ValueError("both sides need at least one piece")
    exact = comb(n_t + n_r, n_t) <= MAX_PERMUTATIONS
    pool = np.concatenate([t_vals, r_vals])
    null = (_exact_null if exact else _random_null)(pool, n_t, stat)
    obs = float(null[0])  # the observed labelling comes first
    tol = 1e-9 * max(1.0, abs(obs))
    p_g = float(np.mean(null >= obs - tol))
    p_l = float(np.mean(null <= obs + tol))
    p_2 = float(np.mean(np.abs(null) >= abs(obs) - tol))
    n_perm = len(null)
    floor2 = (2 if n_t == n_r and exact else 1) / n_perm
    return Permutation(obs, p_2, p_g, p_l, n_perm, 1 / n_perm, floor2, n_t, n_r, exact)


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
