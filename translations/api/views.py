"""Viewsets for projects, members, documents and versions: parse, authorise, call, render."""
import django_filters
from django.contrib.auth import get_user_model
from django.db.models import Count
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from alignment.api.serializers import (
    AlignmentSerializer,
    ParallelQuerySerializer,
    ParallelSerializer,
)
from alignment.api.views import file_response
from translations import services
from translations.api import serializers as s
from translations.importers import import_text
from translations.models import Document, Project, Version
from workbench.api.base import ApiViewSet
from workbench.api.fields import IdFilter
from workbench.api.permissions import find, require, visible
from workbench.errors import NotFound


def _deleted(summary) -> Response:
    return Response(s.DeletionSerializer(summary).data)


class ProjectViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """Projects you belong to; anyone signed in may start one (and becomes its owner)."""

    serializer_class = s.ProjectSerializer
    ordering_fields = ["name", "created"]
    filterset_fields: list = []

    def get_queryset(self):
        return visible(Project.objects.all(), self.request.user, "pk")

    @extend_schema(request=s.ProjectCreateSerializer, responses={201: s.ProjectSerializer})
    def create(self, request):
        data = _valid(s.ProjectCreateSerializer, request)
        project = services.create_project(data["name"], request.user, data["description"])
        return Response(self.get_serializer(project).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: s.MemberSerializer(many=True)})
    @action(detail=True, methods=["get"], pagination_class=None)
    def members(self, request, pk=None):
        """List the project's members and roles."""
        project = self.get_object()
        memberships = project.memberships.select_related("user").order_by("user__username")
        return Response(s.MemberSerializer(memberships, many=True).data)

    @extend_schema(request=s.ProjectUpdateSerializer, responses={200: s.ProjectSerializer})
    def partial_update(self, request, pk=None):
        """Rename the project or change its description or abbreviations (owners only)."""
        project = self.get_object()
        require(request.user, "manage", project)
        project = services.update_project(project, **_valid(s.ProjectUpdateSerializer, request))
        return Response(self.get_serializer(project).data)

    @extend_schema(request=None, responses={200: s.DeletionSerializer})
    def destroy(self, request, pk=None):
        """Delete the project with all its documents, versions and alignments (owners only)."""
        project = self.get_object()
        require(request.user, "manage", project)
        return _deleted(services.delete(project))

    @extend_schema(request=s.MemberInputSerializer, responses={200: s.MemberSerializer})
    @members.mapping.post
    def set_member(self, request, pk=None):
        """Add a member or change a member's role (owners only)."""
        project = self.get_object()
        require(request.user, "manage", project)
        data = _valid(s.MemberInputSerializer, request)
        user = get_user_model().objects.filter(username=data["username"], is_active=True).first()
        if user is None:
            raise NotFound("No such user.", fields={"username": ["No such user."]})
        membership = services.set_member(project, user, data["role"])
        return Response(s.MemberSerializer(membership).data)

    @extend_schema(request=None, responses={204: None})
    @action(detail=True, methods=["delete"], url_path=r"members/(?P<user_id>\d+)")
    def remove_member(self, request, pk=None, user_id=None):
        """Take someone out of the project (owners only)."""
        project = self.get_object()
        require(request.user, "manage", project)
        user = get_user_model().objects.filter(pk=user_id).first()
        if user is None:
            raise NotFound("No such user.")
        services.remove_member(project, user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class DocumentFilter(django_filters.FilterSet):
    project = IdFilter(field_name="project_id")
    source_language = django_filters.CharFilter()

    class Meta:
        model = Document
        fields = ["project", "source_language"]


class DocumentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """Documents of your projects, each with its language versions."""

    serializer_class = s.DocumentSerializer
    filterset_class = DocumentFilter
    ordering_fields = ["title", "created"]
    may_need_queue = True

    def get_queryset(self):
        documents = Document.objects.prefetch_related("versions")
        return visible(documents, self.request.user, "project").order_by("project", "title")

    @extend_schema(request=s.DocumentCreateSerializer, responses={201: s.DocumentSerializer})
    def create(self, request):
        data = _valid(s.DocumentCreateSerializer, request)
        project = find(Project.objects.all(), request.user, "pk", data["project"], "project",
                       "project")
        require(request.user, "edit", project)
        document = services.create_document(
            project, data["title"], data["source_language"], data["notes"])
        return Response(self.get_serializer(document).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.DocumentUpdateSerializer, responses={200: s.DocumentSerializer})
    def partial_update(self, request, pk=None):
        """Change the document's title or notes."""
        document = self.get_object()
        require(request.user, "edit", document.project)
        data = _valid(s.DocumentUpdateSerializer, request)
        return Response(self.get_serializer(services.update_document(document, **data)).data)

    @extend_schema(request=None, responses={200: s.DeletionSerializer})
    def destroy(self, request, pk=None):
        """Delete the document with its versions and alignments (owners only)."""
        document = self.get_object()
        require(request.user, "manage", document.project)
        return _deleted(services.delete(document))

    @extend_schema(
        parameters=[ParallelQuerySerializer],
        responses={(200, "application/json"): ParallelSerializer,
                   (200, "text/tab-separated-values"): OpenApiTypes.STR,
                   (200, "text/html"): OpenApiTypes.STR},
    )
    @action(detail=True, methods=["get"], filterset_class=None, ordering_fields=[])
    def parallel(self, request, pk=None):
        """Every original sentence group with its counterparts in the chosen languages."""
        from alignment import exports

        document = self.get_object()
        query = _valid_query(ParallelQuerySerializer, request)
        table = exports.parallel(document, query.get("languages"))
        fmt = query["format"]
        if fmt == "json":
            return Response({"document": document.pk, "languages": table.languages,
                             "rows": table.rows})
        content = (exports.parallel_tsv(table) if fmt == "tsv"
                   else exports.parallel_html(table, document.title))
        kind = "text/tab-separated-values" if fmt == "tsv" else "text/html"
        result = exports.Export(content, f"{kind}; charset=utf-8", f"document-{pk}.{fmt}")
        return file_response(result)

    @extend_schema(request=None, responses={202: AlignmentSerializer(many=True)})
    @action(detail=True, methods=["post"], pagination_class=None, filterset_class=None,
            ordering_fields=[])
    def align(self, request, pk=None):
        """Queue the alignment of every translation with the document's original."""
        from alignment.jobs import align_document

        document = self.get_object()
        require(request.user, "edit", document.project)
        alignments = align_document(document, request.user)
        return Response(AlignmentSerializer(alignments, many=True).data,
                        status=status.HTTP_202_ACCEPTED)


class VersionFilter(django_filters.FilterSet):
    document = IdFilter(field_name="document_id")
    language = django_filters.CharFilter()
    role = django_filters.ChoiceFilter(choices=Version.VersionRole.choices)

    class Meta:
        model = Version
        fields = ["document", "language", "role"]


class VersionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """Language versions: create from text or an uploaded file, re-segment, list sentences."""

    serializer_class = s.VersionSerializer
    filterset_class = VersionFilter
    ordering_fields = ["language", "created"]
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self):
        versions = Version.objects.annotate(sentence_count=Count("segments"))
        return visible(versions, self.request.user, "document__project").order_by("pk")

    @extend_schema(
        request={"application/json": s.VersionCreateSerializer,
                 "multipart/form-data": s.VersionCreateSerializer},
        responses={201: s.VersionSerializer},
    )
    def create(self, request):
        data = _valid(s.VersionCreateSerializer, request)
        document = find(Document.objects.all(), request.user, "project", data["document"],
                        "document", "document")
        require(request.user, "edit", document.project)
        fields = {key: data[key] for key in ("language", "title", "credit")}
        fields["role"] = data.get("role")
        if "file" in data:
            upload = data["file"]
            version = services.import_version_file(document, upload.name, upload.read(), **fields)
        else:
            version = services.add_version(document, import_text(data["text"]), **fields)
        version = self.get_queryset().get(pk=version.pk)
        return Response(self.get_serializer(version).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.VersionUpdateSerializer, responses={200: s.VersionSerializer})
    def partial_update(self, request, pk=None):
        """Change the version's title or credit (its text stays as imported)."""
        version = self.get_object()
        require(request.user, "edit", version.document.project)
        services.update_version(version, **_valid(s.VersionUpdateSerializer, request))
        return Response(self.get_serializer(self.get_queryset().get(pk=version.pk)).data)

    @extend_schema(request=None, responses={200: s.DeletionSerializer})
    def destroy(self, request, pk=None):
        """Delete the version with its sentences and the alignments using it (owners only)."""
        version = self.get_object()
        require(request.user, "manage", version.document.project)
        return _deleted(services.delete(version))

    @extend_schema(request=None, responses={200: s.SegmentationSerializer})
    @action(detail=True, methods=["post"])
    def resegment(self, request, pk=None):
        """Split the stored text into sentences again (refused while alignments use them)."""
        version = self.get_object()
        require(request.user, "edit", version.document.project)
        summary = services.resegment_version(version)
        return Response(s.SegmentationSerializer(summary).data)

    @extend_schema(request=None, responses={200: s.SegmentSerializer(many=True)})
    @action(detail=True, methods=["get"], filterset_class=None, ordering_fields=[])
    def segments(self, request, pk=None):
        """List the version's sentences in order, with offsets and paragraph numbers."""
        version = self.get_object()
        page = self.paginate_queryset(version.segments.order_by("position"))
        return self.get_paginated_response(s.SegmentSerializer(page, many=True).data)


def _valid(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data



def _valid_query(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.query_params)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data
