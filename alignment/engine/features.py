"""Bead features over a band: window similarity, length agreement, and how well each
sentence of a merged bead matches the other side (whole windows or single clauses)."""
from __future__ import annotations

from collections.abc import Sequence
from functools import reduce

import numpy as np

from .band import Band
from .windows import WindowSide

_ROWS_PER_BLOCK = 64


def band_dot(band: Band, X: np.ndarray, Y: np.ndarray, a: int, b: int,
             x_starts: np.ndarray | None = None, y_starts: np.ndarray | None = None) -> np.ndarray:
    """Cosine of window X[i - a] and Y[j - b] for every node (i, j); NaN where out of range.

    With `x_starts` (or `y_starts`) X holds several vectors per item (a sentence's clauses,
    item s in rows x_starts[s]:x_starts[s + 1]) and the best of them counts.
    """
    out = np.full(band.size, np.nan, np.float32)
    rows, cols = band.coords()
    for r0 in range(a, band.n + 1, _ROWS_PER_BLOCK):
        r1 = min(band.n + 1, r0 + _ROWS_PER_BLOCK)
        clo, chi = max(int(band.lo[r0]), b), int(band.hi[r1 - 1])
        if clo > chi:
            continue
        xs, x_groups = _items(X, x_starts, r0 - a, r1 - a)
        ys, y_groups = _items(Y, y_starts, clo - b, chi - b + 1)
        block = xs @ ys.T
        if x_groups is not None:
            block = np.maximum.reduceat(block, x_groups, axis=0)
        if y_groups is not None:
            block = np.maximum.reduceat(block, y_groups, axis=1)
        f0, f1 = int(band.off[r0]), int(band.off[r1])
        r, c = rows[f0:f1], cols[f0:f1]
        ok = c >= clo
        out[f0:f1][ok] = block[r[ok] - r0, c[ok] - clo]
    return out


def _items(V: np.ndarray, starts: np.ndarray | None, lo: int, hi: int):
    """Rows of items lo..hi-1, and where each item's rows begin (None: one row per item)."""
    if starts is None:
        return V[lo:hi], None
    return V[starts[lo]:starts[hi]], starts[lo:hi] - starts[lo]


def random_pair_stats(X: np.ndarray, Y: np.ndarray, rng: np.random.Generator, k: int = 4000,
                      x_starts: np.ndarray | None = None):
    """Centre and spread of the cosine of random (x, y) pairs: what 'unrelated' looks like.

    Median and MAD, so that the true pairs among the samples (many in a short document)
    do not inflate the spread. With `x_starts`, X holds several vectors per item (clauses)
    and a pair's cosine is the best of its item's (as in `band_dot`).
    """
    items = len(X) if x_starts is None else len(x_starts) - 1
    if items == 0 or len(Y) == 0:
        return 0.0, 1.0
    xi = rng.integers(0, items, k)
    yi = rng.integers(0, len(Y), k)
    if x_starts is None:
        sims = np.einsum("ij,ij->i", X[xi], Y[yi])
    else:
        counts = x_starts[xi + 1] - x_starts[xi]
        first = np.concatenate([[0], np.cumsum(counts)[:-1]])
        rows = np.repeat(x_starts[xi] - first, counts) + np.arange(counts.sum())
        dots = np.einsum("ij,ij->i", X[rows], Y[np.repeat(yi, counts)])
        sims = np.maximum.reduceat(dots, first)
    centre = float(np.median(sims))
    spread = 1.4826 * float(np.median(np.abs(sims - centre)))
    return centre, max(spread, 1e-3)


def length_ratio(src: Sequence[str], tgt: Sequence[str]) -> float:
    """Target characters per source character over the whole document (as WindowSide counts
    them: a sentence has at least one)."""
    def characters(texts):
        return sum(max(len(t.strip()), 1) for t in texts)
    return float(characters(tgt) / max(characters(src), 1))


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


def best_per_sentence(band: Band, z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The highest value of z in each lattice row and in each column (-inf where none).

    For a 1-1 bead's scores, node (i, j) pairs source sentence i - 1 with target j - 1, so
    row i holds the first's best match in the band and column j the second's.
    """
    vals = np.where(np.isnan(z), -np.inf, z)
    rows, cols = band.coords()
    best_rows = np.full(band.n + 1, -np.inf)
    best_cols = np.full(band.m + 1, -np.inf)
    np.maximum.at(best_rows, rows, vals)
    np.maximum.at(best_cols, cols, vals)
    return best_rows, best_cols


def skip_costs(band: Band, z11: np.ndarray, weight: float,
               threshold: float) -> tuple[np.ndarray, np.ndarray]:
    """Per node, the extra cost of a 1-0 bead (leaving out the source sentence that ends
    there) and of a 0-1 bead: `weight` per unit that sentence's best 1-1 score in the band
    (z11) lies above `threshold`."""
    best_src, best_tgt = best_per_sentence(band, z11)
    rows, cols = band.coords()
    return (weight * np.maximum(0.0, best_src[rows] - threshold),
            weight * np.maximum(0.0, best_tgt[cols] - threshold))


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


class _PartView:
    """One way of scoring each sentence of a bead against the other side of the bead: per
    node, a standardised score per part (`part_z`), from sentence-pair cosines cached per
    offset (u, v): source sentence i-1-u against target sentence j-1-v at node (i, j)."""

    def __init__(self, band: Band):
        self.band = band
        self.rows, self.cols = band.coords()
        self._dots: dict[tuple, np.ndarray] = {}

    def _cached(self, key: tuple, compute) -> np.ndarray:
        if key not in self._dots:
            self._dots[key] = compute()
        return self._dots[key]

    def _outside(self, a: int, b: int, parts: list[np.ndarray]) -> list[np.ndarray]:
        """NaN where the bead does not fit (before row a or column b)."""
        outside = (self.rows < a) | (self.cols < b)
        return [np.where(outside, np.nan, part) for part in parts]


class PartCosines(_PartView):
    """Per node, the cosine of each sentence of a bead with the pooled window of its other side.

    Built from sentence-pair cosines inside the bead and the windows' norms (the pooled
    window is the normalised weighted sum of its sentences): no window vectors, whose memory
    a second encoder's view of a long document would otherwise double. Standardised by the
    (centre, spread) of unrelated sentence pairs.
    """

    def __init__(self, band: Band, src: WindowSide, tgt: WindowSide, src_vectors: np.ndarray,
                 tgt_vectors: np.ndarray, null: tuple[float, float]):
        super().__init__(band)
        self.src_vectors, self.tgt_vectors, self.null = src_vectors, tgt_vectors, null
        self.src_w = src.lengths**src.pool_power
        self.tgt_w = tgt.lengths**tgt.pool_power
        self._norms: dict[tuple[bool, int], np.ndarray] = {}

    def _dot(self, u: int, v: int) -> np.ndarray:
        return self._cached((u, v), lambda: band_dot(self.band, self.src_vectors,
                                                     self.tgt_vectors, u + 1, v + 1))

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
        window when b > 1."""
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
        return self._outside(a, b, out)

    def part_z(self, a: int, b: int) -> list[np.ndarray]:
        """The parts' cosines, standardised."""
        centre, spread = self.null
        return [(cos - centre) / spread for cos in self.parts(a, b)]


class ClauseParts(_PartView):
    """Per node, how well each sentence of a bead matches some clause of the other side:
    its best cosine with any clause of the window's sentences (an unsplit sentence is its
    own clause), standardised by that best-of-clauses cosine's own unrelated-pair null and
    lowered by `shift` (the best of several is easier to get high)."""

    def __init__(self, band: Band, src_vectors: np.ndarray, tgt_vectors: np.ndarray,
                 src_clauses: tuple[np.ndarray, np.ndarray],
                 tgt_clauses: tuple[np.ndarray, np.ndarray], nulls, shift: float):
        super().__init__(band)
        self.src_vectors, self.tgt_vectors = src_vectors, tgt_vectors
        self.src_clauses, self.tgt_clauses = src_clauses, tgt_clauses
        (self.src_null, self.tgt_null), self.shift = nulls, shift

    def _src_clause_dot(self, u: int, v: int) -> np.ndarray:
        """Best cosine of source sentence i-1-u's clauses with target sentence j-1-v."""
        vectors, starts = self.src_clauses
        return self._cached(("s", u, v), lambda: band_dot(
            self.band, vectors, self.tgt_vectors, u + 1, v + 1, x_starts=starts))

    def _tgt_clause_dot(self, u: int, v: int) -> np.ndarray:
        """Best cosine of source sentence i-1-u with target sentence j-1-v's clauses."""
        vectors, starts = self.tgt_clauses
        return self._cached(("t", u, v), lambda: band_dot(
            self.band, self.src_vectors, vectors, u + 1, v + 1, y_starts=starts))

    def part_z(self, a: int, b: int) -> list[np.ndarray]:
        """One score per part, in the order of `PartCosines.parts`."""
        out = []
        if a > 1:
            centre, spread = self.tgt_null
            for u in reversed(range(a)):
                best = reduce(np.maximum, [self._tgt_clause_dot(u, v) for v in range(b)])
                out.append((best - centre) / spread - self.shift)
        if b > 1:
            centre, spread = self.src_null
            for v in reversed(range(b)):
                best = reduce(np.maximum, [self._src_clause_dot(u, v) for u in range(a)])
                out.append((best - centre) / spread - self.shift)
        return self._outside(a, b, out)
