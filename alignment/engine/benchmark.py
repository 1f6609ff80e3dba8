"""Benchmark runner for gold sets (aligngold format): quality, time, encoder work, memory."""
from __future__ import annotations

import json
import os
import re
import resource
import time
import tracemalloc
from dataclasses import dataclass

import numpy as np

from . import scoring
from .aligner import AlignParams, Bead, align
from .cache import CachedEncoder
from .calibration import CROSS_SCRIPT, SAME_SCRIPT, fit_knots
from .clauses import clauses
from .encoders.base import Encoder
from .galechurch import all_windows, gale_church


@dataclass
class Doc:
    """One gold document: sentences of both sides and gold beads."""

    name: str
    src: list[str]
    tgt: list[str]
    gold: list
    src_lang: str | None
    tgt_lang: str | None


def _lines(path: str) -> list[str]:
    with open(path, encoding="utf-8") as fh:
        return fh.read().splitlines()


def _langs(folder: str) -> tuple[str | None, str | None]:
    """Languages from manifest.json ('langs': 'de-fr') or from a folder named like 'de-fr'."""
    manifest = os.path.join(folder, "manifest.json")
    langs = None
    if os.path.exists(manifest):
        with open(manifest, encoding="utf-8") as fh:
            langs = json.load(fh).get("langs")
    langs = langs or os.path.basename(os.path.normpath(folder))
    m = re.fullmatch(r"([a-z]{2,3})[-_]([a-z]{2,3})", langs or "")
    return (m.group(1), m.group(2)) if m else (None, None)


def load_set(folder: str) -> list[Doc]:
    """Read <folder>/{src,tgt,gold}/<doc>."""
    src_lang, tgt_lang = _langs(folder)
    names = sorted(os.listdir(os.path.join(folder, "gold")))
    return [
        Doc(name, _lines(os.path.join(folder, "src", name)),
            _lines(os.path.join(folder, "tgt", name)),
            scoring.read_beads(os.path.join(folder, "gold", name)), src_lang, tgt_lang)
        for name in names
    ]


def find_sets(gold_root: str, demo_root: str | None, wanted: list[str] | None) -> dict:
    """Set name -> folder for the aligngold sets and the demo gold pairs ('demo' selects all)."""
    found = {}
    if gold_root and os.path.isdir(gold_root):
        for name in sorted(os.listdir(gold_root)):
            if os.path.isdir(os.path.join(gold_root, name, "gold")):
                found[name] = os.path.join(gold_root, name)
    if demo_root and os.path.isdir(demo_root):
        for pair in sorted(os.listdir(demo_root)):
            if os.path.isdir(os.path.join(demo_root, pair, "gold")):
                found[f"demo/{pair}"] = os.path.join(demo_root, pair)
    if not wanted:
        return found
    pick = {}
    for w in wanted:
        pick.update({k: v for k, v in found.items() if k == w or k.startswith(w + "/")})
    return pick


def _peak_mb() -> float:
    """Peak resident memory of this process so far (MB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def fit_calibration(docs: list[Doc], encoder: Encoder) -> dict[str, tuple]:
    """Calibration knots fitted to whether the default aligner's beads are gold beads:
    kind of pair (calibration.pair_kind) -> (xs, ys, beads), for each kind the documents
    hold. Pairs in one script are fitted on their own beads; pairs in two scripts on every
    bead (see calibration.py for why)."""
    posteriors: dict[str, list] = {SAME_SCRIPT: [], CROSS_SCRIPT: []}
    correct: dict[str, list] = {SAME_SCRIPT: [], CROSS_SCRIPT: []}
    for doc in docs:
        result = align(doc.src, doc.tgt, encoder, src_lang=doc.src_lang, tgt_lang=doc.tgt_lang,
                       params=AlignParams(calibrated=False))
        kind = result.stats["calibration"]
        hyp = scoring.ranges_to_ids(result.beads)
        for _bead, posterior, right in scoring.strict_correctness(
                doc.gold, hyp, [b.confidence for b in result.beads]):
            posteriors[kind].append(posterior)
            correct[kind].append(right)
    fitted = {}
    if posteriors[SAME_SCRIPT]:
        fitted[SAME_SCRIPT] = (*fit_knots(posteriors[SAME_SCRIPT], correct[SAME_SCRIPT]),
                               len(posteriors[SAME_SCRIPT]))
    if posteriors[CROSS_SCRIPT]:
        every = posteriors[SAME_SCRIPT] + posteriors[CROSS_SCRIPT]
        fitted[CROSS_SCRIPT] = (*fit_knots(every, correct[SAME_SCRIPT] + correct[CROSS_SCRIPT]),
                                len(every))
    return fitted


def run_method(docs: list[Doc], method: str, encoder: CachedEncoder | None,
               params: AlignParams | None = None) -> dict:
    """Align every document with 'engine', 'gale-church' or 'all-windows'; score and time it."""
    if encoder is not None:
        encoder.reset_counts()
    pairs, scored, encode_once = [], [], 0.0
    # No tracemalloc here: it slows numpy-heavy Python several times and would inflate the
    # ratio to encoding time; the scale run measures memory in a run of its own.
    t0 = time.perf_counter()
    for doc in docs:
        if method == "gale-church":
            result = gale_church(doc.src, doc.tgt)
        elif method == "all-windows":
            result = all_windows(doc.src, doc.tgt, encoder, src_lang=doc.src_lang,
                                 tgt_lang=doc.tgt_lang, params=params)
        else:
            result = align(doc.src, doc.tgt, encoder, src_lang=doc.src_lang,
                           tgt_lang=doc.tgt_lang, params=params)
        encode_once += result.stats.get("encode_sentences_s", 0.0)
        hyp = scoring.ranges_to_ids(result.beads)
        pairs.append((doc.gold, hyp))
        scored += scoring.strict_correctness(doc.gold, hyp, [b.confidence for b in result.beads])
    wall = time.perf_counter() - t0
    sentences = sum(len(d.src) + len(d.tgt) for d in docs)
    out = scoring.score_documents(pairs)
    out.update(
        method=method, wall_s=wall, sentences=sentences, sentences_per_s=sentences / wall,
        encode_once_s=encode_once, peak_rss_mb=_peak_mb(),
        calibration=scoring.calibration_table(scored),
        review_queue=scoring.review_queue_capture(scored),
    )
    if encoder is not None:
        out.update(encoder_calls=encoder.calls, sentences_encoded=encoder.sentences_encoded,
                   chars_encoded=encoder.chars_encoded, cache_hits=encoder.cache_hits)
    return out


class LookupEncoder(Encoder):
    """Serves precomputed vectors by text: stands in for a warm cache in the scale run."""

    def __init__(self, table: dict[str, np.ndarray], dim: int, encoder_id: str,
                 check_dim: int = 0, check_table: dict[str, np.ndarray] | None = None):
        self.table, self.dim, self.id, self.check_dim = table, dim, encoder_id, check_dim
        self.check_table = check_table or {}

    def encode(self, sentences, language=None):
        """Return the stored vectors (texts not stored are an error)."""
        return self._lookup(self.table, self.dim, sentences)

    def encode_check(self, sentences, language=None):
        """Return the stored checker vectors (clauses)."""
        return self._lookup(self.check_table, self.check_dim, sentences)

    @staticmethod
    def _lookup(table, dim, sentences):
        if not sentences:
            return np.zeros((0, dim), np.float32)
        return np.stack([table[s] for s in sentences])


def scale_docs(docs: list[Doc], size: int) -> Doc:
    """One long document of about `size` sentences a side, by concatenating gold documents.

    Only documents of the most common language pair are used: a document mixing pairs has
    no single length ratio, which the aligner assumes.
    """
    pairs = [(d.src_lang, d.tgt_lang) for d in docs]
    common = max(set(pairs), key=lambda p: sum(len(d.src) for d in docs
                                             if (d.src_lang, d.tgt_lang) == p))
    docs = [d for d in docs if (d.src_lang, d.tgt_lang) == common]
    src, tgt, gold = [], [], []
    while len(src) < size:
        for d in docs:
            off_s, off_t = len(src), len(tgt)
            src += d.src
            tgt += d.tgt
            gold += [(tuple(i + off_s for i in s), tuple(j + off_t for j in t)) for s, t in d.gold]
            if len(src) >= size:
                break
    return Doc(f"scale-{size}", src, tgt, gold, docs[0].src_lang, docs[0].tgt_lang)


def run_scale(docs: list[Doc], encoder: Encoder, sizes: list[int],
              params: AlignParams | None = None) -> list[dict]:
    """Time and memory of aligning long documents whose sentence vectors are already known."""
    texts = sorted({s for d in docs for s in d.src + d.tgt})
    table = dict(zip(texts, encoder.encode(texts), strict=True))
    check_table = {}
    if encoder.check_dim:
        pieces = sorted({c for t in texts for c in clauses(t)})
        check_table = dict(zip(pieces, encoder.encode_check(pieces), strict=True))
    lookup = LookupEncoder(table, encoder.dim, encoder.id, encoder.check_dim, check_table)
    rows = []
    for size in sizes:
        doc = scale_docs(docs, size)
        t0 = time.perf_counter()
        result = align(doc.src, doc.tgt, lookup, params=params)
        wall = time.perf_counter() - t0
        # Memory in a second run: tracing slows the aligner several times over.
        tracemalloc.start()
        align(doc.src, doc.tgt, lookup, params=params)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        hyp = scoring.ranges_to_ids(result.beads)
        rows.append({
            "size": size, "src": len(doc.src), "tgt": len(doc.tgt), "wall_s": wall,
            "peak_traced_mb": peak / 2**20, "peak_rss_mb": _peak_mb(),
            "band_nodes": result.stats.get("band_nodes"),
            "f1_strict": scoring.score_documents([(doc.gold, hyp)])["f1_strict"],
        })
    return rows


def run_realign(doc: Doc, encoder: Encoder, anchors: int = 100, trials: int = 3) -> list[dict]:
    """Re-align after editing one source sentence, the surest other beads kept as anchors.

    What a reviewer's edit costs: the first alignment fills the encoder's cache, then each
    trial edits a different sentence near the middle and aligns again around the anchors
    (the edited sentence's own bead is not one of them: its alignment is in question).
    """
    first = align(doc.src, doc.tgt, encoder, src_lang=doc.src_lang, tgt_lang=doc.tgt_lang)
    # With a warm cache the first alignment loads no model; a worker has it loaded already,
    # so its loading (a second or two) is not part of what an edit costs.
    encoder.encode([f"warm-up {time.time_ns()}"], doc.src_lang)
    surest = sorted(first.beads, key=lambda b: -b.confidence)
    rows = []
    for trial in range(trials):
        src = list(doc.src)
        edited = min(len(src) // 2 + trial, len(src) - 1)
        src[edited] += f" (edited {time.time_ns()})"  # new text: the cache cannot know it
        kept = sorted([b for b in surest if not b.ranges[0] <= edited < b.ranges[1]][:anchors],
                      key=lambda b: b.ranges)
        if isinstance(encoder, CachedEncoder):
            encoder.reset_counts()
        t0 = time.perf_counter()
        align(src, doc.tgt, encoder, src_lang=doc.src_lang, tgt_lang=doc.tgt_lang, anchors=kept)
        rows.append({"doc": doc.name, "edited": edited, "anchors": len(kept),
                     "wall_s": time.perf_counter() - t0,
                     "sentences_encoded": getattr(encoder, "sentences_encoded", None)})
    return rows


def run_confirmed(docs: list[Doc], encoder: Encoder, every: int) -> dict:
    """What a review's "Re-align the rest" is worth: every `every`-th gold 1-1 bead (of
    those a reviewer could confirm) is confirmed, an anchor, and the rest aligned again.
    Scores the beads not confirmed, and the same beads of an alignment without anchors
    (confirming should never cost)."""
    anchored, free, confirmed_beads = [], [], 0
    for doc in docs:
        confirmed = [b for b in doc.gold if len(b[0]) == len(b[1]) == 1
                     and not _crosses(b, doc.gold)][::every]
        anchors = [Bead(s[0], s[0] + 1, t[0], t[0] + 1) for s, t in confirmed]
        rest = [b for b in doc.gold if b not in confirmed]
        confirmed_beads += len(confirmed)
        for out, kept in ((anchored, anchors), (free, ())):
            result = align(doc.src, doc.tgt, encoder, src_lang=doc.src_lang,
                           tgt_lang=doc.tgt_lang, anchors=kept)
            hyp = [b for b in scoring.ranges_to_ids(result.beads) if b not in confirmed]
            out.append((rest, hyp))
    return {"every": every, "confirmed": confirmed_beads,
            "anchored": scoring.score_documents(anchored), "free": scoring.score_documents(free)}


def _crosses(bead, gold) -> bool:
    """Whether a gold bead crosses another (Text+Berg's gold has some: [111]:[123] and
    [112]:[122]); the workbench's beads never do, so no reviewer could confirm it."""
    (i,), (j,) = bead

    def before(ids, k):
        return all(x < k for x in ids)

    def after(ids, k):
        return all(x > k for x in ids)
    return any(not ((before(s, i) and before(t, j)) or (after(s, i) and after(t, j)))
               for s, t in gold if (s, t) != bead)
