"""Map a bead's posterior probability to a calibrated confidence."""
from __future__ import annotations

import numpy as np

# Isotonic regression (pool-adjacent-violators) of "bead is strictly a gold bead" on the
# bead's posterior, over all beads the default aligner output for tb_dev and mac_dev
# (1,774 beads, defaults of 2026-12-02: beads up to 5 a side, 7 in all, e5-small checked
# by use-m3 with clauses, parts counted by match), read off at the posterior's deciles.
# Fitted on the dev sets themselves, so the tables in docs/benchmarks.md are in-sample.
# Refit when AlignParams defaults change.
_KNOTS_X = np.array([0.0, 0.354, 0.454, 0.547, 0.63, 0.692, 0.751, 0.818, 0.872, 0.941, 1.0])
_KNOTS_Y = np.array([0.0, 0.815, 0.853, 0.888, 0.931, 0.96, 0.96, 0.986, 0.986, 0.986, 1.0])

def calibrate(posterior: float) -> float:
    """Return the calibrated confidence of a bead with this posterior, in [0, 1]."""
    return float(np.clip(np.interp(posterior, _KNOTS_X, _KNOTS_Y), 0.0, 1.0))
