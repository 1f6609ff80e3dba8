"""A checked encoder's second opinion on a document (`encoders/checked.py`): whether each
sentence of a merged bead is matched, by the checker's sentence vectors or by one clause of
the other side."""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .clauses import clauses
from .encoders.base import Encoder
from .features import ClauseParts, PartCosines, random_pair_stats
from .windows import WindowSide

if TYPE_CHECKING:
    from .aligner import _Context


class Checker:
    """A checked encoder's second opinion on one document: the checker's sentence vectors,
    its vectors of their clauses, and the unrelated-pair statistics of both."""

    def __init__(self, ctx: _Context, cs: np.ndarray, ct: np.ndarray):
        self.params = ctx.params
        self.src, self.tgt = np.ascontiguousarray(cs), np.ascontiguousarray(ct)
        self.null = _floored(random_pair_stats(self.src, self.tgt, ctx.rng))
        if self.params.check_clauses:
            encoder = ctx.encoder
            self.src_clauses = _clause_vectors(encoder, ctx.src, self.src, ctx.src_lang)
            self.tgt_clauses = _clause_vectors(encoder, ctx.tgt, self.tgt, ctx.tgt_lang)
            # Best of a sentence's clauses against a sentence of the other side, at random.
            self.clause_nulls = tuple(
                _floored(random_pair_stats(vectors, other, ctx.rng, x_starts=starts))
                for (vectors, starts), other in ((self.src_clauses, self.tgt),
                                                 (self.tgt_clauses, self.src)))
            # Clauses, plus the unsplit sentences that stand as their own clause.
            ctx.stats["clause_units"] = len(self.src_clauses[0]) + len(self.tgt_clauses[0])

    def views(self, band, src: WindowSide, tgt: WindowSide, s0: int, s1: int, t0: int,
              t1: int) -> list:
        """The checker's ways of scoring a bead's parts, for one stretch."""
        cs, ct = self.src[s0:s1], self.tgt[t0:t1]
        views = [PartCosines(band, src, tgt, cs, ct, self.null)]
        if self.params.check_clauses:
            views.append(ClauseParts(
                band, cs, ct, _slice_items(self.src_clauses, s0, s1),
                _slice_items(self.tgt_clauses, t0, t1), self.clause_nulls,
                self.params.clause_shift))
        return views


def _floored(stats: tuple[float, float]) -> tuple[float, float]:
    """A null's (centre, spread), the spread floored for documents too short to estimate it."""
    return stats[0], max(stats[1], 0.01)


def _clause_vectors(encoder: Encoder, texts: list[str], vectors: np.ndarray,
                    language: str | None) -> tuple[np.ndarray, np.ndarray]:
    """Checker vectors of every sentence's clauses (the sentence's own vector when it has
    one clause), and where each sentence's rows begin (one more entry: the end)."""
    pieces = [clauses(t) for t in texts]
    flat = [c for p in pieces for c in p]
    clause_vectors = encoder.encode_check(flat, language)
    rows, starts, k = [], [0], 0
    for i, p in enumerate(pieces):
        rows.append(clause_vectors[k:k + len(p)] if p else vectors[i:i + 1])
        k += len(p)
        starts.append(starts[-1] + len(rows[-1]))
    dim = vectors.shape[1]
    return (np.vstack(rows) if rows else np.zeros((0, dim), np.float32)), np.array(starts)


def _slice_items(items: tuple[np.ndarray, np.ndarray], lo: int, hi: int):
    """The rows and starts of items lo..hi-1 (as `_clause_vectors` gives them)."""
    vectors, starts = items
    return vectors[starts[lo]:starts[hi]], starts[lo:hi + 1] - starts[lo]
