"""End to end through the broker and real prefork Celery workers that encode in their child."""
import pytest

from alignment import jobs
from alignment.models import Alignment
from tests.alignment.test_jobs import DEMO
from tests.e2e.conftest import wait_for
from tests.factories import DocumentFactory, ProjectFactory
from translations.services import import_version_file

pytestmark = [pytest.mark.redis, pytest.mark.slow]


def demo_pair(doc: str, source_language: str, target_language: str):
    document = DocumentFactory(project=ProjectFactory(), source_language=source_language)
    original = (DEMO / "originals" / f"{doc}.txt").read_bytes()
    translation = (DEMO / "translations" / f"{doc}_{target_language}.txt").read_bytes()
    return (
        import_version_file(document, f"{doc}.txt", original, language=source_language),
        import_version_file(document, f"{doc}_x.txt", translation, language=target_language),
    )


def done(alignment):
    def check():
        alignment.refresh_from_db()
        return not alignment.is_active
    return check


def test_a_worker_aligns_a_queued_document_pair(start_worker, transactional_db):
    worker = start_worker()
    alignment = jobs.start_alignment(*demo_pair("003_e2bc4d2289b87061", "de", "en"))
    wait_for(done(alignment), timeout=180, worker=worker)
    assert alignment.status == Alignment.Status.DONE, alignment.error
    assert alignment.bead_count >= 12 and alignment.attempts == 1
    last = alignment.beads.last()
    assert (last.src_end, last.tgt_end) == (15, 17)


def test_a_job_whose_worker_is_killed_is_redelivered_and_finished_whole(
    start_worker, transactional_db
):
    fast_recovery = {"CELERY_VISIBILITY_TIMEOUT": 3, "ALIGNMENT_STALE_AFTER_SECONDS": 3}
    first = start_worker(**fast_recovery)
    alignment = jobs.start_alignment(*demo_pair("001_09d6a01f6ab5f7d3", "en", "es"))

    def running():
        alignment.refresh_from_db()
        return alignment.status == Alignment.Status.RUNNING

    wait_for(running, timeout=60, worker=first)
    first.kill()
    alignment.refresh_from_db()
    assert alignment.status == Alignment.Status.RUNNING and not alignment.beads.exists()

    second = start_worker(**fast_recovery)
    wait_for(done(alignment), timeout=180, worker=second)
    assert alignment.status == Alignment.Status.DONE, alignment.error
    assert alignment.attempts == 2
    beads = [bead.ranges() for bead in alignment.beads.all()]
    assert beads[-1][1] == alignment.source.segments.count()

    rerun = jobs.start_alignment(alignment.source, alignment.target)
    wait_for(done(rerun), timeout=180, worker=second)
    assert [bead.ranges() for bead in rerun.beads.all()] == beads
