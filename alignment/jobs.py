"""The life of an alignment job: start, queue, claim, run, save, cancel.

State lives in the Alignment row, never in the queue: a worker claims a run with a
conditional UPDATE on (status, job_token), so a duplicate or redelivered message for a
run that another worker holds, or that was cancelled or superseded, does nothing.
"""
import hashlib
import logging
import time
import uuid
from datetime import timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from alignment.models import Alignment, Bead
from translations.models import Document, Version
from workbench.errors import WorkbenchError

log = logging.getLogger(__name__)

PROGRESS_EVERY_SECONDS = 1.0


class QueueUnavailable(WorkbenchError):
    code = "queue_unavailable"
    status = 503


class JobAbandoned(Exception):
    """The run was cancelled or superseded while it worked; its result must not be saved."""


def start_alignment(
    source: Version, target: Version, user=None, encoder: str | None = None
) -> Alignment:
    """Create (or re-run) the alignment of two versions and queue it."""
    check_pair(source, target)
    with transaction.atomic():
        alignment, _ = Alignment.objects.select_for_update().get_or_create(
            source=source, target=target,
            defaults={"encoder": encoder or settings.ALIGNMENT_ENCODER, "created_by": user},
        )
        if encoder:
            alignment.encoder = encoder
        _reset_for_run(alignment)
    enqueue(alignment)
    return alignment


def align_document(document: Document, user=None) -> list[Alignment]:
    """Queue the alignment of every translation of a document with its original."""
    original = document.versions.filter(role=Version.VersionRole.ORIGINAL).first()
    if original is None:
        raise WorkbenchError("The document has no original version to align with.")
    translations = document.versions.exclude(pk=original.pk)
    if not translations.exists():
        raise WorkbenchError("The document has no translations to align yet.")
    return [start_alignment(original, version, user) for version in translations]


def check_pair(source: Version, target: Version) -> None:
    """Refuse to align a version with itself or with a version of another document."""
    if source.pk == target.pk:
        raise WorkbenchError("A version cannot be aligned with itself.")
    if source.document_id != target.document_id:
        raise WorkbenchError("Only versions of the same document can be aligned.")


def _reset_for_run(alignment: Alignment) -> None:
    alignment.status = Alignment.Status.QUEUED
    alignment.job_token = str(uuid.uuid4())
    alignment.progress = 0.0
    alignment.error = ""
    alignment.started = alignment.finished = None
    alignment.heartbeat = timezone.now()
    alignment.save()


def enqueue(alignment: Alignment) -> None:
    """Send the run to the workers; record it as not queued if the broker is unreachable."""
    try:
        _send(alignment)
    except Exception as exc:  # kombu raises transport-specific errors when the broker is down
        log.exception("could not queue alignment %s", alignment.pk)
        message = "The job queue is unavailable; the alignment was not queued. Try again later."
        Alignment.objects.filter(pk=alignment.pk, job_token=alignment.job_token).update(
            status=Alignment.Status.FAILED, error=f"{message} ({exc.__class__.__name__})"
        )
        raise QueueUnavailable(message) from exc


def requeue_stalled() -> int:
    """Send again the jobs nobody works on: queued long ago, or running without a heartbeat.

    A Redis restart loses the messages of queued jobs, and a dead worker's message comes
    back only after the visibility timeout. Sending one again is safe: whichever worker
    claims the run first does it, later copies find it taken and are skipped.
    """
    now = timezone.now()
    queued = Alignment.objects.filter(
        status=Alignment.Status.QUEUED,
        heartbeat__lt=now - timedelta(seconds=settings.ALIGNMENT_REQUEUE_AFTER_SECONDS))
    running = Alignment.objects.filter(
        status=Alignment.Status.RUNNING,
        heartbeat__lt=now - timedelta(seconds=settings.ALIGNMENT_STALE_AFTER_SECONDS))
    sent = 0
    for alignment in (*queued, *running):
        if alignment.status == Alignment.Status.QUEUED:
            # Counts as a sign of life: the next copy only after another full wait.
            Alignment.objects.filter(pk=alignment.pk, job_token=alignment.job_token,
                                     status=Alignment.Status.QUEUED).update(heartbeat=now)
        try:
            _send(alignment)
        except Exception:  # the broker is still down: the next round tries again
            log.warning("could not re-send alignment %s; will retry", alignment.pk)
            break
        log.info("re-sent stalled alignment %s (%s)", alignment.pk, alignment.status)
        sent += 1
    return sent


def _send(alignment: Alignment) -> None:
    from alignment.tasks import run_alignment

    run_alignment.delay(alignment.pk, alignment.job_token)


def cancel(alignment: Alignment) -> bool:
    """Cancel a queued or running job; its worker stops at the next progress report."""
    return bool(
        Alignment.objects.filter(
            pk=alignment.pk, status__in=[Alignment.Status.QUEUED, Alignment.Status.RUNNING]
        ).update(status=Alignment.Status.CANCELLED, finished=timezone.now())
    )


def claim(alignment_id: int, token: str) -> bool:
    """Take the run for this worker; False if another worker has it or it is no longer wanted."""
    now = timezone.now()
    queued = Alignment.objects.filter(
        pk=alignment_id, job_token=token, status=Alignment.Status.QUEUED
    )
    if queued.update(status=Alignment.Status.RUNNING, started=now, heartbeat=now,
                     attempts=F("attempts") + 1):
        return True
    # A redelivered message after a worker died: take over only a run nobody reports on.
    abandoned = Alignment.objects.filter(
        pk=alignment_id, job_token=token, status=Alignment.Status.RUNNING,
        heartbeat__lt=now - timedelta(seconds=settings.ALIGNMENT_STALE_AFTER_SECONDS),
    )
    return bool(abandoned.update(heartbeat=now, attempts=F("attempts") + 1))


def run(alignment_id: int, token: str) -> str:
    """Claim, compute and save one run; return what happened, for the worker's log."""
    if not claim(alignment_id, token):
        return "skipped: not claimable"
    alignment = Alignment.objects.select_related("source", "target").get(pk=alignment_id)
    try:
        from alignment.computation import compute

        fingerprint = input_fingerprint(alignment)
        result = compute(alignment, ProgressReporter(alignment_id, token))
        return save_result(alignment_id, token, result, fingerprint)
    except JobAbandoned:
        return "abandoned: cancelled or superseded"
    except SoftTimeLimitExceeded:
        limit = settings.ALIGNMENT_TIME_LIMIT_SECONDS
        _finish(alignment_id, token, Alignment.Status.FAILED,
                error=f"The alignment took longer than the limit of {limit} s and was stopped.")
        return "failed: time limit"
    except Exception as exc:
        log.exception("alignment %s failed", alignment_id)
        _finish(alignment_id, token, Alignment.Status.FAILED, error=f"{type(exc).__name__}: {exc}")
        return "failed"


class ProgressReporter:
    """Write progress and a heartbeat at most once a second; stop a cancelled run."""

    def __init__(self, alignment_id: int, token: str) -> None:
        self.alignment_id, self.token = alignment_id, token
        self._last = 0.0

    def __call__(self, fraction: float) -> None:
        now = time.monotonic()
        if now - self._last < PROGRESS_EVERY_SECONDS and fraction < 1.0:
            return
        self._last = now
        still_ours = Alignment.objects.filter(
            pk=self.alignment_id, job_token=self.token, status=Alignment.Status.RUNNING
        ).update(progress=min(max(fraction, 0.0), 1.0), heartbeat=timezone.now())
        if not still_ours:
            raise JobAbandoned()


def input_fingerprint(alignment: Alignment) -> str:
    """Hash the sentences of both sides and the human beads a run starts from."""
    digest = hashlib.sha256()
    for version_id in (alignment.source_id, alignment.target_id):
        for text in Version.objects.get(pk=version_id).segments.values_list("text", flat=True):
            digest.update(text.encode("utf-8") + b"\x00")
        digest.update(b"\x01")
    ranges = human_beads(alignment).values_list("src_start", "src_end", "tgt_start", "tgt_end")
    digest.update(repr(list(ranges)).encode())
    return digest.hexdigest()


def human_beads(alignment: Alignment):
    """Return the beads a person confirmed or edited: anchors every re-alignment keeps."""
    return alignment.beads.exclude(state=Bead.State.AUTO)


def save_result(alignment_id: int, token: str, result, fingerprint: str) -> str:
    """Write the beads of a finished run in one transaction, unless the run went stale."""
    with transaction.atomic():
        alignment = Alignment.objects.select_for_update().filter(pk=alignment_id).first()
        if alignment is None:  # its versions were deleted while it ran
            return "abandoned: deleted"
        if alignment.job_token != token or alignment.status != Alignment.Status.RUNNING:
            return "abandoned: cancelled or superseded"
        if input_fingerprint(alignment) != fingerprint:
            # Someone edited the texts or confirmed beads meanwhile: these beads are stale.
            _reset_for_run(alignment)
            transaction.on_commit(lambda: enqueue(alignment))
            return "stale: re-queued"
        from alignment.computation import replace_beads

        replace_beads(alignment, result.beads)
        alignment.status = Alignment.Status.DONE
        alignment.progress = 1.0
        alignment.finished = timezone.now()
        alignment.timings = result.stats
        alignment.save()
    return "done"


def _finish(alignment_id: int, token: str, status: str, error: str = "") -> None:
    Alignment.objects.filter(
        pk=alignment_id, job_token=token, status=Alignment.Status.RUNNING
    ).update(status=status, error=error[:4000], finished=timezone.now())
