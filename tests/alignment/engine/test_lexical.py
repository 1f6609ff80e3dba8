"""Lexical cues: verbatim tokens (numbers, names) shared by a bead's two sides."""
import numpy as np

from alignment.engine.band import full_band
from alignment.engine.lexical import lexical_scores, lexical_sides, tokens


def test_tokens_numbers_names_latin_in_other_script_and_punctuation():
    de = tokens("Im Mai 1956 erreichte Hillary den Everest ( 8848 m ) ?")
    assert de["n:1956"] == 1 and de["n:8848"] == 1
    assert de["w:Everest"] == 1 and de["w:Hillary"] == 1
    assert "w:erreichte" not in de  # lower-case words are language-specific
    assert de["p:?"] == 1 and de["p:("] == 1
    zh = tokens("他读了《Nature》上的文章？")
    assert zh["w:Nature"] == 1 and zh["p:?"] == 1  # full-width mark mapped to '?'


def test_only_shared_tokens_count_and_none_when_nothing_is_shared():
    assert lexical_sides(["ein Haus"], ["une maison"], 2, 0.0) is None
    sides = lexical_sides(["Paris 1957", "Bern"], ["Paris", "Bern 1957", "Rom"], 2, 0.0)
    assert sides is not None
    src, tgt = sides
    assert src.vectors.shape[1] == 3  # n:1957, w:Bern, w:Paris; 'Rom' has no twin


def test_miss_is_zero_for_the_right_bead_and_positive_when_a_twin_is_outside():
    src, tgt = lexical_sides(["Paris 1957", "Bern"], ["Paris", "1957 Bern"], 2, 0.0)
    band = full_band(2, 2)
    _dot, miss11 = lexical_scores(band, src, tgt, 1, 1)
    _dot, miss22 = lexical_scores(band, src, tgt, 2, 2)
    # Bead ([0, 1], [0, 1]) ends at node (2, 2) and holds every token on both sides.
    assert miss22[band.node(2, 2)] == 0.0
    # 1-1 beads split 1957 from its twin.
    assert miss11[band.node(1, 1)] > 0 and miss11[band.node(2, 2)] > 0
    _dot, skip = lexical_scores(band, src, tgt, 1, 0)
    assert np.all(skip[[band.node(1, 0), band.node(1, 1)]] > 0)  # skipping 'Paris 1957'
