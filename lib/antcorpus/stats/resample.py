"""The bootstrap behind every interval in the notebooks: units with replacement."""

from __future__ import annotations

import numpy as np

LEVEL = 0.95


def bootstrap_interval(
    statistic, n: int, n_boot: int, rng: np.random.Generator, level: float = LEVEL
):
    """Percentile interval of `statistic` over `n_boot` resamples of `n` units.

    `statistic` receives an (n_boot, n) array of unit indices and returns one value per
    resample (or one row per resample for several statistics at once); NaN draws are
    ignored.
    """
    with np.errstate(invalid="ignore", divide="ignore"):
        draws = statistic(rng.integers(0, n, size=(n_boot, n)))
        lo, hi = np.nanpercentile(draws, [50 * (1 - level), 50 * (1 + level)], axis=0)
    return lo, hi
