"""Every API error as {"error": {"code", "message", "fields"}} (plus "current" on 409)."""
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.http import Http404, JsonResponse
from django.views import defaults
from rest_framework import exceptions, status
from rest_framework.response import Response

from workbench.errors import Conflict, WorkbenchError


def error_body(code: str, message: str, fields: dict | None = None, **extra) -> dict:
    """Return the JSON body of an error answer."""
    return {"error": {"code": code, "message": message, "fields": fields or {}, **extra}}


def exception_handler(exc, context):
    """Turn domain and DRF exceptions into the one error shape; let anything else be a 500."""
    if isinstance(exc, WorkbenchError):
        extra = {"current": exc.current} if isinstance(exc, Conflict) else {}
        return Response(error_body(exc.code, exc.message, exc.fields, **extra), status=exc.status)
    if isinstance(exc, Http404):
        return Response(error_body("not_found", "Not found."), status=404)
    if isinstance(exc, DjangoPermissionDenied):
        return Response(error_body("permission_denied", "Not allowed."), status=403)
    if isinstance(exc, RequestDataTooBig):
        return Response(error_body("too_large", "The request body is too large."), status=413)
    if isinstance(exc, exceptions.APIException):
        return _api_exception(exc)
    return None


def _api_exception(exc: exceptions.APIException) -> Response:
    headers = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    if getattr(exc, "wait", None):
        headers["Retry-After"] = str(int(exc.wait))
    if isinstance(exc, exceptions.ValidationError):
        fields = _fields(exc.detail)
        message = "The request is invalid: " + "; ".join(
            f"{name}: {' '.join(errors)}" for name, errors in fields.items()
        )
        return Response(error_body("invalid", message, fields), status=400, headers=headers)
    code = exc.get_codes() if isinstance(exc.get_codes(), str) else exc.default_code
    return Response(error_body(code, str(exc.detail)), status=exc.status_code, headers=headers)


def _fields(detail) -> dict[str, list[str]]:
    if isinstance(detail, dict):
        out: dict[str, list[str]] = {}
        for name, value in detail.items():
            for sub, errors in _fields(value).items():
                key = name if sub == "non_field_errors" else f"{name}.{sub}"
                out.setdefault(key, []).extend(errors)
        return out
    if isinstance(detail, list):
        if all(not isinstance(item, dict | list) for item in detail):
            return {"non_field_errors": [str(item) for item in detail]}
        out = {}
        for index, item in enumerate(detail):
            for sub, errors in _fields(item).items():
                out.setdefault(f"{index}" if sub == "non_field_errors" else f"{index}.{sub}",
                               []).extend(errors)
        return out
    return {"non_field_errors": [str(detail)]}


STATUS_CODES = {
    status.HTTP_400_BAD_REQUEST: "Invalid input; nothing was changed.",
    status.HTTP_401_UNAUTHORIZED: "No or invalid credentials.",
    status.HTTP_403_FORBIDDEN: "Your role in the project does not allow this.",
    status.HTTP_404_NOT_FOUND: "No such object, or not in a project you belong to.",
    status.HTTP_409_CONFLICT: "Changed meanwhile; the body holds the current state.",
    status.HTTP_429_TOO_MANY_REQUESTS: "Too many requests; retry after the Retry-After seconds.",
}


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def page_not_found(request, exception):
    """A 404 outside any route: JSON under /api/ (clients parse it), Django's page elsewhere."""
    if _is_api(request):
        return JsonResponse(error_body("not_found", "Not found."), status=404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    """A 500 that escaped the views: JSON under /api/, Django's page elsewhere."""
    if _is_api(request):
        return JsonResponse(error_body("server_error", "Internal server error."),
                            status=500)
    return defaults.server_error(request)
