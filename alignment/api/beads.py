"""Beads as the API shows them, built from plain rows: the hot path of every reviewer.

serializers.BeadSerializer documents this shape (the OpenAPI schema is generated from it),
but rendering a page of beads through nested serializers took most of a request's Python
time under load. The answer is built here from values() rows instead, field for field the
same as the serializer's output; tests/api/test_bead_rendering.py checks the two agree.
"""
from django.db.models import Q, QuerySet
from rest_framework import serializers

from alignment.models import Alignment, Bead
from translations.models import Segment

BEAD_FIELDS = ("id", "revision", "src_start", "src_end", "tgt_start", "tgt_end", "confidence",
               "state", "updated")
SENTENCE_FIELDS = ("version_id", "id", "position", "text", "revision")
# The serializer's own formatting of `updated` (ISO 8601 in the current time zone).
_DATETIME = serializers.DateTimeField()


def bead_values(beads: QuerySet[Bead]) -> QuerySet:
    """Narrow a bead queryset to the rows render_beads needs."""
    return beads.values(*BEAD_FIELDS)


def bead_row(bead: Bead) -> dict:
    """Return a bead instance (e.g. just written by an operation) as a values() row."""
    return {field: getattr(bead, field) for field in BEAD_FIELDS}


def render_beads(alignment: Alignment, rows) -> list[dict]:
    """Render bead rows with their sentences, with one query whatever the number of beads."""
    rows = list(rows)
    if not rows:
        return []
    source, target = sentences(alignment, rows)
    return [render_bead(row, source, target) for row in rows]


def render_bead(row: dict, source: dict[int, dict], target: dict[int, dict]) -> dict:
    """One bead in BeadSerializer's shape, with its sentences taken from the two sides."""
    src_start, src_end, tgt_start, tgt_end = (
        row["src_start"], row["src_end"], row["tgt_start"], row["tgt_end"])
    return {
        "id": row["id"],
        "revision": row["revision"],
        "type": f"{src_end - src_start}-{tgt_end - tgt_start}",
        "src_start": src_start,
        "src_end": src_end,
        "tgt_start": tgt_start,
        "tgt_end": tgt_end,
        "confidence": float(row["confidence"]),
        "state": str(row["state"]),  # a Bead.State member on freshly written beads
        "updated": _DATETIME.to_representation(row["updated"]),
        "source": [source[p] for p in range(src_start, src_end)],
        "target": [target[p] for p in range(tgt_start, tgt_end)],
    }


def sentences(alignment: Alignment, rows: list[dict]) -> tuple[dict[int, dict], dict[int, dict]]:
    """Return the sentences the beads hold on each side, by position, from one query."""
    wanted_src = _positions(rows, "src_start", "src_end")
    wanted_tgt = _positions(rows, "tgt_start", "tgt_end")
    found = Segment.objects.filter(
        _side(alignment.source_id, wanted_src) | _side(alignment.target_id, wanted_tgt)
    ).order_by().values_list(*SENTENCE_FIELDS)  # no ORDER BY: they are looked up by position
    wanted = {alignment.source_id: wanted_src, alignment.target_id: wanted_tgt}
    sides = {alignment.source_id: {}, alignment.target_id: {}}
    for version_id, pk, position, text, revision in found:
        if position in wanted[version_id]:  # a range may take in sentences of other beads
            sides[version_id][position] = {
                "id": pk, "position": position, "text": text, "revision": revision}
    return sides[alignment.source_id], sides[alignment.target_id]


def _positions(rows: list[dict], start: str, end: str) -> set[int]:
    return {p for row in rows for p in range(row[start], row[end])}


def _side(version_id: int, positions: set[int]) -> Q:
    """Select these sentences of a version: by range if they (nearly) follow each other.

    A page in document order is one run of sentences, and a range is much cheaper to build
    than a list of a hundred parameters; a filtered page may be scattered over the whole
    document, and then only the list avoids reading every sentence in between.
    """
    if not positions:
        return Q(pk__in=[])
    low, high = min(positions), max(positions) + 1
    if high - low <= 2 * len(positions):
        return Q(version_id=version_id, position__gte=low, position__lt=high)
    return Q(version_id=version_id, position__in=sorted(positions))
