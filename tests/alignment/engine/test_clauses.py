"""Clauses: where a sentence is cut, and how a sentence is matched to the best clause."""
import numpy as np
import pytest

from alignment.engine.band import band_around
from alignment.engine.clauses import clauses
from alignment.engine.encoders.base import normalise
from alignment.engine.features import ClauseParts, band_dot, random_pair_stats


@pytest.mark.parametrize("sentence,expected", [
    ("一时那男孩翻在上面，一时韦小宝翻在上面，慢慢放开了手。",
     ["一时那男孩翻在上面，", "一时韦小宝翻在上面，", "慢慢放开了手。"]),
    ("Als sie am 19. Juli kamen, wurden sie begrüsst; die Engländer warteten.",
     ["Als sie am 19. Juli kamen,", "wurden sie begrüsst;", "die Engländer warteten."]),
    # Pieces too short alone join the clause before them.
    ("Yes, sir, he said, and left the room at once.",
     ["Yes, sir, he said,", "and left the room at once."]),
    ("One clause only.", []),
    ("甲，乙。", []),
    ("", []),
])
def test_clauses(sentence, expected):
    assert clauses(sentence) == expected


def _groups(rng, items, dim):
    counts = rng.integers(1, 4, items)
    starts = np.concatenate([[0], np.cumsum(counts)])
    return normalise(rng.standard_normal((starts[-1], dim))), starts


def test_best_of_clauses_against_brute_force():
    rng = np.random.default_rng(3)
    n, m, dim = 15, 18, 8
    (xs, x_starts), (ys, y_starts) = _groups(rng, n, dim), _groups(rng, m, dim)
    band = band_around([(i, min(m, round(i * m / n))) for i in range(n + 1)], n, m, 3)
    rows, cols = band.coords()
    got = band_dot(band, xs, ys, 2, 1, x_starts=x_starts, y_starts=y_starts)
    for node, (i, j) in enumerate(zip(rows, cols, strict=True)):
        if i < 2 or j < 1:
            assert np.isnan(got[node])
            continue
        block = xs[x_starts[i - 2]:x_starts[i - 1]] @ ys[y_starts[j - 1]:y_starts[j]].T
        assert got[node] == pytest.approx(block.max(), abs=1e-5)
    # The null samples the same best-of-clauses cosines.
    centre, spread = random_pair_stats(xs, normalise(rng.standard_normal((m, dim))),
                                       np.random.default_rng(0), k=50, x_starts=x_starts)
    assert -1 < centre < 1 and spread > 0


def test_a_short_sentence_is_matched_to_its_clause_not_the_whole_sentence():
    rng = np.random.default_rng(0)
    dim = 32
    a, b, c = normalise(rng.standard_normal((3, dim)))
    sentence = normalise((a + b + c)[None])[0]  # a long source sentence: three clauses
    src_clauses = (np.stack([a, b, c]), np.array([0, 3]))
    tgt = np.stack([normalise((a + b)[None])[0], c])  # "...", and a short one for clause c
    band = band_around([(0, 0), (1, 2)], 1, 2, 2)
    tgt_clauses = (tgt, np.arange(3))  # target sentences are single clauses
    view = ClauseParts(band, sentence[None], tgt, src_clauses, tgt_clauses,
                       ((0.0, 0.1), (0.0, 0.1)), shift=1.0)
    z_first, z_short = view.part_z(1, 2)
    node = band.node(1, 2)
    # The short sentence matches clause c exactly: cosine 1, ten spreads, minus the shift.
    assert z_short[node] == pytest.approx(9.0, abs=1e-4)
    assert float(sentence @ c) / 0.1 < 7  # against the whole sentence it scores much less
    assert z_first[node] > 5
