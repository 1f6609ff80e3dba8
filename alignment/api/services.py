"""Alignment operations the API needed beyond alignment.services and alignment.jobs."""
from alignment import jobs
from alignment.models import Alignment, Operation
from alignment.services import last_operation
from workbench.errors import Conflict, NotFound, WorkbenchError

# Undoing a confirmation is itself a confirmation decision: reviewers and owners only.
REVIEW_KINDS = {"confirm", "unconfirm"}


def create_alignment(source, target, user, encoder: str | None = None) -> Alignment:
    """Queue the first alignment of two versions; an existing pair is re-aligned explicitly."""
    jobs.check_pair(source, target)
    existing = Alignment.objects.filter(source=source, target=target).first()
    if existing is not None:
        raise Conflict(
            f"These versions are already aligned (alignment {existing.pk}); "
            "POST to its realign action to run it again.",
            current={"id": existing.pk, "status": existing.status},
        )
    return jobs.start_alignment(source, target, user, encoder)


def realign(alignment: Alignment, user) -> Alignment:
    """Run an alignment again; confirmed and edited beads are kept as anchors."""
    return jobs.start_alignment(alignment.source, alignment.target, user)


def cancel(alignment: Alignment) -> Alignment:
    """Cancel a queued or running job, or say why there is nothing to cancel."""
    if not jobs.cancel(alignment):
        alignment.refresh_from_db()
        raise Conflict(f"The alignment is {alignment.status}, not queued or running.",
                       current={"id": alignment.pk, "status": alignment.status})
    alignment.refresh_from_db()
    return alignment


def operation_to_undo(alignment: Alignment, user, operation_id: int | None,
                      redo: bool = False) -> Operation:
    """Return the operation an undo (or redo) would take back."""
    if operation_id is not None:
        operation = alignment.operations.filter(pk=operation_id).first()
        if operation is None:
            raise NotFound("No such operation on this alignment.",
                           fields={"operation": ["No such operation on this alignment."]})
        return operation
    operation = last_operation(alignment, user, undo_of=redo)
    if operation is None:
        raise WorkbenchError("Nothing to redo." if redo else "Nothing to undo.")
    return operation


def action_needed(operation: Operation) -> str:
    """Return the project action (edit or review) that undoing this operation amounts to."""
    original = operation.undoes if operation.kind == "undo" and operation.undoes else operation
    return "review" if original.kind in REVIEW_KINDS else "edit"
