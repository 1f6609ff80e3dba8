"""Dashboard, project, document and version pages: who sees what, and what the forms do."""
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from alignment.models import Alignment, Bead
from tests.factories import UserFactory
from translations.models import Document, Membership, Role, Version


def project_pages(alignment):
    document = alignment.document
    return [
        reverse("project", args=[document.project.pk]),
        reverse("document", args=[document.pk]),
        reverse("version", args=[alignment.source.pk]),
        reverse("editor", args=[alignment.pk]),
        reverse("job_status", args=[alignment.pk]),
        reverse("next_risky", args=[alignment.pk]),
        reverse("bead_history", args=[alignment.pk, alignment.beads.first().pk]),
        reverse("split_form", args=[alignment.pk, alignment.beads.first().pk]),
        reverse("segment_edit", args=[alignment.pk, alignment.source.segments.first().pk]),
    ]


def project_posts(alignment):
    document = alignment.document
    return [
        reverse("project_member", args=[document.project.pk]),
        reverse("project_member_remove", args=[document.project.pk, 1]),
        reverse("document_create", args=[document.project.pk]),
        reverse("document_delete", args=[document.pk]),
        reverse("document_edit", args=[document.pk]),
        reverse("project_edit", args=[document.project.pk]),
        reverse("project_delete", args=[document.project.pk]),
        reverse("version_delete", args=[alignment.target.pk]),
        reverse("version_create", args=[document.pk]),
        reverse("document_align", args=[document.pk]),
        reverse("operate", args=[alignment.pk]),
        reverse("realign", args=[alignment.pk]),
        reverse("job_cancel", args=[alignment.pk]),
        reverse("segment_edit", args=[alignment.pk, alignment.source.segments.first().pk]),
    ]


def test_every_page_of_a_project_answers_a_member(as_translator, alignment):
    for url in project_pages(alignment):
        assert as_translator.get(url).status_code in (200, 302), url


def test_an_outsider_gets_404_for_every_page_and_form_of_a_project(as_outsider, alignment):
    for url in project_pages(alignment):
        assert as_outsider.get(url).status_code == 404, url
    for url in project_posts(alignment):
        assert as_outsider.post(url, {"op": "confirm"}).status_code == 404, url


def test_an_outsider_changes_nothing(as_outsider, alignment):
    bead = alignment.beads.first()
    as_outsider.post(reverse("operate", args=[alignment.pk]),
                     {"op": "confirm", "bead": bead.pk, "revision": bead.revision})
    assert not alignment.beads.filter(state=Bead.State.CONFIRMED).exists()


def test_signed_out_visitors_are_sent_to_sign_in(client, alignment):
    for url in [reverse("dashboard"), *project_pages(alignment)]:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith("/accounts/login/")


def test_a_user_signs_in_and_out_with_the_forms(client, owner):
    page = client.get("/accounts/login/")
    assert b'name="username"' in page.content and b"csrfmiddlewaretoken" in page.content
    response = client.post("/accounts/login/",
                           {"username": owner.username, "password": "correct horse battery"})
    assert response.status_code == 302 and response.url == "/"
    assert client.get("/").status_code == 200
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/").status_code == 302


def test_a_wrong_password_is_refused_with_a_message(client, owner):
    response = client.post("/accounts/login/", {"username": owner.username, "password": "nope"})
    assert response.status_code == 200
    assert b"didn't match" in response.content


def test_the_dashboard_lists_my_projects_documents_versions_and_jobs(as_owner, alignment):
    page = as_owner.get("/").content.decode()
    assert "Ayotzinapa dossier" in page
    assert "Protests in November" in page
    assert "German" in page and "English" in page
    assert "5 sentences" in page
    assert reverse("editor", args=[alignment.pk]) in page


def test_the_dashboard_hides_other_peoples_projects(as_outsider, alignment):
    page = as_outsider.get("/").content.decode()
    assert "Ayotzinapa dossier" not in page
    assert "Protests in November" not in page


def test_a_new_project_makes_me_its_owner(as_outsider, outsider):
    response = as_outsider.post(reverse("project_create"), {"name": "Second dossier"})
    assert response.status_code == 302
    membership = Membership.objects.get(user=outsider)
    assert membership.project.name == "Second dossier" and membership.role == Role.OWNER


def test_the_project_page_shows_members_and_roles(as_translator, project_a, owner, translator):
    page = as_translator.get(reverse("project", args=[project_a.pk])).content.decode()
    assert "olga_owner" in page and "Owner" in page
    assert "tomas_translator" in page
    assert "Save membership" not in page  # only owners manage members


def test_the_member_form_offers_the_least_powerful_role_first(as_owner, project_a):
    page = as_owner.get(reverse("project", args=[project_a.pk])).content.decode()
    assert '<option value="translator" selected>' in page


def test_an_owner_adds_a_member_with_a_role(as_owner, project_a):
    newcomer = UserFactory(username="nina_new")
    url = reverse("project_member", args=[project_a.pk])
    response = as_owner.post(url, {"username": "nina_new", "role": "reviewer"})
    assert response.status_code == 302
    assert Membership.objects.get(project=project_a, user=newcomer).role == Role.REVIEWER


def test_an_unknown_user_name_is_reported_on_the_form(as_owner, project_a):
    url = reverse("project_member", args=[project_a.pk])
    response = as_owner.post(url, {"username": "ghost", "role": "reviewer"})
    assert response.status_code == 400
    assert "There is no user named" in response.content.decode()


def test_a_translator_cannot_manage_members(as_translator, project_a, outsider):
    url = reverse("project_member", args=[project_a.pk])
    response = as_translator.post(url, {"username": outsider.username, "role": "owner"})
    assert response.status_code == 403
    assert not Membership.objects.filter(user=outsider).exists()


def test_an_owner_removes_a_member_from_the_project_page(as_owner, project_a, translator):
    page = as_owner.get(reverse("project", args=[project_a.pk])).content.decode()
    url = reverse("project_member_remove", args=[project_a.pk, translator.pk])
    assert url in page and "Remove tomas_translator from the project" in page
    response = as_owner.post(url, follow=True)
    assert "tomas_translator is no longer a member" in response.content.decode()
    assert not Membership.objects.filter(project=project_a, user=translator).exists()


def test_the_last_owner_can_be_neither_removed_nor_demoted(as_owner, project_a, owner):
    remove = reverse("project_member_remove", args=[project_a.pk, owner.pk])
    response = as_owner.post(remove, follow=True)
    assert "needs at least one owner" in response.content.decode()
    demote = as_owner.post(reverse("project_member", args=[project_a.pk]),
                           {"username": owner.username, "role": "translator"})
    assert demote.status_code == 400 and "needs at least one owner" in demote.content.decode()
    assert Membership.objects.get(project=project_a, user=owner).role == Role.OWNER


def test_a_reviewer_cannot_remove_members(as_reviewer, project_a, translator):
    url = reverse("project_member_remove", args=[project_a.pk, translator.pk])
    assert as_reviewer.post(url).status_code == 403
    assert Membership.objects.filter(project=project_a, user=translator).exists()


def test_a_member_creates_a_document(as_translator, project_a):
    url = reverse("document_create", args=[project_a.pk])
    response = as_translator.post(url, {"title": "Second text", "source_language": "es"})
    assert response.status_code == 302
    assert project_a.documents.filter(title="Second text", source_language="es").exists()


def test_pasted_text_becomes_a_version_with_its_sentences(as_translator, document_a):
    url = reverse("version_create", args=[document_a.pk])
    response = as_translator.post(url, {"language": "de", "text": "Eins. Zwei.\n\nDrei."})
    assert response.status_code == 302
    version = document_a.versions.get(language="de")
    assert version.role == Version.VersionRole.ORIGINAL
    assert version.segments.count() == 3
    page = as_translator.get(reverse("document", args=[document_a.pk])).content.decode()
    assert "3 sentences" in page or ">3<" in page


def test_an_uploaded_file_becomes_a_version(as_translator, document_a):
    upload = SimpleUploadedFile("english.txt", b"One. Two.\n\nThree.")
    url = reverse("version_create", args=[document_a.pk])
    response = as_translator.post(url, {"language": "en", "file": upload})
    assert response.status_code == 302
    version = document_a.versions.get(language="en")
    assert version.source_filename == "english.txt" and version.segments.count() == 3


@pytest.mark.parametrize("data, message", [
    ({"language": "de"}, "Upload a file or paste the text"),
    ({"language": "", "text": "Eins."}, "could not be recognised; please pick it"),
    ({"language": "xx", "text": "Eins."}, "Select a valid choice"),
])
def test_a_bad_upload_is_explained_and_stores_nothing(as_translator, document_a, data, message):
    response = as_translator.post(reverse("version_create", args=[document_a.pk]), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not document_a.versions.exists()


def test_a_second_version_in_the_same_language_is_refused(as_translator, versions, document_a):
    url = reverse("version_create", args=[document_a.pk])
    response = as_translator.post(url, {"language": "de", "text": "Noch einmal."})
    assert response.status_code == 400
    assert "already has a de version" in response.content.decode()


def test_an_unsupported_file_type_is_refused_with_the_reason(as_translator, document_a):
    upload = SimpleUploadedFile("notes.pdf", b"%PDF-1.4")
    url = reverse("version_create", args=[document_a.pk])
    response = as_translator.post(url, {"language": "en", "file": upload})
    assert response.status_code == 400
    assert "Unsupported file type .pdf" in response.content.decode()


def test_the_version_page_shows_paragraphs_of_numbered_escaped_sentences(as_owner, document_a):
    from translations.importers import import_text
    from translations.services import add_version

    version = add_version(document_a, import_text("Eins <b>fett</b>. Zwei.\n\nDrei."),
                          language="de")
    page = as_owner.get(reverse("version", args=[version.pk])).content.decode()
    assert page.count('class="paragraph"') == 2
    assert "&lt;b&gt;fett&lt;/b&gt;" in page and "<b>fett</b>" not in page
    assert 'id="s3"' in page


def test_starting_an_alignment_runs_the_job(as_translator, versions, document_a, fake_engine):
    source, target = versions
    url = reverse("document_align", args=[document_a.pk])
    response = as_translator.post(url, {"source": source.pk, "target": target.pk})
    assert response.status_code == 302
    alignment = Alignment.objects.get(source=source, target=target)
    assert alignment.status == Alignment.Status.DONE and alignment.bead_count > 0


def test_aligning_all_versions_starts_one_job_per_translation(
    as_translator, versions, document_a, fake_engine
):
    response = as_translator.post(reverse("document_align", args=[document_a.pk]), {"all": "1"})
    assert response.status_code == 302
    assert Alignment.objects.filter(source__document=document_a).count() == 1


def test_aligning_a_version_with_itself_is_refused(as_translator, versions, document_a):
    source, _ = versions
    url = reverse("document_align", args=[document_a.pk])
    response = as_translator.post(url, {"source": source.pk, "target": source.pk})
    assert response.status_code == 400
    assert "Choose two different versions" in response.content.decode()
    assert not Alignment.objects.exists()


def test_a_running_job_polls_for_its_progress(as_translator, alignment):
    Alignment.objects.filter(pk=alignment.pk).update(status="running", progress=0.42)
    page = as_translator.get(reverse("job_status", args=[alignment.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in page
    assert 'value="42"' in page


@pytest.mark.parametrize(("status", "silent_s", "warning"), [
    ("queued", 90, "Waiting for a worker for 1\xa0minute: is a Celery worker running?"),
    ("running", 300, "No progress report for 5\xa0minutes"),
    ("running", 5, None),
])
def test_a_job_without_signs_of_life_says_so(as_translator, alignment, status, silent_s,
                                            warning):
    silent_since = timezone.now() - timedelta(seconds=silent_s)
    Alignment.objects.filter(pk=alignment.pk).update(status=status, heartbeat=silent_since)
    page = as_translator.get(reverse("job_status", args=[alignment.pk])).content.decode()
    if warning:
        assert warning in page
    else:
        assert "stall-warning" not in page


def test_a_finished_job_stops_polling_and_links_the_editor(as_translator, alignment):
    page = as_translator.get(reverse("job_status", args=[alignment.pk])).content.decode()
    assert "hx-trigger" not in page
    assert reverse("editor", args=[alignment.pk]) in page


def test_a_failed_job_shows_its_error(as_translator, alignment):
    Alignment.objects.filter(pk=alignment.pk).update(status="failed", error="Encoder <broke>")
    page = as_translator.get(reverse("job_status", args=[alignment.pk])).content.decode()
    assert "Failed" in page and "Encoder &lt;broke&gt;" in page


def test_a_member_cancels_a_running_job(as_translator, alignment):
    Alignment.objects.filter(pk=alignment.pk).update(status="running")
    response = as_translator.post(reverse("job_cancel", args=[alignment.pk]),
                                  HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "Cancelled" in response.content.decode()
    alignment.refresh_from_db()
    assert alignment.status == Alignment.Status.CANCELLED


def test_an_owner_deletes_a_version_after_seeing_what_goes_with_it(as_owner, alignment):
    bead = alignment.beads.first()
    Bead.objects.filter(pk=bead.pk).update(state=Bead.State.CONFIRMED)
    target = alignment.target
    version_page = as_owner.get(reverse("version", args=[target.pk])).content.decode()
    url = reverse("version_delete", args=[target.pk])
    assert url in version_page
    confirm = as_owner.get(url).content.decode()
    assert "1 alignment" in confirm and "1 confirmed or edited bead" in confirm
    assert Version.objects.filter(pk=target.pk).exists()  # asking deletes nothing
    response = as_owner.post(url, follow=True)
    assert "version deleted" in response.content.decode()
    assert not Version.objects.filter(pk=target.pk).exists()
    assert not Alignment.objects.exists()


def test_an_owner_deletes_a_document_and_lands_on_the_project(as_owner, alignment):
    document = alignment.document
    url = reverse("document_delete", args=[document.pk])
    assert url in as_owner.get(reverse("document", args=[document.pk])).content.decode()
    response = as_owner.post(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("project", args=[document.project_id])
    assert not Version.objects.exists()


def test_translators_and_reviewers_may_not_delete(as_translator, as_reviewer, alignment):
    document, version = alignment.document, alignment.target
    for client in (as_translator, as_reviewer):
        page = client.get(reverse("document", args=[document.pk])).content.decode()
        assert reverse("document_delete", args=[document.pk]) not in page
        assert client.post(reverse("document_delete", args=[document.pk])).status_code == 403
        assert client.post(reverse("version_delete", args=[version.pk])).status_code == 403
    assert Version.objects.count() == 2


def test_a_member_changes_a_documents_title_and_notes(as_translator, document_a):
    url = reverse("document_edit", args=[document_a.pk])
    assert url in as_translator.get(reverse("document", args=[document_a.pk])).content.decode()
    response = as_translator.post(url, {"title": "Neuer Titel", "notes": "Zweite Fassung"},
                                  follow=True)
    assert "Changes saved." in response.content.decode()
    document_a.refresh_from_db()
    assert (document_a.title, document_a.notes) == ("Neuer Titel", "Zweite Fassung")


def test_a_title_another_document_has_is_refused_on_the_page(as_owner, document_a):
    Document.objects.create(project=document_a.project, title="Taken", source_language="de")
    response = as_owner.post(reverse("document_edit", args=[document_a.pk]),
                             {"title": "Taken", "notes": ""}, follow=True)
    assert "Nothing was changed" in response.content.decode()
    document_a.refresh_from_db()
    assert document_a.title != "Taken"


def test_an_owner_edits_the_project_and_its_abbreviations(as_owner, project_a):
    response = as_owner.post(reverse("project_edit", args=[project_a.pk]),
                             {"name": "Dossier", "description": "", "abbreviations": "approx\nca"},
                             follow=True)
    assert "Changes saved." in response.content.decode()
    project_a.refresh_from_db()
    assert project_a.name == "Dossier" and project_a.abbreviation_list() == ["approx", "ca"]


def test_an_owner_deletes_the_project_from_its_page(as_owner, alignment):
    project = alignment.document.project
    url = reverse("project_delete", args=[project.pk])
    assert url in as_owner.get(reverse("project", args=[project.pk])).content.decode()
    assert "1 document" in as_owner.get(url).content.decode()
    response = as_owner.post(url)
    assert response.status_code == 302 and response["Location"] == reverse("dashboard")
    assert not Version.objects.exists() and not Alignment.objects.exists()


def test_only_owners_edit_or_delete_the_project(as_translator, as_reviewer, project_a):
    for client in (as_translator, as_reviewer):
        page = client.get(reverse("project", args=[project_a.pk])).content.decode()
        assert reverse("project_delete", args=[project_a.pk]) not in page
        assert client.post(reverse("project_edit", args=[project_a.pk]),
                           {"name": "Mine"}).status_code == 403
        assert client.post(reverse("project_delete", args=[project_a.pk])).status_code == 403
    project_a.refresh_from_db()
    assert project_a.name != "Mine"
