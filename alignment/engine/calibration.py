"""Map a bead's posterior probability to a calibrated confidence."""
from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Sequence

import numpy as np

# Isotonic regression (pool-adjacent-violators) of "bead is strictly a gold bead" on the
# bead's posterior, read off at the posterior's deciles, one table per kind of pair. The
# same posterior is right less often between two texts in one script (tb_dev, an OCR'd
# German-French yearbook, where shared numbers and names make posteriors sharp) than
# between two scripts (mac_dev, Chinese-English novels): one table for both promised 91%
# where Text+Berg beads were 79% right. Pairs in one script are fitted on tb_dev alone;
# pairs in two scripts on both dev sets, as before: mac_dev alone, the only such gold,
# fitted itself too closely (held out on the MAC test chapters, 87% right where it promised
# 94%; pooled, 92% against 93%). Defaults of 2026-12-02 (beads up to 5 a side, 7 in all,
# e5-small checked by use-m3 with clauses, parts counted by match, skips dearer for
# sentences with a counterpart, the Chinese-English dictionary). In-sample on the dev
# sets; held out in docs/benchmarks.md. Refit when AlignParams defaults change:
#     python manage.py benchmark_alignment --sets tb_dev mac_dev --fit-calibration
SAME_SCRIPT, CROSS_SCRIPT = "same-script", "cross-script"
_KNOTS = {
    SAME_SCRIPT: (
        np.array([0.0, 0.586, 0.724, 0.813, 0.893, 0.923, 0.948, 0.962, 0.976, 0.991, 1.0]),
        np.array([0.0, 0.788, 0.789, 0.952, 0.974, 0.975, 0.976, 0.977, 0.978, 0.979, 1.0]),
    ),
    CROSS_SCRIPT: (
        np.array([0.0, 0.386, 0.497, 0.586, 0.669, 0.729, 0.782, 0.838, 0.892, 0.95, 1.0]),
        np.array([0.0, 0.839, 0.867, 0.93, 0.931, 0.952, 0.984, 0.986, 0.987, 0.988, 1.0]),
    ),
}
_CEILING, _STEP = 0.995, 0.001  # highest interior knot; least rise from knot to knot
# Letters of these scripts count as one: Chinese, Japanese and Korean text mixes them.
_EAST_ASIAN = {"CJK", "HIRAGANA", "KATAKANA", "HANGUL"}


def calibrate(posterior: float, kind: str = CROSS_SCRIPT) -> float:
    """Return the calibrated confidence of a bead with this posterior, in [0, 1]."""
    xs, ys = _KNOTS[kind]
    return float(np.clip(np.interp(posterior, xs, ys), 0.0, 1.0))


def pair_kind(src: Sequence[str], tgt: Sequence[str]) -> str:
    """SAME_SCRIPT when both sides are mostly written in one script, else CROSS_SCRIPT."""
    return SAME_SCRIPT if _main_script(src) == _main_script(tgt) else CROSS_SCRIPT


def _main_script(texts: Sequence[str], letters: int = 5000) -> str:
    """The script of most letters in the first `letters` letters of texts ('' if none)."""
    counts: Counter = Counter()
    for text in texts:
        for ch in text:
            if ch.isalpha():
                script = unicodedata.name(ch, "?").split(" ")[0]
                counts["CJK" if script in _EAST_ASIAN else script] += 1
        if sum(counts.values()) >= letters:
            break
    return counts.most_common(1)[0][0] if counts else ""


def fit_knots(posteriors, correct, knots: int = 9) -> tuple[np.ndarray, np.ndarray]:
    """Knots of the isotonic regression of `correct` (0/1) on `posteriors`.

    Pool-adjacent-violators over the beads sorted by posterior, read off at the
    posteriors' `knots` quantiles (deciles for 9), between (0, 0) and (1, 1); interior
    knots rise by at least _STEP and stay at or under _CEILING.
    """
    order = np.argsort(posteriors, kind="stable")
    x = np.asarray(posteriors, float)[order]
    y = _pool_adjacent_violators(np.asarray(correct, float)[order])
    qs = np.quantile(x, np.linspace(0, 1, knots + 2)[1:-1]) if len(x) else np.zeros(0)
    xs = np.concatenate([[0.0], np.round(qs, 3), [1.0]])
    ys = np.round(np.interp(qs, x, y), 3)
    # Strictly increasing below a ceiling: the "lowest confidence first" queue keeps the
    # posterior's order within a flat step, and no bead the aligner chose alone is promised
    # as certain.
    for i in reversed(range(len(ys))):
        above = ys[i + 1] if i + 1 < len(ys) else _CEILING + _STEP
        ys[i] = round(min(ys[i], above - _STEP), 3)
    return xs, np.concatenate([[0.0], ys, [1.0]])


def _pool_adjacent_violators(y: np.ndarray) -> np.ndarray:
    """The non-decreasing sequence closest to y in squared error."""
    means, sizes = [], []
    for value in y:
        means.append(value)
        sizes.append(1)
        while len(means) > 1 and means[-2] > means[-1]:
            size = sizes[-2] + sizes[-1]
            means[-2] = (means[-2] * sizes[-2] + means[-1] * sizes[-1]) / size
            sizes[-2] = size
            del means[-1], sizes[-1]
    return np.repeat(means, sizes)
