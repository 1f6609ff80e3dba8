"""The encoder interface every sentence-embedding backend implements."""
from __future__ import annotations

from abc import ABC, abstractmethod

import numpy as np


class Encoder(ABC):
    """Sentences in, L2-normalised float32 matrix (n, dim) out; `id` names model and version.

    A checked encoder (`checked.py`) returns two unit vectors side by side instead: its last
    `check_dim` columns are the checker's, the rest the primary encoder's; `encode_check`
    runs the checker alone (named `check_id`).
    """

    id: str = ""
    dim: int = 0
    check_dim: int = 0
    check_id: str = ""

    @abstractmethod
    def encode(self, sentences: list[str], language: str | None = None) -> np.ndarray:
        """Return one L2-normalised float32 row per sentence; (0, dim) for an empty list."""

    def encode_check(self, sentences: list[str], language: str | None = None) -> np.ndarray:
        """The checker's vectors alone (checked encoders only)."""
        raise TypeError(f"{self!r} has no checker")

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.id}>"


def normalise(vectors: np.ndarray) -> np.ndarray:
    """Return float32 rows scaled to unit length (zero rows stay zero)."""
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


def empty(dim: int) -> np.ndarray:
    """Return the (0, dim) float32 result of encoding nothing."""
    return np.zeros((0, dim), dtype=np.float32)


def package_version(dist: str) -> str:
    """Return an installed distribution's version without importing it ('0' if unknown)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return "0"
