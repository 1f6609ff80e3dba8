"""Baselines: Gale-Church length-based alignment, and all windows encoded (Bertalign-style)."""
from __future__ import annotations

import math
import time
from dataclasses import replace

import numpy as np

from .aligner import AlignParams, AlignResult, Bead, align
from .band import Band, full_band
from .dp import best_path
from .encoders.base import Encoder

# Gale & Church (1993): bead priors and the variance of the length difference.
GC_PRIORS = {(1, 1): 0.89, (1, 0): 0.0099 / 2, (0, 1): 0.0099 / 2, (2, 1): 0.089 / 2,
             (1, 2): 0.089 / 2, (2, 2): 0.011}
GC_VARIANCE = 6.8


def _norm_logsf(z: np.ndarray) -> np.ndarray:
    """log of 2 * (1 - Phi(|z|)), the two-sided tail of the standard normal."""
    from math import erfc

    tail = np.vectorize(lambda x: erfc(abs(x) / math.sqrt(2)))(z)
    return np.log(np.maximum(tail, 1e-300))


def _diagonal_band(n: int, m: int, width: int) -> Band:
    """Nodes within `width` of the straight line from (0, 0) to (n, m)."""
    rows = np.arange(n + 1)
    centre = np.round(rows * (m / max(n, 1))).astype(np.int64)
    lo = np.clip(centre - width, 0, m)
    hi = np.clip(centre + width, 0, m)
    lo[0], hi[-1] = 0, m
    return Band(n, m, lo, hi)


def gale_church(src: list[str], tgt: list[str], *, width: int = 100) -> AlignResult:
    """Align by character lengths only (Gale and Church 1993), in a band when long."""
    t0 = time.perf_counter()
    n, m = len(src), len(tgt)
    ls = np.array([len(s) for s in src], np.float64)
    lt = np.array([len(t) for t in tgt], np.float64)
    ratio = lt.sum() / max(ls.sum(), 1.0)
    band = full_band(n, m) if (n + 1) * (m + 1) <= 4_000_000 else _diagonal_band(n, m, width)
    types = list(GC_PRIORS)
    rows, cols = band.coords()
    cs, ct = np.concatenate([[0], np.cumsum(ls)]), np.concatenate([[0], np.cumsum(lt)])
    scores = []
    for a, b in types:
        ok = (rows >= a) & (cols >= b)
        l1 = np.where(ok, cs[rows] - cs[np.maximum(rows - a, 0)], 0)
        l2 = np.where(ok, ct[cols] - ct[np.maximum(cols - b, 0)], 0)
        mean = (l1 + l2 / ratio) / 2
        z = (ratio * l1 - l2) / np.sqrt(np.maximum(mean, 1e-9) * GC_VARIANCE)
        score = math.log(GC_PRIORS[(a, b)]) + np.where(mean > 0, _norm_logsf(z), 0.0)
        scores.append(np.where(ok, score, -np.inf))
    beads, _ = best_path(band, types, scores)
    out = [Bead(*b, confidence=0.5) for b in beads]
    return AlignResult(out, {"total_s": time.perf_counter() - t0, "band_nodes": band.size})


def all_windows(src: list[str], tgt: list[str], encoder: Encoder, *, src_lang=None,
                tgt_lang=None, params: AlignParams | None = None) -> AlignResult:
    """The aligner with every window of 1..max_side sentences encoded (Vecalign/Bertalign)."""
    params = replace(params or AlignParams(), encode_all_windows=True, refine=False)
    return align(src, tgt, encoder, src_lang=src_lang, tgt_lang=tgt_lang, params=params)
