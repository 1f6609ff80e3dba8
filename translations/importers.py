"""Turn uploaded files (plain text, Markdown, HTML, .docx) into plain text with paragraphs.

Every refusal raises ImportRefused with a message a translator can act on; nothing is
stored by this module, so a refused file never leaves a trace.
"""
import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings

from translations.html_text import html_to_paragraphs
from workbench.errors import WorkbenchError


class ImportRefused(WorkbenchError):
    """An upload the workbench cannot take, with the reason in words."""

    code = "import_refused"


@dataclass(frozen=True)
class ImportedText:
    text: str
    source_format: str
    encoding: str = ""


_FORMAT_BY_SUFFIX = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
}
# A .docx is a zip: refuse archives that would inflate far beyond the upload limit.
_DOCX_MAX_INFLATION = 20


def detect_format(filename: str) -> str:
    """Return the import format for a file name, or refuse an unknown suffix."""
    suffix = PurePath(filename).suffix.lower()
    try:
        return _FORMAT_BY_SUFFIX[suffix]
    except KeyError:
        known = ", ".join(sorted(_FORMAT_BY_SUFFIX))
        message = f"Unsupported file type {suffix or '(none)'}; use one of {known}."
        raise ImportRefused(message) from None


def import_bytes(filename: str, data: bytes, source_format: str | None = None) -> ImportedText:
    """Check an upload's size and content and return its text."""
    source_format = source_format or detect_format(filename)
    check_size(len(data))
    if source_format == "docx":
        text, encoding = docx_to_text(data), ""
    else:
        text, encoding = decode_text(data)
        if source_format == "html":
            text = "\n\n".join(html_to_paragraphs(text))
        elif source_format == "markdown":
            text = markdown_to_text(text)
    return ImportedText(text=check_text(text), source_format=source_format, encoding=encoding)


def import_text(text: str) -> ImportedText:
    """Check pasted text and return it as a plain-text import."""
    check_size(len(text.encode("utf-8")))
    return ImportedText(text=check_text(text), source_format="text", encoding="utf-8")


def check_size(size: int) -> None:
    """Refuse empty uploads and uploads above the configured limit."""
    if size == 0:
        raise ImportRefused("The file is empty.")
    if size > settings.MAX_UPLOAD_BYTES:
        limit_mb = settings.MAX_UPLOAD_BYTES / (1024 * 1024)
        raise ImportRefused(f"The file is larger than the upload limit of {limit_mb:.1f} MB.")


def check_text(text: str) -> str:
    """Refuse text with nothing to segment or with characters no document contains."""
    if "\x00" in text:
        raise ImportRefused("The text contains NUL bytes; it looks like a binary file.")
    if not text.strip():
        raise ImportRefused("The file contains no text.")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode bytes as UTF-8 (with or without BOM) or a detected legacy encoding."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode(data, "utf-16"), "utf-16"
    if looks_binary(data):
        raise ImportRefused("This is a binary file, not text. Upload .txt, .md, .html or .docx.")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None or best.percent_chaos > 20:
        raise ImportRefused(
            "The text encoding could not be recognised; save the file as UTF-8 and retry."
        )
    return str(best), best.encoding


def _decode(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ImportRefused(f"The file is not valid {encoding}: {exc.reason}.") from None


def looks_binary(data: bytes) -> bool:
    """Say whether bytes hold NULs or mostly control characters, as binary files do."""
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 12, 13))
    return controls > len(sample) * 0.05


def markdown_to_text(source: str) -> str:
    """Render Markdown and keep its block elements as paragraphs."""
    import markdown

    return "\n\n".join(html_to_paragraphs(markdown.markdown(source, extensions=["tables"])))


def docx_to_text(data: bytes) -> str:
    """Return the paragraphs (and table cells) of a .docx file, refusing broken or bomb files."""
    _check_docx_archive(data)
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many types for a damaged package
        raise ImportRefused(f"This .docx file cannot be read: {exc}") from None
    blocks = [p.text.strip() for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            blocks.extend(cell.text.strip() for cell in row.cells)
    return "\n\n".join(block for block in blocks if block)


def _check_docx_archive(data: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise ImportRefused("This is not a .docx file (it is not a valid zip package).") from None
    with archive:
        names = archive.namelist()
        if "word/document.xml" not in names:
            raise ImportRefused("This zip file is not a Word document (no word/document.xml).")
        inflated = sum(info.file_size for info in archive.infolist())
    if inflated > settings.MAX_UPLOAD_BYTES * _DOCX_MAX_INFLATION:
        raise ImportRefused("This .docx file expands to far more than its size; refused.")
