"""The document's own word pairs, learned from the first pass, and the second pass using them."""
from collections import Counter

import numpy as np

from alignment.engine.aligner import AlignParams, align
from alignment.engine.lexicon import content_tokens, learn_pairs, lexicon_sides

from .conftest import ConceptEncoder, sentence


def test_tokens_are_cjk_characters_and_bigrams_or_longer_words():
    assert content_tokens("罗小四笑了。") == {"罗", "小", "四", "笑", "了", "罗小", "小四", "四笑",
                                          "笑了"}
    assert content_tokens("Der Hund bellt, 1957 am Fluss.") == {"der", "hund", "bellt", "fluss"}
    assert content_tokens("他读了Nature") >= {"他", "读了", "nature"}  # Latin inside Chinese


def _sides(pairs_of_words, filler=12):
    """Sentences of single words, one 1-1 bead each, and many unrelated filler sentences."""
    src = [frozenset({s}) for s, _t in pairs_of_words]
    tgt = [frozenset({t}) for _s, t in pairs_of_words]
    src += [frozenset({f"quelle{k}"}) for k in range(filler)]
    tgt += [frozenset({f"ziel{k}"}) for k in range(filler)]
    beads = [(k, k + 1, k, k + 1) for k in range(len(src))]
    return src, tgt, beads


def test_pairs_need_consistent_co_occurrence_in_several_beads():
    words = [("hund", "chien"), ("hund", "chien"), ("hund", "chien"),
             ("katze", "chat"),  # seen together once only
             ("baum", "arbre"), ("baum", "fleur"), ("baum", "herbe"), ("baum", "arbre")]
    src, tgt, beads = _sides(words, filler=40)
    pairs = learn_pairs(src, tgt, beads, min_dice=0.3, min_count=2)
    assert ("hund", "chien") in pairs
    assert ("baum", "arbre") in pairs  # 2 of baum's 4 beads: Dice 2*2 / (4 + 2) = 0.67
    assert not any(s == "katze" for s, _t in pairs)
    assert not any(t in ("fleur", "herbe") for _s, t in pairs)  # one partner per word


def _function_words(side):
    return {w for w in set().union(*side) if sum(w in s for s in side) > 0.1 * len(side)}


def _brute_force_pairs(src, tgt, beads, min_dice, min_count):
    """Every word pair's Dice over the beads, with no pruning; then one partner per word."""
    stop_s, stop_t = _function_words(src), _function_words(tgt)
    bead_s = [set().union(*src[s0:s1]) - stop_s for s0, s1, _t0, _t1 in beads]
    bead_t = [set().union(*tgt[t0:t1]) - stop_t for _s0, _s1, t0, t1 in beads]
    counted = [k for k in range(len(beads)) if bead_s[k] and bead_t[k]]
    scored = []
    for ws in set().union(*bead_s):
        for wt in set().union(*bead_t):
            both = sum(ws in bead_s[k] and wt in bead_t[k] for k in counted)
            cs = sum(ws in bead_s[k] for k in counted)
            ct = sum(wt in bead_t[k] for k in counted)
            if both >= min_count and 2 * both / (cs + ct) >= min_dice:
                scored.append((-2 * both / (cs + ct), -both, ws, wt))
    used_s, used_t, out = set(), set(), []
    for _d, _b, ws, wt in sorted(scored):
        if ws not in used_s and wt not in used_t:
            used_s.add(ws)
            used_t.add(wt)
            out.append((ws, wt))
    return out


def test_counting_in_chunks_with_pruning_finds_what_counting_everything_finds(monkeypatch):
    """Pairs are counted a few beads at a time and far-apart frequencies are skipped: the
    pairs found must be those of the plain definition (pairs with equal Dice and counts
    may come in another order, so sets are compared)."""
    monkeypatch.setattr("alignment.engine.lexicon._COUNT_CHUNK", 7)
    rng = np.random.default_rng(3)
    vocab_s, vocab_t = [f"wort{k}" for k in range(60)], [f"mot{k}" for k in range(60)]
    src = [frozenset(rng.choice(vocab_s, rng.integers(1, 5)).tolist()) for _ in range(120)]
    tgt = [frozenset(rng.choice(vocab_t, rng.integers(1, 5)).tolist()) for _ in range(120)]
    for k in range(0, 120, 3):  # some real translations among the noise
        tgt[k] = frozenset(w.replace("wort", "mot") for w in src[k])
    beads = [(k, k + 1, k, k + 1) for k in range(120)]
    for min_dice, min_count in ((0.3, 2), (0.6, 3), (0.1, 2)):
        found = learn_pairs(src, tgt, beads, min_dice=min_dice, min_count=min_count)
        expected = _brute_force_pairs(src, tgt, beads, min_dice, min_count)
        assert found and len(found) == len(expected)
        assert {s for s, _t in found} == {s for s, _t in expected}


def test_function_words_and_unconfident_beads_teach_nothing():
    words = [("und", "et")] * 6  # in more than a tenth of the sentences: function words
    src, tgt, beads = _sides(words, filler=20)
    assert learn_pairs(src, tgt, beads, min_dice=0.3, min_count=2) == []
    words = [("hund", "chien")] * 3
    src, tgt, _beads = _sides(words, filler=40)
    assert learn_pairs(src, tgt, [], min_dice=0.3, min_count=2) == []


def test_pair_vectors_mark_the_sentences_holding_either_word():
    src = [frozenset({"hund"}), frozenset({"baum"})]
    tgt = [frozenset({"arbre"}), frozenset({"chien", "arbre"})]
    s, t = lexicon_sides(src, tgt, [("hund", "chien"), ("baum", "arbre")], 2, 0.5)
    assert s.dim == 2
    assert np.count_nonzero(s.window(1)[0]) == 1 and np.count_nonzero(t.window(1)[1]) == 2
    assert np.allclose(t.window(2)[0], t.window(1)[0] + t.window(1)[1])


def test_a_stretch_keeps_the_pairs_it_holds_both_words_of_weighed_by_the_document():
    src = [frozenset({"hund"}), frozenset({"baum"})]
    tgt = [frozenset({"chien"}), frozenset({"arbre"})]
    pairs = [("hund", "chien"), ("baum", "arbre"), ("katze", "chat")]
    document = (Counter({"hund": 4, "baum": 1, "katze": 2}),
                Counter({"chien": 4, "arbre": 1, "chat": 2}))
    s, _t = lexicon_sides(src, tgt, pairs, 1, 0.5, document)
    assert s.dim == 2  # the cat is not in this stretch
    assert np.allclose(s.sq[1], [1 / 4, 1.0])  # hund weighs 1 / 4 ** 0.5, baum 1
    assert lexicon_sides(src, tgt, [("katze", "chat")], 1, 0.5) is None


_WORDS = [("罗小四", "Xiaosi"), ("点头", "nodded"), ("河边", "river")]


def _story_with_a_paraphrase():
    """60 beads; a name and two words recur with their translations. In one 1-2 bead they
    are in the second target sentence only, which the encoder finds closer to the next
    source sentence (it shares a concept, c62, with it)."""
    rng = np.random.default_rng(7)
    src, tgt = [], []
    for k in range(60):
        concepts = [2 * k, 2 * k + 1]
        s, t = sentence(concepts, rng), sentence(concepts, rng)
        for at, (zh, en) in zip((5, 12, 18), _WORDS, strict=True):
            if k in (at, at + 10, at + 20):
                s, t = f"{zh} {s}", f"{en} {t}"
        src.append(s)
        tgt.append(t)
        if k == 30:  # "罗小四笑了笑，在河边点了点头" -> "He smiled. Xiaosi nodded by the river."
            src[-1] = " ".join(zh for zh, _en in _WORDS) + " " + s
            tgt.append("c62 " + " ".join(en for _zh, en in _WORDS))
    return src, tgt


def test_learned_pairs_keep_a_paraphrased_sentence_with_its_source():
    src, tgt = _story_with_a_paraphrase()
    wanted = (30, 31, 30, 32)  # source 30 with targets 30 and 31 ("Xiaosi nodded")

    def beads(**params):
        result = align(src, tgt, ConceptEncoder(), params=AlignParams(**params))
        return {b.ranges for b in result.beads}, result.stats

    without, _stats = beads(lexicon_weight=0.0)
    assert wanted not in without  # the sentence vectors alone cut it off
    found, stats = beads()
    assert wanted in found
    assert stats["lexicon_pairs"] >= 1
