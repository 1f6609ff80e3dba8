"""Bead scores over a band: similarity of the bead's windows, length agreement, size,
how well each merged sentence is matched, and the lexical cues (log-odds like: higher is
better)."""
from __future__ import annotations

from functools import reduce
from typing import TYPE_CHECKING

import numpy as np

from .features import (
    PartCosines,
    band_dot,
    length_penalty,
    neighbourhood,
    random_pair_stats,
    skip_costs,
)
from .lexical import lexical_scores
from .windows import WindowSide

if TYPE_CHECKING:
    from .aligner import AlignParams


def _counted_size(size: int, parts: list[np.ndarray], full: float) -> np.ndarray | int:
    """A bead's sentence count with each part counted by how well it is matched (z / full,
    clipped to [0, 1]); never below a 1-1 bead's 2."""
    if not parts:
        return size
    shortfall = sum(1.0 - np.clip(np.nan_to_num(z) / full, 0.0, 1.0) for z in parts)
    return np.maximum(size - shortfall, 2.0)


class BeadModel:
    """Bead scores over a band (log-odds like: higher is better)."""

    def __init__(self, band, types, src: WindowSide, tgt: WindowSide, params: AlignParams, rng,
                 null: tuple[float, float], ratio: float, lex=None,
                 node_cost: np.ndarray | float = 0.0, checks=()):
        self.band, self.types, self.src, self.tgt, self.p = band, types, src, tgt, params
        self.lex = lex
        self.lexicon = None  # the document's learned word pairs, after a first pass
        self._fixed: list[np.ndarray] | None = None
        # Cost of a path passing through each node, whatever bead ends there (quotes): every
        # node of a path ends exactly one bead, so it is added to every bead type's score.
        self.node_cost = node_cost
        self.ratio = ratio
        # Unrelated-pair statistics: scores then mean the same across documents, languages,
        # bead sizes and the stretches between confirmed beads. The sentence pairs' are the
        # whole document's (sampled within a short stretch, "unrelated" pairs would all be
        # neighbours); with the margin no other type's are needed.
        self.spread = null[1]
        self.null = {(1, 1): null}
        if not params.margin_k:
            self.null.update({(a, b): random_pair_stats(src.windows[a], tgt.windows[b], rng)
                              for a, b in types if a and b and (a, b) != (1, 1)})
        # Ways of scoring the "worst part": the encoder's, then the checker's if any.
        self.part_views = [PartCosines(band, src, tgt, src.vectors, tgt.vectors, null), *checks]
        self.rescore()

    def rescore(self, windows_changed: bool = False) -> None:
        """Recompute every bead type's scores: the window-vector part only when the windows
        changed (it is most of the work), the learned word pairs' part every time."""
        if windows_changed or self._fixed is None:
            self._skip_extra = self._skip_costs()
            # Kept in float32: a second copy of every score, at half the memory of float64.
            self._fixed = [self._fixed_scores(a, b).astype(np.float32) for a, b in self.types]
            del self._skip_extra
            if not self.p.refine:
                # Only a refine pass scores the parts again; their cosines take memory.
                self.part_views = []
        self.scores = [
            fixed + self.p.lexicon_weight * self._learned(a, b) if self.lexicon is not None else
            fixed.astype(np.float64)
            for fixed, (a, b) in zip(self._fixed, self.types, strict=True)
        ]

    def _fixed_scores(self, a: int, b: int) -> np.ndarray:
        """One bead type's score from similarity, length, size and verbatim tokens."""
        p = self.p
        bonus = self._verbatim(a, b) - self.node_cost
        if a == 0 or b == 0:
            extra = self._skip_extra[0 if b == 0 else 1]
            return np.full(self.band.size, -p.skip_penalty) - extra + bonus
        cos = self._cosines(a, b)
        if p.margin_k:
            # CSLS-like margin: how much better than this window's best neighbours.
            z = (cos - neighbourhood(self.band, cos, p.margin_k)) / self.spread
            z += p.margin_shift
        else:
            z = (cos - self.null[(a, b)][0]) / self.spread
        size = a + b
        lp = length_penalty(self.band, self.src, self.tgt, a, b, self.ratio, p.length_smooth)
        parts = self._part_scores(a, b) if size > 2 else []
        counted = _counted_size(size, parts, p.part_full)
        s = (counted / 2) ** p.size_power * (z - p.match_offset) - p.merge_penalty * (size - 2)
        s = s - p.length_weight * lp + bonus
        if p.part_weight and parts:
            worst = reduce(np.minimum, parts)
            s = s - p.part_weight * np.maximum(0.0, p.part_floor - worst)
        return np.where(np.isnan(s), -np.inf, s)

    def _skip_costs(self) -> tuple[np.ndarray | float, np.ndarray | float]:
        """Per node, the extra cost of leaving out the source sentence (1-0) or the target
        sentence (0-1) that ends there: how far its best 1-1 match in the band lies above
        `skip_match_z` spreads over the unrelated pairs' centre.

        A sentence with a counterpart nearby belongs in a bead, even where the path cannot
        give it a 1-1: OCR splits sentences into pieces ("Und nun zum Hüttenwart :" before
        the sentence that names him), and one flat skip cost, the same as for a caption with
        no counterpart at all, left such pieces out. The global scale, not the margin: a
        sentence that matches nothing has a fine margin against neighbours as poor as itself.
        """
        p = self.p
        if not p.skip_match_weight:
            return 0.0, 0.0
        z = (self._cosines(1, 1) - self.null[(1, 1)][0]) / self.spread
        return skip_costs(self.band, z, p.skip_match_weight, p.skip_match_z)

    def _verbatim(self, a: int, b: int) -> np.ndarray | float:
        """Bonus for verbatim tokens (numbers, names) the bead's sides share, penalty for
        those whose twin lies outside the bead."""
        if self.lex is None:
            return 0.0
        dot, miss = lexical_scores(self.band, *self.lex, a, b)
        return self.p.lex_match * dot - self.p.lex_miss * miss

    def _learned(self, a: int, b: int) -> np.ndarray:
        """Learned word pairs held inside the bead, minus those split across its edge."""
        dot, miss = lexical_scores(self.band, *self.lexicon, a, b)
        return dot - miss

    def _part_scores(self, a: int, b: int) -> list[np.ndarray]:
        """Per node, the standardised cosine of each of the bead's sentences with the other side.

        A merged bead must explain each of its sentences: a window that only contains the
        true match plus an unrelated sentence keeps a high cosine, but not the unrelated
        sentence's own score. The worst of them is penalised below `part_floor`, and each
        counts toward the bead's size only as far as it is matched (`part_full`): a bead
        that swallows a neighbour's sentence (a boundary one sentence off) then no longer
        earns the size bonus for it and outscores the right bead less often.
        With a checker a sentence counts as explained when either encoder explains it (each
        against its own null), or when the checker matches it to one clause of the other side:
        free translations defeat the two models on different sentences, and often render one
        clause of a long sentence as a short sentence of its own.
        Pooled windows: the null centre is that of sentence pairs, which pooled windows
        share; encoded concatenations sit lower and would look like a missing part.
        """
        views = [view.part_z(a, b) for view in self.part_views]
        return [reduce(np.maximum, zs) for zs in zip(*views, strict=True)]

    def _cosines(self, a: int, b: int) -> np.ndarray:
        """Window cosines; encoded windows are shifted onto the pooled scale of their type."""
        src, tgt = self.src, self.tgt
        pooled = band_dot(self.band, src.pooled[a], tgt.pooled[b], a, b)
        if not ((a > 1 and src.encoded[a].any()) or (b > 1 and tgt.encoded[b].any())):
            return pooled
        real = band_dot(self.band, src.windows[a], tgt.windows[b], a, b)
        changed = np.abs(real - pooled) > 1e-6
        if not changed.any():
            return pooled
        # Concatenations encode lower than pooled means; keep one scale per bead type.
        shift = float(np.nanmean(pooled[changed] - real[changed]))
        return np.where(changed, real + shift, pooled)

    def scaled(self) -> list[np.ndarray]:
        """Scores divided by the temperature, for posteriors (no copy at temperature 1)."""
        if self.p.temperature == 1.0:
            return self.scores
        return [s / self.p.temperature for s in self.scores]
