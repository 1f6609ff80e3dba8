"""Alignment jobs run in-process with the real bundled encoder: claimed once, saved whole."""
import pytest

from alignment import jobs, services
from alignment.engine.scoring import ranges_to_ids, read_beads, score_documents
from alignment.models import Alignment, Bead
from tests.conftest import FIXTURES
from translations.services import import_version_file

DEMO = FIXTURES / "demo"
DOC = "003_e2bc4d2289b87061"


@pytest.fixture
def report_pair(document_a):
    """The German demo report and the team's English translation, as two versions."""
    source = import_version_file(
        document_a, f"{DOC}.txt", (DEMO / "originals" / f"{DOC}.txt").read_bytes(), language="de"
    )
    target = import_version_file(
        document_a, f"{DOC}_en.txt", (DEMO / "translations" / f"{DOC}_en.txt").read_bytes(),
        language="en",
    )
    return source, target


@pytest.fixture
def queued(report_pair, translator, monkeypatch):
    """An alignment recorded as queued, without sending anything to a broker."""
    monkeypatch.setattr(jobs, "enqueue", lambda alignment: None)
    return jobs.start_alignment(*report_pair, user=translator)


def beads_of(alignment):
    return list(Alignment.objects.get(pk=alignment.pk).beads.all())


def test_a_job_aligns_the_demo_report_close_to_the_gold(queued):
    assert jobs.run(queued.pk, queued.job_token) == "done"
    queued.refresh_from_db()
    assert queued.status == Alignment.Status.DONE and queued.progress == 1.0
    gold = read_beads(str(DEMO / "gold" / "de-en_003" / "gold" / DOC))
    scores = score_documents([(gold, ranges_to_ids(beads_of(queued)))])
    assert scores["f1_strict"] >= 0.8, scores
    assert queued.bead_count == len(beads_of(queued))
    assert all(0.0 <= bead.confidence <= 1.0 for bead in beads_of(queued))


def test_running_the_same_job_twice_writes_its_beads_once(queued):
    jobs.run(queued.pk, queued.job_token)
    first = [(b.pk, b.ranges()) for b in beads_of(queued)]
    assert jobs.run(queued.pk, queued.job_token) == "skipped: not claimable"
    assert [(b.pk, b.ranges()) for b in beads_of(queued)] == first


def test_a_message_for_an_older_run_does_nothing(queued, monkeypatch):
    old_token = queued.job_token
    monkeypatch.setattr(jobs, "enqueue", lambda alignment: None)
    jobs.start_alignment(queued.source, queued.target)
    assert jobs.run(queued.pk, old_token) == "skipped: not claimable"
    assert not beads_of(queued)


def test_realigning_keeps_every_confirmed_bead(queued, reviewer, monkeypatch):
    jobs.run(queued.pk, queued.job_token)
    chosen = beads_of(queued)[3]
    services.confirm(queued, chosen.pk, chosen.revision, reviewer)
    rerun = jobs.start_alignment(queued.source, queued.target)
    assert jobs.run(rerun.pk, rerun.job_token) == "done"
    kept = Alignment.objects.get(pk=queued.pk).beads.get(state=Bead.State.CONFIRMED)
    assert (kept.ranges(), kept.updated_by) == (chosen.ranges(), reviewer)


def test_a_cancelled_job_stops_and_saves_nothing(queued, monkeypatch):
    from alignment import computation

    real_compute = computation.compute

    def cancel_midway(alignment, progress):
        jobs.cancel(alignment)
        return real_compute(alignment, progress)

    monkeypatch.setattr(computation, "compute", cancel_midway)
    assert jobs.run(queued.pk, queued.job_token).startswith("abandoned")
    queued.refresh_from_db()
    assert queued.status == Alignment.Status.CANCELLED and not beads_of(queued)


def test_a_result_for_texts_edited_meanwhile_is_discarded_and_requeued(queued, translator,
                                                                        monkeypatch):
    from alignment import computation

    real_compute = computation.compute

    def edit_midway(alignment, progress):
        result = real_compute(alignment, progress)
        segment = alignment.target.segments.get(position=0)
        services.edit_sentence(segment, "A new first sentence.", segment.revision, translator)
        return result

    monkeypatch.setattr(computation, "compute", edit_midway)
    requeued = []
    monkeypatch.setattr(jobs, "enqueue", requeued.append)
    assert jobs.run(queued.pk, queued.job_token) == "stale: re-queued"
    queued.refresh_from_db()
    assert queued.status == Alignment.Status.QUEUED and not beads_of(queued)


def test_a_job_whose_version_is_deleted_meanwhile_ends_quietly(queued, monkeypatch):
    from alignment import computation
    from translations.services import delete

    real_compute = computation.compute

    def delete_midway(alignment, progress):
        result = real_compute(alignment, progress)
        delete(alignment.target)
        return result

    monkeypatch.setattr(computation, "compute", delete_midway)
    assert jobs.run(queued.pk, queued.job_token) == "abandoned: deleted"
    assert not Alignment.objects.exists() and not Bead.objects.exists()


def test_a_failure_is_recorded_with_its_message(queued, monkeypatch):
    from alignment import computation

    def broken(alignment, progress):
        raise MemoryError("encoder ran out of memory")

    monkeypatch.setattr(computation, "compute", broken)
    assert jobs.run(queued.pk, queued.job_token) == "failed"
    queued.refresh_from_db()
    assert queued.status == Alignment.Status.FAILED
    assert queued.error == "MemoryError: encoder ran out of memory"


def test_versions_of_different_documents_cannot_be_aligned(report_pair, project_a):
    from tests.factories import DocumentFactory
    from translations.importers import import_text
    from translations.services import add_version
    from workbench.errors import WorkbenchError

    other = add_version(DocumentFactory(project=project_a), import_text("Hi."), language="en")
    with pytest.raises(WorkbenchError, match="same document"):
        jobs.start_alignment(report_pair[0], other)
    assert not Alignment.objects.exists()


def test_a_job_over_its_time_limit_is_stopped_and_says_so(queued, monkeypatch, settings):
    from celery.exceptions import SoftTimeLimitExceeded

    from alignment import computation

    def too_slow(alignment, progress):
        raise SoftTimeLimitExceeded()

    settings.ALIGNMENT_TIME_LIMIT_SECONDS = 120
    monkeypatch.setattr(computation, "compute", too_slow)
    assert jobs.run(queued.pk, queued.job_token) == "failed: time limit"
    queued.refresh_from_db()
    assert queued.error == "The alignment took longer than the limit of 120 s and was stopped."


def _age(alignment, seconds: int) -> None:
    from datetime import timedelta

    from django.utils import timezone

    Alignment.objects.filter(pk=alignment.pk).update(
        heartbeat=timezone.now() - timedelta(seconds=seconds))


def test_jobs_nobody_works_on_are_sent_again_and_a_worker_finishes_them(
    queued, report_pair, translator, monkeypatch, settings
):
    settings.ALIGNMENT_REQUEUE_AFTER_SECONDS = 600
    settings.ALIGNMENT_STALE_AFTER_SECONDS = 300
    sent = []
    monkeypatch.setattr(jobs, "_send", sent.append)
    assert jobs.requeue_stalled() == 0  # just queued: its message is on its way
    _age(queued, 900)  # the broker lost it (a Redis restart keeps nothing)
    assert jobs.requeue_stalled() == 1 and sent[-1].pk == queued.pk
    assert jobs.requeue_stalled() == 0  # re-sent: waits another full period
    assert jobs.run(queued.pk, queued.job_token) == "done"


def test_a_running_job_without_heartbeat_is_sent_again_and_taken_over(
    queued, monkeypatch, settings
):
    settings.ALIGNMENT_STALE_AFTER_SECONDS = 300
    Alignment.objects.filter(pk=queued.pk).update(status=Alignment.Status.RUNNING)
    _age(queued, 60)
    sent = []
    monkeypatch.setattr(jobs, "_send", sent.append)
    assert jobs.requeue_stalled() == 0  # reported a minute ago: still alive
    _age(queued, 400)  # its worker died
    assert jobs.requeue_stalled() == 1
    assert jobs.run(queued.pk, queued.job_token) == "done"
    queued.refresh_from_db()
    assert queued.status == Alignment.Status.DONE and queued.attempts == 1


def test_re_sending_with_the_broker_still_down_changes_nothing(queued, monkeypatch, capsys):
    from django.core.management import call_command

    def down(alignment):
        raise ConnectionError("broker unreachable")

    _age(queued, 100_000)
    monkeypatch.setattr(jobs, "_send", down)
    call_command("requeue_stalled")
    assert "Re-sent 0 stalled alignment job(s)." in capsys.readouterr().out
    queued.refresh_from_db()
    assert queued.status == Alignment.Status.QUEUED and not queued.error


_ZH = ("我二十一岁时，正在云南插队。队长说我打瞎了他家狗的左眼。其实是罗小四用汽枪打的。"
       "他用一碗绿豆做子弹，在空粮库里打耗子。但是我不能揭发别人。所以我保持沉默。"
       "沉默就是默认。秋收后我又去放牛。")
_EN = ("When I was twenty-one, I was sent to the countryside in Yunnan. The team leader said "
       "I had blinded the left eye of his dog. In fact it was Luo Xiaosi who did it, with an "
       "air gun. He used a bowl of mung beans as bullets. The rats in the empty granary "
       "never stood a chance. But I could not inform on anyone. So I kept silent. Silence "
       "is consent. After the autumn harvest I went back to herding cattle.")


def test_a_chinese_english_job_consults_the_dictionary_and_keeps_a_split_sentence_whole(
        document_a, translator, monkeypatch):
    monkeypatch.setattr(jobs, "enqueue", lambda alignment: None)
    source = import_version_file(document_a, "zh.txt", _ZH.encode(), language="zh")
    target = import_version_file(document_a, "en.txt", _EN.encode(), language="en")
    alignment = jobs.start_alignment(source, target, user=translator)
    assert jobs.run(alignment.pk, alignment.job_token) == "done"
    alignment.refresh_from_db()
    assert alignment.timings["dictionary"] == "CC-CEDICT"
    # Eight Chinese sentences; the fourth is rendered as two English ones.
    expected = [((k,), (k,)) for k in range(3)] + [((3,), (3, 4))] + [
        ((k,), (k + 1,)) for k in range(4, 8)]
    assert ranges_to_ids(beads_of(alignment)) == expected
