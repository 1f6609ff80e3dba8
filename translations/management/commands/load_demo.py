"""Load the demo corpus and print the demo login; safe to run again."""
from django.core.management.base import BaseCommand

from translations.demo import DEMO_PASSWORD, DEMO_USERNAME, load_demo


class Command(BaseCommand):
    help = "Load the demo corpus (idempotent) and print the demo login."

    def handle(self, *args, **options):
        summary = load_demo()
        self.stdout.write(
            f"Demo corpus: project {summary.project.name!r}, {len(summary.documents)} documents "
            f"({summary.created_documents} new, {summary.created_versions} new versions)."
        )
        self.stdout.write(f"Demo login: user {DEMO_USERNAME!r}, password {DEMO_PASSWORD!r}")
