"""Domain errors shared by services, views, API and commands."""


class WorkbenchError(Exception):
    """A refusal the user can act on: a short code, a message, optional field errors."""

    code = "invalid"
    status = 400

    def __init__(self, message: str, *, fields: dict[str, list[str]] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.fields = fields or {}


class NotFound(WorkbenchError):
    code = "not_found"
    status = 404


class Conflict(WorkbenchError):
    """A change sent against an older state than the one stored."""

    code = "conflict"
    status = 409

    def __init__(self, message: str, *, current: dict | None = None) -> None:
        super().__init__(message)
        self.current = current or {}


class PermissionDenied(WorkbenchError):
    code = "permission_denied"
    status = 403
