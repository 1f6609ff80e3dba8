"""Who may do what in a project: one table of rules for UI, API, exports and admin."""
from django.db.models import QuerySet

from translations.models import Membership, Project, Role

# Each action names the roles allowed to do it; anyone else sees nothing of the project.
ALLOWED_ROLES = {
    "view": {Role.OWNER, Role.REVIEWER, Role.TRANSLATOR},
    "edit": {Role.OWNER, Role.REVIEWER, Role.TRANSLATOR},
    "review": {Role.OWNER, Role.REVIEWER},
    "manage": {Role.OWNER},
}


def role_of(user, project: Project) -> str | None:
    """Return the user's role in the project, or None for an outsider."""
    if not user or not user.is_authenticated:
        return None
    return (
        Membership.objects.filter(project=project, user=user).values_list("role", flat=True).first()
    )


def can(user, action: str, project: Project) -> bool:
    """Say whether the user may perform the action (view, edit, review, manage) there."""
    if user is not None and user.is_authenticated and user.is_superuser:
        return True
    return role_of(user, project) in ALLOWED_ROLES[action]


def visible_projects(user) -> QuerySet[Project]:
    """Return the projects the user may see."""
    if not user or not user.is_authenticated:
        return Project.objects.none()
    if user.is_superuser:
        return Project.objects.all()
    return Project.objects.filter(memberships__user=user).distinct()
