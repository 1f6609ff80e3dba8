"""Browser pages for projects, documents and versions: parse, authorise, call a service, render."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from alignment import jobs
from alignment.models import Alignment
from translations import services
from translations.forms import (
    AlignForm,
    DocumentEditForm,
    DocumentForm,
    MemberForm,
    ProjectEditForm,
    ProjectForm,
    VersionForm,
)
from translations.importers import import_text
from translations.models import Document, Project, Version
from translations.permissions import can, role_of, visible_projects
from workbench.errors import WorkbenchError

SENTENCES_PER_PAGE = 400


def authorize(user, action: str, project: Project) -> None:
    """Hide the project from outsiders (404) and refuse members without the right (403)."""
    if not can(user, "view", project):
        raise Http404("No such page.")
    if not can(user, action, project):
        raise PermissionDenied(f"Your role in {project} does not allow this.")


def versions_with_counts():
    return Version.objects.annotate(sentence_count=Count("segments")).order_by("role", "language")


def alignments_of(**lookup):
    return Alignment.objects.filter(**lookup).select_related(
        "source", "target", "source__document"
    ).order_by("-created")


@login_required
def dashboard(request):
    """List the user's projects with their documents, versions and alignment jobs."""
    projects = visible_projects(request.user).prefetch_related(
        Prefetch(
            "documents",
            queryset=Document.objects.prefetch_related(
                Prefetch("versions", queryset=versions_with_counts())
            ),
        )
    )
    alignments = alignments_of(
        source__document__project__in=visible_projects(request.user)
    )[:30]
    return render(request, "translations/dashboard.html", {
        "projects": projects, "alignments": alignments, "project_form": ProjectForm(),
    })


@login_required
@require_POST
def project_create(request):
    form = ProjectForm(request.POST)
    if form.is_valid():
        try:
            project = services.create_project(
                form.cleaned_data["name"], request.user, form.cleaned_data["description"]
            )
        except WorkbenchError as exc:
            messages.error(request, exc.message)
            return redirect("dashboard")
        messages.success(request, f"Project {project.name} created.")
        return redirect("project", project.pk)
    messages.error(request, "A project needs a name.")
    return redirect("dashboard")


def _project_page(request, project, member_form=None, document_form=None, status=200):
    documents = project.documents.prefetch_related(
        Prefetch("versions", queryset=versions_with_counts())
    )
    memberships = project.memberships.select_related("user").order_by("role", "user__username")
    return render(request, "translations/project.html", {
        "project": project,
        "documents": documents,
        "memberships": memberships,
        "my_role": role_of(request.user, project),
        "can_manage": can(request.user, "manage", project),
        "can_edit": can(request.user, "edit", project),
        "member_form": member_form or MemberForm(),
        "document_form": document_form or DocumentForm(),
        "edit_form": ProjectEditForm(initial={
            "name": project.name, "description": project.description,
            "abbreviations": project.abbreviations}),
    }, status=status)


@login_required
def project_detail(request, pk):
    project = get_object_or_404(Project, pk=pk)
    authorize(request.user, "view", project)
    return _project_page(request, project)


@login_required
@require_POST
def project_member(request, pk):
    """Add a member or change a member's role (owners only)."""
    project = get_object_or_404(Project, pk=pk)
    authorize(request.user, "manage", project)
    form = MemberForm(request.POST)
    if not form.is_valid():
        return _project_page(request, project, member_form=form, status=400)
    try:
        membership = services.set_member(project, form.user, form.cleaned_data["role"])
    except WorkbenchError as exc:
        form.add_error(None, exc.message)
        return _project_page(request, project, member_form=form, status=400)
    messages.success(request, f"{membership.user} is now {membership.get_role_display().lower()}.")
    return redirect("project", project.pk)


@login_required
@require_POST
def project_member_remove(request, pk, user_id):
    """Take someone out of the project (owners only; never the last owner)."""
    project = get_object_or_404(Project, pk=pk)
    authorize(request.user, "manage", project)
    membership = get_object_or_404(project.memberships.select_related("user"), user_id=user_id)
    try:
        services.remove_member(project, membership.user)
    except WorkbenchError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"{membership.user} is no longer a member of {project}.")
    return redirect("project", project.pk)


@login_required
@require_POST
def document_create(request, pk):
    project = get_object_or_404(Project, pk=pk)
    authorize(request.user, "edit", project)
    form = DocumentForm(request.POST)
    if not form.is_valid():
        return _project_page(request, project, document_form=form, status=400)
    try:
        document = services.create_document(project, **form.cleaned_data)
    except WorkbenchError as exc:
        form.add_error(None, exc.message)
        return _project_page(request, project, document_form=form, status=400)
    messages.success(request, f"Document {document.title} created; add its versions.")
    return redirect("document", document.pk)


def _document_page(request, document, version_form=None, align_form=None, status=200):
    project = document.project
    return render(request, "translations/document.html", {
        "project": project,
        "document": document,
        "versions": versions_with_counts().filter(document=document),
        "alignments": alignments_of(source__document=document),
        "can_edit": can(request.user, "edit", project),
        "can_manage": can(request.user, "manage", project),
        "edit_form": DocumentEditForm(initial={"title": document.title,
                                               "notes": document.notes}),
        "version_form": version_form or VersionForm(initial={"language": ""}),
        "align_form": align_form or AlignForm(document),
    }, status=status)


def _document(request, pk, action="view") -> Document:
    document = get_object_or_404(Document.objects.select_related("project"), pk=pk)
    authorize(request.user, action, document.project)
    return document


@login_required
def document_detail(request, pk):
    return _document_page(request, _document(request, pk))


@login_required
@require_POST
def version_create(request, pk):
    """Import an uploaded file or pasted text as a new language version."""
    document = _document(request, pk, "edit")
    form = VersionForm(request.POST, request.FILES)
    if not form.is_valid():
        return _document_page(request, document, version_form=form, status=400)
    data = form.cleaned_data
    fields = {"language": data["language"] or None, "role": data["role"] or None,
              "title": data["title"], "credit": data["credit"]}
    try:
        if data["file"]:
            upload = data["file"]
            version = services.import_version_file(document, upload.name, upload.read(), **fields)
        else:
            version = services.add_version(document, import_text(data["text"]), **fields)
    except WorkbenchError as exc:
        form.add_error(None, exc.message)
        return _document_page(request, document, version_form=form, status=400)
    count = version.segments.count()
    detected = "" if data["language"] else " (language detected from the text)"
    messages.success(
        request, f"{version.language_name} version added{detected}: {count} sentences."
    )
    return redirect("document", document.pk)


@login_required
@require_POST
def document_align(request, pk):
    """Start aligning two versions, or every translation with the original."""
    document = _document(request, pk, "edit")
    try:
        if request.POST.get("all"):
            started = jobs.align_document(document, request.user)
        else:
            form = AlignForm(document, request.POST)
            if not form.is_valid():
                return _document_page(request, document, align_form=form, status=400)
            started = [jobs.start_alignment(
                form.cleaned_data["source"], form.cleaned_data["target"], request.user
            )]
    except WorkbenchError as exc:
        messages.error(request, exc.message)
        return redirect("document", document.pk)
    names = ", ".join(f"{a.source.language} ↔ {a.target.language}" for a in started)
    messages.success(request, f"Alignment started: {names}.")
    return redirect("document", document.pk)


def _version(request, pk, action="view") -> Version:
    version = get_object_or_404(Version.objects.select_related("document__project"), pk=pk)
    authorize(request.user, action, version.document.project)
    return version


@login_required
def version_detail(request, pk):
    """Show a version as paragraphs of numbered sentences, a page at a time."""
    version = _version(request, pk)
    paginator = Paginator(version.segments.order_by("position"), SENTENCES_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    paragraphs: list[list] = []
    for segment in page.object_list:
        if not paragraphs or paragraphs[-1][0].paragraph != segment.paragraph:
            paragraphs.append([])
        paragraphs[-1].append(segment)
    return render(request, "translations/version.html", {
        "project": version.document.project,
        "document": version.document,
        "version": version,
        "page": page,
        "paragraphs": paragraphs,
        "sentence_total": paginator.count,
        "can_manage": can(request.user, "manage", version.document.project),
    })


@login_required
def document_delete(request, pk):
    """Ask (GET), then delete (POST) a document with its versions and alignments."""
    document = _document(request, pk, "manage")
    summary = services.deletion_summary(document=document)
    if request.method != "POST":
        return _confirm_delete(request, document.project, document,
                               f"the document “{document.title}”", summary,
                               cancel=reverse("document", args=[document.pk]))
    services.delete(document)
    messages.success(request, f"Document {document.title} deleted.")
    return redirect("project", document.project_id)


@login_required
def version_delete(request, pk):
    """Ask (GET), then delete (POST) a version with its sentences and alignments."""
    version = _version(request, pk, "manage")
    summary = services.deletion_summary(version=version)
    if request.method != "POST":
        what = f"the {version.language_name} version of “{version.document.title}”"
        return _confirm_delete(request, version.document.project, version.document, what,
                               summary, cancel=reverse("version", args=[version.pk]))
    services.delete(version)
    messages.success(request, f"{version.language_name} version deleted.")
    return redirect("document", version.document_id)


def _confirm_delete(request, project, document, what: str, summary, cancel: str):
    return render(request, "translations/confirm_delete.html", {
        "project": project, "document": document, "what": what, "summary": summary,
        "cancel": cancel,
    })


@login_required
def project_delete(request, pk):
    """Ask (GET), then delete (POST) a project with everything in it (owners only)."""
    project = get_object_or_404(Project, pk=pk)
    authorize(request.user, "manage", project)
    summary = services.deletion_summary(project=project)
    if request.method != "POST":
        return _confirm_delete(request, project, None, f"the project “{project.name}”",
                               summary, cancel=reverse("project", args=[project.pk]))
    services.delete(project)
    messages.success(request, f"Project {project.name} deleted.")
    return redirect("dashboard")


@login_required
@require_POST
def project_edit(request, pk):
    """Rename the project or change its description and abbreviations (owners only)."""
    project = get_object_or_404(Project, pk=pk)
    authorize(request.user, "manage", project)
    _save_edit(request, ProjectEditForm(request.POST), services.update_project, project)
    return redirect("project", project.pk)


@login_required
@require_POST
def document_edit(request, pk):
    """Change a document's title or notes (any member who may edit)."""
    document = _document(request, pk, "edit")
    _save_edit(request, DocumentEditForm(request.POST), services.update_document, document)
    return redirect("document", document.pk)


def _save_edit(request, form, update, target) -> None:
    """Validate a small edit form, call its service and say what happened."""
    if not form.is_valid():
        problems = "; ".join(f"{name}: {' '.join(errors)}" for name, errors in form.errors.items())
        messages.error(request, f"Nothing was changed: {problems}")
        return
    try:
        update(target, **form.cleaned_data)
    except WorkbenchError as exc:
        messages.error(request, f"Nothing was changed: {exc.message}")
    else:
        messages.success(request, "Changes saved.")
