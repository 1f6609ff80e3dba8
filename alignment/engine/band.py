"""A band of lattice nodes (i, j) around a path: per source prefix i, target prefixes lo..hi."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class Band:
    """Rows 0..n of lattice nodes; row i holds target prefixes lo[i]..hi[i] (inclusive)."""

    n: int
    m: int
    lo: np.ndarray
    hi: np.ndarray

    def __post_init__(self):
        self.lo = np.asarray(self.lo, dtype=np.int64)
        self.hi = np.asarray(self.hi, dtype=np.int64)
        widths = self.hi - self.lo + 1
        self.off = np.zeros(self.n + 2, dtype=np.int64)
        np.cumsum(widths, out=self.off[1:])

    @property
    def size(self) -> int:
        """Number of nodes in the band."""
        return int(self.off[-1])

    def node(self, i: int, j: int) -> int:
        """Flat index of node (i, j) (no bounds check)."""
        return int(self.off[i] + j - self.lo[i])

    def contains(self, i: int, j: int) -> bool:
        """True when node (i, j) lies in the band."""
        return 0 <= i <= self.n and self.lo[i] <= j <= self.hi[i]

    def coords(self) -> tuple[np.ndarray, np.ndarray]:
        """Flat arrays (I, J) of every node's coordinates."""
        rows = np.repeat(np.arange(self.n + 1), self.hi - self.lo + 1)
        cols = np.arange(self.size) - self.off[rows] + self.lo[rows]
        return rows, cols


def full_band(n: int, m: int) -> Band:
    """The band holding every node: the plain n x m lattice."""
    return Band(n, m, np.zeros(n + 1, np.int64), np.full(n + 1, m, np.int64))


def band_around(path: list[tuple[int, int]], n: int, m: int, width: int) -> Band:
    """Nodes within `width` rows and columns of a monotone path from (0, 0) to (n, m)."""
    jmin = np.full(n + 1, m, np.int64)
    jmax = np.zeros(n + 1, np.int64)
    for i, j in path:
        jmin[i] = min(jmin[i], j)
        jmax[i] = max(jmax[i], j)
    # Rows the path jumps over (many-to-one beads) inherit the neighbours' columns.
    jmax = np.maximum.accumulate(jmax)
    jmin = np.minimum.accumulate(jmin[::-1])[::-1]
    rows = np.arange(n + 1)
    lo = jmin[np.maximum(rows - width, 0)] - width
    hi = jmax[np.minimum(rows + width, n)] + width
    lo = np.clip(lo, 0, m)
    hi = np.clip(hi, 0, m)
    lo[0], hi[n] = 0, m
    lo, hi = np.maximum.accumulate(lo), np.maximum.accumulate(hi)
    # Consecutive rows must overlap so that a path always exists through the band.
    lo[1:] = np.minimum(lo[1:], hi[:-1])
    return Band(n, m, lo, hi)
