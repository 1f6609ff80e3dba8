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


@dataclass
class DemoSummary:
    project: Project
    created_documents: int = 0
    created_versions: int = 0
    documents: list[Document] = field(default_factory=list)


def load_demo(demo_dir: Path = DEMO_DIR) -> DemoSummary:
    """Create the demo user, project, documents and versions that are missing."""
    manifest = json.loads((demo_dir / "manifest.json").read_text(encoding="utf-8"))
    with transaction.atomic():
        user = demo_user()
        project = _project(manifest["project"], user)
        summary = DemoSummary(project=project)
        for entry in manifest["documents"]:
            summary.documents.append(_document(project, entry, demo_dir, summary))
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


def _project(spec: dict, owner) -> Project:
    project = Project.objects.filter(name=spec["name"]).first()
    if project is None:
        project = services.create_project(spec["name"], owner, spec.get("description", ""))
    services.set_member(project, owner, Role.OWNER)
    return project


def _document(project: Project, entry: dict, demo_dir: Path, summary: DemoSummary) -> Document:
    document = project.documents.filter(title=entry["title"]).first()
    if document is None:
        document = services.create_document(
            project, entry["title"], entry["language"], entry.get("notes", "")
        )
        summary.created_documents += 1
    original = {**entry, "role": "original"}
    for spec in [original, *entry.get("translations", [])]:
        if not document.versions.filter(language=spec["language"]).exists():
            _version(document, spec, demo_dir)
            summary.created_versions += 1
    return document


def _version(document: Document, spec: dict, demo_dir: Path) -> None:
    path = demo_dir / spec["file"]
    services.import_version_file(
        document, path.name, path.read_bytes(),
        language=spec["language"], role=spec.get("role", "translation"),
        title=spec.get("title", ""), credit=spec.get("credit", ""),
    )
