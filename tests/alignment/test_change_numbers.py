"""Change numbers, the changes-since cursor: handed out in commit order, never missed."""
import threading
import time

import pytest
from django.db import transaction

from alignment import exports, jobs, services
from alignment.engine.aligner import AlignResult
from alignment.engine.aligner import Bead as EngineBead
from alignment.models import Alignment, Bead
from tests.corpus import bead_at
from tests.races import in_thread


def changed_since(alignment, cursor: str) -> list[dict]:
    options = exports.ExportFilter(since=exports.parse_cursor(cursor))
    return exports.bitext(alignment, options)["pairs"]


@pytest.mark.django_db
def test_saving_an_alignment_read_before_an_edit_keeps_the_newer_change_number(
        alignment, reviewer):
    stale = Alignment.objects.get(pk=alignment.pk)
    cursor = exports.new_cursor(alignment)
    services.confirm(alignment, bead_at(alignment, 1).pk, None, reviewer)
    stale.error = "saved from an old copy"
    stale.save()
    assert [p["src"] for p in changed_since(alignment, cursor)] == [[1, 2]]
    assert int(exports.new_cursor(alignment)) > int(cursor)


@pytest.mark.django_db
def test_a_finished_run_sends_every_bead_as_changed(alignment):
    cursor = exports.new_cursor(alignment)
    Alignment.objects.filter(pk=alignment.pk).update(
        status=Alignment.Status.RUNNING, job_token="run-1")
    result = AlignResult([EngineBead(*b.ranges(), 0.5) for b in alignment.beads.all()])
    assert jobs.save_result(alignment.pk, "run-1", result,
                            jobs.input_fingerprint(alignment)) == "done"
    assert len(changed_since(alignment, cursor)) == alignment.beads.count() == 5


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_an_edit_committing_after_the_cursor_was_read_is_in_the_next_fetch(alignment, reviewer):
    written, release = threading.Event(), threading.Event()

    def slow_confirm():
        with transaction.atomic():
            services.confirm(alignment, bead_at(alignment, 1).pk, None, reviewer)
            written.set()  # its bead is stamped "changed now", but not committed yet
            release.wait(20)

    thread, outcome = in_thread(slow_confirm)
    assert written.wait(20)
    cursor = exports.new_cursor(alignment)
    assert changed_since(alignment, cursor) == []
    release.set()
    thread.join(20)
    assert not isinstance(outcome.get("value"), Exception), outcome
    assert [(p["src"], p["state"]) for p in changed_since(alignment, cursor)] == [
        ([1, 2], "confirmed")]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_run_finishing_during_an_edit_waits_for_it_and_runs_again(
        alignment, reviewer):
    Alignment.objects.filter(pk=alignment.pk).update(
        status=Alignment.Status.RUNNING, job_token="run-1")
    fingerprint = jobs.input_fingerprint(alignment)
    result = AlignResult([EngineBead(*b.ranges(), 0.5) for b in alignment.beads.all()])
    beads_locked, go_on = threading.Event(), threading.Event()

    def edit():
        with transaction.atomic():
            list(alignment.locked_beads())  # as every edit starts: the row, then the beads
            beads_locked.set()
            go_on.wait(20)
            return services.confirm(alignment, bead_at(alignment, 1).pk, None, reviewer)

    editor, edited = in_thread(edit)
    assert beads_locked.wait(20)
    saver, saved = in_thread(lambda: jobs.save_result(alignment.pk, "run-1", result, fingerprint))
    time.sleep(0.5)  # the run is now waiting for the alignment row
    go_on.set()
    editor.join(30)
    saver.join(30)
    assert isinstance(edited.get("value"), Bead), edited
    # The texts' confirmed beads changed under the run: its result is stale, the job runs again.
    assert saved.get("value") == "stale: re-queued", saved
    assert bead_at(alignment, 1).state == Bead.State.CONFIRMED
