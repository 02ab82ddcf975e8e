"""The bootstrap behind every interval in the notebooks: units with replacement.

Index draws come in chunks of at most `MAX_BLOCK` indices, so memory stays bounded
however many units there are. A numpy Generator gives the same integers drawn in
chunks as in one (n_boot, n) call, so chunking never changes an interval.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from .singlecase import PER

LEVEL = 0.95
MAX_BLOCK = 1_000_000  # indices per chunk of draws (8 MB)


def bootstrap_draws(
    rng: np.random.Generator, n: int, n_boot: int, max_block: int = MAX_BLOCK
) -> Iterator[np.ndarray]:
    """The rows of rng.integers(0, n, size=(n_boot, n)), a chunk of rows at a time."""
    rows = max(1, max_block // max(n, 1))
    for start in range(0, n_boot, rows):
        yield rng.integers(0, n, size=(min(n_boot, start + rows) - start, n))


def bootstrap_interval(
    statistic,
    n: int,
    n_boot: int,
    rng: np.random.Generator,
    level: float = LEVEL,
    max_block: int = MAX_BLOCK,
):
    """Percentile interval of `statistic` over `n_boot` resamples of `n` units.

    `statistic` receives an (m, n) array of unit indices (a chunk of the resamples)
    and returns one value per resample (or one row per resample for several
    statistics at once); NaN draws are ignored.
    """
    with np.errstate(invalid="ignore", divide="ignore"):
        chunks = [statistic(i) for i in bootstrap_draws(rng, n, n_boot, max_block)]
        draws = np.concatenate(chunks, axis=0)
        lo, hi = np.nanpercentile(draws, [50 * (1 - level), 50 * (1 + level)], axis=0)
    return lo, hi


def cluster_bootstrap_rates(
    counts: np.ndarray, sizes: np.ndarray, n_boot: int, seed: int, level: float = LEVEL
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pooled rate per 10k and percentile interval per column of (pieces x features).

    The same numbers as `singlecase.cluster_bootstrap_rate` on each column with the
    same seed (one set of draws serves every feature; integer sums are exact).
    """
    c, s = np.asarray(counts, np.int64), np.asarray(sizes, np.int64)
    n = len(s)
    reps = np.empty((n_boot, c.shape[1]))
    start = 0
    for idx in bootstrap_draws(np.random.default_rng(seed), n, n_boot):
        weights = _multiplicities(idx, n)
        with np.errstate(invalid="ignore", divide="ignore"):
            hits = (weights @ c).astype(float)
            reps[start : start + len(idx)] = PER * hits / (weights @ s)[:, None]
        start += len(idx)
    tail = 100 * (1 - level) / 2
    low, high = np.nanpercentile(reps, [tail, 100 - tail], axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        rate = PER * c.sum(axis=0).astype(float) / float(s.sum())
    return rate, low, high


def _multiplicities(idx: np.ndarray, n: int) -> np.ndarray:
    """How often each unit is drawn in each resample (rows of `idx`), int64."""
    offsets = (np.arange(len(idx)) * n)[:, None]
    return np.bincount((idx + offsets).ravel(), minlength=len(idx) * n).reshape(-1, n)
