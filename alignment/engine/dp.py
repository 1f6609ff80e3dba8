"""Dynamic programming over a band: best path (max) and bead posteriors (forward-backward).

A bead type (a, b) takes a source and b target sentences; `scores[t]` holds, for every band
node (flat index), the score of the bead of type t that ENDS at that node (-inf if invalid).
Type (0, 1) moves within a row; it is folded in with a running max / log-sum-exp.
"""
from __future__ import annotations

import numpy as np

from .band import Band

NEG = -np.inf


# Rows handled together: the moves' source/target nodes are computed for a block at once,
# then each row is one gather over all bead types (a Python loop per row and type was most
# of the aligner's time on long documents).
_BLOCK_ROWS = 256


def _moves(types) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Indices, source sizes and target sizes of the bead types that take source sentences."""
    idx = np.array([t for t, (a, _b) in enumerate(types) if a > 0], dtype=np.int64)
    sizes = np.array([types[t] for t in idx], dtype=np.int64).reshape(-1, 2)
    return idx, sizes[:, 0], sizes[:, 1]


def _links(band: Band, a: np.ndarray, b: np.ndarray, f0: int, f1: int, sign: int) -> np.ndarray:
    """For nodes f0..f1-1, per move, the node the bead (a, b) ending (sign -1) or starting
    (sign +1) there joins; `band.size` (the "no node" slot) where it leaves the band."""
    flat = np.arange(f0, f1)
    rows = np.searchsorted(band.off, flat, side="right") - 1
    cols = flat - band.off[rows] + band.lo[rows]
    pi = rows[None, :] + sign * a[:, None]
    pj = cols[None, :] + sign * b[:, None]
    ok = (pi >= 0) & (pi <= band.n)
    pic = np.clip(pi, 0, band.n)
    ok &= (pj >= band.lo[pic]) & (pj <= band.hi[pic])
    return np.where(ok, band.off[pic] + pj - band.lo[pic], band.size)


def _blocks(band: Band, reverse: bool = False):
    """(first row, end row, first node, end node) of each block of rows."""
    starts = range(0, band.n + 1, _BLOCK_ROWS)
    for r0 in reversed(starts) if reverse else starts:
        r1 = min(r0 + _BLOCK_ROWS, band.n + 1)
        yield r0, r1, int(band.off[r0]), int(band.off[r1])


def _fold_skips_forward(g: np.ndarray, c: np.ndarray, mode: str):
    """Apply in-row (0, 1) moves: f[k] = op(g[k], f[k-1] + c[k]); returns f and 'came by skip'."""
    c = c.astype(np.float64)
    c[0] = 0.0
    cum = np.cumsum(c)
    h = g - cum
    if mode == "max":
        run = np.maximum.accumulate(h)
        return run + cum, h < run
    return np.logaddexp.accumulate(h) + cum, None


def forward(band: Band, types, scores, mode: str = "max"):
    """Forward pass; returns (F, back-pointers or None). F[node] = best/log-sum score to node."""
    F = np.full(band.size + 1, NEG)  # the last slot is "no node": always -inf
    arg = np.full(band.size, -1, np.int8) if mode == "max" else None
    skip = types.index((0, 1)) if (0, 1) in types else None
    idx, a, b = _moves(types)
    for r0, r1, f0, f1 in _blocks(band):
        src = _links(band, a, b, f0, f1, -1)
        S = np.stack([scores[t][f0:f1] for t in idx])
        for i in range(r0, r1):
            base, w = int(band.off[i]), int(band.hi[i] - band.lo[i] + 1)
            cols = slice(base - f0, base - f0 + w)
            cand = F[src[:, cols]] + S[:, cols]
            if arg is None:
                g = np.logaddexp.reduce(cand, axis=0)
            else:
                best = cand.argmax(axis=0)
                g = cand[best, np.arange(w)]
                a_row = np.where(g > NEG, idx[best], -1).astype(np.int8)
            if i == 0:
                g[0] = 0.0
            if skip is not None and w > 1:
                g, by_skip = _fold_skips_forward(g, scores[skip][base : base + w], mode)
                if arg is not None:
                    a_row[by_skip] = skip
            F[base : base + w] = g
            if arg is not None:
                arg[base : base + w] = a_row
    return F[:-1], arg


def backward(band: Band, types, scores) -> np.ndarray:
    """Log-sum of the scores of all paths from each node to the end node (n, m)."""
    B = np.full(band.size + 1, NEG)
    skip = types.index((0, 1)) if (0, 1) in types else None
    idx, a, b = _moves(types)
    for r0, r1, f0, f1 in _blocks(band, reverse=True):
        dst = _links(band, a, b, f0, f1, +1)
        # A bead's score sits at its end node; where there is none, B's "no node" slot
        # (-inf) makes the value read here irrelevant.
        last = band.size - 1
        S = np.stack([scores[t][np.minimum(dst[k], last)] for k, t in enumerate(idx)])
        for i in range(r1 - 1, r0 - 1, -1):
            base, w = int(band.off[i]), int(band.hi[i] - band.lo[i] + 1)
            cols = slice(base - f0, base - f0 + w)
            g = np.logaddexp.reduce(B[dst[:, cols]] + S[:, cols], axis=0)
            if i == band.n:
                g[-1] = 0.0
            if skip is not None and w > 1:
                c = scores[skip][base : base + w].astype(np.float64)
                c[0] = 0.0
                cum = np.cumsum(c)
                g = np.logaddexp.accumulate((g + cum)[::-1])[::-1] - cum
            B[base : base + w] = g
    return B[:-1]


def best_path(band: Band, types, scores) -> tuple[list[tuple[int, int, int, int]], float]:
    """Highest-scoring path as beads (src_start, src_end, tgt_start, tgt_end), and its score."""
    F, arg = forward(band, types, scores, "max")
    i, j = band.n, band.m
    total = float(F[band.node(i, j)])
    if not np.isfinite(total):
        raise ValueError("no path through the band")
    beads = []
    while i > 0 or j > 0:
        a, b = types[int(arg[band.node(i, j)])]
        beads.append((i - a, i, j - b, j))
        i, j = i - a, j - b
    beads.reverse()
    return beads, total


def posteriors(band: Band, types, scores) -> list[np.ndarray]:
    """P(bead of type t ending at node is on the path) for each type, under exp(score)."""
    F, _ = forward(band, types, scores, "sum")
    B = backward(band, types, scores)
    Z = F[band.node(band.n, band.m)]
    F = np.append(F, NEG)  # the "no node" slot, as in the passes
    out = []
    for t, (a, b) in enumerate(types):
        start = _links(band, np.array([a]), np.array([b]), 0, band.size, -1)[0]
        logp = F[start] + scores[t] + B - Z
        out.append(np.exp(np.minimum(logp, 0.0)).astype(np.float32))  # half the memory
    return out
