"""Write a whole project to a JSON file: a backup that import_project restores."""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from translations.backup import dumps, export_project
from translations.models import Project


class Command(BaseCommand):
    help = "Export a project (texts, sentences, alignments, beads, operation log) to a file."

    def add_arguments(self, parser):
        parser.add_argument("project", help="project name")
        parser.add_argument("path", type=Path)

    def handle(self, *args, project: str, path: Path, **options):
        found = Project.objects.filter(name=project).first()
        if found is None:
            raise CommandError(f"No project named {project!r}.")
        data = export_project(found)
        path.write_text(dumps(data), encoding="utf-8")
        self.stdout.write(f"Exported {project!r}: {len(data['documents'])} documents to {path}.")
