"""Split one sentence in two, or merge two neighbours, keeping every alignment consistent.

Beads point at sentences by position, so a split or merge renumbers the later sentences
and moves the ranges of every bead of every alignment of the version, in one transaction.
The operation log keeps the sentences and the beads before and after (on the version, not
on an alignment: bead undo does not replay these; it refuses, as the ranges moved).
"""
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from alignment.models import Alignment, Bead, Operation
from translations.models import Segment
from workbench.errors import Conflict, WorkbenchError

# Renumbering goes through this offset so that no two rows share a position mid-update.
PARK = 1_000_000


def _locked(segment_id: int, revision: int | None) -> Segment:
    segment = Segment.objects.select_for_update().filter(pk=segment_id).first()
    if segment is None:
        raise Conflict("This sentence was changed by someone else in the meantime; reload it.")
    if revision is not None and segment.revision != revision:
        raise Conflict(
            f"This sentence was changed meanwhile (revision {segment.revision}, you had "
            f"{revision}).", current=segment_state(segment))
    return segment


def segment_state(segment: Segment) -> dict:
    """Return the sentence as a client sees it, for conflict answers."""
    return {"id": segment.pk, "revision": segment.revision, "position": segment.position,
            "text": segment.text}


def split_segment(segment_id: int, offset: int, revision: int | None, user) -> list[Segment]:
    """Cut a sentence in two before character `offset` of its text."""
    with transaction.atomic():
        segment = _locked(segment_id, revision)
        head, tail = segment.text[:offset].strip(), segment.text[offset:].strip()
        if not 0 < offset < len(segment.text) or not head or not tail:
            raise WorkbenchError(
                f"Split inside the sentence: an offset between 1 and {len(segment.text) - 1} "
                "with text on both sides.", fields={"offset": ["Out of range."]})
        if segment.end - segment.start < 2:
            raise WorkbenchError("This sentence is too short in the source text to split.")
        cut, old_end = _raw_cut(segment, offset), segment.end
        before = [segment_state(segment)]
        _renumber(segment.version_id, after=segment.position, by=1)
        changed = _move_beads(segment.version_id, lambda f: f + 1 if f > segment.position else f)
        segment.text, segment.end = head, cut
        segment.revision += 1
        segment.save(update_fields=["text", "end", "revision"])
        second = Segment.objects.create(
            version_id=segment.version_id, position=segment.position + 1,
            paragraph=segment.paragraph, text=tail, start=cut, end=old_end, revision=1)
        _log(segment.version_id, user, "split_segment", before,
             [segment_state(segment), segment_state(second)], changed)
    return [segment, second]


def _raw_cut(segment: Segment, offset: int) -> int:
    """Return where the cut falls in the imported text (proportionally if it was edited)."""
    length = segment.end - segment.start
    raw = segment.version.raw_text[segment.start:segment.end]
    at = offset if raw == segment.text else round(offset * length / max(len(segment.text), 1))
    return segment.start + min(max(at, 1), length - 1)


def merge_with_next(segment_id: int, revision: int | None, next_revision: int | None,
                    user) -> Segment:
    """Join a sentence with the one after it; beads holding either now hold both."""
    with transaction.atomic():
        segment = _locked(segment_id, revision)
        following = Segment.objects.select_for_update().filter(
            version_id=segment.version_id, position=segment.position + 1).first()
        if following is None:
            raise WorkbenchError("The last sentence has nothing after it to merge with.")
        if next_revision is not None and following.revision != next_revision:
            raise Conflict("The next sentence was changed meanwhile.",
                           current=segment_state(following))
        before = [segment_state(segment), segment_state(following)]
        changed = _join_beads(segment.version_id, segment.position, user)
        segment.text = f"{segment.text} {following.text}"
        segment.end = following.end
        segment.revision += 1
        segment.save(update_fields=["text", "end", "revision"])
        following.delete()
        _renumber(segment.version_id, after=segment.position + 1, by=-1)
        _log(segment.version_id, user, "merge_segments", before, [segment_state(segment)],
             changed)
    return segment


def _renumber(version_id: int, after: int, by: int) -> None:
    later = Segment.objects.filter(version_id=version_id, position__gt=after)
    later.update(position=F("position") + PARK)
    Segment.objects.filter(version_id=version_id, position__gte=PARK).update(
        position=F("position") - PARK + by)


def _alignments(version_id: int):
    return [(a, "src") for a in Alignment.objects.filter(source_id=version_id)] + [
        (a, "tgt") for a in Alignment.objects.filter(target_id=version_id)]


def _move_beads(version_id: int, fence) -> dict:
    """Map every bead boundary on the version's side through `fence`; return what changed."""
    changed = {}
    for alignment, side in _alignments(version_id):
        beads = list(alignment.beads.select_for_update())
        moved = []
        for bead in beads:
            start, end = getattr(bead, f"{side}_start"), getattr(bead, f"{side}_end")
            new = (fence(start), fence(end))
            if new != (start, end):
                moved.append((bead, new))
        _rewrite(alignment, side, moved)
        if moved:
            changed[alignment.pk] = len(moved)
    return changed


def _rewrite(alignment: Alignment, side: str, moved) -> None:
    # Park first: the new starts may equal the old starts of beads not yet moved.
    now = timezone.now()
    for bead, _ in moved:
        Bead.objects.filter(pk=bead.pk).update(**{
            f"{side}_start": F(f"{side}_start") + PARK, f"{side}_end": F(f"{side}_end") + PARK})
    for bead, (start, end) in moved:
        Bead.objects.filter(pk=bead.pk).update(**{
            f"{side}_start": start, f"{side}_end": end, "revision": F("revision") + 1,
            "updated": now})


def _join_beads(version_id: int, position: int, user) -> dict:
    """Before sentences p and p+1 merge, make one bead hold both in every alignment."""
    changed = {}
    for alignment, side in _alignments(version_id):
        beads = list(alignment.beads.select_for_update().order_by("src_start", "tgt_start"))
        run = _run_between(beads, side, position)
        if len(run) > 1:
            first, last = run[0], run[-1]
            joined = Bead(alignment=alignment, src_start=first.src_start, src_end=last.src_end,
                          tgt_start=first.tgt_start, tgt_end=last.tgt_end, confidence=min(
                              b.confidence for b in run), state=Bead.State.EDITED,
                          revision=max(b.revision for b in run) + 1, updated_by=user)
            Bead.objects.filter(pk__in=[b.pk for b in run]).delete()
            joined.save()
            beads = list(alignment.beads.select_for_update().order_by("src_start", "tgt_start"))
        moved = []
        for bead in beads:
            start, end = getattr(bead, f"{side}_start"), getattr(bead, f"{side}_end")
            new = (start - (start > position), end - (end > position))
            if new != (start, end):
                moved.append((bead, new))
        _rewrite(alignment, side, moved)
        if moved or len(run) > 1:
            changed[alignment.pk] = len(moved)
        alignment.refresh_counts()
    return changed


def _run_between(beads: list[Bead], side: str, position: int) -> list[Bead]:
    """Return the beads from the one holding `position` to the one holding `position + 1`."""
    def holds(bead, p):
        return getattr(bead, f"{side}_start") <= p < getattr(bead, f"{side}_end")

    first = next((i for i, b in enumerate(beads) if holds(b, position)), None)
    last = next((i for i, b in enumerate(beads) if holds(b, position + 1)), None)
    if first is None or last is None:
        return []
    return beads[first:last + 1]


def _log(version_id: int, user, kind: str, before: list, after: list, changed: dict) -> None:
    Operation.objects.create(
        version_id=version_id, user=user, kind=kind, before=before,
        after=[*after, {"alignments": {str(k): v for k, v in changed.items()}}])
