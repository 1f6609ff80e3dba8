"""Import of bilingual files (TMX, XLIFF, two aligned texts) as versions with an alignment."""
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from alignment.api.serializers import AlignmentSerializer
from alignment.bilingual_import import FORMATS, import_bilingual
from translations.api.serializers import DocumentSerializer, VersionSerializer
from translations.models import Document, Project
from workbench.api.base import ApiViewSet
from workbench.api.fields import MAX_INT
from workbench.api.permissions import find, require
from workbench.errors import WorkbenchError


class BilingualImportSerializer(serializers.Serializer):
    format = serializers.ChoiceField(choices=[(f, f) for f in FORMATS])
    file = serializers.FileField(required=False, help_text="The TMX or XLIFF file.")
    source_file = serializers.FileField(required=False, help_text="text: source lines")
    target_file = serializers.FileField(required=False, help_text="text: target lines")
    document = serializers.IntegerField(required=False, min_value=1, max_value=MAX_INT,
                                        help_text="Add to this document, or give project+title")
    project = serializers.IntegerField(required=False, min_value=1, max_value=MAX_INT)
    title = serializers.CharField(required=False, max_length=300)
    source_language = serializers.CharField(required=False, max_length=8)
    target_language = serializers.CharField(required=False, max_length=8)

    def validate(self, data):
        if "document" in data and ("project" in data or "title" in data):
            raise serializers.ValidationError("Give a document, or a project and a title.")
        if "document" not in data and not ("project" in data and "title" in data):
            raise serializers.ValidationError("Give a document, or a project and a title.")
        return data


class ImportResultSerializer(serializers.Serializer):
    document = DocumentSerializer()
    source = VersionSerializer()
    target = VersionSerializer()
    alignment = AlignmentSerializer()


class BilingualImportViewSet(ApiViewSet):
    """Upload a bilingual file; get two versions and a confirmed alignment."""

    parser_classes = [MultiPartParser, FormParser]
    serializer_class = BilingualImportSerializer
    filter_backends: list = []

    @extend_schema(request={"multipart/form-data": BilingualImportSerializer},
                   responses={201: ImportResultSerializer})
    def create(self, request):
        form = BilingualImportSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        user = request.user
        if "document" in data:
            document = find(Document.objects.all(), user, "project", data["document"],
                            "document", "document")
            project, document_kwargs = document.project, {"document": document}
        else:
            project = find(Project.objects.all(), user, "pk", data["project"], "project",
                           "project")
            document_kwargs = {"project": project, "title": data["title"]}
        require(user, "edit", project)
        files = {name: _read(data[name]) for name in ("file", "source_file", "target_file")
                 if name in data}
        result = import_bilingual(
            data["format"], files, user=user, source_language=data.get("source_language"),
            target_language=data.get("target_language"), filename=_name(data),
            **document_kwargs)
        for version in (result.source, result.target):
            version.sentence_count = version.segments.count()
        body = ImportResultSerializer({
            "document": result.document, "source": result.source, "target": result.target,
            "alignment": result.alignment}).data
        return Response(body, status=status.HTTP_201_CREATED)


def _read(upload) -> bytes:
    from django.conf import settings

    if upload.size > settings.MAX_UPLOAD_BYTES:
        raise WorkbenchError("The file is larger than the upload limit.")
    return upload.read()


def _name(data) -> str:
    upload = data.get("file") or data.get("source_file")
    return upload.name[:255] if upload else ""
