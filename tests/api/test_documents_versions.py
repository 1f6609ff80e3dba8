"""Documents and versions: create from text or any import format; bad input changes nothing."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.api.conftest import error_of
from tests.conftest import FIXTURES
from translations.models import Document, Segment, Version

TEXT = "Erster Satz. Zweiter Satz.\n\nNeuer Absatz hier."


def upload(name: str, data: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data if data is not None else
                              (FIXTURES / "formats" / name).read_bytes())


@pytest.mark.parametrize(("persona", "expected"),
                         [("owner", 201), ("reviewer", 201), ("translator", 201),
                          ("outsider", 404)])
def test_members_create_documents_outsiders_get_404(as_user, personas, project_a, persona,
                                                    expected):
    response = as_user(personas[persona]).post(
        "/api/v1/documents/", {"project": project_a.pk, "title": "T", "source_language": "es"},
        format="json")
    assert response.status_code == expected
    assert Document.objects.filter(title="T").exists() == (expected == 201)


def test_an_unknown_language_is_refused_and_nothing_is_created(as_user, owner, project_a):
    response = as_user(owner).post(
        "/api/v1/documents/", {"project": project_a.pk, "title": "T", "source_language": "xx"},
        format="json")
    assert response.status_code == 400
    assert "language" in error_of(response)["fields"]
    assert not Document.objects.exists()


def test_documents_list_only_visible_ones_and_filter_by_project(as_user, owner, outsider,
                                                               document_a):
    listed = as_user(owner).get(f"/api/v1/documents/?project={document_a.project_id}")
    assert [d["title"] for d in listed.json()["results"]] == [document_a.title]
    assert as_user(outsider).get("/api/v1/documents/").json()["results"] == []
    assert as_user(outsider).get(f"/api/v1/documents/{document_a.pk}/").status_code == 404


def post_version(api, document, **fields):
    return api.post("/api/v1/versions/", {"document": document.pk, **fields}, format="json")


def test_a_version_is_created_from_json_text_and_segmented(as_user, translator, document_a):
    response = post_version(as_user(translator), document_a, language="de", text=TEXT)
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["role"] == "original" and body["sentence_count"] == 3
    segments = as_user(translator).get(f"/api/v1/versions/{body['id']}/segments/").json()
    rows = [(s["position"], s["paragraph"], s["text"]) for s in segments["results"]]
    assert rows == [(0, 0, "Erster Satz."), (1, 0, "Zweiter Satz."), (2, 1, "Neuer Absatz hier.")]
    first = segments["results"][0]
    assert TEXT[first["start"]:first["end"]] == "Erster Satz."


@pytest.mark.parametrize("name", ["report.docx", "report.html", "report.md", "report-utf8.txt",
                                  "report-latin1.txt", "report-utf16.txt"])
def test_a_version_is_created_from_an_upload_in_any_import_format(as_user, owner, document_a,
                                                                   name):
    response = as_user(owner).post(
        "/api/v1/versions/",
        {"document": document_a.pk, "language": "en", "file": upload(name)}, format="multipart")
    assert response.status_code == 201, response.json()
    assert response.json()["source_filename"] == name
    assert response.json()["sentence_count"] > 0


@pytest.mark.parametrize(("name", "data"), [
    ("binary-disguised.txt", None), ("empty.txt", None), ("blank.txt", None),
    ("broken.docx", None), ("not-word.docx", None), ("image.png", b"\x89PNG\r\n\x1a\n"),
    ("garbled.txt", bytes(range(128, 256)) * 40),
])
def test_bad_uploads_are_refused_and_leave_nothing(as_user, owner, document_a, name, data):
    response = as_user(owner).post(
        "/api/v1/versions/",
        {"document": document_a.pk, "language": "en", "file": upload(name, data)},
        format="multipart")
    assert response.status_code == 400, response.json()
    assert error_of(response)["message"]
    assert not Version.objects.exists() and not Segment.objects.exists()


def test_an_oversized_upload_is_refused(as_user, owner, document_a, settings):
    settings.MAX_UPLOAD_BYTES = 2048
    big = upload("big.txt", b"Ein Satz. " * 1000)
    response = as_user(owner).post(
        "/api/v1/versions/", {"document": document_a.pk, "language": "en", "file": big},
        format="multipart")
    assert response.status_code == 400
    assert not Version.objects.exists()


@pytest.mark.parametrize(("fields", "field"), [
    ({"language": "xx", "text": TEXT}, "language"),
    ({"language": "de", "text": "   \n\n "}, None),
    ({"language": "de", "text": "Nul \x00 byte."}, None),
    ({"language": "de"}, "non_field_errors"),
    ({"language": "de", "text": TEXT, "role": "boss"}, "role"),
])
def test_bad_version_input_is_refused_with_a_clear_error(as_user, owner, document_a, fields,
                                                         field):
    response = post_version(as_user(owner), document_a, **fields)
    assert response.status_code == 400, response.json()
    if field:
        assert field in error_of(response)["fields"]
    assert not Version.objects.exists()


def test_a_second_version_in_the_same_language_is_refused(as_user, owner, document_a):
    api = as_user(owner)
    assert post_version(api, document_a, language="de", text=TEXT).status_code == 201
    again = post_version(api, document_a, language="de", text="Anderer Text.")
    assert again.status_code == 400
    assert "already has a de version" in error_of(again)["message"]
    assert Version.objects.count() == 1


@pytest.mark.parametrize(("persona", "expected"),
                         [("translator", 201), ("outsider", 404)])
def test_versions_of_invisible_documents_cannot_be_created(as_user, personas, document_a,
                                                           persona, expected):
    response = post_version(as_user(personas[persona]), document_a, language="de", text=TEXT)
    assert response.status_code == expected


def test_resegmenting_a_version_without_alignments_works(as_user, owner, versions):
    source, _ = versions
    response = as_user(owner).post(f"/api/v1/versions/{source.pk}/resegment/")
    assert response.status_code == 200
    assert response.json() == {"paragraphs": 1, "sentences": 5}


def test_resegmenting_an_aligned_version_is_refused(as_user, owner, alignment):
    ids = list(alignment.source.segments.values_list("pk", flat=True))
    response = as_user(owner).post(f"/api/v1/versions/{alignment.source_id}/resegment/")
    assert response.status_code == 409
    assert list(alignment.source.segments.values_list("pk", flat=True)) == ids


def test_outsiders_see_no_versions_or_segments(as_user, outsider, versions):
    api = as_user(outsider)
    assert api.get("/api/v1/versions/").json()["results"] == []
    assert api.get(f"/api/v1/versions/{versions[0].pk}/segments/").status_code == 404
    assert api.post(f"/api/v1/versions/{versions[0].pk}/resegment/").status_code == 404
