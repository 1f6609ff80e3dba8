"""Map a bead's posterior probability to a calibrated confidence."""
from __future__ import annotations

import numpy as np

# Isotonic regression (pool-adjacent-violators) of "bead is strictly a gold bead" on the
# bead's posterior, over all beads the default aligner output for tb_dev and mac_dev
# (1,775 beads, defaults of 2026-12-02: beads up to 5 a side, 7 in all, e5-small checked
# by use-m3 with clauses), read off at the posterior's deciles. Fitted on the dev sets
# themselves, so the tables in docs/benchmarks.md are in-sample. Refit when AlignParams
# defaults change.
_KNOTS_X = np.array([0.0, 0.348, 0.448, 0.535, 0.616, 0.683, 0.741, 0.807, 0.866, 0.939, 1.0])
_KNOTS_Y = np.array([0.0, 0.742, 0.844, 0.871, 0.934, 0.954, 0.956, 0.986, 0.987, 0.987, 1.0])

def calibrate(posterior: float) -> float:
    """Return the calibrated confidence of a bead with this posterior, in [0, 1]."""
    return float(np.clip(np.interp(posterior, _KNOTS_X, _KNOTS_Y), 0.0, 1.0))
