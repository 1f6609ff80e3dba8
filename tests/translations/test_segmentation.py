"""Segmentation: hard cases, the seed texts, random text, and the demo corpus's gold files.

Pure Python: no database, no Django settings needed.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from translations.segmentation import (
    PUNKT_MODELS,
    SUPPORTED_LANGUAGES,
    Sentence,
    has_punkt_model,
    split_paragraphs,
    split_sentences,
)

REPO = Path(__file__).resolve().parents[2]
# The user's sample corpus on these machines (or where SEEDS_DIR says).
SEEDS = Path(os.environ.get("SEEDS_DIR", "/work/shared/seeds"))
DEMO = REPO / "fixtures" / "demo"

SEED_LANGUAGES = {
    "000_42fdc40e22cfc5b0.txt": "en",
    "001_09d6a01f6ab5f7d3.txt": "en",
    "002_69f690513297f282.txt": "en",
    "003_e2bc4d2289b87061.txt": "de",
    "004_334177de0dedc37e.txt": "en",
}


def texts(raw: str, language: str, extra=()) -> list[str]:
    return [s.text for s in split_sentences(raw, language, extra)]


def assert_well_formed(raw: str, sentences: list[Sentence]) -> None:
    """Offsets exact, ordered, non-overlapping, no empty sentence, every non-space
    character of ``raw`` in exactly one sentence."""
    owner = [0] * len(raw)
    previous_end = 0
    previous_paragraph = 0
    for s in sentences:
        assert s.text == raw[s.start : s.end]
        assert s.text and s.text == s.text.strip()
        assert s.start >= previous_end
        assert s.paragraph >= previous_paragraph
        previous_end, previous_paragraph = s.end, s.paragraph
        for i in range(s.start, s.end):
            owner[i] += 1
    for i, ch in enumerate(raw):
        if not ch.isspace():
            assert owner[i] == 1, (i, ch, raw[max(0, i - 30) : i + 30])


# ---------------------------------------------------------------------------
# Hard cases


def test_german_ordinal_date_is_not_a_boundary():
    raw = (
        "Eine Demonstration lief am 14. November mit tausenden Teilnehmern durch "
        "Chilpancingo. Am 15. November eröffnete die Polizei das Feuer."
    )
    assert texts(raw, "de") == [
        "Eine Demonstration lief am 14. November mit tausenden Teilnehmern durch Chilpancingo.",
        "Am 15. November eröffnete die Polizei das Feuer.",
    ]


def test_us_mid_sentence_and_at_sentence_end():
    assert texts("The drug war that the U.S. has been waging goes on. It is old.", "en") == [
        "The drug war that the U.S. has been waging goes on.",
        "It is old.",
    ]
    assert texts("Its fate is tied to that of the U.S. Ongoing investment grows.", "en") == [
        "Its fate is tied to that of the U.S.",
        "Ongoing investment grows.",
    ]


def test_z_b_in_german():
    assert texts("Das ist z.B. ein Satz. Und noch einer.", "de") == [
        "Das ist z.B. ein Satz.",
        "Und noch einer.",
    ]


def test_dr_smith():
    assert texts("Yesterday Dr. Smith arrived late. He was tired.", "en") == [
        "Yesterday Dr. Smith arrived late.",
        "He was tired.",
    ]


def test_footnote_marker_stays_with_the_sentence_it_annotates():
    raw = "This is the end.[xiv] Next sentence starts here. And a quote.”[3] Last one."
    assert texts(raw, "en") == [
        "This is the end.[xiv]",
        "Next sentence starts here.",
        "And a quote.”[3]",
        "Last one.",
    ]


def test_curly_quotes_and_em_dashes():
    raw = (
        "The students were “no saints,” said the Attorney General. He was “tired.” "
        "The experts—a group of investigators—disagreed. “Where are they?” she asked."
    )
    assert texts(raw, "en") == [
        "The students were “no saints,” said the Attorney General.",
        "He was “tired.”",
        "The experts—a group of investigators—disagreed.",
        "“Where are they?” she asked.",
    ]


def test_heading_on_its_own_line_is_its_own_paragraph_and_sentence():
    raw = (
        "The War on Drugs as a Tool of Regional Domination\n"
        "Since 2006, Mexico has adopted a war strategy. It failed.\n"
        "U.S. Imperialism Responsible for Violence\n\n"
        "What lies at the heart\n\nThe case was a watershed moment."
    )
    sentences = split_sentences(raw, "en")
    assert [(s.paragraph, s.text) for s in sentences] == [
        (0, "The War on Drugs as a Tool of Regional Domination"),
        (1, "Since 2006, Mexico has adopted a war strategy."),
        (1, "It failed."),
        (2, "U.S. Imperialism Responsible for Violence"),
        (3, "What lies at the heart"),
        (4, "The case was a watershed moment."),
    ]


@pytest.mark.parametrize(("text", "language", "first"), [
    ("Le preguntó «¿Dónde están?», y nadie respondió. Luego se fue.", "es",
     "Le preguntó «¿Dónde están?», y nadie respondió."),
    ("Er fragte: „Wo sind sie?“, und niemand antwortete. Dann ging er.", "de",
     "Er fragte: „Wo sind sie?“, und niemand antwortete."),
    ('He asked "where are they?", and nobody answered. Then he left.', "en",
     'He asked "where are they?", and nobody answered.'),
])
def test_a_quoted_question_followed_by_a_comma_does_not_end_the_sentence(text, language, first):
    assert texts(text, language)[0] == first
    assert len(texts(text, language)) == 2


def test_spanish_inverted_question_and_sr():
    assert texts("¿Dónde está el Sr. García? No lo sé.", "es") == [
        "¿Dónde está el Sr. García?",
        "No lo sé.",
    ]


def test_chinese_sentence_final_punctuation():
    assert texts("他来了。你好吗？好！", "zh") == ["他来了。", "你好吗？", "好！"]


def test_cjk_closing_quotes_follow_their_terminator():
    assert texts("他说：“我来了。”她笑了。", "zh") == ["他说：“我来了。”她笑了。"]
    assert texts("「行くの？」と彼は聞いた。「はい。」「いいえ！」", "ja") == [
        "「行くの？」と彼は聞いた。",
        "「はい。」",
        "「いいえ！」",
    ]
    assert texts("（注意！）次へ。", "ja") == ["（注意！）次へ。"]


def test_numbers_with_separators_are_not_split():
    raw = "The budget was $1,000.50 in 2014. The rate rose by 3.5 percent to 1.234,5 units."
    assert texts(raw, "en") == [
        "The budget was $1,000.50 in 2014.",
        "The rate rose by 3.5 percent to 1.234,5 units.",
    ]


def test_ellipsis():
    assert texts("We’ll go back to our classrooms…and what then? Nothing.", "en") == [
        "We’ll go back to our classrooms…and what then?",
        "Nothing.",
    ]
    assert texts("It went on and on… and then it stopped. Silence.", "en") == [
        "It went on and on… and then it stopped.",
        "Silence.",
    ]
    assert texts("We waited... Nobody came.", "en") == ["We waited...", "Nobody came."]


def test_project_abbreviations():
    raw = "The vote is approx. Tuesday next week. Fine."
    assert texts(raw, "en", ["approx."]) == ["The vote is approx. Tuesday next week.", "Fine."]
    assert texts("Wir kommen zirka. Dann gehen wir.", "de", ["zirka"]) == [
        "Wir kommen zirka. Dann gehen wir."
    ]


def test_single_line_break_inside_prose_stays_in_the_paragraph():
    raw = (
        "This is a hard-wrapped paragraph of plain text, the kind e-mail\n"
        "programs produce. It goes on for a while and its lines break at\n"
        "a fixed width. The paragraph ends here.\n"
        "A new paragraph starts on the next line without a blank line.\n"
    )
    spans = split_paragraphs(raw)
    assert len(spans) == 2
    assert raw[spans[1][0] : spans[1][1]].startswith("A new paragraph")
    sentences = split_sentences(raw, "en")
    assert [s.paragraph for s in sentences] == [0, 0, 0, 1]
    assert sentences[0].text == (
        "This is a hard-wrapped paragraph of plain text, the kind e-mail\nprograms produce."
    )


def test_paragraph_breaks_lists_quotes_and_repeated_captions():
    raw = (
        "Demands:\n- truth\n- justice\n\n"
        "A caption. Tixtla, 2015.\nA caption. Tixtla, 2015.\n"
        "“The emancipation of the working class.”\n— Karl Marx\r\n\r\nEnd."
    )
    paragraphs = [raw[a:b] for a, b in split_paragraphs(raw)]
    assert paragraphs == [
        "Demands:",
        "- truth",
        "- justice",
        "A caption. Tixtla, 2015.",
        "A caption. Tixtla, 2015.",
        "“The emancipation of the working class.”",
        "— Karl Marx",
        "End.",
    ]


def test_offsets_point_into_the_raw_text_with_surrounding_whitespace():
    raw = "  \n\n  First one.   Second one.  \n\n\n  Third.\t\n"
    sentences = split_sentences(raw, "en")
    assert [(s.start, s.end, s.paragraph) for s in sentences] == [
        (6, 16, 0),
        (19, 30, 0),
        (37, 43, 1),
    ]
    assert_well_formed(raw, sentences)


def test_empty_and_blank_input():
    assert split_sentences("", "en") == []
    assert split_sentences(" \n\n\t ", "de") == []
    assert split_paragraphs("") == []


@pytest.mark.parametrize(
    ("language", "raw", "expected"),
    [
        ("fr", "M. Dupont est arrivé. Il était fatigué.", 2),
        ("it", "Il sig. Rossi è arrivato. Era stanco.", 2),
        ("pt", "O Sr. Silva chegou. Estava cansado.", 2),
        ("nl", "Hij kwam gisteren. Hij was moe.", 2),
        ("ru", "Он пришёл. Он устал.", 2),
        ("ar", "مرحبا. كيف حالك؟ بخير.", 3),
        ("he", "שלום. מה שלומך? טוב.", 3),
        ("ca", "El Sr. Puig va arribar. Estava cansat.", 2),
        ("hi", "वह आया। वह थका हुआ था।", 2),
        ("ko", "안녕하세요. 잘 지내요? 네！좋아요。", 4),
        ("pt-BR", "O Dr. Souza chegou. Estava cansado.", 2),
    ],
)
def test_other_languages(language, raw, expected):
    sentences = split_sentences(raw, language)
    assert len(sentences) == expected, [s.text for s in sentences]
    assert_well_formed(raw, sentences)


def test_language_tables():
    assert len(PUNKT_MODELS) >= 19
    for code in PUNKT_MODELS:
        assert code in SUPPORTED_LANGUAGES
        assert has_punkt_model(code)
    for code in ["zh", "ja", "ko", "ar", "he", "ru", "uk", "ca", "eu", "gl", "ro", "hu", "hi"]:
        assert code in SUPPORTED_LANGUAGES
    assert has_punkt_model("de") and has_punkt_model("EN") and has_punkt_model("pt-BR")
    assert not has_punkt_model("zh") and not has_punkt_model("xx")
    assert all(re.fullmatch(r"[a-z]{2}", code) for code in SUPPORTED_LANGUAGES)


def test_never_downloads(monkeypatch):
    import nltk

    def refuse(*args, **kwargs):  # pragma: no cover - only runs on a regression
        raise AssertionError("nltk.download called")

    monkeypatch.setattr(nltk, "download", refuse)
    assert texts("One. Two.", "sv") == ["One.", "Two."]


# ---------------------------------------------------------------------------
# Random text


_PIECES = st.sampled_from(
    list("ab AB.!?\n\r\t\x00…。！？「」“”’[]xiv12,¿¡—-")
    + ["\u05d0\u05d1", "\u0627\u0644", "e\u0301", "\u2029", "\x0c", "\u200f", "Dr.", "U.S."]
    + [" z.B. ", "\n\n", ".[xiv] ", "\U0001f600"]
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    raw=st.one_of(st.text(), st.lists(_PIECES, max_size=60).map("".join)),
    language=st.sampled_from(["en", "de", "es", "fr", "zh", "ja", "ko", "ar", "he", "xx", ""]),
)
def test_random_text_never_breaks_the_contract(raw, language):
    assert_well_formed(raw, split_sentences(raw, language))
    previous = 0
    for start, end in split_paragraphs(raw):
        assert previous <= start < end <= len(raw)
        previous = end


# ---------------------------------------------------------------------------
# Seeds


# The demo corpus carries byte-identical copies of the seeds, so these tests never depend
# on a folder outside the repository.
SEED_COPIES = DEMO / "originals"


@pytest.mark.parametrize(
    ("name", "low", "high"),
    [
        ("000_42fdc40e22cfc5b0.txt", 150, 185),
        ("001_09d6a01f6ab5f7d3.txt", 95, 115),
        ("002_69f690513297f282.txt", 28, 36),
        ("003_e2bc4d2289b87061.txt", 13, 18),
        ("004_334177de0dedc37e.txt", 35, 45),
    ],
)
def test_seed_segmentation(name, low, high):
    raw = (SEED_COPIES / name).read_text(encoding="utf-8")
    sentences = split_sentences(raw, SEED_LANGUAGES[name])
    assert_well_formed(raw, sentences)
    assert low <= len(sentences) <= high
    for s in sentences:
        assert len(s.text) < 1500


def test_seed_hard_spots():
    def seed(name):
        raw = (SEED_COPIES / name).read_text(encoding="utf-8")
        return raw, split_sentences(raw, SEED_LANGUAGES[name])

    raw, sentences = seed("000_42fdc40e22cfc5b0.txt")
    by_text = {s.text: s for s in sentences}
    assert "What lies at the heart" in by_text
    assert "Exemplary punishment" in by_text
    assert "—Rosa Luxemburg" in by_text
    heading = by_text["What lies at the heart"]
    assert all(s.paragraph != heading.paragraph for s in sentences if s is not heading)
    assert any(s.text.endswith("April of 2013.[xviii]") for s in sentences)
    assert not any(s.text.startswith("[") for s in sentences)
    assert any(
        "the drug war that the U.S. has been waging on the international level." in s.text
        for s in sentences
    )
    captions = [s for s in sentences if s.text.startswith("Police intercept relatives")]
    assert len(captions) == 2 and captions[0].paragraph != captions[1].paragraph

    raw, sentences = seed("002_69f690513297f282.txt")
    assert sentences[5].text == "U.S. Imperialism Responsible for Violence in Mexico"
    assert [s.text for s in sentences[3:5]] == [
        "“The emancipation of the working class will only be achieved by the working class "
        "itself.”",
        "— Karl Marx",
    ]

    raw, sentences = seed("003_e2bc4d2289b87061.txt")
    assert any("am 14. November mit tausenden Teilnehmern" in s.text for s in sentences)
    assert any("ca. 200 Menschen" in s.text for s in sentences)
    assert not any(s.text.startswith(("November", "Menschen")) for s in sentences)

    raw, sentences = seed("004_334177de0dedc37e.txt")
    headings = [
        "The War on Drugs as a Tool of Regional Domination",
        "Permanent Militarization and the Working Class",
        "Against the Imperial Narrative: an Internationalist Perspective",
    ]
    for heading in headings:
        (match,) = [s for s in sentences if s.text == heading]
        assert sum(1 for s in sentences if s.paragraph == match.paragraph) == 1


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"the user's seed folder {SEEDS} is absent")
def test_demo_originals_are_the_seeds():
    for name in SEED_LANGUAGES:
        copy = DEMO / "originals" / name
        assert copy.read_bytes() == (SEEDS / name).read_bytes()


# ---------------------------------------------------------------------------
# Demo corpus and its gold alignments


def _manifest() -> dict:
    return json.loads((DEMO / "manifest.json").read_text(encoding="utf-8"))


def _pairs() -> list[dict]:
    return _manifest()["pairs"]


def one_per_line(sentences: list[Sentence]) -> str:
    """The gold files' form: one sentence a line, inner line breaks as spaces."""
    return "".join(re.sub(r"\s*[\r\n\u2028\u2029]+\s*", " ", s.text) + "\n" for s in sentences)


def _stretch(raw: str, language: str, limit: int | None) -> list[Sentence]:
    sentences = split_sentences(raw, language)
    return sentences if limit is None else sentences[:limit]


def test_manifest_lists_every_file():
    manifest = _manifest()
    documents = manifest["documents"]
    files = {d["file"] for d in documents}
    on_disk = {
        str(p.relative_to(DEMO))
        for folder in ("originals", "translations")
        for p in (DEMO / folder).iterdir()
    }
    assert files == on_disk
    originals = {d["file"] for d in documents if d["role"] == "original"}
    for d in documents:
        assert d["language"] in SUPPORTED_LANGUAGES
        assert d["title"]
        if d["role"] == "translation":
            assert d["original"] in originals
            assert d["translator"]
    assert len(originals) == 5


@pytest.mark.parametrize(
    "pair", _pairs() if (DEMO / "manifest.json").exists() else [], ids=lambda p: p["name"]
)
def test_gold_files_match_the_segmenter(pair):
    folder = DEMO / "gold" / pair["name"]
    doc = pair["doc"]
    src_raw = (DEMO / pair["source"]).read_text(encoding="utf-8")
    tgt_raw = (DEMO / pair["target"]).read_text(encoding="utf-8")
    src = _stretch(src_raw, pair["source_language"], pair.get("source_sentences"))
    tgt = _stretch(tgt_raw, pair["target_language"], None)
    assert (folder / "src" / doc).read_text(encoding="utf-8") == one_per_line(src)
    assert (folder / "tgt" / doc).read_text(encoding="utf-8") == one_per_line(tgt)
    if pair.get("source_sentences") is not None:
        # the translated stretch of the original ends at a paragraph end
        following = split_sentences(src_raw, pair["source_language"])[len(src) :]
        assert not following or following[0].paragraph != src[-1].paragraph


@pytest.mark.parametrize(
    "pair", _pairs() if (DEMO / "manifest.json").exists() else [], ids=lambda p: p["name"]
)
def test_gold_beads_cover_both_sides_once_in_order(pair):
    folder = DEMO / "gold" / pair["name"]
    doc = pair["doc"]
    n_src = len((folder / "src" / doc).read_text(encoding="utf-8").splitlines())
    n_tgt = len((folder / "tgt" / doc).read_text(encoding="utf-8").splitlines())
    next_src = next_tgt = 0
    kinds: set[tuple[int, int]] = set()
    for line in (folder / "gold" / doc).read_text(encoding="utf-8").splitlines():
        m = re.fullmatch(r"\[([0-9, ]*)\]:\[([0-9, ]*)\]", line)
        assert m, line
        src = [int(x) for x in m.group(1).split(",") if x.strip()]
        tgt = [int(x) for x in m.group(2).split(",") if x.strip()]
        assert src or tgt
        assert src == list(range(next_src, next_src + len(src))), line
        assert tgt == list(range(next_tgt, next_tgt + len(tgt))), line
        next_src += len(src)
        next_tgt += len(tgt)
        kinds.add((len(src), len(tgt)))
    assert (next_src, next_tgt) == (n_src, n_tgt)
    # a human translation: not all 1-1
    assert kinds - {(1, 1)}
