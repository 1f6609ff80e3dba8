"""Turn database trouble into a clear 503 instead of a server error page."""
import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse

log = logging.getLogger(__name__)
UNAVAILABLE = ("The database is unavailable right now; nothing was changed. "
               "Please try again shortly.")
BUSY = ("Someone else's change to the same items got in the way; nothing was changed. "
        "Please try again.")
# PostgreSQL's codes for a transaction it aborted to let a concurrent one through.
RETRYABLE_STATES = {"40001", "40P01"}  # serialization failure, deadlock detected


class DatabaseUnavailableMiddleware:
    """Answer 503 (JSON under /api/) when the database cannot be reached or gave way."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        busy = getattr(exception.__cause__, "sqlstate", None) in RETRYABLE_STATES
        log.error("database %s: %s", "busy" if busy else "unavailable", exception)
        code, message, retry = ("database_busy", BUSY, "1") if busy else (
            "database_unavailable", UNAVAILABLE, "30")
        if request.path.startswith("/api/"):
            body = {"error": {"code": code, "message": message, "fields": {}}}
            response = JsonResponse(body, status=503)
        else:
            response = HttpResponse(message, status=503, content_type="text/plain; charset=utf-8")
        response["Retry-After"] = retry
        return response
