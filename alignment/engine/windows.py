"""Embeddings of windows of 1..k neighbouring sentences: pooled from sentences, or encoded."""
from __future__ import annotations

import numpy as np

from .encoders.base import normalise


class WindowSide:
    """One side of a document: sentence embeddings, lengths, and window embeddings by size."""

    def __init__(self, texts: list[str], vectors: np.ndarray, max_size: int, pool_power: float):
        self.texts = texts
        self.n = len(texts)
        self.vectors = vectors
        self.lengths = np.array([max(len(t.strip()), 1) for t in texts], dtype=np.float64)
        self._len_cum = np.concatenate([[0.0], np.cumsum(self.lengths)])
        self.pool_power = pool_power
        self.pooled = {k: self._pooled(k) for k in range(1, max_size + 1)}
        # `windows` starts as the pooled vectors (shared, not copied: most runs encode no
        # window); encoded windows overwrite their rows in a copy made on the first write.
        self.windows = dict(self.pooled)
        # encoded[k][s] is True when the window [s, s + k) holds a real (encoded) embedding.
        self.encoded = {k: np.zeros(len(w), bool) for k, w in self.windows.items()}
        self.encoded[1][:] = True

    def _pooled(self, k: int) -> np.ndarray:
        """Window vectors as the length-weighted mean of their sentences' vectors."""
        if k == 1:
            return self.vectors
        if self.n < k:
            return np.zeros((0, self.vectors.shape[1]), np.float32)
        # Longer sentences weigh more in an encoded concatenation; mimic that.
        weighted = self.vectors.astype(np.float64) * (self.lengths**self.pool_power)[:, None]
        cum = np.concatenate([np.zeros((1, weighted.shape[1])), np.cumsum(weighted, axis=0)])
        return normalise(cum[k:] - cum[:-k])

    def window_lengths(self, k: int) -> np.ndarray:
        """Character length of every window of k sentences (by start)."""
        return self._len_cum[k:] - self._len_cum[:-k] if self.n >= k else np.zeros(0)

    def text(self, start: int, k: int) -> str:
        """The concatenated text of window [start, start + k)."""
        return " ".join(t.strip() for t in self.texts[start : start + k])

    def set_encoded(self, k: int, starts: list[int], vectors: np.ndarray) -> None:
        """Replace pooled window vectors by encoded ones."""
        if len(starts):
            if self.windows[k] is self.pooled[k]:
                self.windows[k] = self.pooled[k].copy()
            self.windows[k][starts] = vectors
            self.encoded[k][starts] = True
