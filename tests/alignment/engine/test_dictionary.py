"""The bundled Chinese-English dictionary, and the aligner using it."""
import numpy as np

from alignment.engine.aligner import AlignParams, align
from alignment.engine.dictionary import chinese_stems, english_stems, for_pair

from .conftest import ConceptEncoder, sentence


def test_chinese_words_become_the_stems_of_their_english_glosses():
    assert {"bullet", "captain"} <= chinese_stems("队长的子弹。")
    assert {"mung", "bean"} <= chinese_stems("用一碗绿豆做子弹")
    assert chinese_stems("The Film Studio") == frozenset()


def test_english_sentences_give_content_word_stems():
    stems = english_stems("The captains fired their bullets at the mung beans.")
    assert {"captain", "fire", "bullet", "mung", "bean"} <= stems
    assert not {"the", "their", "at"} & stems


def test_a_dictionary_is_used_for_chinese_and_english_in_either_order_only():
    zh_en, en_zh = for_pair("zh", "en"), for_pair("en", "zh")
    assert (zh_en.src, zh_en.tgt) == (chinese_stems, english_stems)
    assert (en_zh.src, en_zh.tgt) == (english_stems, chinese_stems)
    assert zh_en.name == en_zh.name == "CC-CEDICT"
    assert for_pair("de", "fr") is None
    assert for_pair(None, "en") is None


_RARE = ("子弹 绿豆 队长", "bullet mung captain")  # once in the story: nothing to learn from


def _story_with_a_paraphrase():
    """40 beads. In one 1-2 bead the second target sentence shares no concept with its
    source, only three rare words of the dictionary; the encoder finds it closer to the
    next source sentence (they share concept c42)."""
    rng = np.random.default_rng(3)
    src, tgt = [], []
    for k in range(40):
        concepts = [2 * k, 2 * k + 1]
        src.append(sentence(concepts, rng))
        tgt.append(sentence(concepts, rng))
        if k == 20:
            src[-1] = f"{_RARE[0]} {src[-1]}"
            tgt.append(f"c42 {_RARE[1]}")
    return src, tgt


def test_dictionary_words_keep_a_paraphrased_sentence_with_its_source():
    src, tgt = _story_with_a_paraphrase()
    wanted = (20, 21, 20, 22)

    def align_pair(src_lang, tgt_lang, **params):
        return align(src, tgt, ConceptEncoder(), src_lang=src_lang, tgt_lang=tgt_lang,
                     params=AlignParams(**params))

    def beads(result):
        return {b.ranges for b in result.beads}

    without = align_pair("zh", "en", dictionary_weight=0.0)
    assert wanted not in beads(without) and "dictionary" not in without.stats
    other_pair = align_pair("de", "fr")  # no dictionary for the pair: no change
    assert wanted not in beads(other_pair) and "dictionary" not in other_pair.stats
    found = align_pair("zh", "en")
    assert wanted in beads(found)
    assert found.stats["dictionary"] == "CC-CEDICT"  # stored with the alignment's timings
