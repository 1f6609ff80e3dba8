"""Live job progress without reloading, stale edits shown as conflicts, outsiders kept out."""
import pytest
from django.urls import reverse
from playwright.sync_api import expect

from alignment import services
from alignment.models import Alignment, Bead
from tests.browser.conftest import sign_in
from tests.factories import UserFactory
from translations.importers import import_text
from translations.models import Role
from translations.services import add_version, set_member


@pytest.fixture
def pair(document_a):
    source = add_version(document_a, import_text("Eins. Zwei. Drei."), language="de")
    target = add_version(document_a, import_text("One. Two. Three."), language="en")
    return source, target


@pytest.fixture
def aligned(pair):
    source, target = pair
    alignment = Alignment.objects.create(source=source, target=target, encoder="test",
                                         status=Alignment.Status.DONE)
    Bead.objects.bulk_create(
        Bead(alignment=alignment, src_start=i, src_end=i + 1, tgt_start=i, tgt_end=i + 1,
             confidence=0.4)
        for i in range(3)
    )
    alignment.record_change()
    return alignment


@pytest.mark.django_db(transaction=True)
def test_a_running_job_shows_live_progress_and_its_outcome(page, live_server, owner, pair):
    source, target = pair
    alignment = Alignment.objects.create(source=source, target=target, encoder="test",
                                         status=Alignment.Status.RUNNING, progress=0.3)
    sign_in(page, live_server.url, owner.username)
    page.goto(live_server.url + reverse("document", args=[source.document_id]))
    page.evaluate("window.notReloaded = true")
    status = page.locator(f"#job-{alignment.pk}")
    expect(status.locator("progress")).to_have_attribute("value", "30")
    Alignment.objects.filter(pk=alignment.pk).update(progress=0.75)
    expect(status.locator("progress")).to_have_attribute("value", "75")
    Alignment.objects.filter(pk=alignment.pk).update(status="done", progress=1.0, bead_count=3)
    expect(status).to_contain_text("Done")
    expect(status.get_by_role("link", name="Open the editor")).to_be_visible()
    assert page.evaluate("window.notReloaded") is True


@pytest.mark.django_db(transaction=True)
def test_a_failed_job_shows_its_error_without_reloading(page, live_server, owner, pair):
    source, target = pair
    alignment = Alignment.objects.create(source=source, target=target, encoder="test",
                                         status=Alignment.Status.QUEUED)
    sign_in(page, live_server.url, owner.username)
    expect(page.locator(f"#job-{alignment.pk}")).to_contain_text("Queued")
    Alignment.objects.filter(pk=alignment.pk).update(
        status="failed", error="The job queue is unavailable")
    expect(page.locator(f"#job-{alignment.pk}")).to_contain_text("The job queue is unavailable")


@pytest.mark.django_db(transaction=True)
def test_an_edit_made_meanwhile_by_someone_else_shows_as_a_conflict(
    page, live_server, owner, aligned
):
    sign_in(page, live_server.url, owner.username)
    page.goto(live_server.url + reverse("editor", args=[aligned.pk]))
    expect(page.locator("li.bead.focused")).to_contain_text("Eins.")
    other = UserFactory(username="rita_elsewhere")
    set_member(aligned.document.project, other, Role.REVIEWER)
    first = aligned.beads.first()
    services.confirm(aligned, first.pk, first.revision, other)
    page.keyboard.press("m")
    alert = page.locator("#editor-alert")
    expect(alert).to_contain_text("Conflict: your change was not applied")
    expect(page.locator("li.bead").first).to_contain_text("confirmed")
    assert aligned.beads.count() == 3


@pytest.mark.django_db(transaction=True)
def test_an_outsider_sees_none_of_a_projects_pages(page, live_server, outsider, aligned):
    document = aligned.document
    sign_in(page, live_server.url, outsider.username)
    expect(page.locator("main")).not_to_contain_text(document.project.name)
    for url in [
        reverse("project", args=[document.project_id]),
        reverse("document", args=[document.pk]),
        reverse("version", args=[aligned.source_id]),
        reverse("editor", args=[aligned.pk]),
    ]:
        response = page.goto(live_server.url + url)
        assert response.status == 404, url
        expect(page.locator("body")).not_to_contain_text("Eins.")
        expect(page.locator("body")).not_to_contain_text(document.title)


@pytest.mark.django_db(transaction=True)
def test_the_export_button_downloads_a_tmx_of_the_filtered_beads(
    page, live_server, owner, aligned
):
    import xml.etree.ElementTree as ET

    first = aligned.beads.first()
    services.confirm(aligned, first.pk, first.revision, owner)
    sign_in(page, live_server.url, owner.username)
    page.goto(live_server.url + reverse("editor", args=[aligned.pk]) + "?status=confirmed")
    page.get_by_text("Export").click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="TMX").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".tmx")
    tree = ET.parse(download.path())
    units = tree.getroot().findall(".//tu")
    assert len(units) == 1
    texts = [seg.text for seg in tree.getroot().iter("seg")]
    assert texts == ["Eins.", "One."]


@pytest.mark.django_db(transaction=True)
def test_an_owner_deletes_a_version_after_reading_what_goes_with_it(
    page, live_server, owner, aligned, screenshot
):
    first = aligned.beads.first()
    services.confirm(aligned, first.pk, first.revision, owner)
    target = aligned.target
    sign_in(page, live_server.url, owner.username)
    page.goto(live_server.url + reverse("version", args=[target.pk]))
    page.get_by_role("link", name="Delete this version…").click()
    expect(page.locator("h1")).to_contain_text("Delete the English version")
    expect(page.locator("main")).to_contain_text("1 confirmed or edited bead")
    screenshot(page, "delete-version", full_page=True)
    page.get_by_role("button", name="Delete").click()
    expect(page.locator("body")).to_contain_text("English version deleted.")
    assert page.url.endswith(reverse("document", args=[target.document_id]))
    assert not Alignment.objects.exists()
