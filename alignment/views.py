"""The alignment editor and job status: parse, authorise, call a service, render."""
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET, require_POST

from alignment import editor, jobs
from alignment.models import Alignment
from alignment.queries import with_text
from translations.models import Segment
from translations.permissions import can
from translations.views import authorize
from workbench.errors import Conflict, WorkbenchError

EXPORT_FORMATS = [
    ("tmx", "TMX"), ("xliff", "XLIFF"), ("tsv", "TSV"),
    ("moses", "Moses"), ("jsonl", "JSON lines"), ("html", "HTML"),
]


def _alignment(request, pk, action="view") -> Alignment:
    alignment = get_object_or_404(
        Alignment.objects.select_related("source__document__project", "target"), pk=pk
    )
    authorize(request.user, action, alignment.document.project)
    return alignment


def _editor_url(alignment, filters, **extra) -> str:
    query = urlencode({**filters.as_query(), **{k: v for k, v in extra.items() if v}})
    return reverse("editor", args=[alignment.pk]) + (f"?{query}" if query else "")


def _export_links(alignment, filters):
    try:
        base = reverse("api:alignment-export", args=[alignment.pk])
    except NoReverseMatch:  # the API is not routed here: the path it is documented at
        base = f"/api/v1/alignments/{alignment.pk}/export/"
    return [
        (label, f"{base}?{urlencode({'format': fmt, **filters.export_query()})}")
        for fmt, label in EXPORT_FORMATS
    ]


def render_editor(request, alignment, filters, *, page=None, focus=None, index=0,
                  alert=None, status=200):
    """Render the whole editor, or only its main region for an htmx request."""
    listing = editor.editor_page(alignment, filters, page=page, focus=focus)
    user, project = request.user, alignment.document.project
    context = {
        "alignment": alignment,
        "document": alignment.document,
        "project": project,
        "filters": filters,
        "listing": listing,
        "focus_id": listing.focus_id,
        "focus_index": index,
        "alert": alert,
        "remaining": alignment.bead_count - alignment.confirmed_count,
        "can_edit": can(user, "edit", project),
        "can_review": can(user, "review", project),
        "previous_url": _editor_url(alignment, filters, page=listing.page - 1),
        "next_url": _editor_url(alignment, filters, page=listing.page + 1),
        "risky_url": reverse("next_risky", args=[alignment.pk]),
    }
    if request.htmx and request.htmx.target == "editor-main":
        response = render(request, "alignment/_editor_main.html", context, status=status)
        # Keep the address bar on the focused bead, so a reload comes back to it.
        response["HX-Replace-Url"] = _editor_url(alignment, filters, focus=listing.focus_id)
        return response
    context.update({
        "status_choices": editor.STATUS_CHOICES,
        "type_choices": editor.TYPE_CHOICES,
        "order_choices": editor.ORDER_CHOICES,
        "exports": _export_links(alignment, filters),
        "review_queue_url": _editor_url(
            alignment, editor.BeadFilters(status="unconfirmed", order="risk")
        ),
    })
    return render(request, "alignment/editor.html", context, status=status)


@login_required
@require_GET
def editor_view(request, pk):
    alignment = _alignment(request, pk)
    filters = editor.BeadFilters.from_query(request.GET)
    return render_editor(request, alignment, filters, page=request.GET.get("page"),
                         focus=request.GET.get("focus"))


@login_required
@require_POST
def operate(request, pk):
    """Run one bead operation (or undo/redo) and show the editor around its result."""
    alignment = _alignment(request, pk)
    name = request.POST.get("op", "")
    operation = editor.OPERATIONS.get(name)
    action = operation.action if operation else "edit"
    authorize(request.user, action, alignment.document.project)
    filters = editor.BeadFilters.from_query(request.POST)
    try:
        result = editor.apply_operation(alignment, name, request.POST, request.user)
    except Conflict as exc:
        return _refused(request, alignment, filters, conflict_alert(alignment, exc), 409)
    except WorkbenchError as exc:
        return _refused(request, alignment, filters, {"kind": "error", "message": exc.message},
                        400)
    return _after_change(request, alignment, filters, result)


def _after_change(request, alignment, filters, result):
    alignment.refresh_from_db()
    index = request.POST.get("index")
    listing = editor.editor_page(alignment, filters, page=request.POST.get("page"),
                                 focus=result.focus_id)
    focus, index = editor.focus_after(listing, result, index)
    if not request.htmx:
        return redirect(_editor_url(alignment, filters, focus=focus))
    alert = {"kind": "success", "message": result.message}
    return render_editor(request, alignment, filters, page=listing.page, focus=focus,
                         index=index, alert=alert)


def _refused(request, alignment, filters, alert, status):
    alignment.refresh_from_db()
    return render_editor(request, alignment, filters, page=request.POST.get("page"),
                         focus=request.POST.get("bead"), index=request.POST.get("index") or 0,
                         alert=alert, status=status)


def conflict_alert(alignment, exc: Conflict, your_text: str = "") -> dict:
    """Describe a refused stale edit together with what is stored now."""
    current = exc.current or {}
    alert = {"kind": "conflict", "message": exc.message, "your_text": your_text}
    if "text" in current:
        alert["current_text"] = current["text"]
    elif "src" in current:
        alert["current_label"] = editor.span_label(current)
        alert["current_state"] = current.get("state", "")
        bead = alignment.beads.filter(pk=current.get("id")).first()
        if bead is not None:
            row = with_text(alignment, [bead])[0]
            alert["current_source"], alert["current_target"] = row.source_text, row.target_text
    return alert


def _segment(alignment, segment_id) -> Segment:
    return get_object_or_404(
        Segment, pk=segment_id, version_id__in=[alignment.source_id, alignment.target_id]
    )


@login_required
def segment_edit(request, pk, segment_id):
    """Show the in-place form for one sentence (GET) or save its new text (POST)."""
    alignment = _alignment(request, pk, "edit" if request.method == "POST" else "view")
    segment = _segment(alignment, segment_id)
    if request.method != "POST":
        return render(request, "alignment/_sentence_form.html",
                      {"alignment": alignment, "segment": segment})
    filters = editor.BeadFilters.from_query(request.POST)
    text = request.POST.get("text", "")
    revision = editor._int(request.POST.get("segment_revision"))
    action = request.POST.get("sentence_op", "save")
    try:
        message = editor.change_sentence(alignment, segment, action, text, revision,
                                         request.POST.get("offset"), request.user)
    except Conflict as exc:
        return _refused(request, alignment, filters, conflict_alert(alignment, exc, text), 409)
    except WorkbenchError as exc:
        alert = {"kind": "error", "message": exc.message, "your_text": text}
        return _refused(request, alignment, filters, alert, 400)
    result = editor.OperationResult(editor._int(request.POST.get("bead")), False, message)
    return _after_change(request, alignment, filters, result)


@login_required
@require_GET
def bead_history(request, pk, bead_id):
    alignment = _alignment(request, pk)
    bead = get_object_or_404(alignment.beads, pk=bead_id)
    entries = [
        {"operation": op, "what": editor.describe(op),
         "before": [editor.span_label(item) for item in op.before],
         "after": [editor.span_label(item) for item in op.after]}
        for op in editor.bead_history(alignment, bead)
    ]
    return render(request, "alignment/_history.html",
                  {"alignment": alignment, "bead": bead, "entries": entries})


@login_required
@require_GET
def split_form(request, pk, bead_id):
    alignment = _alignment(request, pk, "edit")
    bead = get_object_or_404(alignment.beads, pk=bead_id)
    src, tgt, src_default, tgt_default = editor.split_choices(bead)
    return render(request, "alignment/_split_form.html", {
        "alignment": alignment, "bead": bead, "row": with_text(alignment, [bead])[0],
        "src_cuts": src, "tgt_cuts": tgt, "src_default": src_default, "tgt_default": tgt_default,
    })


@login_required
@require_GET
def next_risky(request, pk):
    """Go to the next unconfirmed bead that is unsure or not 1-1."""
    alignment = _alignment(request, pk)
    filters = editor.BeadFilters.from_query(request.GET)
    after = request.GET.get("after") or request.GET.get("bead")
    bead = editor.next_risky(alignment, filters, after)
    if bead is None:
        alert = {"kind": "success", "message": "No risky beads left here: all clear."}
        return render_editor(request, alignment, filters, page=request.GET.get("page"),
                             focus=after, alert=alert)
    if not request.htmx:
        return redirect(_editor_url(alignment, filters, focus=bead.pk))
    return render_editor(request, alignment, filters, focus=bead.pk)


@login_required
@require_POST
def realign(request, pk):
    """Re-align the pair; confirmed and edited beads stay as anchors."""
    alignment = _alignment(request, pk, "edit")
    try:
        jobs.start_alignment(alignment.source, alignment.target, request.user)
    except WorkbenchError as exc:
        messages.error(request, exc.message)
    return redirect("editor", alignment.pk)


@login_required
@require_GET
def job_status(request, pk):
    alignment = _alignment(request, pk)
    return render(request, "alignment/_job_status.html",
                  {"alignment": alignment, "in_editor": bool(request.GET.get("in_editor"))})


@login_required
@require_POST
def job_cancel(request, pk):
    alignment = _alignment(request, pk, "edit")
    jobs.cancel(alignment)
    if not request.htmx:
        return redirect("document", alignment.document.pk)
    alignment.refresh_from_db()
    return render(request, "alignment/_job_status.html",
                  {"alignment": alignment, "in_editor": bool(request.GET.get("in_editor"))})
