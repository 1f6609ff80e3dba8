"""Map a bead's posterior probability to a calibrated confidence."""
from __future__ import annotations

import numpy as np

# Isotonic regression (pool-adjacent-violators) of "bead is strictly a gold bead" on the
# bead's posterior, over all beads the default aligner output for tb_dev and mac_dev
# (1,774 beads, defaults of 2026-12-02: beads up to 5 a side, 7 in all, e5-small checked
# by use-m3 with clauses, parts counted by match, skips dearer for sentences with a
# counterpart), read off at the posterior's deciles.
# Fitted on the dev sets themselves, so the tables in docs/benchmarks.md are in-sample.
# Refit when AlignParams defaults change.
_KNOTS_X = np.array([0.0, 0.359, 0.467, 0.558, 0.638, 0.701, 0.759, 0.825, 0.882, 0.948, 1.0])
_KNOTS_Y = np.array([0.0, 0.8, 0.854, 0.892, 0.945, 0.945, 0.945, 0.987, 0.987, 0.987, 1.0])

def calibrate(posterior: float) -> float:
    """Return the calibrated confidence of a bead with this posterior, in [0, 1]."""
    return float(np.clip(np.interp(posterior, _KNOTS_X, _KNOTS_Y), 0.0, 1.0))
