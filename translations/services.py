"""Operations on projects, documents and versions; views, API, admin and commands call these."""
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from translations.importers import ImportedText, import_bytes
from translations.languages import detect_language, validate_language
from translations.models import Document, Membership, Project, Role, Segment, Version
from translations.segmentation import split_sentences
from workbench.errors import Conflict, WorkbenchError


@dataclass(frozen=True)
class SegmentationSummary:
    paragraphs: int
    sentences: int


PROJECT_TAKEN = "A project named {!r} already exists."
TITLE_TAKEN = "The project already has a document titled {!r}."


@contextmanager
def _named(field: str, value: str, others, taken_message: str):
    """Refuse a blank name or one that a row among `others` has, then run the write.

    Two requests at the same moment both pass the check; the database's unique constraint
    refuses the second write, and that request hears the same words, not a server error.
    """
    if not value.strip():
        raise WorkbenchError(f"The {field} cannot be empty.", fields={field: ["Required."]})
    taken = WorkbenchError(taken_message.format(value), fields={field: ["Taken."]})
    if others.filter(**{field: value}).exists():
        raise taken
    try:
        with transaction.atomic():
            yield
    except IntegrityError:
        raise taken from None


def create_project(name: str, owner, description: str = "") -> Project:
    """Create a project with its first owner."""
    with _named("name", name, Project.objects.all(), PROJECT_TAKEN):
        project = Project.objects.create(name=name, description=description)
        Membership.objects.create(project=project, user=owner, role=Role.OWNER)
    return project


def set_member(project: Project, user, role: str) -> Membership:
    """Give a user a role in the project (adding or changing the membership).

    Refuses to demote the project's last owner: a project nobody can manage is lost.
    """
    if role not in Role.values:
        raise WorkbenchError(f"Unknown role {role!r}; use one of {', '.join(Role.values)}.")
    with transaction.atomic():
        current = _lock_owners_and(project, user)
        if current and current.role == Role.OWNER and role != Role.OWNER:
            _keep_an_owner(project, user)
        membership, _ = Membership.objects.update_or_create(
            project=project, user=user, defaults={"role": role}
        )
    return membership


def remove_member(project: Project, user) -> None:
    """Take a user out of a project, refusing to remove its last owner."""
    with transaction.atomic():
        membership = _lock_owners_and(project, user)
        if membership is None:
            raise WorkbenchError(f"{user} is not a member of this project.")
        if membership.role == Role.OWNER:
            _keep_an_owner(project, user)
        membership.delete()


def _lock_owners_and(project: Project, user) -> Membership | None:
    """Lock the project's owners and the user's membership, all in one go; return the latter.

    One statement in id order: two owners stepping down at once queue one behind the
    other instead of each holding its own row while waiting for the other's (a deadlock).
    """
    rows = Membership.objects.select_for_update().filter(
        Q(role=Role.OWNER) | Q(user=user), project=project).order_by("pk")
    return next((m for m in rows if m.user_id == user.pk), None)


def _keep_an_owner(project: Project, user) -> None:
    others = Membership.objects.filter(project=project, role=Role.OWNER).exclude(user=user)
    if not others.exists():
        raise WorkbenchError("A project needs at least one owner; make someone else owner first.")


def create_document(
    project: Project, title: str, source_language: str, notes: str = ""
) -> Document:
    """Create an empty document in a project."""
    check_language(source_language)
    with _named("title", title, project.documents.all(), TITLE_TAKEN):
        return Document.objects.create(
            project=project, title=title, source_language=source_language, notes=notes
        )


def update_project(project: Project, **fields) -> Project:
    """Change a project's name, description or abbreviations (None leaves a field as it is)."""
    fields = {key: value for key, value in fields.items() if value is not None}
    if "name" not in fields:
        return _save_fields(project, fields)
    with _named("name", fields["name"], Project.objects.exclude(pk=project.pk), PROJECT_TAKEN):
        return _save_fields(project, fields)


def update_document(document: Document, **fields) -> Document:
    """Change a document's title or notes (None leaves a field as it is)."""
    fields = {key: value for key, value in fields.items() if value is not None}
    if "title" not in fields:
        return _save_fields(document, fields)
    others = Document.objects.filter(project=document.project_id).exclude(pk=document.pk)
    with _named("title", fields["title"], others, TITLE_TAKEN):
        return _save_fields(document, fields)


def update_version(version: Version, **fields) -> Version:
    """Change a version's title or credit; its text and language stay as imported."""
    return _save_fields(version, {k: v for k, v in fields.items() if v is not None})


def _save_fields(instance, fields: dict):
    for name, value in fields.items():
        setattr(instance, name, value)
    if fields:
        instance.save(update_fields=list(fields))
    return instance


@dataclass(frozen=True)
class DeletionSummary:
    """What deleting something takes with it, to show before and to report after."""

    documents: int
    versions: int
    alignments: int
    reviewed_beads: int


def deletion_summary(*, project=None, document=None, version=None) -> DeletionSummary:
    """Count what deleting this project, document or version would remove."""
    from alignment.models import Alignment, Bead

    if version is not None:
        versions = Version.objects.filter(pk=version.pk)
        documents = Document.objects.none()
    else:
        documents = (Document.objects.filter(pk=document.pk) if document is not None
                     else Document.objects.filter(project=project))
        versions = Version.objects.filter(document__in=documents)
    alignments = Alignment.objects.filter(source__in=versions) | Alignment.objects.filter(
        target__in=versions)
    reviewed = Bead.objects.filter(alignment__in=alignments).exclude(state=Bead.State.AUTO)
    return DeletionSummary(documents.count(), versions.count(), alignments.distinct().count(),
                           reviewed.count())


def delete(target: Project | Document | Version) -> DeletionSummary:
    """Delete a project, document or version with everything that depends on it."""
    kind = {Project: "project", Document: "document", Version: "version"}[type(target)]
    with transaction.atomic():
        summary = deletion_summary(**{kind: target})
        target.delete()
    return summary


def check_language(code: str) -> None:
    """Refuse an unknown language code with the validator's message."""
    try:
        validate_language(code)
    except ValidationError as exc:
        raise WorkbenchError(exc.messages[0], fields={"language": exc.messages}) from None


def add_version(
    document: Document,
    imported: ImportedText,
    *,
    language: str | None,
    role: str | None = None,
    title: str = "",
    credit: str = "",
    filename: str = "",
) -> Version:
    """Store a language version and its sentences, or nothing at all if anything is wrong.

    Without a language, the text's language is detected (offline); if that is unsure, the
    version is refused with a request to pick the language.
    """
    language = language or _detected_language(imported.text)
    check_language(language)
    role = role or _default_role(document, language)
    if role not in Version.VersionRole.values:
        raise WorkbenchError(f"Unknown version role {role!r}; use original or translation.")
    try:
        with transaction.atomic():
            version = Version.objects.create(
                document=document,
                language=language,
                role=role,
                title=title,
                credit=credit,
                raw_text=imported.text,
                source_format=imported.source_format,
                source_filename=filename,
                detected_encoding=imported.encoding,
            )
            _write_segments(version)
    except IntegrityError:
        raise WorkbenchError(_duplicate_message(document, language, role)) from None
    return version


def import_version_file(document: Document, filename: str, data: bytes, **fields) -> Version:
    """Import an uploaded file as a new version of the document."""
    return add_version(document, import_bytes(filename, data), filename=filename, **fields)


def _detected_language(text: str) -> str:
    language = detect_language(text)
    if language is None:
        message = "The language of this text could not be recognised; please pick it."
        raise WorkbenchError(message, fields={"language": [message]})
    return language


def _default_role(document: Document, language: str) -> str:
    has_original = document.versions.filter(role=Version.VersionRole.ORIGINAL).exists()
    if language == document.source_language and not has_original:
        return Version.VersionRole.ORIGINAL
    return Version.VersionRole.TRANSLATION


def _duplicate_message(document: Document, language: str, role: str) -> str:
    if document.versions.filter(language=language).exists():
        return f"The document already has a {language} version."
    return "The document already has an original version."


def resegment_version(version: Version) -> SegmentationSummary:
    """Split the version's unchanged raw text again, replacing its sentences in one step.

    Refused while beads point at its sentences by position: they would point at others.
    """
    # Imported here: the alignment app builds on this one, not the other way round.
    from alignment.models import Alignment, Bead

    with transaction.atomic():
        # Lock its alignments first, as bead writers do, so that a job storing its beads
        # right now either lands before this check (and is seen) or finds new sentences.
        alignments = list(Alignment.objects.select_for_update(no_key=True).filter(
            Q(source=version) | Q(target=version)).order_by("pk"))
        if Bead.objects.filter(alignment__in=alignments).exists():
            raise Conflict(
                "This version has aligned sentences; re-segmenting would break their beads. "
                "Split or merge single sentences instead, or delete the alignments first."
            )
        version.segments.all().delete()
        return _write_segments(version)


def _write_segments(version: Version) -> SegmentationSummary:
    abbreviations = version.document.project.abbreviation_list()
    sentences = split_sentences(version.raw_text, version.language, abbreviations)
    if not sentences:
        raise WorkbenchError("The text contains no sentences.")
    Segment.objects.bulk_create(
        Segment(
            version=version,
            position=position,
            paragraph=sentence.paragraph,
            text=sentence.text,
            start=sentence.start,
            end=sentence.end,
        )
        for position, sentence in enumerate(sentences)
    )
    version.segmented_at = timezone.now()
    version.save(update_fields=["segmented_at"])
    return summarize(sentences)


def summarize(sentences) -> SegmentationSummary:
    """Count the paragraphs and sentences of a segmentation."""
    return SegmentationSummary(
        paragraphs=len({sentence.paragraph for sentence in sentences}),
        sentences=len(sentences),
    )


def segmentation_summary(version: Version) -> SegmentationSummary:
    """Count the stored paragraphs and sentences of a version."""
    return summarize(list(version.segments.only("paragraph")))
