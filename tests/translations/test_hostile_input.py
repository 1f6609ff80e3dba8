"""Hostile and random input: importers and segmentation refuse clearly or cope, never crash."""
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from translations.importers import ImportRefused, import_bytes
from translations.segmentation import split_sentences

FORMATS = ["notes.txt", "notes.md", "page.html", "letter.docx"]


def import_and_segment(filename: str, data: bytes) -> None:
    """Import then segment; the only allowed failure is a clear refusal."""
    try:
        imported = import_bytes(filename, data)
    except ImportRefused as refusal:
        assert refusal.message
        return
    for sentence in split_sentences(imported.text, "en"):
        assert imported.text[sentence.start:sentence.end] == sentence.text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(filename=st.sampled_from(FORMATS), data=st.binary(min_size=1, max_size=2000))
def test_random_bytes_in_any_format_are_refused_or_imported_never_crash(filename, data):
    import_and_segment(filename, data)


@settings(max_examples=60, deadline=None)
@given(text=st.text(min_size=1, max_size=1500))
def test_random_unicode_as_html_or_markdown_keeps_offsets_exact(text):
    for filename in ("page.html", "notes.md"):
        import_and_segment(filename, text.encode("utf-8"))


def test_deeply_nested_html_is_read_without_recursion():
    data = ("<div>" * 50_000 + "<p>Deep inside. Still here.</p>" + "</div>" * 50_000).encode()
    imported = import_bytes("deep.html", data)
    assert imported.text == "Deep inside. Still here."


def test_a_100k_character_sentence_is_kept_whole_with_exact_offsets():
    text = "word " * 20_000 + "end."
    (sentence,) = split_sentences(text, "en")
    assert sentence.text == text.strip() and sentence.end - sentence.start == len(text.strip())


def test_right_to_left_and_combining_text_segments_with_exact_offsets():
    text = "مرحبا بالعالم. كيف حالك؟ e\u0301te\u0301 à Paris. שלום עולם."
    sentences = split_sentences(text, "ar")
    assert len(sentences) >= 3
    assert all(text[s.start:s.end] == s.text for s in sentences)


@pytest.mark.parametrize("payload", [b"\x00\x01\x02binary\x00", b"PK\x03\x04" + b"\x00" * 64])
def test_binary_payloads_named_as_text_are_refused(payload):
    with pytest.raises(ImportRefused):
        import_bytes("notes.txt", payload)
