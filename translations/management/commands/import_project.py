"""Restore a project from a file written by export_project."""
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from translations.backup import import_project
from workbench.errors import WorkbenchError


class Command(BaseCommand):
    help = "Import a project exported with export_project (all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path: Path, **options):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            project = import_project(data)
        except (OSError, ValueError, KeyError) as exc:
            raise CommandError(f"Cannot import {path}: {exc}") from None
        except WorkbenchError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(f"Imported project {project.name!r} from {path}.")
