"""A document's own word pairs, learned from the aligner's first pass (no dictionary needed).

Like Hunalign's bootstrapping, without its dictionary: words that keep landing on the two
sides of the same beads of the first path (Dice coefficient of the beads holding them) are
taken as translations of each other, each word with its single best partner. In novels
these are the characters' names (罗小四 / Xiaosi), recurring things and frequent verbs; the
second pass then scores beads with them as `lexical.py` scores verbatim tokens: pairs a
bead holds on both sides keep it together, a pair split across its boundary is evidence
against it. The sentence vectors of a small encoder miss exactly this kind of evidence
when a translator paraphrases (see docs/benchmarks.md).

Tokens: Chinese, Japanese and Korean text has no spaces, so its tokens are characters and
character bigrams; other text gives lower-cased words of three letters or more. A token in
more than a tenth of a side's sentences (a function word) is left out.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

import numpy as np

from .lexical import _MAX_DIM, LexicalSide, sentence_frequencies, weighted_matrix

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]+")
_WORD = re.compile(r"[^\W\d_]{3,}")
STOP_SHARE = 0.1  # tokens in more sentences than this share of a side are function words
_COUNT_CHUNK = 1000  # beads whose word pairs are counted together


def content_tokens(text: str) -> frozenset[str]:
    """Characters and bigrams of CJK runs, lower-cased words of 3+ letters elsewhere."""
    out: set[str] = set()
    for run in _CJK.findall(text):
        out.update(run)
        out.update(run[k:k + 2] for k in range(len(run) - 1))
    out.update(w.lower() for w in _WORD.findall(_CJK.sub(" ", text)))
    return frozenset(out)


class _Vocabulary:
    """Token ids of one side, without its function words, and the sentences holding each."""

    def __init__(self, sentences: Sequence[frozenset[str]]):
        self.df = sentence_frequencies(sentences)
        limit = STOP_SHARE * len(sentences)
        self.words = sorted(tok for tok, n in self.df.items() if n <= limit)
        self.ids = {tok: k for k, tok in enumerate(self.words)}

    def bead_ids(self, sentences: Sequence[frozenset[str]]) -> np.ndarray:
        """Distinct token ids of a bead's sentences."""
        return np.array(sorted({self.ids[t] for toks in sentences for t in toks
                                if t in self.ids}), np.int64)


def learn_pairs(src: Sequence[frozenset[str]], tgt: Sequence[frozenset[str]],
                beads: Sequence[tuple[int, int, int, int]], *, min_dice: float,
                min_count: int) -> list[tuple[str, str]]:
    """Word pairs (source, target) that the given beads keep together.

    A pair needs `min_count` beads holding both words and a Dice coefficient of at least
    `min_dice`; then, best pairs first, each word keeps only its first partner.
    """
    vs, vt = _Vocabulary(src), _Vocabulary(tgt)
    if not vs.words or not vt.words:
        return []
    ids = [(vs.bead_ids(src[s0:s1]), vt.bead_ids(tgt[t0:t1])) for s0, s1, t0, t1 in beads]
    ids = [(i_s, i_t) for i_s, i_t in ids if len(i_s) and len(i_t)]
    if not ids:
        return []
    count_s = np.bincount(np.concatenate([i_s for i_s, _ in ids]), minlength=len(vs.words))
    count_t = np.bincount(np.concatenate([i_t for _, i_t in ids]), minlength=len(vt.words))
    # Dice >= d needs the two words' bead counts within a factor (2 - d) / d of each other:
    # pairs further apart are never counted (most pairs of a long book are such).
    ratio = (2 - min_dice) / min_dice if min_dice > 0 else np.inf
    pair, both = _count_pairs(ids, count_s, count_t, len(vt.words), ratio)
    if not len(pair):
        return []
    ps, pt = pair // len(vt.words), pair % len(vt.words)
    dice = 2 * both / (count_s[ps] + count_t[pt])
    keep = np.nonzero((both >= min_count) & (dice >= min_dice))[0]
    keep = keep[np.lexsort((-both[keep], -dice[keep]))]
    used_s, used_t, out = set(), set(), []
    for k in keep:
        s, t = int(ps[k]), int(pt[k])
        if s not in used_s and t not in used_t:
            used_s.add(s)
            used_t.add(t)
            out.append((vs.words[s], vt.words[t]))
    return out


def _count_pairs(ids, count_s, count_t, n_t: int, ratio: float):
    """(pair codes s * n_t + t, beads holding both) over the beads' word ids."""
    total = (np.zeros(0, np.int64), np.zeros(0, np.int64))
    for start in range(0, len(ids), _COUNT_CHUNK):
        # Counted a chunk at a time into a running total: a book holds tens of millions of
        # co-occurrences, far more than distinct pairs.
        codes = []
        for i_s, i_t in ids[start:start + _COUNT_CHUNK]:
            cs, ct = count_s[i_s][:, None], count_t[i_t][None, :]
            close = (cs <= ratio * ct) & (ct <= ratio * cs)
            codes.append((i_s[:, None] * n_t + i_t[None, :])[close])
        chunk = np.unique(np.concatenate(codes), return_counts=True)
        pair, where = np.unique(np.concatenate([total[0], chunk[0]]), return_inverse=True)
        total = pair, np.bincount(where, weights=np.concatenate([total[1], chunk[1]])
                                  ).astype(np.int64)
    return total


def lexicon_sides(src: Sequence[frozenset[str]], tgt: Sequence[frozenset[str]],
                  pairs: list[tuple[str, str]], max_size: int, idf_power: float,
                  df: tuple[Counter, Counter] | None = None
                  ) -> tuple[LexicalSide, LexicalSide] | None:
    """Per-sentence vectors over the word pairs: a pair's column is set where its word is.

    Only pairs with both words in these sentences count (a stretch between anchors may
    hold neither); None if there are none. A pair weighs 1 / (sentences holding its
    words) ** idf_power, like a verbatim token, the sentences counted in `df` (each side's
    token counts of the whole document) if given, else in these.
    """
    here = sentence_frequencies(src), sentence_frequencies(tgt)
    pairs = [(s, t) for s, t in pairs if here[0][s] and here[1][t]]
    if not pairs:
        return None
    df_s, df_t = df or here
    dim = min(len(pairs), _MAX_DIM)
    col_s = {s: k % dim for k, (s, _t) in enumerate(pairs)}
    col_t = {t: k % dim for k, (_s, t) in enumerate(pairs)}
    weight = {s: 1.0 / max(df_s[s], df_t[t]) ** idf_power for s, t in pairs}
    weight_t = {t: weight[s] for s, t in pairs}
    return (LexicalSide(weighted_matrix(src, col_s, weight, dim), max_size),
            LexicalSide(weighted_matrix(tgt, col_t, weight_t, dim), max_size))
