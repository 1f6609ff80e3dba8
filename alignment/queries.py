"""Read-side helpers shared by the editor, the API and exports: filter beads, attach text."""
from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, Q, QuerySet

from alignment.models import Alignment, Bead
from translations.models import Segment

BEAD_TYPES = ("1-1", "1-0", "0-1", "n-m", "non-1-1")
UNCONFIRMED = "unconfirmed"  # a state filter: automatic and edited beads, the review's to-do


def annotate_sizes(beads: QuerySet[Bead]) -> QuerySet[Bead]:
    """Add src_len and tgt_len, the number of sentences on each side."""
    return beads.annotate(
        src_len=F("src_end") - F("src_start"), tgt_len=F("tgt_end") - F("tgt_start")
    )


def filter_beads(
    alignment: Alignment,
    *,
    state: str | None = None,
    bead_type: str | None = None,
    max_confidence: float | None = None,
    search: str | None = None,
    lowest_confidence_first: bool = False,
) -> QuerySet[Bead]:
    """Return the alignment's beads narrowed by state, type, confidence and text on either side."""
    beads = annotate_sizes(alignment.beads.all())
    if state == UNCONFIRMED:
        beads = beads.exclude(state=Bead.State.CONFIRMED)
    elif state:
        beads = beads.filter(state=state)
    if bead_type:
        beads = beads.filter(type_filter(bead_type))
    if max_confidence is not None:
        beads = beads.filter(confidence__lt=max_confidence)
    if search:
        beads = beads.filter(text_filter(alignment, search))
    if lowest_confidence_first:
        return beads.order_by("confidence", "src_start", "tgt_start")
    return beads.order_by("src_start", "tgt_start")


def type_filter(bead_type: str) -> Q:
    """Return the condition for a bead type: 1-1, 1-0, 0-1, n-m (more than one a side), non-1-1."""
    if bead_type == "n-m":
        return Q(src_len__gt=1) | Q(tgt_len__gt=1)
    if bead_type == "non-1-1":
        return ~Q(src_len=1, tgt_len=1)
    try:
        src_len, tgt_len = (int(part) for part in bead_type.split("-"))
    except ValueError:
        known = ", ".join(BEAD_TYPES)
        raise ValueError(f"Unknown bead type {bead_type!r}; use one of {known}.") from None
    return Q(src_len=src_len, tgt_len=tgt_len)


def text_filter(alignment: Alignment, search: str) -> Q:
    """Return the condition 'a sentence of this bead, on either side, contains the text'."""
    def side(version_id: int, start: str, end: str) -> Exists:
        return Exists(Segment.objects.filter(
            version_id=version_id, position__gte=OuterRef(start), position__lt=OuterRef(end),
            text__icontains=search,
        ))
    return Q(side(alignment.source_id, "src_start", "src_end")) | Q(
        side(alignment.target_id, "tgt_start", "tgt_end"))


@dataclass
class BeadRow:
    """A bead with the sentences of both sides, ready to show or export."""

    bead: Bead
    source: list[Segment]
    target: list[Segment]

    @property
    def source_text(self) -> str:
        return " ".join(segment.text for segment in self.source)

    @property
    def target_text(self) -> str:
        return " ".join(segment.text for segment in self.target)


def with_text(alignment: Alignment, beads) -> list[BeadRow]:
    """Attach each bead's sentences, with two queries whatever the number of beads."""
    beads = list(beads)
    if not beads:
        return []
    source = _segments(alignment.source_id, beads, "src_start", "src_end")
    target = _segments(alignment.target_id, beads, "tgt_start", "tgt_end")
    return [
        BeadRow(bead, [source[p] for p in range(bead.src_start, bead.src_end)],
                [target[p] for p in range(bead.tgt_start, bead.tgt_end)])
        for bead in beads
    ]


def _segments(version_id: int, beads: list[Bead], start: str, end: str) -> dict[int, Segment]:
    low = min(getattr(bead, start) for bead in beads)
    high = max(getattr(bead, end) for bead in beads)
    wanted = {p for bead in beads for p in range(getattr(bead, start), getattr(bead, end))}
    segments = Segment.objects.filter(version_id=version_id, position__gte=low, position__lt=high)
    return {s.position: s for s in segments if s.position in wanted}
