"""Bilingual files in: TMX, XLIFF and aligned text pairs become versions with confirmed beads."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from alignment.models import Alignment, Bead
from alignment.queries import with_text
from tests.api.conftest import error_of
from tests.conftest import FIXTURES
from tests.corpus import ranges
from translations.models import Document, Version

URL = "/api/v1/bilingual-imports/"


def fixture(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, (FIXTURES / "bilingual" / name).read_bytes())


def post(api, **fields):
    return api.post(URL, fields, format="multipart")


def pairs_of(alignment) -> list[tuple[str, str]]:
    """Each bead's text on both sides (joined as the unit was: no space where it was cut)."""
    def text(segments):
        return "".join(s.text if not i or s.text[0] in ",.;:»“" else " " + s.text
                       for i, s in enumerate(segments))
    return [(text(row.source), text(row.target))
            for row in with_text(alignment, alignment.beads.all())]


UNITS = [
    ("Miles de personas marcharon el jueves en la Ciudad de México.",
     "Thousands of people marched in Mexico City on Thursday."),
    ("Exigían justicia para los 43 estudiantes.",
     "They demanded justice for the 43 students. Their parents led the march."),
    ("La policía no intervino.", ""),
    ("«¿Dónde están?», preguntaban los carteles.", '"Where are they?" the placards asked.'),
]


def nothing_stored():
    return not (Version.objects.exists() or Alignment.objects.exists() or Bead.objects.exists())


@pytest.mark.parametrize(("persona", "expected"),
                         [("owner", 201), ("reviewer", 201), ("translator", 201),
                          ("outsider", 404)])
def test_a_tmx_becomes_a_document_with_two_versions_and_confirmed_beads(
        as_user, personas, project_a, persona, expected):
    response = post(as_user(personas[persona]), format="tmx", project=project_a.pk,
                    title="Marcha", file=fixture("protests.es-en.tmx"))
    assert response.status_code == expected, response.json()
    if expected != 201:
        assert nothing_stored() and not Document.objects.exists()
        return
    body = response.json()
    assert (body["source"]["language"], body["target"]["language"]) == ("es", "en")
    assert body["source"]["role"] == "original" and body["document"]["source_language"] == "es"
    alignment = Alignment.objects.get(pk=body["alignment"]["id"])
    # One bead per unit, over its sentences: unit 2 holds two English sentences, unit 3
    # has no English at all (a 1-0 bead).
    assert pairs_of(alignment) == UNITS
    assert ranges(alignment)[:3] == [(0, 1, 0, 1), (1, 2, 1, 3), (2, 3, 3, 3)]
    assert set(alignment.beads.values_list("state", flat=True)) == {"confirmed"}
    assert body["alignment"]["confirmed_count"] == 4


def test_an_xliff_is_added_to_an_existing_document(as_user, owner, project_a):
    document = Document.objects.create(project=project_a, title="Marcha", source_language="es")
    response = post(as_user(owner), format="xliff", document=document.pk,
                    file=fixture("protests.es-de.xlf"))
    assert response.status_code == 201, response.json()
    alignment = Alignment.objects.get()
    assert (alignment.source.language, alignment.target.language) == ("es", "de")
    assert pairs_of(alignment)[2][1] == "„Wo sind sie?“, fragten die Plakate."
    assert [t for _, t in pairs_of(alignment)][:2] == [
        "Tausende Menschen demonstrierten am Donnerstag in Mexiko-Stadt.",
        "Sie forderten Gerechtigkeit für die 43 Studenten."]
    assert [s for s, _ in pairs_of(alignment)] == [s for s, _ in UNITS if s != UNITS[2][0]]


def test_two_aligned_text_files_are_imported_line_by_line(as_user, owner, project_a):
    response = post(as_user(owner), format="text", project=project_a.pk, title="Marcha",
                    source_language="es", target_language="en",
                    source_file=fixture("protests.latin1.es.txt"),
                    target_file=fixture("protests.en.txt"))
    assert response.status_code == 201, response.json()
    alignment = Alignment.objects.get()
    assert pairs_of(alignment) == [UNITS[0], UNITS[1], UNITS[3]]


@pytest.mark.parametrize(("fields", "field"), [
    ({"format": "tmx", "file": "malformed.tmx"}, None),
    ({"format": "xliff", "file": "malformed.xlf"}, None),
    ({"format": "tmx", "file": "wrong-languages.tmx"}, "source_language"),
    ({"format": "xliff", "file": "wrong-languages.xlf", "source_language": "es"},
     "source_language"),
    ({"format": "tmx", "file": "protests.es-en.tmx", "target_language": "de"}, "target_language"),
    ({"format": "tmx", "file": "protests.es-en.tmx", "source_language": "en",
      "target_language": "en"}, "target_language"),
    ({"format": "xliff", "file": "protests.es-en.tmx"}, None),
    ({"format": "tmx", "file": "protests.es.txt"}, None),
    ({"format": "text", "source_file": "protests.es.txt", "target_file": "protests.en-short.txt",
      "source_language": "es", "target_language": "en"}, "target_file"),
    ({"format": "text", "source_file": "protests.es.txt", "target_file": "protests.en.txt"},
     "source_language"),
    ({"format": "text", "source_file": "protests.es.txt", "source_language": "es",
      "target_language": "en"}, "target_file"),
    ({"format": "tmx"}, "file"),
    ({"format": "po", "file": "protests.es-en.tmx"}, "format"),
])
def test_broken_or_mismatched_files_are_refused_and_leave_nothing(as_user, owner, project_a,
                                                                  fields, field):
    uploads = {k: fixture(v) if k.endswith("file") else v for k, v in fields.items()}
    response = post(as_user(owner), project=project_a.pk, title="Marcha", **uploads)
    assert response.status_code == 400, response.json()
    error = error_of(response)
    assert error["message"]
    if field:
        assert field in error["fields"], error
    assert nothing_stored() and not Document.objects.exists()


def test_a_binary_text_file_is_refused(as_user, owner, project_a):
    binary = SimpleUploadedFile("x.txt", b"\x00\x01\x02" * 100)
    response = post(as_user(owner), format="text", project=project_a.pk, title="M",
                    source_language="es", target_language="en", source_file=binary,
                    target_file=fixture("protests.en.txt"))
    assert response.status_code == 400
    assert "source_file" in error_of(response)["fields"]
    assert nothing_stored()


def test_a_language_the_document_already_has_rolls_everything_back(as_user, owner, project_a):
    api = as_user(owner)
    post(api, format="tmx", project=project_a.pk, title="Marcha",
         file=fixture("protests.es-en.tmx"))
    document = Document.objects.get()
    again = post(api, format="xliff", document=document.pk, file=fixture("protests.es-de.xlf"))
    assert again.status_code == 400
    assert list(document.versions.values_list("language", flat=True).order_by("language")) == [
        "en", "es"]
    assert Alignment.objects.count() == 1


def test_document_or_project_and_title_are_required(as_user, owner, project_a):
    response = as_user(owner).post(URL, {"format": "tmx", "file": fixture("protests.es-en.tmx")},
                                   format="multipart")
    assert response.status_code == 400
    assert nothing_stored()
