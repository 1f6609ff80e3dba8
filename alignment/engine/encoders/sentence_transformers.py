"""Any sentence-transformers model (hub name or local path), e.g. LaBSE; GPU when present."""
from __future__ import annotations

import os
import threading

import numpy as np

from .base import Encoder, empty, normalise

_LOCK = threading.Lock()


def pick_device(device: str | None = None) -> str:
    """Return the requested device, else 'cuda' when torch sees a GPU, else 'cpu'."""
    if device:
        return device
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


class SentenceTransformerEncoder(Encoder):
    """Wraps `sentence_transformers.SentenceTransformer`, imported only on first encode."""

    def __init__(self, model: str, device: str | None = None, batch_size: int = 32):
        self.model_name = model
        self.device = device
        self.batch_size = batch_size
        # A local path's id is its folder name, so two machines share cache keys.
        name = os.path.basename(os.path.normpath(model)) if os.path.isdir(model) else model
        self.id = f"st/{name}"
        self._model = None
        self.dim = 0

    def _get_model(self):
        with _LOCK:
            if self._model is None:
                from sentence_transformers import SentenceTransformer

                self._model = SentenceTransformer(
                    self.model_name, device=pick_device(self.device)
                )
                model = self._model
                dim = getattr(model, "get_embedding_dimension", None)  # sentence-transformers 5+
                dim = dim or model.get_sentence_embedding_dimension
                self.dim = int(dim())
        return self._model

    def encode(self, sentences: list[str], language: str | None = None) -> np.ndarray:
        """Encode in batches (sentence-transformers sorts by length itself)."""
        model = self._get_model()
        if not sentences:
            return empty(self.dim)
        vectors = model.encode(
            list(sentences),
            batch_size=self.batch_size,
            convert_to_numpy=True,
            normalize_embeddings=True,
            show_progress_bar=False,
        )
        return normalise(vectors)
