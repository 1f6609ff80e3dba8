"""An encoder with a second opinion: the checker's vectors ride along behind the primary's.

The aligner scores beads with the primary encoder alone, and asks the checker only whether
each sentence of a merged bead is matched by the other side (the "worst part" test), by its
whole sentence or by one of its clauses: a sentence that one small model does not tie to a
free translation, the other often does. Stored side by side, [primary | checker], so one
cache entry holds both; clauses are encoded by the checker alone.
"""
from __future__ import annotations

import numpy as np

from .base import Encoder, empty


class CheckedEncoder(Encoder):
    def __init__(self, primary: Encoder, checker: Encoder):
        if primary.check_dim or checker.check_dim:
            raise ValueError("A checked encoder's parts cannot be checked encoders themselves.")
        self.primary, self.checker = primary, checker
        self.dim = primary.dim + checker.dim
        self.check_dim, self.check_id = checker.dim, checker.id
        self.id = f"{primary.id}/{checker.id}"

    def encode(self, sentences: list[str], language: str | None = None) -> np.ndarray:
        if not sentences:
            return empty(self.dim)
        return np.hstack([self.primary.encode(sentences, language),
                          self.checker.encode(sentences, language)]).astype(np.float32)

    def encode_check(self, sentences: list[str], language: str | None = None) -> np.ndarray:
        """The checker alone: the aligner encodes clauses with it (cheap, unlike e5)."""
        return self.checker.encode(sentences, language)
