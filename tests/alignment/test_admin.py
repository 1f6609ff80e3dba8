"""Django admin for alignments: status columns, beads inline, re-run and cancel actions."""
import pytest
from django.urls import reverse

from alignment import jobs
from alignment.models import Alignment


@pytest.fixture
def staff_client(client, admin_user):
    client.force_login(admin_user)
    return client


def test_the_alignment_list_shows_status_progress_and_counts(staff_client, alignment):
    body = staff_client.get(reverse("admin:alignment_alignment_changelist")).content.decode()
    assert "Done" in body and "0%" in body and "test" in body


def response_ok(body: str) -> bool:
    return "Traceback" not in body


def test_the_alignment_page_shows_its_beads(staff_client, alignment):
    url = reverse("admin:alignment_alignment_change", args=[alignment.pk])
    body = staff_client.get(url).content.decode()
    assert response_ok(body) and "1-2" in body and "1-0" in body
    assert f"alignment__id__exact={alignment.pk}" in body  # the link to all its beads


def test_the_rerun_action_queues_the_alignment_again(staff_client, alignment, monkeypatch):
    queued = []
    monkeypatch.setattr(jobs, "enqueue", queued.append)
    staff_client.post(reverse("admin:alignment_alignment_changelist"),
                      {"action": "rerun", "_selected_action": [alignment.pk]})
    alignment.refresh_from_db()
    assert alignment.status == Alignment.Status.QUEUED and [a.pk for a in queued] == [alignment.pk]


def test_the_cancel_action_stops_a_queued_job(staff_client, alignment):
    Alignment.objects.filter(pk=alignment.pk).update(status=Alignment.Status.QUEUED)
    staff_client.post(reverse("admin:alignment_alignment_changelist"),
                      {"action": "cancel", "_selected_action": [alignment.pk]})
    alignment.refresh_from_db()
    assert alignment.status == Alignment.Status.CANCELLED


@pytest.mark.parametrize("model", ["bead", "operation"])
def test_beads_and_the_operation_log_have_list_pages(staff_client, alignment, model):
    response = staff_client.get(reverse(f"admin:alignment_{model}_changelist"))
    assert response.status_code == 200


def test_alignments_are_not_added_and_keep_their_versions_in_the_admin(staff_client, alignment):
    assert staff_client.get(reverse("admin:alignment_alignment_add")).status_code == 403
    url = reverse("admin:alignment_alignment_change", args=[alignment.pk])
    body = staff_client.get(url).content.decode()
    assert 'name="encoder"' in body
    assert 'name="source"' not in body and 'name="target"' not in body


@pytest.mark.parametrize(("field", "value", "message"), [
    ("encoder", "laser-xl", "Unknown encoder"),
    ("params", '{"max_sides": 3}', "Unknown setting"),
])
def test_run_settings_a_worker_could_not_use_are_refused(staff_client, alignment, field,
                                                        value, message):
    url = reverse("admin:alignment_alignment_change", args=[alignment.pk])
    data = {"encoder": "e5-small", "params": '{"max_side": 3}', field: value,
            "beads-TOTAL_FORMS": 0, "beads-INITIAL_FORMS": 0}
    response = staff_client.post(url, data)
    assert message in response.content.decode()
    alignment.refresh_from_db()
    assert (alignment.encoder, alignment.params) == ("test", {})


def test_valid_run_settings_are_stored_for_the_next_run(staff_client, alignment):
    url = reverse("admin:alignment_alignment_change", args=[alignment.pk])
    data = {"encoder": "use-m3", "params": '{"max_side": 3}',
            "beads-TOTAL_FORMS": 0, "beads-INITIAL_FORMS": 0}
    staff_client.post(url, data)
    alignment.refresh_from_db()
    assert (alignment.encoder, alignment.params) == ("use-m3", {"max_side": 3})
