"""Export a whole project (texts, sentences, alignments, beads, operation log) and restore it.

The file is JSON: readable, diffable, and exporting a restored project gives the same file.
Users are referred to by username; restoring creates missing users without a password.
"""
import json
from typing import Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction

from translations.models import Document, Membership, Project, Segment, Version
from workbench.errors import WorkbenchError

FORMAT = "workbench-project"
FORMAT_VERSION = 1
SEGMENT_FIELDS = ("position", "paragraph", "text", "start", "end", "revision")
VERSION_FIELDS = ("language", "role", "title", "credit", "raw_text", "source_format",
                  "source_filename", "detected_encoding")
BEAD_FIELDS = ("src_start", "src_end", "tgt_start", "tgt_end", "confidence", "state", "revision")
ALIGNMENT_FIELDS = ("encoder", "params", "status", "progress", "error", "timings")


def export_project(project: Project) -> dict[str, Any]:
    """Return everything of a project as plain JSON-ready data."""
    documents = project.documents.order_by("title").prefetch_related("versions")
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "project": {"name": project.name, "description": project.description,
                    "abbreviations": project.abbreviations},
        "members": [{"username": m.user.get_username(), "role": m.role}
                    for m in project.memberships.select_related("user").order_by("user__username")],
        "documents": [_export_document(document) for document in documents],
    }


def _export_document(document: Document) -> dict:
    versions = document.versions.order_by("language")
    return {
        "title": document.title, "notes": document.notes,
        "source_language": document.source_language,
        "versions": [_export_version(version) for version in versions],
        "alignments": [_export_alignment(a) for a in _alignments(document)],
        "text_edits": _export_operations(
            _operation_model().objects.filter(version__document=document, alignment=None)
        ),
    }


def _export_version(version: Version) -> dict:
    segments = version.segments.order_by("position").values_list(*SEGMENT_FIELDS)
    return {**{f: getattr(version, f) for f in VERSION_FIELDS},
            "segments": [list(row) for row in segments]}


def _alignments(document: Document):
    from alignment.models import Alignment

    return (Alignment.objects.filter(source__document=document)
            .select_related("source", "target").order_by("source__language", "target__language"))


def _operation_model():
    from alignment.models import Operation

    return Operation


def _export_alignment(alignment) -> dict:
    beads = alignment.beads.select_related("updated_by")
    return {
        "source": alignment.source.language, "target": alignment.target.language,
        **{f: getattr(alignment, f) for f in ALIGNMENT_FIELDS},
        "beads": [[*(getattr(b, f) for f in BEAD_FIELDS), _username(b.updated_by)] for b in beads],
        "operations": _export_operations(alignment.operations.all()),
    }


def _export_operations(operations) -> list[dict]:
    operations = list(operations.select_related("user", "version").order_by("created", "id"))
    index = {operation.pk: i for i, operation in enumerate(operations)}
    return [{
        "user": _username(op.user), "kind": op.kind, "before": op.before, "after": op.after,
        "created": op.created.isoformat(), "undoes": index.get(op.undoes_id),
        "version": op.version.language if op.version else None,
    } for op in operations]


def _username(user) -> str | None:
    return user.get_username() if user else None


def dumps(data: dict) -> str:
    """Serialise an export the same way every time."""
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)


def import_project(data: dict) -> Project:
    """Restore an exported project into this database, all or nothing."""
    if data.get("format") != FORMAT or data.get("format_version") != FORMAT_VERSION:
        raise WorkbenchError("This is not a workbench project export (format or version differs).")
    name = data["project"]["name"]
    if Project.objects.filter(name=name).exists():
        raise WorkbenchError(f"A project named {name!r} already exists; nothing was imported.")
    try:
        with transaction.atomic():
            project = Project.objects.create(**data["project"])
            for member in data["members"]:
                Membership.objects.create(project=project, user=_user(member["username"]),
                                          role=member["role"])
            for entry in data["documents"]:
                _import_document(project, entry)
    except (IntegrityError, KeyError, TypeError, ValueError) as exc:
        raise WorkbenchError(f"The backup is damaged; nothing was imported ({exc}).") from None
    return project


def _user(username: str | None):
    if username is None:
        return None
    user, created = get_user_model().objects.get_or_create(username=username)
    if created:
        user.set_unusable_password()
        user.save()
    return user


def _import_document(project: Project, entry: dict) -> None:
    document = Document.objects.create(project=project, title=entry["title"],
                                       notes=entry["notes"],
                                       source_language=entry["source_language"])
    versions = {}
    for item in entry["versions"]:
        version = Version.objects.create(document=document,
                                         **{f: item[f] for f in VERSION_FIELDS})
        Segment.objects.bulk_create(
            Segment(version=version, **dict(zip(SEGMENT_FIELDS, row, strict=True)))
            for row in item["segments"]
        )
        versions[version.language] = version
    for item in entry["alignments"]:
        _import_alignment(versions, item)
    _import_operations(entry["text_edits"], None, versions)


def _import_alignment(versions: dict, item: dict) -> None:
    from alignment.models import Alignment, Bead

    alignment = Alignment.objects.create(
        source=versions[item["source"]], target=versions[item["target"]],
        **{f: item[f] for f in ALIGNMENT_FIELDS},
    )
    Bead.objects.bulk_create(
        Bead(alignment=alignment, updated_by=_user(row[-1]),
             **dict(zip(BEAD_FIELDS, row[:-1], strict=True)))
        for row in item["beads"]
    )
    alignment.record_change()
    _import_operations(item["operations"], alignment, versions)


def _import_operations(items: list[dict], alignment, versions: dict) -> None:
    from django.utils.dateparse import parse_datetime

    Operation = _operation_model()
    created = []
    for item in items:
        operation = Operation.objects.create(
            alignment=alignment, user=_user(item["user"]), kind=item["kind"],
            before=item["before"], after=item["after"],
            version=versions.get(item["version"]) if item["version"] else None,
            undoes=created[item["undoes"]] if item["undoes"] is not None else None,
        )
        # auto_now_add stamped "now": put back when it really happened.
        Operation.objects.filter(pk=operation.pk).update(created=parse_datetime(item["created"]))
        created.append(operation)
