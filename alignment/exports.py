"""Bilingual text out of an alignment: JSON pairs, TMX, XLIFF, TSV, Moses, JSONL, HTML.

TMX and XLIFF are written with translate-toolkit so that other tools read them back.
A changes-since cursor lets a client fetch only what changed: it gets every bead changed
(or whose sentence text changed) since the cursor, and drops any pair it holds whose
sentence ranges overlap one of them, since beads always tile both texts. The cursor is the
alignment's change number (`Alignment.record_change`), handed out in commit order, so no
change is missed however long its transaction took.
"""
import io
import json
import re
import zipfile
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.html import escape

from alignment.models import Alignment, Bead
from alignment.queries import BeadRow, filter_beads, with_text
from workbench.errors import WorkbenchError

FORMATS = ("tmx", "xliff", "tsv", "moses", "jsonl", "html")
CONTENT_TYPES = {
    "tmx": "application/x-tmx+xml",
    "xliff": "application/x-xliff+xml",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "moses": "application/zip",
    "jsonl": "application/jsonl; charset=utf-8",
    "html": "text/html; charset=utf-8",
}
SUFFIXES = {"tmx": "tmx", "xliff": "xlf", "tsv": "tsv", "moses": "zip", "jsonl": "jsonl",
            "html": "html"}
# Characters XML 1.0 cannot carry at all; they are dropped from TMX and XLIFF.
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class ExportFilter:
    # The editor's bead filters (keywords of queries.filter_beads), so a file holds exactly
    # the beads the list shows.
    beads: dict = field(default_factory=dict)
    only_confirmed: bool = False
    min_confidence: float | None = None
    since: int | None = None
    include_unaligned: bool = True


@dataclass(frozen=True)
class Export:
    content: bytes
    content_type: str
    filename: str


def parse_cursor(value: str | None) -> int | None:
    """Read a cursor a client sends back (a change number), refusing anything else."""
    if not value:
        return None
    value = value.strip()
    if not value.isascii() or not value.isdigit() or len(value) > 18:
        raise WorkbenchError(
            "The cursor is not one this server gave out; fetch everything without `since` "
            "and use the cursor of that answer.", fields={"since": ["Not a valid cursor."]})
    return int(value)


def new_cursor(alignment: Alignment) -> str:
    """Return the cursor for changes after now: read before the beads, so none is missed."""
    return str(Alignment.objects.values_list("change_seq", flat=True).get(pk=alignment.pk))


def select_rows(alignment: Alignment, options: ExportFilter) -> list[BeadRow]:
    """Return the beads to export, with their sentences, in text order."""
    beads = filter_beads(alignment, **options.beads)
    if options.only_confirmed:
        beads = beads.filter(state=Bead.State.CONFIRMED)
    if options.min_confidence is not None:
        # A person's confirmation outranks the aligner's score.
        beads = beads.filter(Q(confidence__gte=options.min_confidence)
                             | Q(state=Bead.State.CONFIRMED))
    if options.since is not None:
        # NULL: written by a transaction that did not number its change; sent to be safe.
        beads = beads.filter(Q(change_seq__gt=options.since) | Q(change_seq__isnull=True))
    rows = with_text(alignment, beads)
    if not options.include_unaligned:
        rows = [row for row in rows if row.source and row.target]
    return rows


def pair(row: BeadRow) -> dict:
    """Return one bead as a JSON pair."""
    bead = row.bead
    return {
        "bead": bead.pk, "revision": bead.revision, "type": bead.bead_type,
        "src": [bead.src_start, bead.src_end], "tgt": [bead.tgt_start, bead.tgt_end],
        "confidence": bead.confidence, "state": bead.state, "updated": bead.updated.isoformat(),
        "source": row.source_text, "target": row.target_text,
    }


def bitext(alignment: Alignment, options: ExportFilter) -> dict:
    """Return the alignment's pairs as a JSON document with a cursor for the next fetch."""
    cursor = new_cursor(alignment)
    return {
        "alignment": alignment.pk,
        "source_language": alignment.source.language,
        "target_language": alignment.target.language,
        "cursor": cursor,
        "pairs": [pair(row) for row in select_rows(alignment, options)],
    }


def export(alignment: Alignment, fmt: str, options: ExportFilter) -> Export:
    """Write the alignment in one of FORMATS."""
    if fmt not in FORMATS:
        raise WorkbenchError(f"Unknown format {fmt!r}; use one of {', '.join(FORMATS)}.",
                             fields={"format": ["Unknown format."]})
    rows = select_rows(alignment, options)
    src, tgt = alignment.source.language, alignment.target.language
    content = WRITERS[fmt](rows, src, tgt)
    name = f"alignment-{alignment.pk}-{src}-{tgt}.{SUFFIXES[fmt]}"
    return Export(content, CONTENT_TYPES[fmt], name)


def one_line(text: str) -> str:
    """Flatten a text for line- and tab-based formats."""
    return " ".join(text.split())


def xml_text(text: str) -> str:
    return XML_INVALID.sub("", text)


def write_tmx(rows: list[BeadRow], src: str, tgt: str) -> bytes:
    from translate.storage.tmx import tmxfile

    store = tmxfile(sourcelanguage=src)
    for row in rows:
        unit = store.addsourceunit(xml_text(row.source_text))
        unit.settarget(xml_text(row.target_text), lang=tgt)
    return bytes(store)


def write_xliff(rows: list[BeadRow], src: str, tgt: str) -> bytes:
    from translate.storage.xliff import xlifffile

    store = xlifffile(sourcelanguage=src, targetlanguage=tgt)
    for row in rows:
        unit = store.addsourceunit(xml_text(row.source_text))
        unit.setid(f"bead-{row.bead.pk}")
        unit.target = xml_text(row.target_text)
        unit.markapproved(row.bead.state == Bead.State.CONFIRMED)
        unit.addnote(f"{row.bead.bead_type} bead, confidence {row.bead.confidence:.3f}, "
                     f"{row.bead.state}", origin="developer")
    return bytes(store)


def write_tsv(rows: list[BeadRow], src: str, tgt: str) -> bytes:
    lines = [f"{one_line(r.source_text)}\t{one_line(r.target_text)}\n" for r in rows]
    return "".join(lines).encode("utf-8")


def write_moses(rows: list[BeadRow], src: str, tgt: str) -> bytes:
    """Two line-aligned files, corpus.<src> and corpus.<tgt>, in a zip."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for lang, texts in ((src, [r.source_text for r in rows]),
                            (tgt, [r.target_text for r in rows])):
            archive.writestr(f"corpus.{lang}", "".join(one_line(t) + "\n" for t in texts))
    return buffer.getvalue()


def write_jsonl(rows: list[BeadRow], src: str, tgt: str) -> bytes:
    lines = (json.dumps({**pair(r), "source_language": src, "target_language": tgt},
                        ensure_ascii=False) + "\n" for r in rows)
    return "".join(lines).encode("utf-8")


def write_html(rows: list[BeadRow], src: str, tgt: str) -> bytes:
    body = "".join(
        f'<tr class="{escape(r.bead.state)}"><td lang="{escape(src)}">{escape(r.source_text)}'
        f'</td><td lang="{escape(tgt)}">{escape(r.target_text)}</td></tr>\n' for r in rows)
    return html_page(f"{src} – {tgt}", [src, tgt], body)


def html_page(title: str, languages: list[str], body: str) -> bytes:
    """Wrap table rows in a small standalone page (all text already escaped)."""
    head = "".join(f"<th>{escape(lang)}</th>" for lang in languages)
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title></head><body>\n"
        f"<table><thead><tr>{head}</tr></thead><tbody>\n{body}</tbody></table>\n</body></html>\n"
    ).encode()


WRITERS = {"tmx": write_tmx, "xliff": write_xliff, "tsv": write_tsv, "moses": write_moses,
           "jsonl": write_jsonl, "html": write_html}


@dataclass
class ParallelTable:
    """The original's sentences in groups, each with its counterparts in every language."""

    languages: list[str]
    rows: list[dict]  # {"original": [start, end], "texts": {language: text}}


def parallel(document, languages: list[str] | None) -> ParallelTable:
    """Line up every version with the original, through its alignment with the original.

    Groups are the smallest runs of original sentences that no alignment cuts through, so
    that in every column a row holds whole beads.
    """
    from translations.models import Version

    original = document.versions.filter(role=Version.VersionRole.ORIGINAL).first()
    if original is None:
        raise WorkbenchError("The document has no original version.")
    versions = {v.language: v for v in document.versions.all()}
    languages = languages or [original.language] + sorted(set(versions) - {original.language})
    unknown = [lang for lang in languages if lang not in versions]
    if unknown:
        raise WorkbenchError(f"The document has no version in {', '.join(unknown)}.",
                             fields={"languages": [f"No version in {lang}." for lang in unknown]})
    if len(set(languages)) != len(languages):
        raise WorkbenchError("A language is listed twice.", fields={"languages": ["Repeated."]})
    n = original.segments.count()
    columns = {lang: _column(original, versions[lang]) for lang in languages
               if lang != original.language}
    fences = set(range(n + 1))
    for beads in columns.values():
        fences &= {b[0] for b in beads if b[0] < b[1]} | {n}
    bounds = [0, *sorted(fences - {0})]
    texts = dict(enumerate(original.segments.order_by("position").values_list("text", flat=True)))
    rows = [{"original": [a, b], "texts": {}} for a, b in zip(bounds, bounds[1:], strict=False)]
    for lang in languages:
        if lang != original.language:
            _fill(rows, bounds, columns[lang], lang)
            continue
        for row in rows:
            row["texts"][lang] = " ".join(texts[p] for p in range(*row["original"]))
    return ParallelTable(languages, rows)


def _column(original, version) -> list[tuple[int, int, str]]:
    """Return (original start, original end, text in the version) for each bead."""
    alignment = Alignment.objects.filter(source=original, target=version).first()
    flipped = alignment is None
    if flipped:
        alignment = Alignment.objects.filter(source=version, target=original).first()
    if alignment is None or not alignment.beads.exists():
        raise WorkbenchError(f"The {version.language} version is not aligned with the original "
                             "yet.", fields={"languages": [f"{version.language} not aligned."]})
    out = []
    for row in with_text(alignment, alignment.beads.order_by("src_start", "tgt_start")):
        bead = row.bead
        if flipped:
            out.append((bead.tgt_start, bead.tgt_end, row.source_text))
        else:
            out.append((bead.src_start, bead.src_end, row.target_text))
    return sorted(out, key=lambda item: (item[0], item[1]))


def _fill(rows: list[dict], bounds: list[int], beads, lang: str) -> None:
    """Put each bead's text in the row of its original sentences (before an empty-side one)."""
    import bisect

    parts: list[list[str]] = [[] for _ in rows]
    for start, end, text in beads:
        anchor = start if end > start else max(start - 1, 0)
        index = min(bisect.bisect_right(bounds, anchor) - 1, len(rows) - 1)
        if text:
            parts[index].append(text)
    for row, texts in zip(rows, parts, strict=True):
        row["texts"][lang] = " ".join(texts)


def parallel_tsv(table: ParallelTable) -> bytes:
    lines = ["\t".join(table.languages) + "\n"] + [
        "\t".join(one_line(row["texts"][lang]) for lang in table.languages) + "\n"
        for row in table.rows]
    return "".join(lines).encode()


def parallel_html(table: ParallelTable, title: str) -> bytes:
    body = "".join(
        "<tr>" + "".join(f'<td lang="{escape(lang)}">{escape(row["texts"][lang])}</td>'
                         for lang in table.languages) + "</tr>\n"
        for row in table.rows)
    return html_page(title, table.languages, body)
