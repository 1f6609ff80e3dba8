"""Renaming and deleting projects, documents and versions: who may, what goes with them."""
import pytest

from alignment import services
from alignment.models import Alignment, Bead, Operation
from tests.api.conftest import error_of
from translations.models import Document, Project, Segment, Version

# Renumbering under unique constraints and cascading deletes: run on PostgreSQL too.
pytestmark = pytest.mark.postgres


def test_a_member_renames_a_document_and_changes_its_notes(as_user, translator, document_a):
    response = as_user(translator).patch(f"/api/v1/documents/{document_a.pk}/",
                                         {"title": "Neuer Titel", "notes": "Zweite Fassung"},
                                         format="json")
    assert response.status_code == 200, response.json()
    document_a.refresh_from_db()
    assert (document_a.title, document_a.notes) == ("Neuer Titel", "Zweite Fassung")


def test_a_title_another_document_has_is_refused(as_user, owner, document_a):
    Document.objects.create(project=document_a.project, title="Taken", source_language="de")
    response = as_user(owner).patch(f"/api/v1/documents/{document_a.pk}/", {"title": "Taken"},
                                    format="json")
    assert response.status_code == 400 and "title" in error_of(response)["fields"]
    document_a.refresh_from_db()
    assert document_a.title != "Taken"


def test_a_version_gets_a_new_title_and_credit_but_keeps_its_text(as_user, translator,
                                                                   versions):
    source = versions[0]
    response = as_user(translator).patch(f"/api/v1/versions/{source.pk}/",
                                         {"title": "Bericht", "credit": "A. Autorin"},
                                         format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["credit"] == "A. Autorin" and response.json()["sentence_count"] == 5
    source.refresh_from_db()
    assert source.title == "Bericht"


def test_only_owners_rename_a_project(as_user, owner, reviewer, project_a):
    url = f"/api/v1/projects/{project_a.pk}/"
    assert as_user(reviewer).patch(url, {"name": "Mine"}, format="json").status_code == 403
    response = as_user(owner).patch(url, {"name": "Renamed", "abbreviations": "approx\nca"},
                                    format="json")
    assert response.status_code == 200 and response.json()["name"] == "Renamed"
    assert Project.objects.get(pk=project_a.pk).abbreviation_list() == ["approx", "ca"]


def test_deleting_a_version_takes_its_sentences_alignments_and_log_with_it(
    as_user, owner, translator, alignment
):
    bead = alignment.beads.first()
    services.confirm(alignment, bead.pk, bead.revision, owner)
    target = alignment.target
    assert as_user(translator).delete(f"/api/v1/versions/{target.pk}/").status_code == 403
    response = as_user(owner).delete(f"/api/v1/versions/{target.pk}/")
    assert response.status_code == 200
    assert response.json() == {"documents": 0, "versions": 1, "alignments": 1,
                               "reviewed_beads": 1}
    assert not Version.objects.filter(pk=target.pk).exists()
    assert not Segment.objects.filter(version_id=target.pk).exists()
    assert not Alignment.objects.exists() and not Bead.objects.exists()
    assert not Operation.objects.exists()
    assert Version.objects.filter(pk=alignment.source_id).exists()


def test_deleting_a_document_or_project_is_for_owners_and_outsiders_get_404(
    as_user, personas, alignment
):
    document = alignment.document
    for persona, expected in [("outsider", 404), ("translator", 403), ("reviewer", 403)]:
        response = as_user(personas[persona]).delete(f"/api/v1/documents/{document.pk}/")
        assert response.status_code == expected, persona
    assert Document.objects.filter(pk=document.pk).exists()
    response = as_user(personas["owner"]).delete(f"/api/v1/projects/{document.project_id}/")
    assert response.status_code == 200
    assert response.json()["documents"] == 1 and response.json()["versions"] == 2
    assert not Project.objects.exists() and not Segment.objects.exists()


@pytest.mark.parametrize("body", [{"title": ""}, {"title": "x" * 301}, {"notes": 5 * [1]}])
def test_bad_document_changes_are_refused_and_change_nothing(as_user, owner, document_a, body):
    before = (document_a.title, document_a.notes)
    response = as_user(owner).patch(f"/api/v1/documents/{document_a.pk}/", body, format="json")
    assert response.status_code == 400
    document_a.refresh_from_db()
    assert (document_a.title, document_a.notes) == before
