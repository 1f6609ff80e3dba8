"""Celery tasks: thin wrappers that hand an id to the job functions."""
from celery import shared_task

from alignment import jobs


@shared_task(name="alignment.run_alignment", acks_late=True)
def run_alignment(alignment_id: int, token: str) -> str:
    """Align the two versions of one alignment run."""
    return jobs.run(alignment_id, token)
