"""Real files of every import format, and their broken twins, through the importers."""
import pytest

from tests.conftest import FIXTURES
from translations.importers import ImportRefused, import_bytes, import_text

FORMATS = FIXTURES / "formats"


def read(name: str) -> bytes:
    return (FORMATS / name).read_bytes()


def test_it_reads_utf8_text_as_is():
    imported = import_bytes("report-utf8.txt", read("report-utf8.txt"))
    assert imported.source_format == "text"
    assert imported.encoding == "utf-8"
    assert "Am 14. November zogen Tausende" in imported.text


def test_it_detects_a_legacy_encoding_and_decodes_umlauts():
    imported = import_bytes("report-latin1.txt", read("report-latin1.txt"))
    assert "Straßen" in imported.text and "Grüße aus Köln" in imported.text
    assert imported.encoding.replace("_", "-").lower() in {"cp1252", "latin-1", "iso8859-1",
                                                             "iso-8859-1", "cp1250", "windows-1252"}


def test_it_reads_utf16_with_a_byte_order_mark():
    assert import_bytes("report-utf16.txt", read("report-utf16.txt")).text == "Hello."


def test_markdown_blocks_become_paragraphs_without_markup():
    text = import_bytes("report.md", read("report.md")).text
    paragraphs = text.split("\n\n")
    assert paragraphs[0] == "Protests across Mexico"
    assert "**" not in text and "#" not in text
    assert "Bring the 43 students back alive." in paragraphs
    assert "“They took them alive; we want them back alive.”" in paragraphs


def test_html_keeps_block_text_and_drops_scripts_and_styles():
    text = import_bytes("report.html", read("report.html")).text
    paragraphs = text.split("\n\n")
    assert paragraphs[0] == "Protests across Mexico"
    assert "Students in the Zócalo" in paragraphs
    assert "Families of the 43 spoke & marched. Dr. Ramírez read their demands." in paragraphs
    assert "alert" not in text and "color" not in text and "Ignored title" not in text


def test_docx_paragraphs_and_table_cells_are_read():
    imported = import_bytes("report.docx", read("report.docx"))
    paragraphs = imported.text.split("\n\n")
    assert imported.source_format == "docx"
    assert paragraphs[:2] == [
        "Protests across Mexico",
        "Thousands marched in Mexico City on November 20. The U.S. embassy issued a warning.",
    ]
    assert "Guerrero" in paragraphs


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty.txt", "empty"),
        ("blank.txt", "no text"),
        ("binary-disguised.txt", "binary"),
        ("broken.docx", "not a .docx"),
        ("not-word.docx", "not a Word document"),
    ],
)
def test_broken_files_are_refused_with_a_reason(name, message):
    with pytest.raises(ImportRefused, match=message):
        import_bytes(name, read(name))


def test_an_unknown_file_type_is_refused():
    with pytest.raises(ImportRefused, match="Unsupported file type .pdf"):
        import_bytes("report.pdf", b"%PDF-1.4")


def test_an_upload_above_the_limit_is_refused(settings):
    settings.MAX_UPLOAD_BYTES = 2048
    with pytest.raises(ImportRefused, match="larger than the upload limit"):
        import_bytes("big.txt", b"A sentence. " * 400)


def test_a_docx_that_inflates_far_beyond_its_size_is_refused(settings, tmp_path):
    import io
    import zipfile

    settings.MAX_UPLOAD_BYTES = 64 * 1024
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<w/>" + b" " * (40 * 1024 * 1024))
    with pytest.raises(ImportRefused, match="expands"):
        import_bytes("bomb.docx", buffer.getvalue())


def test_pasted_text_with_nul_bytes_is_refused():
    with pytest.raises(ImportRefused, match="NUL"):
        import_text("Hello.\x00World.")


def test_windows_line_endings_are_normalised():
    assert import_text("One.\r\n\r\nTwo.").text == "One.\n\nTwo."
