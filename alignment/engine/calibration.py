"""Map a bead's posterior probability to a calibrated confidence."""
from __future__ import annotations

import numpy as np

# Isotonic regression (pool-adjacent-violators) of "bead is strictly a gold bead" on the
# bead's posterior, over all beads the default aligner output for tb_dev and mac_dev
# (1,807 beads, defaults of 2026-11-22 with the lexical cues), read off at the posterior's
# deciles. Fitted on the dev sets themselves, so the tables in docs/benchmarks.md are
# in-sample. Refit when AlignParams defaults change.
_KNOTS_X = np.array([0.0, 0.22, 0.311, 0.392, 0.479, 0.562, 0.657, 0.736, 0.819, 0.923, 1.0])
_KNOTS_Y = np.array([0.547, 0.649, 0.68, 0.835, 0.878, 0.905, 0.959, 0.964, 0.982, 0.984, 1.0])


def calibrate(posterior: float) -> float:
    """Return the calibrated confidence of a bead with this posterior, in [0, 1]."""
    return float(np.clip(np.interp(posterior, _KNOTS_X, _KNOTS_Y), 0.0, 1.0))
