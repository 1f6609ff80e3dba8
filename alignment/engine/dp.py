"""Dynamic programming over a band: best path (max) and bead posteriors (forward-backward).

A bead type (a, b) takes a source and b target sentences; `scores[t]` holds, for every band
node (flat index), the score of the bead of type t that ENDS at that node (-inf if invalid).
Type (0, 1) moves within a row; it is folded in with a running max / log-sum-exp.
"""
from __future__ import annotations

import numpy as np

from .band import Band

NEG = -np.inf


def _row_slices(band: Band, i: int, a: int, b: int) -> tuple[int, int] | None:
    """Columns j of row i reachable by a bead (a, b) from row i - a, or None."""
    plo, phi = band.lo[i - a], band.hi[i - a]
    jl, jh = max(band.lo[i], plo + b), min(band.hi[i], phi + b)
    return (int(jl), int(jh)) if jl <= jh else None


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
    F = np.full(band.size, NEG)
    arg = np.full(band.size, -1, np.int8) if mode == "max" else None
    skip = types.index((0, 1)) if (0, 1) in types else None
    for i in range(band.n + 1):
        lo, w, base = int(band.lo[i]), int(band.hi[i] - band.lo[i] + 1), int(band.off[i])
        g = np.full(w, NEG)
        a_row = np.full(w, -1, np.int8) if arg is not None else None
        if i == 0 and lo == 0:
            g[0] = 0.0
        for t, (a, b) in enumerate(types):
            if a == 0 or i < a:
                continue
            cols = _row_slices(band, i, a, b)
            if cols is None:
                continue
            jl, jh = cols
            p0 = int(band.off[i - a] + jl - b - band.lo[i - a])
            cand = F[p0 : p0 + jh - jl + 1] + scores[t][base + jl - lo : base + jh - lo + 1]
            seg = g[jl - lo : jh - lo + 1]
            if a_row is None:
                np.logaddexp(seg, cand, out=seg)
            else:
                better = cand > seg
                seg[better] = cand[better]
                a_row[jl - lo : jh - lo + 1][better] = t
        if skip is not None and w > 1:
            g, by_skip = _fold_skips_forward(g, scores[skip][base : base + w], mode)
            if a_row is not None:
                a_row[by_skip] = skip
        F[base : base + w] = g
        if arg is not None:
            arg[base : base + w] = a_row
    return F, arg


def backward(band: Band, types, scores) -> np.ndarray:
    """Log-sum of the scores of all paths from each node to the end node (n, m)."""
    B = np.full(band.size, NEG)
    skip = types.index((0, 1)) if (0, 1) in types else None
    for i in range(band.n, -1, -1):
        lo, hi, base = int(band.lo[i]), int(band.hi[i]), int(band.off[i])
        w = hi - lo + 1
        g = np.full(w, NEG)
        if i == band.n and hi == band.m:
            g[-1] = 0.0
        for t, (a, b) in enumerate(types):
            if a == 0 or i + a > band.n:
                continue
            r = i + a
            jl, jh = max(lo, int(band.lo[r]) - b), min(hi, int(band.hi[r]) - b)
            if jl > jh:
                continue
            q0 = int(band.off[r] + jl + b - band.lo[r])
            cand = B[q0 : q0 + jh - jl + 1] + scores[t][q0 : q0 + jh - jl + 1]
            seg = g[jl - lo : jh - lo + 1]
            np.logaddexp(seg, cand, out=seg)
        if skip is not None and w > 1:
            c = scores[skip][base : base + w].astype(np.float64)
            c[0] = 0.0
            cum = np.cumsum(c)
            g = np.logaddexp.accumulate((g + cum)[::-1])[::-1] - cum
        B[base : base + w] = g
    return B


def predecessors(band: Band, a: int, b: int) -> np.ndarray:
    """For every node, the flat index of the node a bead (a, b) ending there starts at (-1)."""
    rows, cols = band.coords()
    pi, pj = rows - a, cols - b
    ok = pi >= 0
    pic = np.where(ok, pi, 0)
    ok &= (pj >= band.lo[pic]) & (pj <= band.hi[pic])
    return np.where(ok, band.off[pic] + pj - band.lo[pic], -1)


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
    out = []
    for t, (a, b) in enumerate(types):
        prev = predecessors(band, a, b)
        logp = np.where(prev >= 0, F[np.maximum(prev, 0)], NEG) + scores[t] + B - Z
        out.append(np.exp(np.minimum(logp, 0.0)))
    return out
