"""Extract paragraphs from HTML: block elements become paragraphs, scripts vanish."""
import re
from html.parser import HTMLParser

BLOCK_TAGS = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "div", "td", "th",
    "caption", "figcaption", "dt", "dd", "section", "article", "header", "footer", "tr",
    "address", "aside", "main", "nav", "table", "ul", "ol", "dl", "figure", "br", "hr",
}
SKIPPED_TAGS = {"script", "style", "head", "title", "noscript", "template", "svg"}
_SPACES = re.compile(r"\s+")


class _ParagraphCollector(HTMLParser):
    """A streaming parser: no tree, so deeply nested markup costs no recursion."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._current: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in SKIPPED_TAGS:
            self._skipping += 1
        elif tag in BLOCK_TAGS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED_TAGS:
            self._skipping = max(0, self._skipping - 1)
        elif tag in BLOCK_TAGS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self._current.append(data)

    def _flush(self) -> None:
        text = _SPACES.sub(" ", "".join(self._current)).strip()
        if text:
            self.paragraphs.append(text)
        self._current = []

    def close(self) -> None:
        super().close()
        self._flush()


def html_to_paragraphs(html: str) -> list[str]:
    """Return the text of each block element, whitespace collapsed, in document order."""
    collector = _ParagraphCollector()
    collector.feed(html)
    collector.close()
    return collector.paragraphs
