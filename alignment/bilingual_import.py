"""Import existing bilingual files (TMX, XLIFF, two line-aligned texts) as two versions of a
document and a confirmed alignment between them, all in one transaction or not at all.

Each translation unit becomes a paragraph of its version, so the segmenter splits units
but never joins two; every unit then becomes one confirmed bead over its sentences.
"""
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from alignment.models import Alignment, Bead
from translations import services
from translations.importers import ImportedText, ImportRefused, check_size, decode_text
from translations.languages import known_languages

FORMATS = ("tmx", "xliff", "text")
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True)
class Bilingual:
    """Parsed pairs of a bilingual file and the languages they are in."""

    pairs: list[tuple[str, str]]
    source_language: str
    target_language: str


@dataclass(frozen=True)
class ImportResult:
    document: object
    source: object
    target: object
    alignment: Alignment


def base_language(code: str | None) -> str:
    """Return the workbench code of a file's language tag: en-US -> en, PT_br -> pt."""
    return (code or "").replace("_", "-").split("-")[0].strip().lower()


def one_line(text: str | None) -> str:
    return " ".join((text or "").split())


def parse_tmx(data: bytes, source_language: str | None = None,
              target_language: str | None = None) -> Bilingual:
    """Read the units of a TMX file in the two languages asked for (or found)."""
    from translate.storage.tmx import tmxfile

    check_size(len(data))
    try:
        store = tmxfile.parsestring(data)
    except Exception as exc:  # lxml and translate-toolkit raise several types
        raise ImportRefused(f"This is not a valid TMX file: {exc}") from None
    units = [{base_language(node.get(XML_LANG)): one_line(unit.getNodeText(node))
              for node in unit.getlanguageNodes()} for unit in store.units]
    found = list(dict.fromkeys(lang for unit in units for lang in unit))
    header = store.document.getroot().find(".//header")
    declared = base_language(header.get("srclang")) if header is not None else ""
    source = source_language or (declared if declared in found else found[0] if found else "")
    others = [lang for lang in found if lang != source]
    target = target_language or (others[0] if len(others) == 1 else "")
    if not target and len(others) > 1:
        raise ImportRefused(f"The file holds {', '.join(found)}; say which is the target.",
                            fields={"target_language": ["Choose one of the file's languages."]})
    for role, lang in (("source", source), ("target", target)):
        if lang not in found:
            raise ImportRefused(f"The file has no {lang or role} text; it holds "
                                f"{', '.join(found) or 'no language'}.",
                                fields={f"{role}_language": [f"Not in the file: {lang}."]})
    pairs = [(unit.get(source, ""), unit.get(target, "")) for unit in units]
    return check_pairs(Bilingual(pairs, source, target))


def parse_xliff(data: bytes, source_language: str | None = None,
                target_language: str | None = None) -> Bilingual:
    """Read the translation units of an XLIFF file."""
    from translate.storage.xliff import xlifffile

    check_size(len(data))
    try:
        store = xlifffile.parsestring(data)
    except Exception as exc:
        raise ImportRefused(f"This is not a valid XLIFF file: {exc}") from None
    declared = {"source": base_language(store.getsourcelanguage()),
                "target": base_language(store.gettargetlanguage())}
    asked = {"source": source_language, "target": target_language}
    for role in ("source", "target"):
        if asked[role] and declared[role] and asked[role] != declared[role]:
            raise ImportRefused(
                f"The file's {role} language is {declared[role]}, not {asked[role]}.",
                fields={f"{role}_language": [f"The file says {declared[role]}."]})
    source, target = asked["source"] or declared["source"], asked["target"] or declared["target"]
    if not source or not target:
        raise ImportRefused("The file does not declare its languages; give both.",
                            fields={"source_language": ["Required for this file."]})
    pairs = [(one_line(unit.source), one_line(unit.target)) for unit in store.units
             if not unit.isheader()]
    return check_pairs(Bilingual(pairs, source, target))


def parse_text_pair(source_data: bytes, target_data: bytes, source_language: str,
                    target_language: str) -> Bilingual:
    """Read two plain-text files whose lines are translations of each other."""
    sides = []
    for name, data in (("source_file", source_data), ("target_file", target_data)):
        check_size(len(data))
        try:
            text, _ = decode_text(data)
        except ImportRefused as exc:
            raise ImportRefused(exc.message, fields={name: [exc.message]}) from None
        lines = text.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n").split("\n")
        sides.append([one_line(line) for line in lines])
    if len(sides[0]) != len(sides[1]):
        raise ImportRefused(
            f"The files do not line up: {len(sides[0])} lines against {len(sides[1])}.",
            fields={"target_file": ["Needs as many lines as the source file."]})
    pairs = list(zip(sides[0], sides[1], strict=True))
    return check_pairs(Bilingual(pairs, source_language, target_language))


def check_pairs(bilingual: Bilingual) -> Bilingual:
    """Refuse unknown or equal languages and files without a single translated pair."""
    known = known_languages()
    for role, lang in (("source", bilingual.source_language),
                       ("target", bilingual.target_language)):
        if lang not in known:
            raise ImportRefused(f"Unknown {role} language {lang!r}; use an ISO 639-1 code.",
                                fields={f"{role}_language": ["Unknown language."]})
    if bilingual.source_language == bilingual.target_language:
        raise ImportRefused("The source and target languages are the same.",
                            fields={"target_language": ["Same as the source."]})
    pairs = [(s, t) for s, t in bilingual.pairs if s or t]
    if not any(s and t for s, t in pairs):
        raise ImportRefused("The file holds no translated pair.")
    if any("\x00" in s or "\x00" in t for s, t in pairs):
        raise ImportRefused("The text contains NUL characters.")
    return Bilingual(pairs, bilingual.source_language, bilingual.target_language)


def store(document, bilingual: Bilingual, user=None, filename: str = "") -> ImportResult:
    """Save the pairs as two versions of the document with a confirmed alignment."""
    with transaction.atomic():
        source = _add_side(document, [s for s, _ in bilingual.pairs],
                           bilingual.source_language, filename)
        target = _add_side(document, [t for _, t in bilingual.pairs],
                           bilingual.target_language, filename)
        now = timezone.now()
        alignment = Alignment.objects.create(
            source=source, target=target, encoder="import", status=Alignment.Status.DONE,
            progress=1.0, created_by=user, started=now, finished=now,
            params={"imported_from": filename})
        spans = zip(_unit_ranges(source, bilingual.pairs, 0),
                    _unit_ranges(target, bilingual.pairs, 1), strict=True)
        Bead.objects.bulk_create(
            Bead(alignment=alignment, src_start=s0, src_end=s1, tgt_start=t0, tgt_end=t1,
                 confidence=1.0, state=Bead.State.CONFIRMED, updated_by=user)
            for (s0, s1), (t0, t1) in spans if s1 > s0 or t1 > t0)
        alignment.record_change()
    return ImportResult(document, source, target, alignment)


def _add_side(document, texts: list[str], language: str, filename: str):
    imported = ImportedText(text=_joined(texts), source_format="text", encoding="utf-8")
    return services.add_version(document, imported, language=language, filename=filename)


def _joined(texts: list[str]) -> str:
    # One paragraph per unit; an empty unit leaves an empty paragraph, which holds no sentence.
    return "\n\n".join(texts)


def _unit_ranges(version, pairs, side: int) -> list[tuple[int, int]]:
    """Return each unit's range of sentence positions in the stored version."""
    starts = list(version.segments.order_by("position").values_list("start", flat=True))
    ranges, index, offset = [], 0, 0
    for pair in pairs:
        end = offset + len(pair[side])
        first = index
        while index < len(starts) and offset <= starts[index] < end:
            index += 1
        ranges.append((first, index))
        offset = end + 2
    if index != len(starts):
        raise ImportRefused("The units could not be matched with their sentences.")
    return ranges


def import_bilingual(fmt: str, files: dict[str, bytes], *, user=None, document=None,
                     project=None, title: str = "", source_language: str | None = None,
                     target_language: str | None = None, filename: str = "") -> ImportResult:
    """Parse a bilingual upload and store it in a document (a new one if project and title)."""
    if fmt == "tmx":
        bilingual = parse_tmx(_one(files, "file"), source_language, target_language)
    elif fmt == "xliff":
        bilingual = parse_xliff(_one(files, "file"), source_language, target_language)
    elif fmt == "text":
        if not source_language or not target_language:
            raise ImportRefused("Plain-text pairs need source_language and target_language.",
                                fields={"source_language": ["Required for text pairs."]})
        bilingual = parse_text_pair(_one(files, "source_file"), _one(files, "target_file"),
                                    source_language, target_language)
    else:
        raise ImportRefused(f"Unknown format {fmt!r}; use one of {', '.join(FORMATS)}.")
    with transaction.atomic():
        if document is None:
            document = services.create_document(project, title, bilingual.source_language)
        return store(document, bilingual, user, filename)


def _one(files: dict[str, bytes], name: str) -> bytes:
    if name not in files:
        raise ImportRefused(f"This format needs the upload {name}.",
                            fields={name: ["This field is required."]})
    return files[name]
