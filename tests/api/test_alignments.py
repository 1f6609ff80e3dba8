"""Alignment jobs through the API: 202 and a job to poll, cancel, re-align, align a document."""
import pytest

from alignment.models import Alignment
from tests.api.conftest import error_of
from tests.factories import DocumentFactory
from translations.importers import import_text
from translations.services import add_version


def start(api, source, target):
    return api.post("/api/v1/alignments/", {"source": source.pk, "target": target.pk},
                    format="json")


@pytest.mark.parametrize(("persona", "expected"),
                         [("owner", 202), ("reviewer", 202), ("translator", 202),
                          ("outsider", 404)])
def test_members_start_an_alignment_and_get_202_with_the_job(as_user, personas, versions,
                                                             queued, persona, expected):
    response = start(as_user(personas[persona]), *versions)
    assert response.status_code == expected
    if expected == 202:
        body = response.json()
        assert body["status"] == "queued" and body["progress"] == 0.0
        assert response["Location"].endswith(f"/api/v1/alignments/{body['id']}/")
        assert queued == [(body["id"], Alignment.objects.get().job_token)]
    else:
        assert not Alignment.objects.exists() and queued == []


def test_the_status_shows_progress_and_error(as_user, translator, alignment):
    Alignment.objects.filter(pk=alignment.pk).update(status="failed", error="boom")
    body = as_user(translator).get(f"/api/v1/alignments/{alignment.pk}/").json()
    assert (body["status"], body["error"], body["bead_count"]) == ("failed", "boom", 5)


def test_a_version_cannot_be_aligned_with_itself(as_user, owner, versions, queued):
    response = start(as_user(owner), versions[0], versions[0])
    assert response.status_code == 400
    assert "itself" in error_of(response)["message"]
    assert not Alignment.objects.exists()


def test_versions_of_different_documents_cannot_be_aligned(as_user, owner, versions, project_a,
                                                           queued):
    other = DocumentFactory(project=project_a, title="Other", source_language="en")
    stranger = add_version(other, import_text("Hello there."), language="en")
    response = start(as_user(owner), versions[0], stranger)
    assert response.status_code == 400
    assert not Alignment.objects.exists()


def test_an_unknown_version_is_a_404_naming_the_field(as_user, owner, versions, queued):
    response = as_user(owner).post("/api/v1/alignments/", {"source": versions[0].pk,
                                                           "target": 99999}, format="json")
    assert response.status_code == 404
    assert "target" in error_of(response)["fields"]


def test_aligning_an_aligned_pair_again_is_a_conflict(as_user, owner, alignment, queued):
    response = start(as_user(owner), alignment.source, alignment.target)
    assert response.status_code == 409
    assert error_of(response)["current"]["id"] == alignment.pk


def test_realigning_queues_a_new_run_and_keeps_the_beads(as_user, translator, alignment,
                                                         queued):
    response = as_user(translator).post(f"/api/v1/alignments/{alignment.pk}/realign/")
    assert response.status_code == 202
    assert response.json()["status"] == "queued"
    assert len(queued) == 1 and alignment.beads.count() == 5


def test_cancel_stops_a_queued_job_and_refuses_a_finished_one(as_user, owner, versions,
                                                              queued):
    api = as_user(owner)
    job = start(api, *versions).json()
    cancelled = api.post(f"/api/v1/alignments/{job['id']}/cancel/")
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    again = api.post(f"/api/v1/alignments/{job['id']}/cancel/")
    assert again.status_code == 409
    assert error_of(again)["current"]["status"] == "cancelled"


def test_a_dead_queue_answers_503(as_user, owner, versions, monkeypatch):
    from alignment import tasks

    def broken(*args):
        raise ConnectionError("broker down")

    monkeypatch.setattr(tasks.run_alignment, "delay", broken)
    response = start(as_user(owner), *versions)
    assert response.status_code == 503
    assert error_of(response)["code"] == "queue_unavailable"


def test_align_all_queues_every_translation_against_the_original(as_user, owner, versions,
                                                                 queued):
    document = versions[0].document
    add_version(document, import_text("Uno. Dos."), language="es")
    response = as_user(owner).post(f"/api/v1/documents/{document.pk}/align/")
    assert response.status_code == 202
    pairs = {(a["source_language"], a["target_language"]) for a in response.json()}
    assert pairs == {("de", "en"), ("de", "es")} and len(queued) == 2


def test_align_all_needs_translations(as_user, owner, document_a, queued):
    add_version(document_a, import_text("Eins."), language="de")
    response = as_user(owner).post(f"/api/v1/documents/{document_a.pk}/align/")
    assert response.status_code == 400


@pytest.mark.parametrize(("persona", "expected"),
                         [("owner", 204), ("reviewer", 403), ("translator", 403),
                          ("outsider", 404)])
def test_only_owners_delete_an_alignment(as_user, personas, alignment, persona, expected):
    response = as_user(personas[persona]).delete(f"/api/v1/alignments/{alignment.pk}/")
    assert response.status_code == expected
    assert Alignment.objects.exists() == (expected != 204)


def test_outsiders_neither_see_nor_touch_alignments(as_user, outsider, alignment, queued):
    api = as_user(outsider)
    assert api.get("/api/v1/alignments/").json()["results"] == []
    for action in ("realign", "cancel", "undo", "redo"):
        assert api.post(f"/api/v1/alignments/{alignment.pk}/{action}/").status_code == 404
    assert api.get(f"/api/v1/alignments/{alignment.pk}/operations/").status_code == 404
    assert queued == []
