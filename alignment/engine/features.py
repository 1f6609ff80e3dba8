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
