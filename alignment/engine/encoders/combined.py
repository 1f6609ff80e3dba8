"""Two or more encoders as one: their unit vectors side by side, each scaled by sqrt(weight).

The cosine of two combined vectors is then the weighted mean of the parts' cosines, so
models that err differently (e5 on one language pair, USE on another) vote together.
"""
from __future__ import annotations

import numpy as np

from .base import Encoder, empty, normalise


class CombinedEncoder(Encoder):
    def __init__(self, parts: list[tuple[Encoder, float]]):
        if len(parts) < 2 or any(weight <= 0 for _, weight in parts):
            raise ValueError("A combined encoder needs two or more parts with positive weights.")
        total = sum(weight for _, weight in parts)
        self.parts = [(encoder, weight / total) for encoder, weight in parts]
        self.dim = sum(encoder.dim for encoder, _ in self.parts)
        self.id = "+".join(f"{encoder.id}*{weight:.3f}" for encoder, weight in self.parts)

    def encode(self, sentences: list[str], language: str | None = None) -> np.ndarray:
        if not sentences:
            return empty(self.dim)
        blocks = [np.sqrt(weight) * encoder.encode(sentences, language)
                  for encoder, weight in self.parts]
        return normalise(np.hstack(blocks))
