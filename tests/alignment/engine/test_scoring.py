"""The engine's metric agrees with the reference scorer aligngold/score.py."""
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from alignment.engine import scoring

GOLD_ROOT = Path(os.environ.get("ALIGNGOLD_DIR", "/work/shared/aligngold"))
SCORE_PY = GOLD_ROOT / "score.py"
needs_gold = pytest.mark.skipif(not SCORE_PY.exists(), reason="aligngold not available")


def _perturb(gold, rng):
    """A plausible wrong hypothesis: merge, split and drop some beads."""
    out, k = [], 0
    while k < len(gold):
        s, t = gold[k]
        roll = rng.random()
        if roll < 0.1 and k + 1 < len(gold):
            s2, t2 = gold[k + 1]
            out.append((s + s2, t + t2))
            k += 2
            continue
        if roll < 0.2 and len(t) > 1:
            out += [(s, t[:1]), ((), t[1:])]
        elif roll < 0.25:
            out += [(s, ()), ((), t)]
        else:
            out.append((s, t))
        k += 1
    return out


def _write(path, beads, confs=None):
    lines = [scoring.format_bead(s, t, None if confs is None else confs[i])
             for i, (s, t) in enumerate(beads)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@needs_gold
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_scores_agree_with_score_py(tmp_path, seed):
    rng = random.Random(seed)
    gold_dir, hyp_dir = GOLD_ROOT / "mac_dev" / "gold", tmp_path / "hyp"
    hyp_dir.mkdir()
    pairs = []
    for name in sorted(os.listdir(gold_dir)):
        gold = scoring.read_beads(gold_dir / name)
        hyp = _perturb(gold, rng)
        _write(hyp_dir / name, hyp, [rng.random() for _ in hyp] if seed else None)
        pairs.append((gold, scoring.read_beads(hyp_dir / name)))
    out = subprocess.run(
        [sys.executable, str(SCORE_PY), "--gold-dir", str(gold_dir), "--hyp-dir", str(hyp_dir),
         "--json"], capture_output=True, text=True, check=True)
    reference = json.loads(out.stdout)
    ours = scoring.score_documents(pairs)
    assert ours["counts"] == reference["counts"]
    for key in ("precision_strict", "recall_strict", "f1_strict", "precision_lax",
                "recall_lax", "f1_lax"):
        assert ours[key] == pytest.approx(reference[key], abs=1e-12)


def test_bead_lines_round_trip():
    assert scoring.parse_bead_line("[0, 1]:[0]") == (((0, 1), (0,)), None)
    assert scoring.parse_bead_line("[]:[7]:0.83") == (((), (7,)), 0.83)
    assert scoring.format_bead([3], [], 0.5) == "[3]:[]:0.50"
    with pytest.raises(ValueError):
        scoring.parse_bead_line("nonsense")


def test_perfect_and_empty_hypotheses():
    gold = [((0,), (0,)), ((1, 2), (1,)), ((), (2,))]
    assert scoring.score_documents([(gold, gold)])["f1_strict"] == 1.0
    assert scoring.score_documents([(gold, [])])["f1_strict"] == 0.0


def test_lax_needs_both_sides_to_overlap():
    gold = [((0,), (0,)), ((1,), (1,))]
    hyp = [((0, 1), (0,)), ((), (1,))]
    counts = scoring.doc_counts(gold, hyp)
    assert (counts["p_n"], counts["p_strict"], counts["p_lax"]) == (2, 0, 1)


def test_calibration_table_counts_correct_beads():
    beads = [(None, 0.95, True), (None, 0.92, False), (None, 0.1, True)]
    rows = scoring.calibration_table(beads, bands=(0.0, 0.9, 1.0001))
    top = [r for r in rows if r["low"] == 0.9][0]
    assert (top["n"], top["correct"], top["accuracy"]) == (2, 1, 0.5)
    assert "strictly correct" in scoring.format_calibration(rows)


def test_review_queue_capture_counts_the_wrong_beads_read_first():
    # Ten beads; the two lowest-confidence ones and the top one are wrong.
    beads = [(None, c / 10, c not in (0, 1, 9)) for c in range(10)]
    capture = scoring.review_queue_capture(beads, shares=(0.1, 0.2, 0.5))
    assert capture == [(0.1, 1 / 3), (0.2, 2 / 3), (0.5, 2 / 3)]
    assert scoring.format_review_queue(capture) == (
        "review queue: the lowest-confidence 10% / 20% / 50% of the beads hold 33% / 67% / "
        "67% of the wrong ones")
    all_right = scoring.review_queue_capture([(None, 0.5, True)])
    assert scoring.format_review_queue(all_right) == "review queue: no bead is wrong"
