"""Send again the alignment jobs nobody works on (what every worker's watchdog does)."""
from django.core.management.base import BaseCommand

from alignment import jobs


class Command(BaseCommand):
    help = ("Re-send alignment jobs queued longer than ALIGNMENT_REQUEUE_AFTER_SECONDS or "
            "running without a heartbeat for ALIGNMENT_STALE_AFTER_SECONDS.")

    def handle(self, *args, **options):
        sent = jobs.requeue_stalled()
        self.stdout.write(f"Re-sent {sent} stalled alignment job(s).")
