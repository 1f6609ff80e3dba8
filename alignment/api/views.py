"""Viewsets for alignments and their beads: parse, authorise, call a service, render."""
import django_filters
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.response import Response

from alignment import exports
from alignment import services as beads
from alignment.api import serializers as s
from alignment.api import services
from alignment.api.beads import bead_row, bead_values, render_beads
from alignment.models import Alignment
from alignment.queries import filter_beads
from translations.models import Version
from workbench.api.base import ApiViewSet
from workbench.api.fields import IdFilter
from workbench.api.permissions import find, require, visible
from workbench.errors import Conflict, WorkbenchError

PROJECT = "source__document__project"
# A version's imported text (hundreds of kB for a long document) is not needed to serve
# alignments or beads, and loading it cost more than the rest of a bead request; a deferred
# field still loads on first access, should some path need it.
UNUSED_TEXT = ("source__raw_text", "target__raw_text")
# Bead requests need the alignment's ids and its project (for the role) only; a narrow
# select keeps the most frequent query of the API cheap to build and to run.
BEAD_PATH_FIELDS = ("id", "source_id", "target_id", "source__document_id",
                    "source__document__project")
ALIGNMENT_ACCEPTED = OpenApiResponse(s.AlignmentSerializer, description="Queued; poll its URL.")


def alignment_for(request, pk) -> Alignment:
    """Return a visible alignment or a 404 (only what bead requests need is loaded)."""
    alignments = Alignment.objects.select_related(PROJECT).only(*BEAD_PATH_FIELDS)
    return find(alignments, request.user, PROJECT, pk, "alignment")


def bead_rows(alignment, bead_list) -> list[dict]:
    """Render bead instances with their sentences, as BeadSerializer documents them."""
    return render_beads(alignment, [bead_row(bead) for bead in bead_list])


def file_response(result, cursor: str | None = None) -> HttpResponse:
    """Return an export as a download."""
    response = HttpResponse(result.content, content_type=result.content_type)
    response["Content-Disposition"] = f'attachment; filename="{result.filename}"'
    if cursor:
        response["X-Cursor"] = cursor
    return response


def _valid(serializer_class, data) -> dict:
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class AlignmentFilter(django_filters.FilterSet):
    document = IdFilter(field_name="source__document_id")
    version = IdFilter(method="filter_version")
    status = django_filters.ChoiceFilter(choices=Alignment.Status.choices)

    class Meta:
        model = Alignment
        fields = ["document", "version", "status"]

    def filter_version(self, queryset, name, value):
        return queryset.filter(source_id=value) | queryset.filter(target_id=value)


class AlignmentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """Alignments of two versions: start (202), poll status, cancel, re-align, undo, redo."""

    serializer_class = s.AlignmentSerializer
    filterset_class = AlignmentFilter
    ordering_fields = ["created", "status"]
    may_need_queue = True

    def get_queryset(self):
        alignments = Alignment.objects.select_related("source", "target", "created_by")
        alignments = alignments.defer(*UNUSED_TEXT)
        return visible(alignments, self.request.user, PROJECT).order_by("-created", "-id")

    def accepted(self, alignment) -> Response:
        alignment = self.get_queryset().get(pk=alignment.pk)
        url = self.reverse_action("detail", args=[alignment.pk])
        return Response(self.get_serializer(alignment).data, status=status.HTTP_202_ACCEPTED,
                        headers={"Location": url})

    @extend_schema(request=s.AlignmentCreateSerializer, responses={202: ALIGNMENT_ACCEPTED})
    def create(self, request):
        """Queue the alignment of two versions of one document."""
        data = _valid(s.AlignmentCreateSerializer, request.data)
        versions = Version.objects.select_related("document__project")
        source = find(versions, request.user, "document__project", data["source"], "version",
                      "source")
        target = find(versions, request.user, "document__project", data["target"], "version",
                      "target")
        require(request.user, "edit", source.document.project)
        require(request.user, "edit", target.document.project)
        alignment = services.create_alignment(source, target, request.user, data.get("encoder"))
        return self.accepted(alignment)

    @extend_schema(request=None, responses={204: None})
    def destroy(self, request, pk=None):
        """Delete an alignment with its beads and log (owners only)."""
        alignment = self.get_object()
        require(request.user, "manage", alignment.document.project)
        alignment.delete()
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=None, responses={202: ALIGNMENT_ACCEPTED})
    @action(detail=True, methods=["post"])
    def realign(self, request, pk=None):
        """Run the alignment again; confirmed and edited beads stay as anchors."""
        alignment = self.get_object()
        require(request.user, "edit", alignment.document.project)
        return self.accepted(services.realign(alignment, request.user))

    @extend_schema(request=None, responses={200: s.AlignmentSerializer})
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        """Cancel a queued or running job (409 if it is not)."""
        alignment = self.get_object()
        require(request.user, "edit", alignment.document.project)
        alignment = services.cancel(alignment)
        return Response(self.get_serializer(alignment).data)

    @extend_schema(request=s.UndoSerializer, responses={200: s.BeadsResultSerializer})
    @action(detail=True, methods=["post"])
    def undo(self, request, pk=None):
        """Undo your latest operation, or the one given, if nobody changed its beads since."""
        return self._undo(request, redo=False)

    @extend_schema(request=None, responses={200: s.BeadsResultSerializer})
    @action(detail=True, methods=["post"])
    def redo(self, request, pk=None):
        """Redo what your latest undo took back."""
        return self._undo(request, redo=True)

    def _undo(self, request, redo: bool) -> Response:
        alignment = self.get_object()
        require(request.user, "edit", alignment.document.project)
        data = {} if redo else _valid(s.UndoSerializer, request.data)
        operation = services.operation_to_undo(alignment, request.user, data.get("operation"),
                                               redo=redo)
        require(request.user, services.action_needed(operation), alignment.document.project)
        written = beads.undo(alignment, operation.pk, request.user)
        return Response({"beads": bead_rows(alignment, written)})

    @extend_schema(parameters=[s.BitextQuerySerializer], responses={200: s.BitextSerializer})
    @action(detail=True, methods=["get"], filterset_class=None, ordering_fields=[])
    def bitext(self, request, pk=None):
        """Both sides' text of every bead, with type, confidence and state, and a cursor."""
        alignment = self.get_object()
        query = s.BitextQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        return Response(exports.bitext(alignment, query.options(include_unaligned_default=True)))

    @extend_schema(
        parameters=[s.ExportQuerySerializer],
        responses={(200, exports.CONTENT_TYPES[fmt].split(";")[0]): OpenApiTypes.BINARY
                   for fmt in exports.FORMATS},
    )
    @action(detail=True, methods=["get"], filterset_class=None, ordering_fields=[])
    def export(self, request, pk=None):
        """Download the pairs as TMX, XLIFF, TSV, Moses (zip), JSONL or HTML."""
        alignment = self.get_object()
        query = s.ExportQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        options = query.options(include_unaligned_default=False)
        cursor = exports.new_cursor(alignment)
        result = exports.export(alignment, query.validated_data["format"], options)
        return file_response(result, cursor)

    @extend_schema(request=None, responses={200: s.OperationSerializer(many=True)})
    @action(detail=True, methods=["get"], filterset_class=None, ordering_fields=[])
    def operations(self, request, pk=None):
        """The alignment's operation log, newest first: who did what when."""
        alignment = self.get_object()
        log = beads.operations_of(alignment).select_related("user").order_by(
            "-created", "-id")
        page = self.paginate_queryset(log)
        return self.get_paginated_response(s.OperationSerializer(page, many=True).data)


class BeadViewSet(ApiViewSet):
    """Beads of one alignment with their text; each operation takes the revision you saw."""

    serializer_class = s.BeadSerializer
    filter_backends: list = []

    def alignment(self) -> Alignment:
        if not hasattr(self, "_alignment"):
            self._alignment = alignment_for(self.request, self.kwargs["alignment_pk"])
        return self._alignment

    def get_queryset(self):
        return self.alignment().beads.all()

    @extend_schema(parameters=[s.BeadQuerySerializer],
                   responses={200: s.BeadSerializer(many=True)})
    def list(self, request, alignment_pk=None):
        """List beads, filtered by state, type, confidence below a threshold and text."""
        alignment = self.alignment()
        query = s.BeadQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        found = filter_beads(
            alignment, **query.bead_filters(),
            lowest_confidence_first=query.validated_data.get("order") == "confidence",
        )
        page = self.paginate_queryset(bead_values(found))
        return self.get_paginated_response(render_beads(alignment, page))

    def retrieve(self, request, alignment_pk=None, pk=None):
        """One bead with its sentences."""
        return Response(bead_rows(self.alignment(), [self.get_object()])[0])

    @extend_schema(request=None, responses={200: s.OperationSerializer(many=True)})
    @action(detail=True, methods=["get"], pagination_class=None)
    def history(self, request, alignment_pk=None, pk=None):
        """Operations that touched this bead's sentences, newest first."""
        history = beads.bead_history(self.get_object())
        return Response(s.OperationSerializer(history, many=True).data)

    def _operate(self, action_name: str, serializer_class, call) -> Response:
        alignment = self.alignment()
        require(self.request.user, action_name, alignment.document.project)
        data = _valid(serializer_class, self.request.data)
        written = call(alignment, int(self.kwargs["pk"]), data, self.request.user)
        written = written if isinstance(written, list) else [written]
        return Response({"beads": bead_rows(alignment, written)})

    @extend_schema(request=s.RevisionSerializer, responses={200: s.BeadsResultSerializer})
    @action(detail=True, methods=["post"])
    def confirm(self, request, alignment_pk=None, pk=None):
        """Confirm the bead: a person checked it; re-alignment keeps it (reviewers, owners)."""
        return self._operate("review", s.RevisionSerializer,
                             lambda a, b, d, u: beads.confirm(a, b, d["revision"], u))

    @extend_schema(request=s.RevisionSerializer, responses={200: s.BeadsResultSerializer})
    @action(detail=True, methods=["post"])
    def unconfirm(self, request, alignment_pk=None, pk=None):
        """Take a confirmation back (reviewers, owners)."""
        return self._operate("review", s.RevisionSerializer,
                             lambda a, b, d, u: beads.unconfirm(a, b, d["revision"], u))

    @extend_schema(request=s.RevisionSerializer, responses={200: s.BeadsResultSerializer})
    @action(detail=True, methods=["post"])
    def merge(self, request, alignment_pk=None, pk=None):
        """Merge the bead with the next one."""
        return self._operate("edit", s.RevisionSerializer,
                             lambda a, b, d, u: beads.merge_with_next(a, b, d["revision"], u))

    @extend_schema(request=s.SplitSerializer, responses={200: s.BeadsResultSerializer})
    @action(detail=True, methods=["post"])
    def split(self, request, alignment_pk=None, pk=None):
        """Split the bead before source sentence src_at and target sentence tgt_at."""
        return self._operate("edit", s.SplitSerializer, lambda a, b, d, u: beads.split(
            a, b, d["revision"], u, d["src_at"], d["tgt_at"]))

    @extend_schema(request=s.ShiftSerializer, responses={200: s.BeadsResultSerializer})
    @action(detail=True, methods=["post"])
    def shift(self, request, alignment_pk=None, pk=None):
        """Move the bead's end on one side by one sentence (into or out of the next bead)."""
        return self._operate("edit", s.ShiftSerializer, lambda a, b, d, u: beads.shift(
            a, b, d["revision"], u, d["side"], int(d["delta"])))

    @extend_schema(request=s.RevisionSerializer, responses={200: s.BeadsResultSerializer})
    @action(detail=True, methods=["post"])
    def detach(self, request, alignment_pk=None, pk=None):
        """Split the bead into source alone (1-0) and target alone (0-1)."""
        return self._operate("edit", s.RevisionSerializer,
                             lambda a, b, d, u: beads.detach(a, b, d["revision"], u))

    @extend_schema(request=s.EditTextSerializer, responses={200: s.BeadsResultSerializer})
    @action(detail=True, methods=["post"], url_path="edit-text")
    def edit_text(self, request, alignment_pk=None, pk=None):
        """Change the text of one sentence of the bead (revision: the sentence's)."""
        return self._operate("edit", s.EditTextSerializer, self._edit_text)

    @staticmethod
    def _edit_text(alignment, bead_id, data, user):
        bead = alignment.beads.filter(pk=bead_id).first()
        if bead is None:
            raise Conflict("This bead was changed by someone else in the meantime; reload it.")
        side = data["side"]
        start, end = (bead.src_start, bead.src_end) if side == "src" else (
            bead.tgt_start, bead.tgt_end)
        if not start <= data["position"] < end:
            message = f"Sentence {data['position']} is not in this bead on side {side}."
            raise WorkbenchError(message, fields={"position": [message]})
        version = alignment.source if side == "src" else alignment.target
        segment = version.segments.get(position=data["position"])
        beads.edit_sentence(segment, data["text"], data["revision"], user, alignment)
        bead.refresh_from_db()
        return bead
