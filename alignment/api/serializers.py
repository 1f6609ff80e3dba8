"""Shapes of alignments, beads, operations and their inputs in the API."""
from rest_framework import serializers

from alignment.engine.encoders import DEFAULT_ENCODER
from alignment.exports import FORMATS, ExportFilter, parse_cursor
from alignment.models import Alignment, Bead, Operation
from alignment.queries import BEAD_TYPES, UNCONFIRMED
from workbench.api.fields import MAX_INT

ENCODERS = [DEFAULT_ENCODER, "e5-small", "use-m3"]


class AlignmentSerializer(serializers.ModelSerializer):
    document = serializers.IntegerField(source="source.document_id", read_only=True)
    source_language = serializers.CharField(source="source.language", read_only=True)
    target_language = serializers.CharField(source="target.language", read_only=True)
    created_by = serializers.CharField(source="created_by.username", read_only=True,
                                       allow_null=True, default=None)

    class Meta:
        model = Alignment
        fields = ["id", "document", "source", "target", "source_language", "target_language",
                  "encoder", "status", "progress", "error", "bead_count", "confirmed_count",
                  "created_by", "created", "started", "finished"]
        read_only_fields = fields


class AlignmentCreateSerializer(serializers.Serializer):
    source = serializers.IntegerField(min_value=1, max_value=MAX_INT,
                                      help_text="Version id, usually the original.")
    target = serializers.IntegerField(min_value=1, max_value=MAX_INT,
                                      help_text="Version id of the same document.")
    encoder = serializers.ChoiceField(choices=ENCODERS, required=False)


class SentenceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    position = serializers.IntegerField()
    text = serializers.CharField()
    revision = serializers.IntegerField()


class BeadSerializer(serializers.Serializer):
    """A bead with its sentences (a BeadRow from alignment.queries.with_text)."""

    id = serializers.IntegerField(source="bead.pk")
    revision = serializers.IntegerField(source="bead.revision")
    type = serializers.CharField(source="bead.bead_type", help_text="e.g. 1-1, 2-1, 1-0")
    src_start = serializers.IntegerField(source="bead.src_start")
    src_end = serializers.IntegerField(source="bead.src_end")
    tgt_start = serializers.IntegerField(source="bead.tgt_start")
    tgt_end = serializers.IntegerField(source="bead.tgt_end")
    confidence = serializers.FloatField(source="bead.confidence")
    state = serializers.ChoiceField(source="bead.state", choices=Bead.State.choices)
    updated = serializers.DateTimeField(source="bead.updated")
    source = SentenceSerializer(many=True)
    target = SentenceSerializer(many=True)


class BeadsResultSerializer(serializers.Serializer):
    beads = BeadSerializer(many=True)


class BeadFilterSerializer(serializers.Serializer):
    state = serializers.ChoiceField(
        choices=[*Bead.State.choices, (UNCONFIRMED, "Not confirmed")], required=False)
    type = serializers.ChoiceField(choices=[(t, t) for t in BEAD_TYPES], required=False)
    confidence_below = serializers.FloatField(min_value=0, max_value=1, required=False)
    q = serializers.CharField(required=False, max_length=200,
                              help_text="Text on either side (case-insensitive).")

    def bead_filters(self) -> dict:
        """Return the filters in the keyword names of alignment.queries.filter_beads."""
        data = self.validated_data
        return {"state": data.get("state"), "bead_type": data.get("type"),
                "max_confidence": data.get("confidence_below"), "search": data.get("q")}


class BeadQuerySerializer(BeadFilterSerializer):
    order = serializers.ChoiceField(choices=[("position", "position"),
                                             ("confidence", "confidence")], required=False)


class RevisionSerializer(serializers.Serializer):
    revision = serializers.IntegerField(min_value=1, max_value=MAX_INT,
                                        help_text="The bead revision you saw.")


class SplitSerializer(RevisionSerializer):
    src_at = serializers.IntegerField(min_value=0, max_value=MAX_INT,
                                      help_text="Source sentence to start part 2")
    tgt_at = serializers.IntegerField(min_value=0, max_value=MAX_INT,
                                      help_text="Target sentence to start part 2")


class ShiftSerializer(RevisionSerializer):
    side = serializers.ChoiceField(choices=[("src", "src"), ("tgt", "tgt")])
    delta = serializers.ChoiceField(choices=[(1, "1"), (-1, "-1")],
                                    help_text="+1 takes the next sentence, -1 gives one away.")


class EditTextSerializer(serializers.Serializer):
    side = serializers.ChoiceField(choices=[("src", "src"), ("tgt", "tgt")])
    position = serializers.IntegerField(min_value=0, max_value=MAX_INT,
                                        help_text="Sentence position in the bead.")
    text = serializers.CharField(max_length=20000)
    revision = serializers.IntegerField(min_value=1, max_value=MAX_INT,
                                        help_text="The sentence revision you saw.")


class UndoSerializer(serializers.Serializer):
    operation = serializers.IntegerField(min_value=1, max_value=MAX_INT, required=False,
                                         help_text="Default: your latest operation.")


class OperationSerializer(serializers.ModelSerializer):
    user = serializers.CharField(source="user.username", read_only=True, allow_null=True,
                                 default=None)
    before = serializers.JSONField()
    after = serializers.JSONField()

    class Meta:
        model = Operation
        fields = ["id", "kind", "user", "created", "before", "after", "undoes", "version"]
        read_only_fields = fields


class BitextQuerySerializer(BeadFilterSerializer):
    only_confirmed = serializers.BooleanField(required=False, default=False)
    min_confidence = serializers.FloatField(min_value=0, max_value=1, required=False)
    since = serializers.CharField(required=False, max_length=64, help_text=(
        "A cursor from an earlier answer: only beads changed since then."))
    include_unaligned = serializers.BooleanField(
        required=False, allow_null=True, default=None,
        help_text="Include 1-0 and 0-1 beads (default: yes for bitext, no for export).")

    def validate_since(self, value):
        return parse_cursor(value)

    def options(self, include_unaligned_default: bool) -> ExportFilter:
        data = self.validated_data
        unaligned = data.get("include_unaligned")
        return ExportFilter(
            beads=self.bead_filters(),
            only_confirmed=data.get("only_confirmed", False),
            min_confidence=data.get("min_confidence"), since=data.get("since"),
            include_unaligned=include_unaligned_default if unaligned is None else unaligned)


class ExportQuerySerializer(BitextQuerySerializer):
    format = serializers.ChoiceField(choices=[(f, f) for f in FORMATS])


class PairSerializer(serializers.Serializer):
    bead = serializers.IntegerField()
    revision = serializers.IntegerField()
    type = serializers.CharField()
    src = serializers.ListField(child=serializers.IntegerField(), min_length=2, max_length=2)
    tgt = serializers.ListField(child=serializers.IntegerField(), min_length=2, max_length=2)
    confidence = serializers.FloatField()
    state = serializers.ChoiceField(choices=Bead.State.choices)
    updated = serializers.DateTimeField()
    source = serializers.CharField(allow_blank=True)
    target = serializers.CharField(allow_blank=True)


class BitextSerializer(serializers.Serializer):
    alignment = serializers.IntegerField()
    source_language = serializers.CharField()
    target_language = serializers.CharField()
    cursor = serializers.CharField(help_text="Send back as `since` to get only later changes.")
    pairs = PairSerializer(many=True)


class ParallelQuerySerializer(serializers.Serializer):
    languages = serializers.CharField(required=False, max_length=200, help_text=(
        "Comma-separated, e.g. es,en,de; default: the original first, then every version."))
    format = serializers.ChoiceField(choices=[("json", "json"), ("tsv", "tsv"),
                                              ("html", "html")], required=False, default="json")

    def validate_languages(self, value):
        return [code.strip() for code in value.split(",") if code.strip()]


class ParallelRowSerializer(serializers.Serializer):
    original = serializers.ListField(child=serializers.IntegerField(), min_length=2,
                                     max_length=2, help_text="Original sentences [start, end)")
    texts = serializers.DictField(child=serializers.CharField(allow_blank=True))


class ParallelSerializer(serializers.Serializer):
    document = serializers.IntegerField()
    languages = serializers.ListField(child=serializers.CharField())
    rows = ParallelRowSerializer(many=True)
