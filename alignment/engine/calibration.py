"""Map a bead's posterior probability to a calibrated confidence."""
from __future__ import annotations

import numpy as np

# Isotonic regression (pool-adjacent-violators) of "bead is strictly a gold bead" on the
# bead's posterior, over all beads the default aligner output for tb_dev and mac_dev
# (defaults of 2026-12-02: beads up to 5 a side, 7 in all, e5-small checked by use-m3
# with clauses, parts counted by match, skips dearer for sentences with a counterpart, the
# Chinese-English dictionary), read off at the posterior's deciles.
# Fitted on the dev sets themselves, so the tables in docs/benchmarks.md are in-sample.
# Refit when AlignParams defaults change:
#     python manage.py benchmark_alignment --sets tb_dev mac_dev --fit-calibration
_KNOTS_X = np.array([0.0, 0.388, 0.496, 0.585, 0.669, 0.729, 0.782, 0.839, 0.892, 0.95, 1.0])
_KNOTS_Y = np.array([0.0, 0.864, 0.864, 0.932, 0.937, 0.938, 0.981, 0.989, 0.989, 0.989, 1.0])


def calibrate(posterior: float) -> float:
    """Return the calibrated confidence of a bead with this posterior, in [0, 1]."""
    return float(np.clip(np.interp(posterior, _KNOTS_X, _KNOTS_Y), 0.0, 1.0))


def fit_knots(posteriors, correct, knots: int = 9) -> tuple[np.ndarray, np.ndarray]:
    """Knots of the isotonic regression of `correct` (0/1) on `posteriors`.

    Pool-adjacent-violators over the beads sorted by posterior, read off at the
    posteriors' `knots` quantiles (deciles for 9), between (0, 0) and (1, 1).
    """
    order = np.argsort(posteriors, kind="stable")
    x = np.asarray(posteriors, float)[order]
    y = _pool_adjacent_violators(np.asarray(correct, float)[order])
    qs = np.quantile(x, np.linspace(0, 1, knots + 2)[1:-1]) if len(x) else np.zeros(0)
    xs = np.concatenate([[0.0], np.round(qs, 3), [1.0]])
    ys = np.concatenate([[0.0], np.round(np.interp(qs, x, y), 3), [1.0]])
    return xs, ys


def _pool_adjacent_violators(y: np.ndarray) -> np.ndarray:
    """The non-decreasing sequence closest to y in squared error."""
    means, sizes = [], []
    for value in y:
        means.append(value)
        sizes.append(1)
        while len(means) > 1 and means[-2] > means[-1]:
            size = sizes[-2] + sizes[-1]
            means[-2] = (means[-2] * sizes[-2] + means[-1] * sizes[-1]) / size
            sizes[-2] = size
            del means[-1], sizes[-1]
    return np.repeat(means, sizes)
