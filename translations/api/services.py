"""Project and version operations the API needed beyond translations.services.

They follow the same rules (one transaction, WorkbenchError on refusal) and can move
into translations.services as they are.
"""
from django.db import transaction

from translations import services
from translations.models import Membership, Role, Version
from workbench.errors import Conflict, WorkbenchError


def change_member(project, user, role: str) -> Membership:
    """Set a member's role, refusing to leave the project without an owner."""
    with transaction.atomic():
        current = Membership.objects.select_for_update().filter(project=project, user=user).first()
        if current and current.role == Role.OWNER and role != Role.OWNER:
            _keep_an_owner(project, user)
        return services.set_member(project, user, role)


def remove_member(project, user) -> None:
    """Take a user out of a project, refusing to remove its last owner."""
    with transaction.atomic():
        membership = Membership.objects.select_for_update().filter(
            project=project, user=user).first()
        if membership is None:
            raise WorkbenchError(f"{user} is not a member of this project.")
        if membership.role == Role.OWNER:
            _keep_an_owner(project, user)
        membership.delete()


def _keep_an_owner(project, user) -> None:
    others = project.memberships.filter(role=Role.OWNER).exclude(user=user)
    if not others.exists():
        raise WorkbenchError("A project needs at least one owner; make someone else owner first.")


def resegment(version: Version):
    """Re-segment a version, unless alignments point at its sentences by position."""
    from alignment.models import Alignment, Bead

    with transaction.atomic():
        aligned = Bead.objects.filter(alignment__in=Alignment.objects.filter(
            source=version) | Alignment.objects.filter(target=version))
        if aligned.exists():
            raise Conflict(
                "This version has aligned sentences; re-segmenting would break their beads. "
                "Split or merge single sentences instead, or delete the alignments first."
            )
        return services.resegment_version(version)
