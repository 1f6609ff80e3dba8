"""Edit operations on an alignment's beads, used alike by the editor, the API and the admin.

Every operation locks the beads it touches, checks the revision the client saw (so a
stale edit gets a Conflict instead of overwriting someone's work), replaces a contiguous
run of beads by another run covering exactly the same sentences, and writes one entry in
the operation log with the run before and after. Undo replays that entry backwards.
"""
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q

from alignment import segment_edits
from alignment.models import Alignment, Bead, Operation
from workbench.errors import Conflict, WorkbenchError

SIDES = ("src", "tgt")


@dataclass(frozen=True)
class Span:
    """A bead to be written: its ranges, state and confidence."""

    src: tuple[int, int]
    tgt: tuple[int, int]
    state: str = Bead.State.EDITED
    confidence: float = 1.0

    @classmethod
    def of(cls, bead: Bead, **changes) -> "Span":
        fields = {"src": (bead.src_start, bead.src_end), "tgt": (bead.tgt_start, bead.tgt_end),
                  "state": bead.state, "confidence": bead.confidence}
        return cls(**{**fields, **changes})

    @classmethod
    def from_snapshot(cls, data: dict) -> "Span":
        return cls(tuple(data["src"]), tuple(data["tgt"]), data["state"], data["confidence"])

    def snapshot(self) -> dict:
        return {"src": list(self.src), "tgt": list(self.tgt),
                "confidence": self.confidence, "state": self.state}


def bead_state(bead: Bead) -> dict:
    """Return the bead as a client sees it, for conflict answers."""
    return {"id": bead.pk, "revision": bead.revision, **bead.snapshot()}


def lock_bead(alignment: Alignment, bead_id: int, revision: int | None) -> Bead:
    """Lock a bead for an edit, refusing it if someone changed or replaced it meanwhile."""
    bead = alignment.locked_beads().filter(pk=bead_id).first()
    if bead is None:
        raise Conflict("This bead was changed by someone else in the meantime; reload it.")
    if revision is not None and bead.revision != revision:
        raise Conflict(
            f"This bead was changed meanwhile (revision {bead.revision}, you had {revision}).",
            current=bead_state(bead),
        )
    return bead


def next_bead(bead: Bead) -> Bead | None:
    """Return (locked) the bead that follows, or None for the last one."""
    return (
        bead.alignment.locked_beads()
        .filter(src_start=bead.src_end, tgt_start=bead.tgt_end)
        .first()
    )


def replace_run(alignment: Alignment, old: list[Bead], new: list[Span], user, kind: str,
                undoes: Operation | None = None) -> list[Bead]:
    """Swap a run of beads for spans covering the same sentences, and log it."""
    check_same_coverage(old, new)
    revision = max((bead.revision for bead in old), default=0) + 1
    before = [Span.of(bead).snapshot() for bead in old]
    Bead.objects.filter(pk__in=[bead.pk for bead in old]).delete()
    written = Bead.objects.bulk_create(
        Bead(alignment=alignment, src_start=s.src[0], src_end=s.src[1], tgt_start=s.tgt[0],
             tgt_end=s.tgt[1], state=s.state, confidence=s.confidence, revision=revision,
             updated_by=user)
        for s in new
    )
    Operation.objects.create(alignment=alignment, user=user, kind=kind, before=before,
                             after=[s.snapshot() for s in new], undoes=undoes)
    alignment.record_change()
    return written  # with primary keys: PostgreSQL and SQLite both return them


def check_same_coverage(old: list[Bead], new: list[Span]) -> None:
    """Refuse a replacement that would lose, duplicate or reorder sentences."""
    if any(s.src[0] > s.src[1] or s.tgt[0] > s.tgt[1] for s in new):
        raise WorkbenchError("A bead range ends before it starts.")
    if any(s.src[0] == s.src[1] and s.tgt[0] == s.tgt[1] for s in new):
        raise WorkbenchError("A bead must hold at least one sentence.")
    for spans in (new, [Span.of(b) for b in old]):
        for a, b in zip(spans, spans[1:], strict=False):
            if a.src[1] != b.src[0] or a.tgt[1] != b.tgt[0]:
                raise WorkbenchError("Beads must follow each other without gaps.")
    if (old[0].src_start, old[0].tgt_start, old[-1].src_end, old[-1].tgt_end) != (
        new[0].src[0], new[0].tgt[0], new[-1].src[1], new[-1].tgt[1]
    ):
        raise WorkbenchError("The new beads must cover exactly the sentences of the old ones.")


def set_state(alignment: Alignment, bead_id: int, revision: int | None, user, state: str) -> Bead:
    """Confirm a bead (state confirmed) or take a confirmation back (state auto)."""
    with transaction.atomic():
        bead = lock_bead(alignment, bead_id, revision)
        if bead.state == state:
            return bead
        kind = "confirm" if state == Bead.State.CONFIRMED else "unconfirm"
        return replace_run(alignment, [bead], [Span.of(bead, state=state)], user, kind)[0]


def confirm(alignment: Alignment, bead_id: int, revision: int | None, user) -> Bead:
    """Mark a bead as checked by a person: a hard anchor for every later re-alignment."""
    return set_state(alignment, bead_id, revision, user, Bead.State.CONFIRMED)


def unconfirm(alignment: Alignment, bead_id: int, revision: int | None, user) -> Bead:
    """Take a confirmation back; the bead becomes automatic again."""
    return set_state(alignment, bead_id, revision, user, Bead.State.AUTO)


def merge_with_next(alignment: Alignment, bead_id: int, revision: int | None, user) -> Bead:
    """Join a bead with the one after it."""
    with transaction.atomic():
        bead = lock_bead(alignment, bead_id, revision)
        following = next_bead(bead)
        if following is None:
            raise WorkbenchError("The last bead has nothing after it to merge with.")
        merged = Span((bead.src_start, following.src_end), (bead.tgt_start, following.tgt_end))
        return replace_run(alignment, [bead, following], [merged], user, "merge")[0]


def split(alignment: Alignment, bead_id: int, revision: int | None, user,
          src_at: int, tgt_at: int) -> list[Bead]:
    """Cut a bead in two before source sentence src_at and target sentence tgt_at."""
    with transaction.atomic():
        bead = lock_bead(alignment, bead_id, revision)
        inside_src = bead.src_start <= src_at <= bead.src_end
        if not (inside_src and bead.tgt_start <= tgt_at <= bead.tgt_end):
            raise WorkbenchError("The split point must lie inside the bead on both sides.")
        parts = [Span((bead.src_start, src_at), (bead.tgt_start, tgt_at)),
                 Span((src_at, bead.src_end), (tgt_at, bead.tgt_end))]
        if any(p.src[0] == p.src[1] and p.tgt[0] == p.tgt[1] for p in parts):
            raise WorkbenchError("Both parts of a split need at least one sentence.")
        return replace_run(alignment, [bead], parts, user, "split")


def shift(alignment: Alignment, bead_id: int, revision: int | None, user,
          side: str, delta: int) -> list[Bead]:
    """Move the end of a bead on one side by one sentence, into or out of the next bead."""
    if side not in SIDES or delta not in (1, -1):
        raise WorkbenchError("Shift a boundary by +1 or -1 on side src or tgt.")
    with transaction.atomic():
        bead = lock_bead(alignment, bead_id, revision)
        following = next_bead(bead)
        if delta == 1 and following is None:
            raise WorkbenchError("The last bead has no next sentence to take.")
        old = [bead, following] if following else [bead]
        spans = _shifted(bead, following, side, delta)
        return replace_run(alignment, old, spans, user, f"shift_{side}")


def _shifted(bead: Bead, following: Bead | None, side: str, delta: int) -> list[Span]:
    ranges = {"src": [bead.src_start, bead.src_end], "tgt": [bead.tgt_start, bead.tgt_end]}
    tail_end = {"src": following.src_end, "tgt": following.tgt_end} if following else {
        "src": bead.src_end, "tgt": bead.tgt_end}
    nxt = {"src": [bead.src_end, tail_end["src"]], "tgt": [bead.tgt_end, tail_end["tgt"]]}
    ranges[side][1] += delta
    nxt[side][0] += delta
    if ranges[side][1] < ranges[side][0] or nxt[side][0] > nxt[side][1]:
        raise WorkbenchError(f"There is no sentence on the {side} side to move.")
    spans = [Span(tuple(ranges["src"]), tuple(ranges["tgt"])),
             Span(tuple(nxt["src"]), tuple(nxt["tgt"]))]
    if following is not None:
        spans[1] = Span(spans[1].src, spans[1].tgt, following.state, following.confidence)
    return [s for s in spans if s.src[0] < s.src[1] or s.tgt[0] < s.tgt[1]]


def detach(alignment: Alignment, bead_id: int, revision: int | None, user) -> list[Bead]:
    """Split a bead into its source alone (1-0) and its target alone (0-1): no counterpart."""
    with transaction.atomic():
        bead = lock_bead(alignment, bead_id, revision)
        if bead.src_start == bead.src_end or bead.tgt_start == bead.tgt_end:
            raise WorkbenchError("This bead already has an empty side.")
        parts = [Span((bead.src_start, bead.src_end), (bead.tgt_start, bead.tgt_start)),
                 Span((bead.src_end, bead.src_end), (bead.tgt_start, bead.tgt_end))]
        return replace_run(alignment, [bead], parts, user, "detach")


def operations_of(alignment: Alignment):
    """Return the alignment's log: its own entries, and sentence edits of its two versions
    made outside any alignment (through the API), which change what it aligns too."""
    return Operation.objects.filter(
        Q(alignment=alignment)
        | Q(alignment__isnull=True, version_id__in=[alignment.source_id, alignment.target_id]))


def undo(alignment: Alignment, operation_id: int, user) -> list[Bead]:
    """Put back the beads an operation replaced, if nobody changed them since."""
    with transaction.atomic():
        operation = operations_of(alignment).filter(pk=operation_id).first()
        if operation is None or not operation.after:
            raise WorkbenchError("No such operation on this alignment.")
        if operation.undone_by.exists():
            raise Conflict("This operation was already undone.")
        if "segment" in operation.after[0]:  # a text edit, or the undo of one
            return _undo_text(operation, user)
        if "position" in operation.after[0]:  # a sentence split or merge, or the undo of one
            segment_edits.undo(operation, user)
            return []
        after = [Span.from_snapshot(item) for item in operation.after]
        current = list(alignment.locked_beads().filter(
            src_start__gte=after[0].src[0], src_end__lte=after[-1].src[1],
            tgt_start__gte=after[0].tgt[0], tgt_end__lte=after[-1].tgt[1]))
        if [Span.of(bead).snapshot() for bead in current] != operation.after:
            raise Conflict("These beads were changed since; undo the later changes first.")
        before = [Span.from_snapshot(item) for item in operation.before]
        return replace_run(alignment, current, before, user, "undo", undoes=operation)


def last_operation(alignment: Alignment, user, *, undo_of: bool = False) -> Operation | None:
    """Return the user's latest operation that can be undone (or, for redo, the latest undo)."""
    operations = operations_of(alignment).filter(user=user, undone_by__isnull=True)
    operations = operations.filter(kind="undo") if undo_of else operations.exclude(kind="undo")
    return operations.order_by("-created", "-id").first()


def undo_last(alignment: Alignment, user) -> list[Bead]:
    """Undo the user's most recent operation on this alignment."""
    operation = last_operation(alignment, user)
    if operation is None:
        raise WorkbenchError("Nothing to undo.")
    return undo(alignment, operation.pk, user)


def redo_last(alignment: Alignment, user) -> list[Bead]:
    """Redo what the user's most recent undo took back."""
    operation = last_operation(alignment, user, undo_of=True)
    if operation is None:
        raise WorkbenchError("Nothing to redo.")
    return undo(alignment, operation.pk, user)


def bead_history(bead: Bead) -> list[Operation]:
    """Return the operations that touched any sentence of this bead, newest first."""
    operations = bead.alignment.operations.select_related("user").order_by("-created", "-id")
    return [
        operation for operation in operations
        if any(_overlaps(bead, Span.from_snapshot(item))
               for item in operation.before + operation.after if "src" in item)
    ]


def _overlaps(bead: Bead, span: Span) -> bool:
    return (span.src[0] < bead.src_end and bead.src_start < span.src[1]) or (
        span.tgt[0] < bead.tgt_end and bead.tgt_start < span.tgt[1])


def edit_sentence(segment, text: str, revision: int | None, user, alignment=None):
    """Change the text of one sentence (the raw import stays as it was), logged for undo."""
    text = text.strip()
    if not text:
        raise WorkbenchError("A sentence cannot be empty; merge it with a neighbour instead.")
    if "\x00" in text:
        raise WorkbenchError("The text contains NUL characters.")
    with transaction.atomic():
        current = segment_edits.locked_segments().get(pk=segment.pk)
        if revision is not None and current.revision != revision:
            raise Conflict(
                f"This sentence was changed meanwhile (revision {current.revision}).",
                current={"id": current.pk, "revision": current.revision, "text": current.text},
            )
        if current.text == text:
            return current
        before = [{"segment": current.pk, "position": current.position, "text": current.text}]
        current.text = text
        current.revision += 1
        current.save(update_fields=["text", "revision"])
        segment_edits.touch_sentence(current.version_id, current.position)
        Operation.objects.create(
            alignment=alignment, version_id=current.version_id, user=user, kind="edit_text",
            before=before, after=[{**before[0], "text": text}],
        )
    return current


def _undo_text(operation: Operation, user) -> list:
    """Put a sentence's text back, if nobody changed it since."""

    item_after, item_before = operation.after[0], operation.before[0]
    # By version and position, not id: ids change when a backup is restored.
    segment = segment_edits.locked_segments().filter(
        version_id=operation.version_id, position=item_after["position"]).first()
    if segment is None or segment.text != item_after["text"]:
        raise Conflict("This sentence was changed since; undo the later changes first.")
    segment.text = item_before["text"]
    segment.revision += 1
    segment.save(update_fields=["text", "revision"])
    segment_edits.touch_sentence(segment.version_id, segment.position)
    Operation.objects.create(
        alignment=operation.alignment, version_id=segment.version_id, user=user, kind="undo",
        before=operation.after, after=operation.before, undoes=operation,
    )
    return []
