"""Sentences: edit the text, split one at a character offset, merge one with the next."""
import django_filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from alignment import segment_edits
from alignment.services import edit_sentence
from translations.api.serializers import SegmentSerializer
from translations.models import Segment
from workbench.api.base import ApiViewSet
from workbench.api.fields import MAX_INT, IdFilter
from workbench.api.permissions import require, visible


class SegmentTextSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=20000)
    revision = serializers.IntegerField(min_value=1, max_value=MAX_INT,
                                        help_text="The revision you saw.")


class SegmentSplitSerializer(serializers.Serializer):
    offset = serializers.IntegerField(min_value=0, max_value=MAX_INT,
                                      help_text="Character offset in the text.")
    revision = serializers.IntegerField(min_value=1, max_value=MAX_INT)


class SegmentMergeSerializer(serializers.Serializer):
    revision = serializers.IntegerField(min_value=1, max_value=MAX_INT)
    next_revision = serializers.IntegerField(min_value=1, max_value=MAX_INT, required=False,
                                             help_text="The next sentence's revision you saw.")


class SegmentFilter(django_filters.FilterSet):
    version = IdFilter(field_name="version_id")

    class Meta:
        model = Segment
        fields = ["version"]


class SegmentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """Sentences of your projects' versions; edits keep every alignment's beads consistent."""

    serializer_class = SegmentSerializer
    filterset_class = SegmentFilter
    ordering_fields = ["position"]

    def get_queryset(self):
        segments = Segment.objects.select_related("version__document__project")
        return visible(segments, self.request.user, "version__document__project").order_by(
            "version", "position")

    def editable(self) -> Segment:
        segment = self.get_object()
        require(self.request.user, "edit", segment.version.document.project)
        return segment

    def payload(self, serializer_class) -> dict:
        serializer = serializer_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    @extend_schema(request=SegmentTextSerializer, responses={200: SegmentSerializer})
    def partial_update(self, request, pk=None):
        """Change the sentence's text (the imported text stays as it was)."""
        segment = self.editable()
        data = self.payload(SegmentTextSerializer)
        segment = edit_sentence(segment, data["text"], data["revision"], request.user)
        return Response(SegmentSerializer(segment).data)

    @extend_schema(request=SegmentSplitSerializer, responses={200: SegmentSerializer(many=True)})
    @action(detail=True, methods=["post"])
    def split(self, request, pk=None):
        """Split the sentence in two before the character offset."""
        segment = self.editable()
        data = self.payload(SegmentSplitSerializer)
        parts = segment_edits.split_segment(segment.pk, data["offset"], data["revision"],
                                            request.user)
        return Response(SegmentSerializer(parts, many=True).data)

    @extend_schema(request=SegmentMergeSerializer, responses={200: SegmentSerializer})
    @action(detail=True, methods=["post"], url_path="merge-next")
    def merge_next(self, request, pk=None):
        """Merge the sentence with the next one of its version."""
        segment = self.editable()
        data = self.payload(SegmentMergeSerializer)
        merged = segment_edits.merge_with_next(segment.pk, data["revision"],
                                               data.get("next_revision"), request.user)
        return Response(SegmentSerializer(merged).data)
