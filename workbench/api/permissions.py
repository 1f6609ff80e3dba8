"""Project roles applied to API requests: outsiders get 404, members without the role 403."""
from rest_framework.permissions import IsAuthenticated

from translations.models import Project
from translations.permissions import can, visible_projects
from workbench.errors import NotFound, PermissionDenied

ACTION_WORDS = {
    "edit": "edit in",
    "review": "confirm or approve in",
    "manage": "manage",
}


def require(user, action: str, project: Project) -> None:
    """Refuse unless the user may do the action; a project they cannot see does not exist."""
    if not can(user, "view", project):
        raise NotFound("Not found.")
    if action != "view" and not can(user, action, project):
        words = ACTION_WORDS.get(action, action)
        raise PermissionDenied(f"Your role does not allow you to {words} this project.")


def visible(queryset, user, project_path: str):
    """Narrow a queryset to the rows in projects the user may see."""
    return queryset.filter(**{f"{project_path}__in": visible_projects(user)})


def find(queryset, user, project_path: str, pk, label: str, field: str | None = None):
    """Return the visible row with this id, or a 404 that names the missing field."""
    try:
        row = visible(queryset, user, project_path).filter(pk=int(pk)).first()
    except (TypeError, ValueError):
        row = None
    if row is None:
        fields = {field: [f"No such {label}."]} if field else None
        raise NotFound(f"No such {label}.", fields=fields)
    return row


class Authenticated(IsAuthenticated):
    """Every API endpoint needs a signed-in user (token or session)."""
