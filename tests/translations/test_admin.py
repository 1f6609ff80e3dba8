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
