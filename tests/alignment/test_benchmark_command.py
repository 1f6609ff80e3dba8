"""The benchmark command on a demo gold pair: scores, calibration and re-alignment timing."""
import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command


def test_benchmark_scores_a_demo_pair_and_times_a_realignment():
    out = StringIO()
    call_command("benchmark_alignment", "--sets", "demo/en-de_002", "--realign", stdout=out)
    text = out.getvalue()
    engine = re.search(r"^engine\s+([\d.]+)\s+([\d.]+)", text, re.M)
    assert engine and float(engine.group(1)) >= 0.9 and float(engine.group(2)) >= 0.9
    assert "confidence band" in text
    assert "review queue: no bead is wrong" in text  # every bead of this pair is right
    # Every re-alignment after an edit encodes only the edited sentence (the rest is cached).
    realigned = re.findall(r"sentence \d+ edited, (\d+) anchors kept: ([\d.]+) s, (\d+) sentence",
                           text)
    assert len(realigned) == 3
    assert all(int(anchors) > 0 and int(encoded) == 1 for anchors, _s, encoded in realigned)


def test_benchmark_scores_the_beads_left_after_confirming_some():
    out = StringIO()
    call_command("benchmark_alignment", "--sets", "demo/en-de_002", "--confirm-every", "3",
                 stdout=out)
    line = re.search(r"^1 in 3 gold 1-1 beads confirmed \((\d+)\), the rest aligned again: "
                     r"F1 strict ([\d.]+) lax [\d.]+; the same beads without confirming: "
                     r"F1 strict ([\d.]+)", out.getvalue(), re.M)
    assert line and int(line.group(1)) == 9  # of the 27 1-1 beads
    assert float(line.group(2)) == float(line.group(3)) == 1.0


def test_benchmark_refuses_a_folder_without_gold_sets(tmp_path):
    with pytest.raises(CommandError, match="No gold sets"):
        call_command("benchmark_alignment", "--gold-root", str(tmp_path), "--demo-root",
                     str(tmp_path), stdout=StringIO())


def test_benchmark_refuses_an_unknown_encoder():
    with pytest.raises(CommandError, match="Unknown encoder 'word2vec'"):
        call_command("benchmark_alignment", "--sets", "demo/en-de_002", "--encoder", "word2vec",
                     stdout=StringIO())


def test_fitting_the_calibration_prints_monotone_knots_for_calibration_py():
    out = StringIO()
    call_command("benchmark_alignment", "--sets", "demo/de-en_003", "--fit-calibration",
                 stdout=out)
    text = out.getvalue()
    assert re.search(r"^    SAME_SCRIPT: \(  # \d+ beads$", text, re.M)  # German-English
    assert "CROSS_SCRIPT" not in text  # no such pair among the sets: its knots stay
    xs, ys = ([float(v) for v in row.split(",")]
              for row in re.findall(r"^        np\.array\(\[([^\]]*)\]\),$", text, re.M))
    assert len(xs) == len(ys) == 11
    assert xs[0] == ys[0] == 0 and xs[-1] == ys[-1] == 1
    assert xs == sorted(xs) and ys == sorted(ys)
    assert "engine" not in out.getvalue()  # only the fit: no benchmark table
