"""Confidence calibration: the isotonic fit behind calibration.py's knots, and its use."""
import numpy as np
import pytest

from alignment.engine.calibration import (
    CROSS_SCRIPT,
    SAME_SCRIPT,
    _pool_adjacent_violators,
    calibrate,
    fit_knots,
    pair_kind,
)


def test_pool_adjacent_violators_gives_the_closest_non_decreasing_sequence():
    assert np.allclose(_pool_adjacent_violators(np.array([1.0, 0, 1, 1, 0])),
                       [0.5, 0.5, 2 / 3, 2 / 3, 2 / 3])
    assert np.allclose(_pool_adjacent_violators(np.array([0.0, 0.2, 0.9])), [0.0, 0.2, 0.9])


def test_knots_recover_how_often_beads_of_each_posterior_are_right():
    rng = np.random.default_rng(0)
    posteriors = rng.uniform(0, 1, 20_000)
    correct = rng.uniform(0, 1, posteriors.size) < posteriors ** 2  # over-confident
    xs, ys = fit_knots(posteriors, correct)
    assert (xs[0], ys[0], xs[-1], ys[-1]) == (0, 0, 1, 1)
    assert np.all(np.diff(xs) > 0) and np.all(np.diff(ys) >= 0)
    assert np.allclose(ys[1:-1], xs[1:-1] ** 2, atol=0.07)  # isotonic fits are step-wise


def test_knots_rise_strictly_and_never_promise_certainty():
    # Beads that were all right: the fit would be flat at 1, which would tie every bead
    # in the "lowest confidence first" queue and promise certainty.
    posteriors = np.linspace(0.5, 1, 200)
    xs, ys = fit_knots(posteriors, np.ones(posteriors.size))
    assert np.all(np.diff(ys) > 0)
    assert ys[-2] <= 0.995


@pytest.mark.parametrize("kind", [SAME_SCRIPT, CROSS_SCRIPT])
def test_confidence_is_a_probability_that_grows_with_the_posterior(kind):
    values = [calibrate(p, kind) for p in np.linspace(0, 1, 101)]
    assert values[0] == 0 and values[-1] == 1
    assert all(0 <= v <= 1 for v in values) and values == sorted(values)


def test_a_pair_in_one_script_is_promised_less_at_the_same_posterior():
    # German-French (tb_dev) beads with a posterior between 0.6 and 0.8 were right 78% of
    # the time, Chinese-English ones (mac_dev) 97%: one table for both over-promised the
    # first.
    assert calibrate(0.7, SAME_SCRIPT) < 0.8 < 0.9 < calibrate(0.7, CROSS_SCRIPT)


@pytest.mark.parametrize("src, tgt, kind", [
    (["Der Gipfel liegt auf 8848 m."], ["Le sommet est à 8848 m."], SAME_SCRIPT),
    (["Es schneite."], ["It snowed, said Mr. Smith."], SAME_SCRIPT),
    (["他笑了。"], ["He laughed."], CROSS_SCRIPT),
    (["Он засмеялся (Smith, 2001)."], ["He laughed."], CROSS_SCRIPT),
    (["彼は笑った。"], ["他笑了。"], SAME_SCRIPT),  # kana and Han count as one script
])
def test_the_kind_of_pair_is_read_from_the_letters_most_of_the_text_is_written_in(src, tgt, kind):
    assert pair_kind(src, tgt) == kind
