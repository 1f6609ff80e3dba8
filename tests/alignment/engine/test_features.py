"""Bead features computed without window vectors agree with the window vectors themselves."""
import numpy as np
import pytest

from alignment.engine.band import band_around
from alignment.engine.encoders.base import normalise
from alignment.engine.features import PartCosines, band_dot, skip_costs
from alignment.engine.windows import WindowSide


@pytest.mark.parametrize("a,b", [(1, 2), (2, 1), (2, 2), (1, 5), (5, 2), (3, 4)])
def test_part_cosines_equal_the_pooled_windows(a, b):
    rng = np.random.default_rng(a * 10 + b)
    n, m, dim = 23, 27, 16
    texts = lambda k: ["w" * int(rng.integers(5, 120)) for _ in range(k)]  # noqa: E731
    src = WindowSide(texts(n), normalise(rng.standard_normal((n, dim))), 5, 0.5)
    tgt = WindowSide(texts(m), normalise(rng.standard_normal((m, dim))), 5, 0.5)
    band = band_around([(i, min(m, round(i * m / n))) for i in range(n + 1)], n, m, 4)
    got = PartCosines(band, src, tgt, src.vectors, tgt.vectors, (0.0, 1.0)).parts(a, b)
    # The same parts from the pooled window vectors, the way they are defined.
    want = [band_dot(band, src.vectors[q:], tgt.pooled[b], a, b) for q in range(a) if a > 1]
    want += [band_dot(band, src.pooled[a], tgt.vectors[q:], a, b) for q in range(b) if b > 1]
    assert len(got) == len(want) == (a if a > 1 else 0) + (b if b > 1 else 0)
    for g, w in zip(got, want, strict=True):
        np.testing.assert_array_equal(np.isnan(g), np.isnan(w))
        ok = ~np.isnan(w)
        assert ok.sum() > band.size // 2
        np.testing.assert_allclose(g[ok], w[ok], atol=1e-5)


def test_skipping_a_sentence_with_a_match_in_the_band_costs_more():
    n, m = 6, 7
    band = band_around([(i, min(m, i + i // 3)) for i in range(n + 1)], n, m, 2)
    rows, cols = band.coords()
    # 1-1 scores: node (i, j) pairs source i - 1 with target j - 1. Source sentence 2 has a
    # counterpart (target 3, z 5); source 5 and target 6 match at z 2.5;
    # source 3 has no counterpart (z 0.5 at best).
    z = np.where((rows >= 1) & (cols >= 1), 0.5, np.nan)
    z[(rows == 3) & (cols == 4)] = 5.0
    z[(rows == 6) & (cols == 7)] = 2.5
    src_extra, tgt_extra = skip_costs(band, z, weight=0.6, threshold=2.0)
    np.testing.assert_allclose(src_extra[rows == 3], 0.6 * 3.0)  # wherever it is skipped
    np.testing.assert_allclose(src_extra[rows == 6], 0.6 * 0.5)
    assert not src_extra[rows == 4].any() and not src_extra[rows == 0].any()
    np.testing.assert_allclose(tgt_extra[cols == 4], 0.6 * 3.0)
    np.testing.assert_allclose(tgt_extra[cols == 7], 0.6 * 0.5)
    assert not tgt_extra[cols == 2].any()
