"""Bead scores over a band: window similarity, length agreement and a bead-size prior."""
from __future__ import annotations

import numpy as np

from .band import Band
from .windows import WindowSide

_ROWS_PER_BLOCK = 64


def band_dot(band: Band, X: np.ndarray, Y: np.ndarray, a: int, b: int) -> np.ndarray:
    """Cosine of window X[i - a] and Y[j - b] for every node (i, j); NaN where out of range."""
    out = np.full(band.size, np.nan, np.float32)
    rows, cols = band.coords()
    for r0 in range(a, band.n + 1, _ROWS_PER_BLOCK):
        r1 = min(band.n + 1, r0 + _ROWS_PER_BLOCK)
        clo, chi = max(int(band.lo[r0]), b), int(band.hi[r1 - 1])
        if clo > chi:
            continue
        block = X[r0 - a : r1 - a] @ Y[clo - b : chi - b + 1].T
        f0, f1 = int(band.off[r0]), int(band.off[r1])
        r, c = rows[f0:f1], cols[f0:f1]
        ok = c >= clo
        out[f0:f1][ok] = block[r[ok] - r0, c[ok] - clo]
    return out


def random_pair_stats(X: np.ndarray, Y: np.ndarray, rng: np.random.Generator, k: int = 4000):
    """Centre and spread of the cosine of random (x, y) pairs: what 'unrelated' looks like.

    Median and MAD, so that the true pairs among the samples (many in a short document)
    do not inflate the spread.
    """
    if len(X) == 0 or len(Y) == 0:
        return 0.0, 1.0
    xi = rng.integers(0, len(X), k)
    yi = rng.integers(0, len(Y), k)
    sims = np.einsum("ij,ij->i", X[xi], Y[yi])
    centre = float(np.median(sims))
    spread = 1.4826 * float(np.median(np.abs(sims - centre)))
    return centre, max(spread, 1e-3)


def length_ratio(src: WindowSide, tgt: WindowSide) -> float:
    """Target characters per source character over the whole document."""
    return float(tgt.lengths.sum() / max(src.lengths.sum(), 1.0))


def length_penalty(band: Band, src: WindowSide, tgt: WindowSide, a: int, b: int, ratio: float,
                   smooth: float) -> np.ndarray:
    """Squared log ratio of the bead's lengths against the document's ratio, per node."""
    rows, cols = band.coords()
    ls, lt = src.window_lengths(a), tgt.window_lengths(b)
    si, tj = np.clip(rows - a, 0, max(len(ls) - 1, 0)), np.clip(cols - b, 0, max(len(lt) - 1, 0))
    if len(ls) == 0 or len(lt) == 0:
        return np.zeros(band.size)
    delta = np.log((lt[tj] + smooth * ratio) / (ratio * ls[si] + smooth * ratio))
    return delta**2


def _padded(groups_start: np.ndarray, order: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Values grouped (by row or column) into a 2-D array padded with -inf."""
    sizes = np.diff(groups_start)
    width = int(sizes.max()) if len(sizes) else 0
    out = np.full((len(sizes), max(width, 1)), -np.inf, np.float32)
    grp = np.repeat(np.arange(len(sizes)), sizes)
    pos = np.arange(len(order)) - groups_start[grp]
    out[grp, pos] = values[order]
    return out


def _topk_mean(mat: np.ndarray, k: int) -> np.ndarray:
    """Mean of each row's k largest finite values (fewer if the row is shorter)."""
    k = min(k, mat.shape[1])
    top = -np.partition(-mat, k - 1, axis=1)[:, :k]
    finite = np.isfinite(top)
    return np.where(finite, top, 0).sum(axis=1) / np.maximum(finite.sum(axis=1), 1)


def neighbourhood(band: Band, cos: np.ndarray, k: int) -> np.ndarray:
    """Per node, the mean of (top-k cosines in its row, top-k in its column): a local null."""
    vals = np.where(np.isnan(cos), -np.inf, cos).astype(np.float32)
    rows, cols = band.coords()
    row_mean = _topk_mean(_padded(band.off, np.arange(band.size), vals), k)
    order = np.argsort(cols, kind="stable")
    starts = np.searchsorted(cols[order], np.arange(band.m + 2))
    col_mean = _topk_mean(_padded(starts, order, vals), k)
    return 0.5 * (row_mean[rows] + col_mean[cols])


def window_norms(vectors: np.ndarray, weights: np.ndarray, k: int) -> np.ndarray:
    """Length of the weighted sum of every window of k sentences (by start), from the dot
    products of neighbouring sentences only: no window vectors are built."""
    n = len(vectors)
    if n < k:
        return np.zeros(0)
    # near[d][s] = v_s . v_(s+d) for the k - 1 nearest neighbours.
    near = [np.ones(n)] + [np.einsum("ij,ij->i", vectors[:-d], vectors[d:]).astype(np.float64)
                           for d in range(1, k)]
    starts = n - k + 1
    total = np.zeros(starts)
    for p in range(k):
        for q in range(k):
            lo = min(p, q)
            total += (weights[p:p + starts] * weights[q:q + starts]
                      * near[abs(p - q)][lo:lo + starts])
    return np.sqrt(np.maximum(total, 1e-24))


class PartCosines:
    """Per node, the cosine of each sentence of a bead with the pooled window of its other side.

    Built from sentence-pair cosines inside the bead and the windows' norms (the pooled
    window is the normalised weighted sum of its sentences): no window vectors, whose memory
    a second encoder's view of a long document would otherwise double.
    """

    def __init__(self, band: Band, src: WindowSide, tgt: WindowSide, src_vectors: np.ndarray,
                 tgt_vectors: np.ndarray):
        self.band, self.src_vectors, self.tgt_vectors = band, src_vectors, tgt_vectors
        self.rows, self.cols = band.coords()
        self.src_w = src.lengths**src.pool_power
        self.tgt_w = tgt.lengths**tgt.pool_power
        self._dots: dict[tuple[int, int], np.ndarray] = {}
        self._norms: dict[tuple[bool, int], np.ndarray] = {}

    def _dot(self, u: int, v: int) -> np.ndarray:
        """Cosine of source sentence i-1-u with target sentence j-1-v, per node (i, j)."""
        if (u, v) not in self._dots:
            self._dots[(u, v)] = band_dot(self.band, self.src_vectors, self.tgt_vectors,
                                          u + 1, v + 1)
        return self._dots[(u, v)]

    def _norm(self, on_src: bool, k: int, ends: np.ndarray) -> np.ndarray:
        """Norm of the weighted sum of the window of k sentences ending before `ends`."""
        if (on_src, k) not in self._norms:
            side = (self.src_vectors, self.src_w) if on_src else (self.tgt_vectors, self.tgt_w)
            self._norms[(on_src, k)] = window_norms(*side, k)
        norms = self._norms[(on_src, k)]
        return norms[np.clip(ends - k, 0, max(len(norms) - 1, 0))] if len(norms) else 0.0

    def _weight(self, on_src: bool, ends: np.ndarray) -> np.ndarray:
        w = self.src_w if on_src else self.tgt_w
        return w[np.clip(ends, 0, len(w) - 1)]

    def parts(self, a: int, b: int) -> list[np.ndarray]:
        """Cosines of every part of an a-b bead, in reading order: each source sentence
        against the target window when a > 1, each target sentence against the source
        window when b > 1. NaN where the bead does not fit (before row a or column b)."""
        out = []
        if a > 1:
            norm = self._norm(False, b, self.cols)
            for u in reversed(range(a)):  # u counts back from the bead's last sentence
                total = sum(self._weight(False, self.cols - 1 - v) * self._dot(u, v)
                            for v in range(b))
                out.append(total / norm)
        if b > 1:
            norm = self._norm(True, a, self.rows)
            for v in reversed(range(b)):
                total = sum(self._weight(True, self.rows - 1 - u) * self._dot(u, v)
                            for u in range(a))
                out.append(total / norm)
        outside = (self.rows < a) | (self.cols < b)
        return [np.where(outside, np.nan, part) for part in out]

    def release(self) -> None:
        """Drop the cached sentence-pair cosines (they are only needed while scoring)."""
        self._dots.clear()
