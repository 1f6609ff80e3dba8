"""Confidence calibration: the isotonic fit behind calibration.py's knots, and its use."""
import numpy as np

from alignment.engine.calibration import _pool_adjacent_violators, calibrate, fit_knots


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


def test_confidence_is_a_probability_that_grows_with_the_posterior():
    values = [calibrate(p) for p in np.linspace(0, 1, 101)]
    assert values[0] == 0 and values[-1] == 1
    assert all(0 <= v <= 1 for v in values) and values == sorted(values)
