"""Celery tasks: thin wrappers that hand an id to the job functions."""
from celery import shared_task
from django.conf import settings

from alignment import jobs, recovery  # noqa: F401 - recovery starts the workers' watchdog


# The soft limit raises inside the job, which records the failure; the hard limit is the
# backstop that kills a worker stuck in native code.
@shared_task(
    name="alignment.run_alignment",
    acks_late=True,
    soft_time_limit=settings.ALIGNMENT_TIME_LIMIT_SECONDS,
    time_limit=settings.ALIGNMENT_TIME_LIMIT_SECONDS + 60,
)
def run_alignment(alignment_id: int, token: str) -> str:
    """Align the two versions of one alignment run."""
    return jobs.run(alignment_id, token)
