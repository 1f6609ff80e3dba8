"""Load the demo corpus from fixtures/demo/manifest.json; loading twice adds nothing."""
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

from translations import services
from translations.models import Document, Project, Role

DEMO_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "demo"
DEMO_USERNAME = "demo"
DEMO_PASSWORD = "demo-workbench"
DEMO_PROJECT = "Ayotzinapa dossier"


@dataclass
class DemoSummary:
    project: Project
    created_documents: int = 0
    created_versions: int = 0
    documents: list[Document] = field(default_factory=list)


def load_demo(demo_dir: Path = DEMO_DIR) -> DemoSummary:
    """Create the demo user, project, documents and versions that are missing."""
    manifest = json.loads((demo_dir / "manifest.json").read_text(encoding="utf-8"))
    entries = manifest["documents"]
    with transaction.atomic():
        user = demo_user()
        project = _project(user, manifest.get("description", ""))
        summary = DemoSummary(project=project)
        by_file = {}
        for entry in (e for e in entries if e["role"] == "original"):
            by_file[entry["file"]] = _document(project, entry, summary)
        for entry in entries:
            _version(by_file[entry.get("original", entry["file"])], entry, demo_dir, summary)
        summary.documents = list(by_file.values())
    return summary


def demo_user():
    """Return the demo login (a superuser, so the admin shows everything), creating it once."""
    user, created = get_user_model().objects.get_or_create(
        username=DEMO_USERNAME, defaults={"is_staff": True, "is_superuser": True}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


def _project(owner, description: str) -> Project:
    project = Project.objects.filter(name=DEMO_PROJECT).first()
    if project is None:
        project = services.create_project(DEMO_PROJECT, owner, description)
    services.set_member(project, owner, Role.OWNER)
    return project


def _document(project: Project, entry: dict, summary: DemoSummary) -> Document:
    document = project.documents.filter(title=entry["title"]).first()
    if document is None:
        document = services.create_document(
            project, entry["title"], entry["language"], entry.get("notes", "")
        )
        summary.created_documents += 1
    return document


def _version(document: Document, entry: dict, demo_dir: Path, summary: DemoSummary) -> None:
    if document.versions.filter(language=entry["language"]).exists():
        return
    path = demo_dir / entry["file"]
    services.import_version_file(
        document, path.name, path.read_bytes(),
        language=entry["language"], role=entry["role"],
        title=entry["title"], credit=entry.get("translator", ""),
    )
    summary.created_versions += 1
