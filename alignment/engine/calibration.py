"""Map a bead's posterior probability to a calibrated confidence."""
from __future__ import annotations

import numpy as np

# Isotonic regression (pool-adjacent-violators) of "bead is strictly a gold bead" on the
# bead's posterior, over all beads the default aligner output for tb_dev and mac_dev
# (1,792 beads, defaults of 2026-12-01 with the learned word pairs), read off at the
# posterior's deciles. Fitted on the dev sets themselves, so the tables in
# docs/benchmarks.md are in-sample. Refit when AlignParams defaults change.
_KNOTS_X = np.array([0.0, 0.383, 0.493, 0.576, 0.655, 0.72, 0.777, 0.832, 0.884, 0.948, 1.0])
_KNOTS_Y = np.array([0.0, 0.612, 0.76, 0.851, 0.931, 0.942, 0.974, 0.981, 0.981, 0.981, 1.0])

def calibrate(posterior: float) -> float:
    """Return the calibrated confidence of a bead with this posterior, in [0, 1]."""
    return float(np.clip(np.interp(posterior, _KNOTS_X, _KNOTS_Y), 0.0, 1.0))
