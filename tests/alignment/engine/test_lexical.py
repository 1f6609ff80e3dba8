"""Lexical cues: verbatim tokens (numbers, names) shared by a bead's two sides."""
import numpy as np

from alignment.engine.band import full_band
from alignment.engine.lexical import (
    _quote_marks,
    lexical_scores,
    lexical_sides,
    quote_mismatch,
    quote_states,
    token_frequencies,
    tokens,
)


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
    assert src.dim == 3  # n:1957, w:Bern, w:Paris; 'Rom' has no twin


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


def test_a_stretch_between_anchors_weighs_its_tokens_by_the_whole_document():
    # "Bern" is in one sentence of the stretch but in four of the document: in the stretch
    # alone it would weigh as much as a name found nowhere else.
    src = ["Bern 1957", "Bern", "Bern", "Bern"]
    tgt = ["Berne 1957 Bern", "Bern", "Bern", "Bern"]
    alone = lexical_sides(src[:1], tgt[:1], 1, 0.0)
    scaled = lexical_sides(src[:1], tgt[:1], 1, 0.0, df=token_frequencies(src, tgt))
    assert alone[0].dim == scaled[0].dim == 2  # n:1957, w:Bern
    assert alone[0].sq[1][0] == 2.0  # both weigh 1
    assert scaled[0].sq[1][0] == 1.0 + 1 / 4  # Bern weighs 1 / 4 ** 0.5


def test_quote_marks_are_oriented_by_their_neighbours_and_apostrophes_skipped():
    assert _quote_marks("道：“你好。”") == [1, -1]  # Chinese: no spaces, default direction
    assert _quote_marks("Er sagte: „Komm her“, und ging.") == [1, -1]  # German “ closes
    assert _quote_marks("«Oui», dit-il.") == [1, -1]
    assert _quote_marks("'But you're quick!") == [1]  # opened; the apostrophe is skipped
    assert _quote_marks("I'd have had you, though—'") == [-1]


def test_quote_states_and_mismatch_at_bead_boundaries():
    zh = ["他说：“你好。", "我很好。”", "他走了。"]
    en = ["'Hello,' he said.", "'How are you?", "I'm fine.'", "He left."]
    assert list(quote_states(zh)) == [-1, 1, -1, -1]
    assert list(quote_states(en)) == [-1, -1, 1, -1, -1]
    mismatch = quote_mismatch(full_band(3, 4), quote_states(zh), quote_states(en))
    band = full_band(3, 4)
    assert mismatch[band.node(1, 2)] == 0  # both inside the quotation: a fine boundary
    assert mismatch[band.node(1, 1)] == 1  # inside on one side only
    assert mismatch[band.node(2, 3)] == 0
