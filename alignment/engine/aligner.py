"""Sentence aligner: coarse 1-1 pass, banded many-to-many DP, targeted window encoding.

1. Encode every sentence once; find a coarse 1-1 path (downsampled when long).
2. In a band around it, score beads up to `max_side` sentences a side with pooled window
   vectors, length agreement, a size prior, a check that each sentence of a merged bead
   is matched (by the encoder or, with a checked encoder, by its checker) and lexical cues
   (numbers and names a bead must keep together, and bead boundaries that must not fall
   inside a quotation on one side only, `lexical.py`; where the workbench bundles a
   dictionary for the pair, the words it translates, `dictionary.py`); forward-backward
   gives posteriors.
3. Optionally encode the concatenated windows of beads the posteriors leave in doubt.
4. Learn the document's own word pairs from the first path's beads (`lexicon.py`), score
   again with them, take the best path; each bead's posterior, calibrated, is its
   confidence.
Anchors (human-confirmed beads) split the documents; only the stretches between them move.
A stretch is scored with the whole document's statistics (unrelated pairs, length ratio,
token weights, quotation states, and word pairs learned from every stretch and from the
anchors themselves), so confirming beads never leaves the rest worse aligned.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field

import numpy as np

from .band import band_around
from .beadmodel import BeadModel
from .calibration import calibrate, pair_kind
from .checker import Checker
from .coarse import coarse_path
from .dictionary import for_pair
from .dp import best_path, posteriors
from .encoders.base import Encoder
from .features import length_ratio, random_pair_stats
from .lexical import (
    lexical_sides,
    quote_mismatch,
    quote_states,
    sentence_frequencies,
    token_frequencies,
)
from .lexicon import content_tokens, learn_pairs, lexicon_sides
from .windows import WindowSide


@dataclass(frozen=True)
class Bead:
    """Source sentences [src_start, src_end) aligned to target [tgt_start, tgt_end)."""

    src_start: int
    src_end: int
    tgt_start: int
    tgt_end: int
    confidence: float = 1.0

    @property
    def ranges(self) -> tuple[int, int, int, int]:
        """The bead's four bounds."""
        return (self.src_start, self.src_end, self.tgt_start, self.tgt_end)


@dataclass
class AlignParams:
    """Tunable settings; defaults were tuned on tb_dev and mac_dev (see docs/benchmarks.md)."""

    max_side: int = 5  # most sentences on one side of a bead (up to 5)
    max_total: int = 7  # most sentences in a bead, both sides together (2-5 yes, 3-5 no)
    band_width: int = 8  # band half-width around the coarse path, in sentences
    coarse_limit: int = 1_500_000  # lattice size above which the coarse pass downsamples
    match_offset: float = 1.5  # standardised similarity a bead needs to beat skipping
    skip_penalty: float = 1.0  # cost of leaving one sentence unaligned ...
    skip_match_weight: float = 0.6  # ... plus this per unit its best 1-1 match in the band
    skip_match_z: float = 2.0  # ... lies above this many spreads over unrelated pairs
    merge_penalty: float = 0.5  # cost per sentence beyond a 1-1 bead
    length_weight: float = 3.0  # weight of the squared log length ratio
    length_smooth: float = 10.0  # characters added to both lengths before the ratio
    pool_power: float = 0.5  # window vectors weight sentences by length ** pool_power
    temperature: float = 1.0  # softness of the posteriors used for doubt and confidence
    refine: bool = False  # encode the windows the first pass leaves in doubt
    doubt_low: float = 0.02  # posterior range of a bead that counts as in doubt
    doubt_high: float = 0.98
    refine_budget: float = 0.5  # most characters encoded for windows, per sentence character
    size_power: float = 0.75  # a bead's similarity counts (sentences / 2) ** size_power times
    part_full: float = 1.5  # ... a merged sentence counting fully from this part z, less below
    part_weight: float = 0.3  # penalty per z-unit a bead's worst-matched sentence lacks ...
    part_floor: float = 1.0  # ... below this standardised cosine
    margin_k: int = 4  # >0: score similarity against the top-k neighbours' (CSLS margin)
    margin_shift: float = 3.0  # added to margin z-scores to put them on the global scale
    lex_match: float = 0.0  # bonus per unit of verbatim tokens (numbers, names) a bead shares
    lex_miss: float = 4.0  # penalty per unit of such tokens whose twin lies outside the bead
    lex_punct: float = 0.0  # weight of punctuation tokens (? ! quotes parentheses colon)
    lex_idf: float = 0.5  # tokens weigh 1 / (sentences holding them) ** lex_idf
    dictionary_weight: float = 0.35  # weight of a bundled dictionary's stems, like lex tokens
    quote_weight: float = 1.0  # cost of a bead boundary inside a quotation on one side only
    lexicon_weight: float = 1.0  # weight of the word pairs learned from a first pass (0: off)
    lexicon_min_posterior: float = 0.11  # first-pass beads at least this sure teach pairs
    lexicon_min_dice: float = 0.3  # how consistently two words must share beads ...
    lexicon_min_count: int = 2  # ... and in how many beads, to count as a pair
    check_clauses: bool = True  # with a checked encoder, also match sentences to clauses ...
    clause_shift: float = 1.0  # ... whose best match counts this many spreads less
    encode_all_windows: bool = False  # baseline: encode every window (about 9x the cost)
    calibrated: bool = True  # False: confidences are the raw posteriors (to fit calibration)
    seed: int = 0

    def bead_types(self) -> list[tuple[int, int]]:
        """Bead types (a, b) allowed, 1-0 and 0-1 included."""
        k = min(self.max_side, 5)
        types = [(a, b) for a in range(1, k + 1) for b in range(1, k + 1)
                 if a + b <= self.max_total]
        return types + [(1, 0), (0, 1)]


@dataclass
class AlignResult:
    """Beads covering both documents in order, and run statistics."""

    beads: list[Bead]
    stats: dict = field(default_factory=dict)


def align(
    src: list[str],
    tgt: list[str],
    encoder: Encoder,
    *,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    params: AlignParams | None = None,
    anchors: Sequence[Bead] = (),
    progress: Callable[[float], None] | None = None,
) -> AlignResult:
    """Align two sentence lists; the result contains every anchor bead unchanged."""
    params = params or AlignParams()
    report = progress or (lambda _f: None)
    stats: dict = {"params": asdict(params), "src_sentences": len(src), "tgt_sentences": len(tgt)}
    t0 = time.perf_counter()
    segments = _segments(anchors, len(src), len(tgt))
    # Encoding dominates on a CPU: it fills the first 40% of the progress bar, chunk by chunk.
    encoded = _Progress(report, len(src) + len(tgt), share=ENCODE_SHARE)
    es = _encode_in_chunks(encoder, list(src), src_lang, encoded)
    et = _encode_in_chunks(encoder, list(tgt), tgt_lang, encoded)
    stats["encode_sentences_s"] = time.perf_counter() - t0
    report(ENCODE_SHARE)
    ctx = _Context(src, tgt, es, et, encoder, src_lang, tgt_lang, params, stats)
    del es, et  # the context keeps its own (contiguous) copies of each encoder's columns
    # First pass over every stretch between anchors, then the word pairs learned from the
    # whole document (the anchors are the surest teachers), then the second pass: the
    # progress bar's rest is shared half and half between the passes.
    passed = _Progress(report, 2 * (len(src) + len(tgt)), 1 - ENCODE_SHARE, ENCODE_SHARE)
    stretches: list = []
    for seg in segments:
        stretches.append(seg if isinstance(seg, Bead) else ctx.first_pass(*seg))
        passed.advance(_size(seg))
    ctx.learn_word_pairs(stretches)
    beads: list[Bead] = []
    for x in stretches:
        beads.extend([Bead(*x.ranges, confidence=1.0)] if isinstance(x, Bead) else ctx.decode(x))
        passed.advance(_size(x))
    stats["total_s"] = time.perf_counter() - t0
    stats["beads"] = len(beads)
    report(1.0)
    return AlignResult(beads, stats)


ENCODE_SHARE = 0.4
ENCODE_CHUNK = 256  # sentences per encoder call: progress often enough, batches still large


class _Progress:
    """Turn counts of finished items into a fraction of one share of the progress bar."""

    def __init__(self, report: Callable[[float], None], total: int, share: float,
                 start: float = 0.0) -> None:
        self.report, self.total, self.share, self.start = report, max(total, 1), share, start
        self.done = 0

    def advance(self, items: int) -> None:
        self.done += items
        self.report(self.start + self.share * self.done / self.total)


def _encode_in_chunks(encoder: Encoder, sentences: list[str], language: str | None,
                      progress: _Progress) -> np.ndarray:
    parts = [encoder.encode([], language)]  # keeps the shape right for an empty side
    for start in range(0, len(sentences), ENCODE_CHUNK):
        chunk = sentences[start:start + ENCODE_CHUNK]
        parts.append(encoder.encode(chunk, language))
        progress.advance(len(chunk))
    return np.vstack(parts)


def _size(x) -> int:
    """Sentences of both sides in an anchor bead, a stretch or its (s0, s1, t0, t1) bounds."""
    s0, s1, t0, t1 = x if isinstance(x, tuple) else x.ranges
    return s1 - s0 + t1 - t0


@dataclass
class _Stretch:
    """A stretch between anchors after the first pass: the model and posteriors over its
    band (none when one side is empty: nothing to decide)."""

    ranges: tuple[int, int, int, int]
    model: BeadModel | None = None
    post: list | None = None
    relearned: bool = False  # word pairs were set on the model after the first pass


def _segments(anchors: Sequence[Bead], n: int, m: int) -> list:
    """Anchors and the (s0, s1, t0, t1) stretches between them, in order."""
    out: list = []
    s, t = 0, 0
    for a in sorted(anchors, key=lambda b: (b.src_start, b.tgt_start, b.src_end, b.tgt_end)):
        if a.src_start < s or a.tgt_start < t or a.src_end < a.src_start \
                or a.tgt_end < a.tgt_start or a.src_end > n or a.tgt_end > m:
            raise ValueError(f"anchor {a.ranges} overlaps another or lies outside the texts")
        if a.src_end == a.src_start and a.tgt_end == a.tgt_start:
            continue
        out.append((s, a.src_start, t, a.tgt_start))
        out.append(a)
        s, t = a.src_end, a.tgt_end
    out.append((s, n, t, m))
    return [x for x in out if isinstance(x, Bead) or x[1] > x[0] or x[3] > x[2]]


class _Context:
    """What the segment alignments of one document share: vectors, encoder, settings."""

    def __init__(self, src, tgt, es, et, encoder, src_lang, tgt_lang, params, stats):
        self.src, self.tgt = src, tgt
        self.encoder, self.src_lang, self.tgt_lang = encoder, src_lang, tgt_lang
        self.params, self.stats = params, stats
        self.dictionary = for_pair(src_lang, tgt_lang) if params.dictionary_weight else None
        if self.dictionary:
            stats["dictionary"] = self.dictionary.name
        self.kind = stats["calibration"] = pair_kind(src, tgt)
        self._document_df = None  # token frequencies, counted when anchors cut the document
        # Whole-document states: a stretch between anchors may begin inside a quotation.
        self.quotes = (quote_states(src), quote_states(tgt)) if params.quote_weight else None
        self.types = params.bead_types()
        self.rng = np.random.default_rng(params.seed)
        primary = es.shape[1] - encoder.check_dim
        self.es, self.et = (np.ascontiguousarray(x[:, :primary]) for x in (es, et))
        # Unrelated-pair cosines, centre and spread, sampled once per document (stretches
        # between anchors may be tiny); the spread floored for documents too short for it.
        centre, spread = random_pair_stats(self.es, self.et, self.rng)
        self.null = (centre, max(spread, 0.01))
        # The length ratio of the whole document too: a short stretch between confirmed
        # beads says little about it.
        self.ratio = length_ratio(src, tgt)
        self.checker = Checker(self, es[:, primary:], et[:, primary:]) \
            if encoder.check_dim else None
        for key in ("windows_encoded", "window_chars_encoded", "band_nodes"):
            stats.setdefault(key, 0)
        stats.setdefault("dp_s", 0.0)
        stats.setdefault("encode_windows_s", 0.0)

    def first_pass(self, s0: int, s1: int, t0: int, t1: int) -> _Stretch:
        """Score src[s0:s1] against tgt[t0:t1] in a band and take the posteriors."""
        n, m = s1 - s0, t1 - t0
        if n == 0 or m == 0:
            return _Stretch((s0, s1, t0, t1))
        p = self.params
        k = min(p.max_side, 5)
        src = WindowSide(self.src[s0:s1], self.es[s0:s1], k, p.pool_power)
        tgt = WindowSide(self.tgt[t0:t1], self.et[t0:t1], k, p.pool_power)
        tic = time.perf_counter()
        nodes = coarse_path(src.vectors, tgt.vectors, limit=p.coarse_limit,
                            width=p.band_width, skip=p.skip_penalty, rng=self.rng)
        band = band_around(nodes, n, m, p.band_width)
        self.stats["band_nodes"] += band.size
        if p.encode_all_windows:
            self._encode_all(src, tgt, k)
        lex = None
        if p.lex_match or p.lex_miss:
            lex = lexical_sides(self.src[s0:s1], self.tgt[t0:t1], k, p.lex_punct, p.lex_idf,
                                self._dictionary_stems(s0, s1, t0, t1), self._token_df(n, m))
        node_cost = 0.0
        if p.quote_weight:
            # Boundaries inside a quotation on one side only rarely separate two beads.
            node_cost = p.quote_weight * quote_mismatch(
                band, self.quotes[0][s0:s1 + 1], self.quotes[1][t0:t1 + 1])
        checks = self.checker.views(band, src, tgt, s0, s1, t0, t1) if self.checker else []
        model = BeadModel(band, self.types, src, tgt, p, self.rng, self.null, self.ratio, lex,
                           node_cost, checks)
        del checks
        if (s1, t1) == (len(self.src), len(self.tgt)):
            self.checker = None  # the last stretch: free its vectors before the word pairs
        post = posteriors(band, self.types, model.scaled())
        self.stats["dp_s"] += time.perf_counter() - tic
        if p.refine:
            self._refine(model, post, src, tgt)
            tic = time.perf_counter()
            model.rescore(windows_changed=True)
            post = posteriors(band, self.types, model.scaled())
            self.stats["dp_s"] += time.perf_counter() - tic
        return _Stretch((s0, s1, t0, t1), model, post)

    def learn_word_pairs(self, stretches: list) -> None:
        """Learn the document's word pairs from the first pass's surer beads of every stretch
        and from the anchors, and set them on each stretch's model."""
        p = self.params
        if not p.lexicon_weight:
            return
        tic = time.perf_counter()
        teachers = [x.ranges for x in stretches if isinstance(x, Bead)]
        for x in stretches:
            if isinstance(x, _Stretch) and x.model is not None:
                teachers += self._sure_beads(x)
        src = [content_tokens(t) for t in self.src]
        tgt = [content_tokens(t) for t in self.tgt]
        pairs = learn_pairs(src, tgt, teachers, min_dice=p.lexicon_min_dice,
                            min_count=p.lexicon_min_count)
        self.stats["lexicon_pairs"] = len(pairs)
        # Weighed by the whole document's counts, as without anchors.
        df = sentence_frequencies(src), sentence_frequencies(tgt)
        for x in stretches if pairs else ():
            if isinstance(x, _Stretch) and x.model is not None:
                s0, s1, t0, t1 = x.ranges
                x.model.lexicon = lexicon_sides(src[s0:s1], tgt[t0:t1], pairs,
                                                min(p.max_side, 5), p.lex_idf, df)
                x.relearned = x.model.lexicon is not None
        self.stats["dp_s"] += time.perf_counter() - tic

    def _sure_beads(self, x: _Stretch) -> list[tuple[int, int, int, int]]:
        """The first path's beads of a stretch that are sure enough to teach word pairs."""
        band, (s0, _s1, t0, _t1) = x.model.band, x.ranges
        beads, _ = best_path(band, self.types, x.model.scores)
        return [(s0 + b0, s0 + b1, t0 + c0, t0 + c1) for b0, b1, c0, c1 in beads
                if x.post[self.types.index((b1 - b0, c1 - c0))][band.node(b1, c1)]
                >= self.params.lexicon_min_posterior]

    def decode(self, x: _Stretch) -> list[Bead]:
        """The stretch's best path (scored again with the word pairs, if any were learned),
        each bead with its confidence; offsets are added back to the beads."""
        s0, s1, t0, t1 = x.ranges
        if x.model is None:
            return [Bead(s0 + i, s0 + i + 1, t0, t0, 1.0) for i in range(s1 - s0)] + [
                Bead(s0, s0, t0 + j, t0 + j + 1, 1.0) for j in range(t1 - t0)]
        tic = time.perf_counter()
        model, band = x.model, x.model.band
        if x.relearned:
            x.post = None  # freed before the second pass's posteriors take its place (memory)
            model.rescore()
            x.post = posteriors(band, self.types, model.scaled())
        beads, _ = best_path(band, self.types, model.scores)
        out = []
        for b0, b1, c0, c1 in beads:
            conf = float(x.post[self.types.index((b1 - b0, c1 - c0))][band.node(b1, c1)])
            conf = calibrate(conf, self.kind) if self.params.calibrated else conf
            out.append(Bead(s0 + b0, s0 + b1, t0 + c0, t0 + c1, conf))
        x.model = x.post = None  # this stretch is done: free its band (memory)
        self.stats["dp_s"] += time.perf_counter() - tic
        return out

    def _token_df(self, n: int, m: int):
        """The whole document's token frequencies, for a stretch shorter than it (weights
        then mean the same in every stretch between anchors); None for the whole."""
        if (n, m) == (len(self.src), len(self.tgt)):
            return None
        if self._document_df is None:
            self._document_df = token_frequencies(
                self.src, self.tgt, self._dictionary_stems(0, len(self.src), 0, len(self.tgt)))
        return self._document_df

    def _dictionary_stems(self, s0: int, s1: int, t0: int, t1: int):
        """Both sides' sentences as English stems, where a dictionary for the pair is bundled."""
        d = self.dictionary
        if d is None:
            return None
        return ([d.src(t) for t in self.src[s0:s1]], [d.tgt(t) for t in self.tgt[t0:t1]],
                self.params.dictionary_weight)

    def _encode_windows(self, texts: list[str], language: str | None) -> np.ndarray:
        """Encode window texts; only the primary encoder's columns score windows."""
        return self.encoder.encode(texts, language)[:, : self.es.shape[1]]

    def _encode_all(self, src: WindowSide, tgt: WindowSide, k: int) -> None:
        """Encode every window of 2..k sentences on both sides (the all-windows baseline)."""
        tic = time.perf_counter()
        for side, lang in ((src, self.src_lang), (tgt, self.tgt_lang)):
            for size in range(2, k + 1):
                starts = list(range(side.n - size + 1))
                if starts:
                    texts = [side.text(s, size) for s in starts]
                    side.set_encoded(size, starts, self._encode_windows(texts, lang))
                    self.stats["windows_encoded"] += len(starts)
        self.stats["encode_windows_s"] += time.perf_counter() - tic

    def _refine(self, model: BeadModel, post, src: WindowSide, tgt: WindowSide) -> None:
        """Encode the multi-sentence windows of beads in doubt, most uncertain first."""
        p = self.params
        want: dict[tuple[str, int, int], float] = {}
        rows, cols = model.band.coords()
        for t, (a, b) in enumerate(self.types):
            if a < 2 and b < 2:
                continue
            pt = post[t]
            idx = np.nonzero((pt >= p.doubt_low) & (pt <= p.doubt_high))[0]
            for x in idx:
                # Closest to 0.5 first: those decisions the real vectors can change.
                prio = -abs(float(pt[x]) - 0.5)
                if a >= 2:
                    key = ("s", int(rows[x]) - a, a)
                    want[key] = max(want.get(key, -1.0), prio)
                if b >= 2:
                    key = ("t", int(cols[x]) - b, b)
                    want[key] = max(want.get(key, -1.0), prio)
        budget = p.refine_budget * (src.lengths.sum() + tgt.lengths.sum())
        chosen, chars = [], 0.0
        for key in sorted(want, key=want.get, reverse=True):
            side = src if key[0] == "s" else tgt
            if side.encoded[key[2]][key[1]]:
                continue
            size = side.window_lengths(key[2])[key[1]]
            if chars + size > budget:
                continue
            chosen.append(key)
            chars += size
        tic = time.perf_counter()
        for tag, side, lang in (("s", src, self.src_lang), ("t", tgt, self.tgt_lang)):
            keys = [k for k in chosen if k[0] == tag]
            if not keys:
                continue
            vecs = self._encode_windows([side.text(s, k) for _, s, k in keys], lang)
            for size in {k for _, _, k in keys}:
                sel = [i for i, key in enumerate(keys) if key[2] == size]
                side.set_encoded(size, [keys[i][1] for i in sel], vecs[sel])
        self.stats["encode_windows_s"] += time.perf_counter() - tic
        self.stats["windows_encoded"] += len(chosen)
        self.stats["window_chars_encoded"] += int(chars)
