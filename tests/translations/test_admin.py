"""Django admin: staff see the corpus, raw text is read-only, versions can be re-segmented."""
import pytest
from django.urls import reverse

from translations.importers import import_text
from translations.services import add_version


@pytest.fixture
def version(document_a):
    return add_version(document_a, import_text("Eins. Zwei. Drei."), language="de")


@pytest.fixture
def staff_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.mark.parametrize(
    "model", ["project", "document", "version", "segment", "membership"]
)
def test_every_corpus_model_has_a_working_list_page(staff_client, version, model):
    if model == "membership":
        url = reverse("admin:translations_project_change", args=[version.document.project_id])
    else:
        url = reverse(f"admin:translations_{model}_changelist")
    response = staff_client.get(url)
    assert response.status_code == 200


def test_the_version_page_shows_segments_and_raw_text_read_only(staff_client, version):
    response = staff_client.get(reverse("admin:translations_version_change", args=[version.pk]))
    body = response.content.decode()
    assert "Eins. Zwei. Drei." in body
    assert 'name="raw_text"' not in body  # shown, not editable
    assert "Drei." in body
    # What the text is stays as imported; its title and credit can be corrected.
    assert 'name="title"' in body and 'name="credit"' in body
    for fixed in ("document", "language", "role"):
        assert f'name="{fixed}"' not in body


def test_the_resegment_action_rebuilds_sentences(staff_client, version):
    version.segments.all().delete()
    response = staff_client.post(
        reverse("admin:translations_version_changelist"),
        {"action": "resegment", "_selected_action": [version.pk]},
        follow=True,
    )
    assert "1 paragraphs, 3 sentences" in response.content.decode()
    assert version.segments.count() == 3


def test_a_member_without_staff_status_cannot_open_the_admin(client, owner):
    client.force_login(owner)
    response = client.get(reverse("admin:translations_project_changelist"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_resegment_action_refuses_an_aligned_version_and_keeps_its_sentences(
        staff_client, alignment):
    source = alignment.source
    before = list(source.segments.values_list("position", "text"))
    beads = [bead.ranges() for bead in alignment.beads.all()]
    response = staff_client.post(
        reverse("admin:translations_version_changelist"),
        {"action": "resegment", "_selected_action": [source.pk]},
        follow=True,
    )
    assert "has aligned sentences" in response.content.decode()
    assert list(source.segments.values_list("position", "text")) == before
    assert [bead.ranges() for bead in alignment.beads.all()] == beads


def test_correcting_a_sentence_in_the_admin_is_logged_like_an_editor_edit(
        staff_client, alignment, admin_user):
    from alignment.models import Operation

    sentence = alignment.source.segments.get(position=1)
    url = reverse("admin:translations_segment_change", args=[sentence.pk])
    response = staff_client.post(url, {"text": "  Zwei!  "}, follow=True)
    assert response.status_code == 200
    sentence.refresh_from_db()
    assert (sentence.text, sentence.revision) == ("Zwei!", 2)
    edit = Operation.objects.get(kind="edit_text")
    assert edit.user == admin_user and edit.before[0]["text"] == "Zwei."


def test_an_empty_sentence_is_refused_in_the_admin_and_nothing_changes(staff_client, version):
    sentence = version.segments.get(position=0)
    url = reverse("admin:translations_segment_change", args=[sentence.pk])
    response = staff_client.post(url, {"text": "   "})
    assert response.status_code == 200 and "This field is required" in response.content.decode()
    sentence.refresh_from_db()
    assert sentence.text == "Eins."


def test_sentences_beads_and_the_log_cannot_be_added_or_deleted_on_their_own(
        staff_client, alignment, admin_user):
    from alignment import services as alignment_services
    from alignment.models import Operation

    alignment_services.confirm(alignment, alignment.beads.first().pk, None, admin_user)
    sentence, bead = alignment.source.segments.first(), alignment.beads.first()
    operation = Operation.objects.get()
    for url in (reverse("admin:translations_segment_add"),
                reverse("admin:translations_segment_delete", args=[sentence.pk]),
                reverse("admin:alignment_bead_delete", args=[bead.pk]),
                reverse("admin:alignment_operation_delete", args=[operation.pk])):
        assert staff_client.get(url).status_code == 403, url
    for model, row in (("translations_segment", sentence), ("alignment_bead", bead)):
        changelist = reverse(f"admin:{model}_changelist")
        staff_client.post(changelist, {"action": "delete_selected", "post": "yes",
                                       "_selected_action": [row.pk]})
        page = staff_client.get(reverse(f"admin:{model}_change", args=[row.pk]))
        assert "deletelink" not in page.content.decode()
    assert alignment.source.segments.count() == 5 and alignment.beads.count() == 5
    assert Operation.objects.count() == 1


def test_deleting_a_document_in_the_admin_takes_its_sentences_and_beads(
        staff_client, alignment):
    from alignment.models import Bead
    from translations.models import Segment

    url = reverse("admin:translations_document_delete", args=[alignment.document.pk])
    response = staff_client.post(url, {"post": "yes"}, follow=True)
    assert response.status_code == 200
    assert not Segment.objects.exists() and not Bead.objects.exists()


def _members_post(staff_client, project, rows):
    """Save the project's admin page with the membership rows (id, user, role, delete)."""
    data = {"name": project.name, "description": "", "abbreviations": "",
            "memberships-TOTAL_FORMS": len(rows), "memberships-INITIAL_FORMS":
            sum(1 for r in rows if r[0]), "memberships-MIN_NUM_FORMS": 0,
            "memberships-MAX_NUM_FORMS": 1000}
    for k, (pk, user, role, delete) in enumerate(rows):
        data.update({f"memberships-{k}-id": pk or "", f"memberships-{k}-project": project.pk,
                     f"memberships-{k}-user": user.pk, f"memberships-{k}-role": role})
        if delete:
            data[f"memberships-{k}-DELETE"] = "on"
    url = reverse("admin:translations_project_change", args=[project.pk])
    return staff_client.post(url, data, follow=True)


def _roles(project):
    return {m.user.username: m.role for m in project.memberships.select_related("user")}


def test_the_admin_cannot_demote_or_remove_a_projects_last_owner(
        staff_client, project_a, owner, reviewer):
    mine = project_a.memberships.get(user=owner)
    theirs = project_a.memberships.get(user=reviewer)
    for delete, role in ((False, "reviewer"), (True, "owner")):
        response = _members_post(staff_client, project_a, [
            (mine.pk, owner, role, delete), (theirs.pk, reviewer, "reviewer", False)])
        assert "at least one owner" in response.content.decode()
        assert _roles(project_a) == {"olga_owner": "owner", "rita_reviewer": "reviewer"}


def test_one_admin_save_can_hand_a_project_to_a_new_owner(
        staff_client, project_a, owner, reviewer):
    mine = project_a.memberships.get(user=owner)
    theirs = project_a.memberships.get(user=reviewer)
    _members_post(staff_client, project_a, [
        (mine.pk, owner, "translator", False), (theirs.pk, reviewer, "owner", False)])
    assert _roles(project_a) == {"olga_owner": "translator", "rita_reviewer": "owner"}
    _members_post(staff_client, project_a, [
        (mine.pk, owner, "translator", True), (theirs.pk, reviewer, "owner", False)])
    assert _roles(project_a) == {"rita_reviewer": "owner"}


def test_a_documents_language_stays_and_a_taken_title_is_refused(staff_client, version):
    from translations.services import create_document

    document = version.document
    create_document(document.project, "Taken", "es")
    url = reverse("admin:translations_document_change", args=[document.pk])
    assert 'name="source_language"' not in staff_client.get(url).content.decode()
    response = staff_client.post(url, {"project": document.project_id, "title": "Taken",
                                       "notes": "", "versions-TOTAL_FORMS": 1,
                                       "versions-INITIAL_FORMS": 1,
                                       "versions-0-id": version.pk,
                                       "versions-0-document": document.pk})
    assert response.status_code == 200 and "already exists" in response.content.decode()
    document.refresh_from_db()
    assert document.title != "Taken"
