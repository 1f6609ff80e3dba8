"""Turn an unreachable database into a clear 503 instead of a server error page."""
import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse

log = logging.getLogger(__name__)
MESSAGE = "The database is unavailable right now; nothing was changed. Please try again shortly."


class DatabaseUnavailableMiddleware:
    """Answer 503 (JSON under /api/) when the database cannot be reached."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        log.error("database unavailable: %s", exception)
        if request.path.startswith("/api/"):
            body = {"error": {"code": "database_unavailable", "message": MESSAGE, "fields": {}}}
            response = JsonResponse(body, status=503)
        else:
            response = HttpResponse(MESSAGE, status=503, content_type="text/plain; charset=utf-8")
        response["Retry-After"] = "30"
        return response
