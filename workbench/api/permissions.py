"""Project roles applied to API requests: outsiders get 404, members without the role 403."""
from django.db.models import F, OuterRef, Subquery
from rest_framework.permissions import IsAuthenticated

from translations.models import Membership, Project
from translations.permissions import ALLOWED_ROLES, can, visible_projects
from workbench.errors import NotFound, PermissionDenied

ACTION_WORDS = {
    "edit": "edit in",
    "review": "confirm or approve in",
    "manage": "manage",
}
# find() notes the user's role on the project it loaded, so that require() on the same
# project later in the request needs no query of its own: {user id: role or None}.
ROLES_SEEN = "_api_roles_seen"


def require(user, action: str, project: Project) -> None:
    """Refuse unless the user may do the action; a project they cannot see does not exist."""
    if not _can(user, "view", project):
        raise NotFound("Not found.")
    if action != "view" and not _can(user, action, project):
        words = ACTION_WORDS.get(action, action)
        raise PermissionDenied(f"Your role does not allow you to {words} this project.")


def _can(user, action: str, project: Project) -> bool:
    """translations.permissions.can, with the role find() already read if there is one."""
    seen = getattr(project, ROLES_SEEN, {})
    if not user.is_authenticated or user.pk not in seen:
        return can(user, action, project)
    return user.is_superuser or seen[user.pk] in ALLOWED_ROLES[action]


def visible(queryset, user, project_path: str):
    """Narrow a queryset to the rows in projects the user may see."""
    return queryset.filter(**{f"{project_path}__in": visible_projects(user)})


def find(queryset, user, project_path: str, pk, label: str, field: str | None = None):
    """Return the visible row with this id, or a 404 that names the missing field."""
    try:
        row = visible_with_role(queryset, user, project_path).filter(pk=int(pk)).first()
    except (TypeError, ValueError):
        row = None
    if row is None:
        fields = {field: [f"No such {label}."]} if field else None
        raise NotFound(f"No such {label}.", fields=fields)
    _note_role(row, user, project_path)
    return row


def visible_with_role(queryset, user, project_path: str):
    """visible(), reading the user's role in each row's project in the same query.

    A member is who has a role, as in translations.permissions.visible_projects; a join
    on the user's (unique) membership finds both, where visible() needs a DISTINCT
    subquery and every later permission check a role query of its own.
    """
    if not user.is_authenticated:
        return visible(queryset, user, project_path)
    if user.is_superuser:  # sees every project, member or not
        role = Membership.objects.filter(project=OuterRef(project_path), user=user)
        return queryset.annotate(api_role=Subquery(role.values("role")[:1]))
    membership = "memberships" if project_path == "pk" else f"{project_path}__memberships"
    members = queryset.filter(**{f"{membership}__user": user})
    return members.annotate(api_role=F(f"{membership}__role"))


def _note_role(row, user, project_path: str) -> None:
    """Keep the role on the row's project, if the query loaded that project too."""
    project = _loaded(row, project_path)
    if project is not None and hasattr(row, "api_role"):
        setattr(project, ROLES_SEEN, {user.pk: row.api_role})


def _loaded(row, project_path: str):
    """Follow the path to the project through select_related objects only (no query)."""
    if project_path == "pk":
        return row
    current = row
    for name in project_path.split("__"):
        relation = current._meta.get_field(name)
        if not relation.is_cached(current):
            return None
        current = getattr(current, name)
    return current


class Authenticated(IsAuthenticated):
    """Every API endpoint needs a signed-in user (token or session)."""
