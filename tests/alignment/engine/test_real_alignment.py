"""A real German-French alignment with the bundled encoder, scored against human gold."""
import os
from pathlib import Path

import pytest

from alignment.engine.aligner import align
from alignment.engine.benchmark import load_set, run_confirmed
from alignment.engine.cache import CachedEncoder, open_cache
from alignment.engine.encoders import get_encoder
from alignment.engine.scoring import ranges_to_ids, read_beads, score_documents

TB = Path(os.environ.get("ALIGNGOLD_DIR", "/work/shared/aligngold")) / "tb_dev"
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not TB.exists(), reason="aligngold not available")]


def _prefix(limit=45):
    """The first gold beads whose sentences all lie within the first `limit` source lines."""
    gold = []
    for s, t in read_beads(TB / "gold" / "dev"):
        if any(i >= limit for i in s):
            break
        gold.append((s, t))
    n = 1 + max(i for s, _ in gold for i in s)
    m = 1 + max(j for _, t in gold for j in t)
    src = (TB / "src" / "dev").read_text(encoding="utf-8").splitlines()[:n]
    tgt = (TB / "tgt" / "dev").read_text(encoding="utf-8").splitlines()[:m]
    return src, tgt, gold


@pytest.fixture(scope="module")
def encoder(tmp_path_factory):
    cache = open_cache(f"sqlite:///{tmp_path_factory.mktemp('emb') / 'emb.sqlite'}")
    return CachedEncoder(get_encoder("e5-small"), cache)


def test_tb_dev_prefix_aligns_well(encoder):
    src, tgt, gold = _prefix()
    result = align(src, tgt, encoder, src_lang="de", tgt_lang="fr")
    scores = score_documents([(gold, ranges_to_ids(result.beads))])
    assert scores["f1_strict"] >= 0.8
    assert scores["f1_lax"] >= 0.95


def test_realignment_with_an_anchor_only_encodes_the_edit(encoder):
    src, tgt, gold = _prefix()
    first = align(src, tgt, encoder, src_lang="de", tgt_lang="fr")
    anchor = first.beads[len(first.beads) // 2]
    calls_before = encoder.sentences_encoded
    edited = list(src)
    edited[0] = edited[0] + " (bearbeitet)"
    again = align(edited, tgt, encoder, src_lang="de", tgt_lang="fr", anchors=[anchor])
    assert anchor.ranges in [b.ranges for b in again.beads]
    assert encoder.sentences_encoded - calls_before <= 1 + again.stats["windows_encoded"]


def test_confirming_beads_leaves_the_rest_at_least_as_well_aligned(tmp_path):
    # What "Re-align the rest" does after a review: the confirmed beads become anchors and
    # the stretches between them are aligned again. Word pairs, token weights and quotation
    # states are the whole document's, so short stretches are scored as the whole was (per
    # stretch they cost 0.03 F1 here with every fifth 1-1 bead confirmed).
    encoder = CachedEncoder(get_encoder(None), open_cache(f"sqlite:///{tmp_path / 'e.sqlite'}"))
    row = run_confirmed(load_set(str(TB)), encoder, every=5)
    assert row["confirmed"] == 49  # one of the 1-1 gold beads crosses another
    assert row["anchored"]["f1_strict"] >= row["free"]["f1_strict"] - 0.005
