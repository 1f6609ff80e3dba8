"""The coarse pass: a 1-1/skip path, on downsampled documents when they are long."""
from __future__ import annotations

import numpy as np

from .band import Band, band_around, full_band
from .dp import best_path
from .encoders.base import normalise
from .features import band_dot, random_pair_stats

COARSE_TYPES = [(1, 1), (1, 0), (0, 1)]


def path_nodes(beads) -> list[tuple[int, int]]:
    """Lattice nodes a bead path visits, from (0, 0)."""
    nodes = [(0, 0)]
    nodes.extend((s1, t1) for _s0, s1, _t0, t1 in beads)
    return nodes


def _block_mean(X: np.ndarray, k: int) -> np.ndarray:
    """Mean of each run of k consecutive rows (the last run may be shorter), re-normalised."""
    n = len(X)
    starts = np.arange(0, n, k)
    sums = np.add.reduceat(X.astype(np.float64), starts, axis=0) if n else X
    return normalise(sums)


def _scores(band: Band, Es, Et, skip: float, rng) -> list[np.ndarray]:
    """1-1 scores as standardised cosine (0 = an unrelated pair) minus an offset; flat skips."""
    mu, sd = random_pair_stats(Es, Et, rng)
    z = (band_dot(band, Es, Et, 1, 1) - mu) / sd
    match = np.where(np.isnan(z), -np.inf, z - 2 * skip).astype(np.float64)
    flat = np.full(band.size, -skip)
    return [match, flat, flat]


def coarse_path(Es: np.ndarray, Et: np.ndarray, *, limit: int, width: int, skip: float,
                rng: np.random.Generator) -> list[tuple[int, int]]:
    """Nodes of the best 1-1 path; recursion on halved documents keeps the work linear."""
    n, m = len(Es), len(Et)
    if n == 0 or m == 0 or (n + 1) * (m + 1) <= limit:
        band = full_band(n, m)
    else:
        half = coarse_path(_block_mean(Es, 2), _block_mean(Et, 2), limit=limit, width=width,
                           skip=skip, rng=rng)
        up = [(min(2 * i, n), min(2 * j, m)) for i, j in half]
        band = band_around(up, n, m, width)
    beads, _ = best_path(band, COARSE_TYPES, _scores(band, Es, Et, skip, rng))
    return path_nodes(beads)
