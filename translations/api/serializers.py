"""Shapes of projects, members, documents, versions and segments in the API."""
from django.conf import settings
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from translations.models import Document, Membership, Project, Role, Segment, Version
from translations.permissions import role_of
from workbench.api.fields import MAX_INT


# A pattern, not an enum: the schema's enum components are named by field name, and
# "role" is also the member role. (ENUM_NAME_OVERRIDES in settings would allow an enum.)
@extend_schema_field({"type": "string", "pattern": "^(original|translation)$",
                      "description": "original or translation"})
class VersionRoleField(serializers.ChoiceField):
    """A version's role (original or translation), inline in the schema."""

    def __init__(self, **kwargs):
        super().__init__(choices=Version.VersionRole.choices, **kwargs)


class ProjectSerializer(serializers.ModelSerializer):
    my_role = serializers.SerializerMethodField(help_text="Your role in the project.")

    class Meta:
        model = Project
        fields = ["id", "name", "description", "abbreviations", "created", "my_role"]
        read_only_fields = ["abbreviations", "created"]

    def get_my_role(self, project) -> str | None:
        return role_of(self.context["request"].user, project)


class ProjectCreateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True, default="")


class ProjectUpdateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200, required=False)
    description = serializers.CharField(required=False, allow_blank=True)
    abbreviations = serializers.CharField(
        required=False, allow_blank=True,
        help_text="One per line; used when versions are imported or re-segmented.")


class DeletionSerializer(serializers.Serializer):
    """What a deletion removed."""

    documents = serializers.IntegerField()
    versions = serializers.IntegerField()
    alignments = serializers.IntegerField()
    reviewed_beads = serializers.IntegerField(help_text="Confirmed or edited beads removed.")


class MemberSerializer(serializers.ModelSerializer):
    user = serializers.IntegerField(source="user_id", read_only=True)
    username = serializers.CharField(source="user.username", read_only=True)

    class Meta:
        model = Membership
        fields = ["user", "username", "role", "created"]


class MemberInputSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    role = serializers.ChoiceField(choices=Role.choices)


class VersionBriefSerializer(serializers.ModelSerializer):
    role = VersionRoleField(read_only=True)
    class Meta:
        model = Version
        fields = ["id", "language", "role"]


class DocumentSerializer(serializers.ModelSerializer):
    versions = VersionBriefSerializer(many=True, read_only=True)

    class Meta:
        model = Document
        fields = ["id", "project", "title", "notes", "source_language", "created", "versions"]


class DocumentCreateSerializer(serializers.Serializer):
    project = serializers.IntegerField(min_value=1, max_value=MAX_INT)
    title = serializers.CharField(max_length=300)
    source_language = serializers.CharField(max_length=8, help_text="ISO 639-1 code, e.g. es")
    notes = serializers.CharField(required=False, allow_blank=True, default="")


class DocumentUpdateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=300, required=False)
    notes = serializers.CharField(required=False, allow_blank=True)


class VersionSerializer(serializers.ModelSerializer):
    sentence_count = serializers.IntegerField(read_only=True)
    role = VersionRoleField(read_only=True)
    language_name = serializers.CharField(read_only=True)

    class Meta:
        model = Version
        fields = ["id", "document", "language", "language_name", "role", "title", "credit",
                  "source_format", "source_filename", "detected_encoding", "segmented_at",
                  "created", "sentence_count"]


class VersionUpdateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=300, required=False, allow_blank=True)
    credit = serializers.CharField(max_length=300, required=False, allow_blank=True)


class VersionCreateSerializer(serializers.Serializer):
    """Either `text` (JSON) or `file` (multipart upload in any import format)."""

    document = serializers.IntegerField(min_value=1, max_value=MAX_INT)
    language = serializers.CharField(max_length=8, help_text="ISO 639-1 code, e.g. en")
    role = VersionRoleField(
        required=False, help_text="Default: original for the document's language.")
    title = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    credit = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    text = serializers.CharField(required=False, trim_whitespace=False,
                                 help_text="The text; paragraphs separated by blank lines.")
    file = serializers.FileField(required=False, help_text=(
        "A .txt, .md, .html or .docx file, at most MAX_UPLOAD_BYTES."))

    def validate(self, data):
        if ("text" in data) == ("file" in data):
            raise serializers.ValidationError("Send exactly one of text and file.")
        upload = data.get("file")
        if upload is not None and upload.size > settings.MAX_UPLOAD_BYTES:
            raise serializers.ValidationError({"file": ["The file is larger than the limit."]})
        return data


class SegmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Segment
        fields = ["id", "version", "position", "paragraph", "text", "start", "end", "revision"]
        read_only_fields = fields


class SegmentationSerializer(serializers.Serializer):
    paragraphs = serializers.IntegerField()
    sentences = serializers.IntegerField()
