"""Fixtures for engine tests: a deterministic fake encoder and synthetic parallel documents."""
import hashlib
import re

import numpy as np
import pytest

from alignment.engine.encoders.base import Encoder, normalise

_CONCEPT = re.compile(r"c(\d+)")


class ConceptEncoder(Encoder):
    """Encodes a text as the normalised sum of random vectors of the concepts ('c12') it names.

    A translation names the same concepts, so concatenated windows behave like real ones.
    """

    id = "test/concepts@1"
    dim = 64

    def __init__(self, noise: float = 1.0):
        self.noise = noise
        self.calls = 0
        self.texts_encoded = 0

    def _vector(self, key: str) -> np.ndarray:
        seed = int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "little")
        return np.random.default_rng(seed).standard_normal(self.dim)

    def encode(self, sentences, language=None):
        self.calls += 1
        self.texts_encoded += len(sentences)
        out = np.zeros((len(sentences), self.dim))
        for row, text in enumerate(sentences):
            for concept in _CONCEPT.findall(text):
                out[row] += self._vector(concept)
            if self.noise:
                # As much noise as signal: translations then score about 4 standard
                # deviations above unrelated pairs, as with the real encoder on tb_dev.
                norm = np.linalg.norm(out[row]) / np.sqrt(self.dim)
                out[row] += self.noise * norm * self._vector(f"noise/{language}/{text}")
        return normalise(out)


def sentence(concepts, rng) -> str:
    """A sentence naming some concepts; its length follows theirs, as a translation's does."""
    return " ".join(f"c{c} " + "w" * (10 + (c * 7919) % 50 + int(rng.integers(0, 6)))
                    for c in concepts)


def synthetic_pair(bead_types, seed=0):
    """Source and target sentence lists and gold (src ids, tgt ids) beads of the given types.

    An a-b bead spreads a*b concepts so that each source sentence shares at least one concept
    with each target sentence of the bead, the way a split or merged translation does.
    """
    rng = np.random.default_rng(seed)
    src, tgt, gold, concept = [], [], [], 0
    for a, b in bead_types:
        grid = np.arange(concept, concept + max(a, 1) * max(b, 1)).reshape(max(a, 1), max(b, 1))
        concept += grid.size
        s_ids = tuple(range(len(src), len(src) + a))
        t_ids = tuple(range(len(tgt), len(tgt) + b))
        src += [sentence(grid[i], rng) for i in range(a)]
        tgt += [sentence(grid[:, j], rng) for j in range(b)]
        gold.append((s_ids, t_ids))
    return src, tgt, gold


@pytest.fixture
def concept_encoder():
    return ConceptEncoder()
