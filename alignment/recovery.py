"""A watchdog in every worker: jobs the broker lost or a dead worker left are sent again.

It runs as a thread in the worker's main process (the prefork children only run tasks),
started once the worker is ready, and calls jobs.requeue_stalled every
ALIGNMENT_RECOVERY_INTERVAL_SECONDS. Several workers doing it at once is harmless.
"""
import logging
import threading

from celery.signals import worker_ready, worker_shutting_down
from django.conf import settings
from django.db import close_old_connections

log = logging.getLogger(__name__)
_stop = threading.Event()


def watch() -> None:
    from alignment import jobs

    while not _stop.wait(settings.ALIGNMENT_RECOVERY_INTERVAL_SECONDS):
        close_old_connections()
        try:
            jobs.requeue_stalled()
        except Exception:  # the database may be down for a while: keep watching
            log.exception("looking for stalled alignments failed")


@worker_ready.connect
def start_watchdog(**_kwargs) -> None:
    _stop.clear()
    threading.Thread(target=watch, name="alignment-recovery", daemon=True).start()


@worker_shutting_down.connect
def stop_watchdog(**_kwargs) -> None:
    _stop.set()
