"""Map a bead's posterior probability to a calibrated confidence."""
from __future__ import annotations

import numpy as np

# Isotonic regression (pool-adjacent-violators) of "bead is strictly a gold bead" on the
# bead's posterior, over all beads the default aligner output for tb_dev and mac_dev
# (2,168 beads), read off at the posterior's deciles. Fitted on the dev sets themselves,
# so the tables in docs/benchmarks.md are in-sample. Refit when AlignParams defaults change.
_KNOTS_X = np.array([0.0, 0.221, 0.322, 0.399, 0.477, 0.563, 0.647, 0.727, 0.889, 1.0])
_KNOTS_Y = np.array([0.58, 0.606, 0.678, 0.782, 0.883, 0.91, 0.943, 0.97, 0.97, 1.0])


def calibrate(posterior: float) -> float:
    """Return the calibrated confidence of a bead with this posterior, in [0, 1]."""
    return float(np.clip(np.interp(posterior, _KNOTS_X, _KNOTS_Y), 0.0, 1.0))
