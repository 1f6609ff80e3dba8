"""What the apps' admin classes share."""
from django.core.exceptions import PermissionDenied


class NoDirectDelete:
    """No delete button, action or page for rows whose removal would break others.

    A sentence or bead deleted on its own leaves the rest pointing at wrong positions,
    and a log entry deleted loses someone's work from history and undo. They still go
    when what holds them is deleted (a version, an alignment, a project): Django's
    delete page checks that through `has_delete_permission`, which therefore stays on.
    """

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def delete_view(self, request, object_id, extra_context=None):
        raise PermissionDenied("Delete what holds it instead: its version or alignment.")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), "show_delete": False}
        return super().change_view(request, object_id, form_url, extra_context)
