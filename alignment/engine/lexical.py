"""Language-independent lexical cues: tokens that a translation keeps verbatim.

Numbers (years, heights, list numbers), words with a capital or Latin letters written the
same on both sides (names, places; Latin words inside Chinese text) and a few punctuation
marks that translations keep (question and exclamation marks, quotes, parentheses, colons).
Only tokens found on both sides of the stretch being aligned count. A bead whose two sides
hold the same such tokens keeps them together; a token on one side whose twin lies outside
the bead is evidence against the bead. Both are computed with dot products of per-sentence
count vectors, so windows (sums) and band nodes cost what the embedding similarity costs.

Quotation marks also say where beads may end: a boundary inside a quoted speech on one
side and outside on the other rarely separates two beads (`quote_states`).
"""
from __future__ import annotations

import re
from collections import Counter

import numpy as np

from .band import Band
from .features import band_dot

_NUMBER = re.compile(r"\d+")
_WORD = re.compile(r"[^\W\d_]{2,}")
_PUNCT = {
    "?": "?", "？": "?", "!": "!", "！": "!",
    "«": '"', "»": '"', "“": '"', "”": '"', "„": '"', '"': '"', "「": '"', "」": '"',
    "『": '"', "』": '"', "(": "(", "（": "(", ":": ":", "：": ":",
}
_PUNCT_RE = re.compile("[" + re.escape("".join(_PUNCT)) + "]")
_MAX_DIM = 1024  # token vocabularies larger than this are hashed into this many buckets


def tokens(text: str) -> Counter:
    """Verbatim-transferable tokens of one sentence: 'n:1957', 'w:Everest', 'p:?'."""
    out: Counter = Counter()
    for m in _NUMBER.finditer(text):
        out["n:" + m.group().lstrip("0")] += 1
    for m in _WORD.finditer(text):
        w = m.group()
        # A capital, or Latin letters (inside text in another script): names, acronyms.
        if any(c.isupper() for c in w) or (w.isascii() and not text.isascii()):
            out["w:" + w] += 1
    for m in _PUNCT_RE.finditer(text):
        out["p:" + _PUNCT[m.group()]] += 1
    return out


class LexicalSide:
    """Per-sentence weighted count vectors; window sums are taken on demand.

    Only the running sum is kept: a long document's windows of every size would hold
    max_size copies of a (sentences x tokens) matrix.
    """

    def __init__(self, vectors: np.ndarray, max_size: int):
        self.n, self.dim = vectors.shape
        self._cum = np.zeros((self.n + 1, self.dim), np.float32)
        np.cumsum(vectors, axis=0, dtype=np.float32, out=self._cum[1:])
        self.sq = {k: np.einsum("ij,ij->i", w, w).astype(np.float64)
                   for k in range(1, max_size + 1) for w in [self.window(k)]}

    def window(self, k: int) -> np.ndarray:
        """Summed vectors of every window of k sentences (by start)."""
        return self._cum[k:] - self._cum[:-k] if self.n >= k else self._cum[:0]


def weighted_matrix(counts: list, index: dict, weight: dict, dim: int) -> np.ndarray:
    """Rows of token weights (times counts) over the columns `index` gives the tokens."""
    out = np.zeros((len(counts), dim), np.float32)
    for row, c in enumerate(counts):
        for k in c:
            if k in index:
                out[row, index[k]] += weight[k] * (c[k] if isinstance(c, Counter) else 1)
    return out


def lexical_sides(src: list[str], tgt: list[str], max_size: int, punct_weight: float,
                  idf_power: float = 0.5, stems=None, df: tuple[Counter, Counter] | None = None
                  ) -> tuple[LexicalSide, LexicalSide] | None:
    """Count vectors of both sides over their shared tokens (None when they share none).

    A token seen in many sentences says less about which sentences belong together: its
    weight is 1 / (sentences holding it) ** idf_power, the sentences counted in `df` (the
    whole document's, from `token_frequencies`, for a stretch between anchors) if given;
    punctuation weighs `punct_weight`. `stems`, where the pair has a dictionary: (source
    stems, target stems, their weight), one set per sentence (`dictionary.py`); they count
    as tokens of their own kind.
    """
    ts, tt = _sentence_tokens(src, tgt, stems)
    here = sentence_frequencies(ts), sentence_frequencies(tt)
    shared = sorted(set(here[0]) & set(here[1]))
    if punct_weight <= 0:
        shared = [k for k in shared if not k.startswith("p:")]
    if not shared:
        return None
    df_s, df_t = df or here
    dim = min(len(shared), _MAX_DIM)
    index = {k: i % dim for i, k in enumerate(shared)}
    kind_weight = {"p": punct_weight, "d": stems[2] if stems else 0.0}
    weight = {k: kind_weight.get(k[0], 1.0)
              / max(df_s[k], df_t[k]) ** idf_power for k in shared}

    return (LexicalSide(weighted_matrix(ts, index, weight, dim), max_size),
            LexicalSide(weighted_matrix(tt, index, weight, dim), max_size))


def token_frequencies(src: list[str], tgt: list[str], stems=None) -> tuple[Counter, Counter]:
    """In how many sentences of each side each token is (arguments as `lexical_sides`)."""
    ts, tt = _sentence_tokens(src, tgt, stems)
    return sentence_frequencies(ts), sentence_frequencies(tt)


def _sentence_tokens(src: list[str], tgt: list[str], stems) -> tuple[list, list]:
    ts, tt = [tokens(s) for s in src], [tokens(t) for t in tgt]
    if stems is not None:
        # Dictionary stems (`dictionary.py`), counted once per sentence like the tokens.
        stems_s, stems_t, _weight = stems
        for counts, found in [*zip(ts, stems_s, strict=True), *zip(tt, stems_t, strict=True)]:
            counts.update("d:" + k for k in found)
    return ts, tt


def sentence_frequencies(sentences) -> Counter:
    """In how many sentences each token is (sentences as token Counters or sets)."""
    return Counter(token for found in sentences for token in found)


def lexical_scores(band: Band, src: LexicalSide, tgt: LexicalSide, a: int, b: int
                   ) -> tuple[np.ndarray, np.ndarray]:
    """Per node, for a bead (a, b): shared mass (S.T) and unmatched mass |S - T|^2."""
    rows, cols = band.coords()
    s_sq = np.zeros(band.size)
    t_sq = np.zeros(band.size)
    if a:
        ok = (rows - a >= 0) & (rows - a < len(src.sq[a]))
        s_sq[ok] = src.sq[a][rows[ok] - a]
    if b:
        ok = (cols - b >= 0) & (cols - b < len(tgt.sq[b]))
        t_sq[ok] = tgt.sq[b][cols[ok] - b]
    if a and b:
        dot = np.nan_to_num(band_dot(band, src.window(a), tgt.window(b), a, b).astype(np.float64))
    else:
        dot = np.zeros(band.size)
    return dot, np.maximum(s_sq + t_sq - 2 * dot, 0.0)


# Quotation marks by their usual direction. Which way a mark points is read from its
# neighbours first (German „...“ closes with “, Swiss »...« opens with »); the usual
# direction only decides between two letters, as in Chinese text without a colon (道“你).
_OPENERS = set("“‘„«‹「『")
_CLOSERS = set("”’»›」』")
_AMBIGUOUS = set("\"'")
_QUOTE_RE = re.compile("[" + re.escape("".join(sorted(_OPENERS | _CLOSERS | _AMBIGUOUS))) + "]")
_LOOKBACK = 3  # sentences back a quote mark still tells whether a boundary is inside a quote


def _quote_marks(text: str) -> list[int]:
    """+1 for each opening quotation mark of the sentence, -1 for each closing one, in order.

    A mark with a letter after it and none before opens; one with no letter after it and
    no space before closes (German „Ja“, closes with “). Between two letters an ASCII quote
    or ’ is an apostrophe (don't, l'homme) and is skipped; another mark takes its usual
    direction (Chinese 道“你).
    """
    marks = []
    for m in _QUOTE_RE.finditer(text):
        k, ch = m.start(), m.group()
        before = text[k - 1] if k else " "
        after = text[k + 1] if k + 1 < len(text) else " "
        if after.isalnum() and not before.isalnum():
            marks.append(1)
        elif not after.isalnum() and not before.isspace():
            marks.append(-1)
        elif after.isalnum() and before.isalnum() and ch not in _AMBIGUOUS | {"’"}:
            marks.append(1 if ch in _OPENERS else -1)
    return marks


def quote_states(texts: list[str]) -> np.ndarray:
    """For each boundary k (after k sentences): +1 inside a quotation, -1 outside, 0 unknown.

    The last quotation mark in the sentences just before the boundary decides: an opening
    one leaves the boundary inside a quotation. Novels leave quotes open across paragraph
    breaks, so marks further back than a few sentences are not trusted.
    """
    last = [(_quote_marks(t.strip()) or [0])[-1] for t in texts]
    states = np.zeros(len(texts) + 1, np.int8)
    for k in range(1, len(texts) + 1):
        for back in range(k - 1, max(k - 1 - _LOOKBACK, -1), -1):
            if last[back]:
                states[k] = last[back]
                break
    states[0] = states[-1] = -1  # documents start and end outside any quotation; a path
    # passes through both corners of a document or a stretch between anchors anyway
    return states


def quote_mismatch(band: Band, src_states: np.ndarray, tgt_states: np.ndarray) -> np.ndarray:
    """Per node (i, j): 1 where one side's boundary is inside a quotation and the other's not.

    On mac_dev 4% of the gold bead boundaries mismatch, against 29% of the nodes next to
    them; agreeing is much weaker evidence (96% against 71%), so only mismatches count.
    """
    rows, cols = band.coords()
    return (src_states[rows].astype(np.int16) * tgt_states[cols] < 0).astype(np.float64)
