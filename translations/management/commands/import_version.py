"""Import a file as a new language version of a document and print what it made."""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from translations import services
from translations.models import Document, Project
from workbench.errors import WorkbenchError


class Command(BaseCommand):
    help = "Import a text, Markdown, HTML or .docx file as a language version of a document."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--project", required=True, help="project name")
        parser.add_argument("--document", required=True, help="document title")
        parser.add_argument("--language", required=True, help="ISO 639-1 code, e.g. de")
        parser.add_argument("--role", choices=["original", "translation"])
        parser.add_argument("--title", default="")
        parser.add_argument("--credit", default="", help="author or translator")
        parser.add_argument(
            "--create-document", action="store_true",
            help="create the document (source language = --language) if it does not exist",
        )

    def handle(self, *args, path: Path, **options):
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            document = self._document(options)
            version = services.import_version_file(
                document, path.name, path.read_bytes(),
                language=options["language"], role=options["role"],
                title=options["title"], credit=options["credit"],
            )
        except WorkbenchError as exc:
            raise CommandError(exc.message) from None
        summary = services.segmentation_summary(version)
        self.stdout.write(
            f"Imported {path.name} as the {version.language} {version.role} of "
            f"{document.title!r} (version {version.pk}): "
            f"{summary.paragraphs} paragraphs, {summary.sentences} sentences."
        )

    def _document(self, options) -> Document:
        try:
            project = Project.objects.get(name=options["project"])
        except Project.DoesNotExist:
            raise CommandError(f"No project named {options['project']!r}.") from None
        document = project.documents.filter(title=options["document"]).first()
        if document:
            return document
        if not options["create_document"]:
            raise CommandError(
                f"No document titled {options['document']!r}; pass --create-document."
            )
        return services.create_document(project, options["document"], options["language"])
