"""Map a bead's posterior probability to a calibrated confidence."""
from __future__ import annotations

import numpy as np

# Isotonic regression (pool-adjacent-violators) of "bead is strictly a gold bead" on the
# bead's posterior, over all beads the default aligner output for tb_dev and mac_dev
# (1,775 beads, defaults of 2026-12-02: beads up to 5 a side, 7 in all), read off at the
# posterior's deciles. Fitted on the dev sets themselves, so the tables in
# docs/benchmarks.md are in-sample. Refit when AlignParams defaults change.
_KNOTS_X = np.array([0.0, 0.333, 0.436, 0.528, 0.615, 0.685, 0.747, 0.813, 0.869, 0.94, 1.0])
_KNOTS_Y = np.array([0.0, 0.706, 0.781, 0.839, 0.927, 0.932, 0.96, 0.987, 0.987, 0.987, 1.0])

def calibrate(posterior: float) -> float:
    """Return the calibrated confidence of a bead with this posterior, in [0, 1]."""
    return float(np.clip(np.interp(posterior, _KNOTS_X, _KNOTS_Y), 0.0, 1.0))
