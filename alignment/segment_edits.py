"""Split one sentence in two, or merge two neighbours, keeping every alignment consistent.

Beads point at sentences by position, so a split or merge renumbers the later sentences
and moves the ranges of every bead of every alignment of the version, in one transaction.
The operation log keeps the sentences before and after, with their offsets, and the runs
of beads a merge joined, so that `undo` can put both back exactly.
"""
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from alignment.models import Alignment, Bead, Operation
from translations.models import Segment
from workbench.errors import Conflict, WorkbenchError

# Renumbering goes through this offset so that no two rows share a position mid-update.
PARK = 1_000_000


def locked_segments():
    """Sentences to lock for an edit: their rows only.

    Without `of`, PostgreSQL would also lock the version, document and project rows that
    the default ordering joins, and every edit in the project would queue behind them.
    """
    return Segment.objects.select_for_update(of=("self",))


def _locked(segment_id: int, revision: int | None) -> Segment:
    segment = locked_segments().filter(pk=segment_id).first()
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


def _logged(segment: Segment) -> dict:
    """Return the sentence as the log keeps it: enough to put it back exactly on undo."""
    return {**segment_state(segment), "start": segment.start, "end": segment.end,
            "paragraph": segment.paragraph}


def split_segment(segment_id: int, offset: int, revision: int | None, user,
                  alignment: Alignment | None = None) -> list[Segment]:
    """Cut a sentence in two before character `offset` of its text.

    `alignment` is the one the user works in: the split then shows in its undo history.
    """
    with transaction.atomic():
        segment = _locked(segment_id, revision)
        head, tail = segment.text[:offset].strip(), segment.text[offset:].strip()
        if not 0 < offset < len(segment.text) or not head or not tail:
            raise WorkbenchError(
                f"Split inside the sentence: an offset between 1 and {len(segment.text) - 1} "
                "with text on both sides.", fields={"offset": ["Out of range."]})
        if segment.end - segment.start < 2:
            raise WorkbenchError("This sentence is too short in the source text to split.")
        before = [_logged(segment)]
        cut, old_end = _raw_cut(segment, offset), segment.end
        second_state = {"text": tail, "start": cut, "end": old_end,
                        "paragraph": segment.paragraph}
        second, changed = _cut(segment, {"text": head, "end": cut}, second_state)
        _log(segment.version_id, user, "split_segment", before,
             [_logged(segment), _logged(second)], changed, alignment=alignment)
    return [segment, second]


def _cut(segment: Segment, head: dict, second: dict) -> tuple[Segment, dict]:
    """Make room after the sentence, keep `head` in it and put `second` after it."""
    _renumber(segment.version_id, after=segment.position, by=1)
    changed = _move_beads(segment.version_id, lambda f: f + 1 if f > segment.position else f)
    segment.text, segment.end = head["text"], head["end"]
    segment.revision += 1
    segment.save(update_fields=["text", "end", "revision"])
    created = Segment.objects.create(
        version_id=segment.version_id, position=segment.position + 1,
        paragraph=second["paragraph"], text=second["text"], start=second["start"],
        end=second["end"], revision=1)
    return created, changed


def _raw_cut(segment: Segment, offset: int) -> int:
    """Return where the cut falls in the imported text (proportionally if it was edited)."""
    length = segment.end - segment.start
    raw = segment.version.raw_text[segment.start:segment.end]
    at = offset if raw == segment.text else round(offset * length / max(len(segment.text), 1))
    return segment.start + min(max(at, 1), length - 1)


def merge_with_next(segment_id: int, revision: int | None, next_revision: int | None,
                    user, alignment: Alignment | None = None) -> Segment:
    """Join a sentence with the one after it; beads holding either now hold both."""
    with transaction.atomic():
        segment = _locked(segment_id, revision)
        following = locked_segments().filter(
            version_id=segment.version_id, position=segment.position + 1).first()
        if following is None:
            raise WorkbenchError("The last sentence has nothing after it to merge with.")
        if next_revision is not None and following.revision != next_revision:
            raise Conflict("The next sentence was changed meanwhile.",
                           current=segment_state(following))
        before = [_logged(segment), _logged(following)]
        changed, joined = _join(segment, following, f"{segment.text} {following.text}", user)
        _log(segment.version_id, user, "merge_segments", before, [_logged(segment)], changed,
             joined=joined, alignment=alignment)
    return segment


def _join(segment: Segment, following: Segment, text: str, user) -> tuple[dict, dict]:
    """Make the sentence hold its successor's text as `text`; return moved and joined beads."""
    changed, joined = _join_beads(segment.version_id, segment.position, user)
    segment.text = text
    segment.end = following.end
    segment.revision += 1
    segment.save(update_fields=["text", "end", "revision"])
    following.delete()
    _renumber(segment.version_id, after=segment.position + 1, by=-1)
    return changed, joined


def undo(operation: Operation, user) -> None:
    """Take back a split or a merge of sentences (or redo one: the undo of its undo).

    Refuses with a Conflict if any sentence involved changed since, so no later edit is lost.
    """
    before = [item for item in operation.before if "id" in item]
    after = [item for item in operation.after if "id" in item]
    if any("end" not in item for item in before + after):
        # Logged before sentence undo existed: the offsets needed to put it back are missing.
        raise WorkbenchError("This sentence edit is too old to undo; split or merge by hand.")
    with transaction.atomic():
        current = [_locked_as_logged(operation.version_id, item) for item in after]
        if len(after) == 2:  # a split: join the halves back into the one sentence
            first, second = current
            changed, joined = _join(first, second, before[0]["text"], user)
            written = [first]
        else:  # a merge: cut the sentence where it was cut before
            merged, (head, tail) = current[0], before
            second, changed = _cut(merged, head, tail)
            joined = {}
            _unjoin_beads(operation.version_id, operation.after[-1].get("joined", {}))
            written = [merged, second]
        _log(written[0].version_id, user, "undo", operation.after,
             [_logged(segment) for segment in written], changed, joined=joined,
             alignment=operation.alignment, undoes=operation)


def _locked_as_logged(version_id: int, item: dict) -> Segment:
    """Lock the sentence at the logged position, if it is still as the log left it.

    Found by version and position, not by id: ids change when a backup is restored.
    """
    segment = locked_segments().filter(
        version_id=version_id, position=item["position"]).first()
    if segment is None or (segment.text, segment.revision) != (item["text"], item["revision"]):
        raise Conflict("These sentences were changed since; undo the later changes first.")
    return segment


def _renumber(version_id: int, after: int, by: int) -> None:
    later = Segment.objects.filter(version_id=version_id, position__gt=after)
    later.update(position=F("position") + PARK)
    Segment.objects.filter(version_id=version_id, position__gte=PARK).update(
        position=F("position") - PARK + by)


def _alignments(version_id: int):
    """Lock the version's alignments and return each with the version's side in it.

    All at once and by id, before any bead (see Alignment.locked_beads): an edit of the
    other version, or of a bead, takes the same rows in the same order.
    """
    of_version = Alignment.objects.select_for_update(no_key=True).filter(
        Q(source_id=version_id) | Q(target_id=version_id)).order_by("pk")
    return [(a, "src" if a.source_id == version_id else "tgt") for a in of_version]


def touch_sentence(version_id: int, position: int) -> None:
    """Mark the beads holding a sentence whose text changed, for changes-since readers."""
    for alignment, side in _alignments(version_id):
        alignment.beads.filter(**{f"{side}_start__lte": position, f"{side}_end__gt": position}
                               ).update(change_seq=None)
        alignment.record_change()


def _move_beads(version_id: int, fence) -> dict:
    """Map every bead boundary on the version's side through `fence`; return what changed."""
    changed = {}
    for alignment, side in _alignments(version_id):
        beads = list(alignment.locked_beads())
        moved = []
        for bead in beads:
            start, end = getattr(bead, f"{side}_start"), getattr(bead, f"{side}_end")
            new = (fence(start), fence(end))
            if new != (start, end):
                moved.append((bead, new))
        _rewrite(alignment, side, moved)
        if moved:
            changed[alignment.pk] = len(moved)
            alignment.record_change()
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
            "updated": now, "change_seq": None})


def _join_beads(version_id: int, position: int, user) -> tuple[dict, dict]:
    """Before sentences p and p+1 merge, make one bead hold both in every alignment.

    Returns the beads moved per alignment, and the runs of beads joined into one (as
    snapshots, so that undoing the merge can put them back).
    """
    changed, joined = {}, {}
    for alignment, side in _alignments(version_id):
        beads = list(alignment.locked_beads().order_by("src_start", "tgt_start"))
        run = _run_between(beads, side, position)
        if len(run) > 1:
            first, last = run[0], run[-1]
            one = Bead(alignment=alignment, src_start=first.src_start, src_end=last.src_end,
                       tgt_start=first.tgt_start, tgt_end=last.tgt_end, confidence=min(
                           b.confidence for b in run), state=Bead.State.EDITED,
                       revision=max(b.revision for b in run) + 1, updated_by=user)
            joined[_pair_key(alignment)] = [b.snapshot() for b in run]
            Bead.objects.filter(pk__in=[b.pk for b in run]).delete()
            one.save()
            beads = list(alignment.locked_beads().order_by("src_start", "tgt_start"))
        moved = []
        for bead in beads:
            start, end = getattr(bead, f"{side}_start"), getattr(bead, f"{side}_end")
            new = (start - (start > position), end - (end > position))
            if new != (start, end):
                moved.append((bead, new))
        _rewrite(alignment, side, moved)
        if moved or len(run) > 1:
            changed[alignment.pk] = len(moved)
        alignment.record_change()
    return changed, joined


def _pair_key(alignment: Alignment) -> str:
    """Name an alignment by its languages ("de>en"): unique in a document, kept by backups."""
    return f"{alignment.source.language}>{alignment.target.language}"


def _unjoin_beads(version_id: int, joined: dict) -> None:
    """After a merge is undone, split the beads it joined back into the run they were.

    A joined bead someone changed since is left as it is: it still covers its sentences.
    """
    of_version = Alignment.objects.filter(Q(source_id=version_id) | Q(target_id=version_id))
    by_pair = {_pair_key(a): a for a in of_version.select_related("source", "target")}
    for pair, run in joined.items():
        alignment = by_pair.get(pair)
        if alignment is None:
            continue
        first, last = run[0], run[-1]
        bead = alignment.locked_beads().filter(
            src_start=first["src"][0], src_end=last["src"][1],
            tgt_start=first["tgt"][0], tgt_end=last["tgt"][1]).first()
        if bead is None:
            continue
        bead.delete()
        Bead.objects.bulk_create(
            Bead(alignment=alignment, src_start=item["src"][0], src_end=item["src"][1],
                 tgt_start=item["tgt"][0], tgt_end=item["tgt"][1], state=item["state"],
                 confidence=item["confidence"], revision=bead.revision + 1)
            for item in run)
        alignment.record_change()


def _run_between(beads: list[Bead], side: str, position: int) -> list[Bead]:
    """Return the beads from the one holding `position` to the one holding `position + 1`."""
    def holds(bead, p):
        return getattr(bead, f"{side}_start") <= p < getattr(bead, f"{side}_end")

    first = next((i for i, b in enumerate(beads) if holds(b, position)), None)
    last = next((i for i, b in enumerate(beads) if holds(b, position + 1)), None)
    if first is None or last is None:
        return []
    return beads[first:last + 1]


def _log(version_id: int, user, kind: str, before: list, after: list, changed: dict, *,
         joined: dict | None = None, alignment: Alignment | None = None,
         undoes: Operation | None = None) -> None:
    summary = {"alignments": {str(k): v for k, v in changed.items()}, "joined": joined or {}}
    Operation.objects.create(
        version_id=version_id, alignment=alignment, user=user, kind=kind, before=before,
        after=[*after, summary], undoes=undoes)
