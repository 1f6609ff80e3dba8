"""Bilingual dictionaries: sentences of both languages mapped onto shared word stems.

Where the workbench bundles a dictionary for a language pair, each sentence becomes a set
of English word stems: English sentences through their own words, the other language
through the glosses of the dictionary words it contains. The aligner then treats a stem as
it treats a name or a number written identically on both sides (`lexical.py`): a bead
holding it on both sides is held together, a stem whose twin lies outside the bead counts
against the bead. This is the evidence a small sentence encoder misses when a translator
paraphrases: the rare content words (a dog's left eye, an air gun, mung beans) that the
two sides still share. Hunalign and LF Aligner use dictionaries the same way.

Bundled: Chinese-English, CC-CEDICT (CC BY-SA 4.0) as the `pinyin` package ships it.
"""
from __future__ import annotations

import gzip
import importlib.resources
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

StemReader = Callable[[str], frozenset[str]]

_ENTRY = re.compile(r"^(\S+) (\S+) \[[^\]]*\] /(.*)/\s*$")
_ENGLISH_WORD = re.compile(r"[a-z]{3,}")
_PARENTHESES = re.compile(r"\([^)]*\)")
# Glosses that are cross-references or grammar notes, not translations.
_NOT_A_GLOSS = re.compile(r"^(variant of|old variant|archaic variant|see |surname |CL:|"
                          r"abbr\. for|used in|erhua variant)")
_STOP_WORDS = frozenset(
    "the and for with from that this which who whom what when where how not are was were "
    "been being have has had one two some any all its his her their our your you she they "
    "him them out into onto upon over under about also etc esp sth someone something "
    "somebody very more most much many such than then there here way kind used use make "
    "get give take put particle classifier measure word".split())
GLOSSES_PER_WORD = 4  # a word's first glosses: its common senses, not its rare ones
SHORTEST_WORD = 2  # single characters have too many senses to say which sentence is meant
LONGEST_WORD = 4


@lru_cache(maxsize=1)
def _stem() -> Callable[[str], str]:
    from nltk.stem.snowball import SnowballStemmer

    return lru_cache(maxsize=200_000)(SnowballStemmer("english").stem)


def english_stems(text: str) -> frozenset[str]:
    """Stems of an English sentence's content words."""
    stem = _stem()
    return frozenset(stem(w) for w in _ENGLISH_WORD.findall(text.lower()) if w not in _STOP_WORDS)


@lru_cache(maxsize=1)
def _cedict() -> dict[str, str]:
    """Chinese headword (simplified and traditional) -> its first glosses, one string."""
    out: dict[str, str] = {}
    path = importlib.resources.files("pinyin") / "cedict.txt.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            m = _ENTRY.match(line)
            if not m or not SHORTEST_WORD <= len(m.group(2)) <= LONGEST_WORD:
                continue
            glosses = [g for g in m.group(3).split("/") if g and not _NOT_A_GLOSS.match(g)]
            text = _PARENTHESES.sub(" ", " ".join(glosses[:GLOSSES_PER_WORD]))
            for head in (m.group(1), m.group(2)):
                out[head] = f"{out[head]} {text}" if head in out else text
    return out


@lru_cache(maxsize=100_000)
def _chinese_word_stems(word: str) -> frozenset[str]:
    return english_stems(_cedict()[word])


def chinese_stems(text: str) -> frozenset[str]:
    """English stems of the glosses of every dictionary word in a Chinese sentence."""
    table, out = _cedict(), set()
    for i in range(len(text)):
        for k in range(SHORTEST_WORD, LONGEST_WORD + 1):
            word = text[i:i + k]
            if len(word) == k and word in table:
                out |= _chinese_word_stems(word)
    return frozenset(out)


@dataclass(frozen=True)
class Dictionary:
    """A bundled dictionary for one language pair: how each side becomes English stems."""

    name: str
    src: StemReader
    tgt: StemReader


_READERS: dict[str, StemReader] = {"en": english_stems, "zh": chinese_stems}
_BUNDLED = {frozenset({"zh", "en"}): "CC-CEDICT"}


def for_pair(src_lang: str | None, tgt_lang: str | None) -> Dictionary | None:
    """The dictionary bundled for this pair of languages (either order), if any."""
    base = [(lang or "").split("-")[0].lower() for lang in (src_lang, tgt_lang)]
    name = _BUNDLED.get(frozenset(base))
    return Dictionary(name, _READERS[base[0]], _READERS[base[1]]) if name else None
