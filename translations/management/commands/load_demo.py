"""Load the demo corpus and print the demo login; safe to run again."""
from django.core.management.base import BaseCommand

from translations.demo import DEMO_PASSWORD, DEMO_USERNAME, demo_user, load_demo


class Command(BaseCommand):
    help = "Load the demo corpus (idempotent) and print the demo login."

    def add_arguments(self, parser):
        parser.add_argument(
            "--align", action="store_true",
            help="queue the alignment of every demo translation that has none yet",
        )

    def handle(self, *args, align: bool = False, **options):
        summary = load_demo()
        self.stdout.write(
            f"Demo corpus: project {summary.project.name!r}, {len(summary.documents)} documents "
            f"({summary.created_documents} new, {summary.created_versions} new versions)."
        )
        if align:
            self._queue_alignments(summary.documents)
        self.stdout.write(f"Demo login: user {DEMO_USERNAME!r}, password {DEMO_PASSWORD!r}")

    def _queue_alignments(self, documents):
        from alignment.jobs import align_document
        from alignment.models import Alignment

        for document in documents:
            aligned = Alignment.objects.filter(source__document=document).exists()
            if document.versions.count() > 1 and not aligned:
                queued = align_document(document, demo_user())
                self.stdout.write(f"Queued {len(queued)} alignment(s) of {document.title!r}.")
