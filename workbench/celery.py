"""The Celery app; configuration comes from Django settings (CELERY_ prefix)."""
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "workbench.settings")

app = Celery("workbench")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.conf.update(
    task_acks_late=True,
    task_reject_on_worker_lost=True,
    worker_prefetch_multiplier=1,
    task_ignore_result=True,
    task_serializer="json",
    accept_content=["json"],
    # Alignment encodes: its own queue, so machines with a GPU can take just that work.
    task_routes={"alignment.run_alignment": {"queue": "alignment"}},
    broker_connection_retry_on_startup=True,
    # A user waits on the request that queues a job: fail fast when the broker is down.
    task_publish_retry_policy={"max_retries": 2, "interval_start": 0, "interval_step": 0.3},
    broker_connection_timeout=3,
)
app.autodiscover_tasks()
