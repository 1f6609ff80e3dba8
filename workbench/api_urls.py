"""REST API routes (under /api/): version 1, its OpenAPI schema and Swagger UI."""
from django.http import JsonResponse
from django.urls import include, path, re_path
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from workbench.api.errors import error_body
from workbench.api.router import router
from workbench.api.schema import PublicSchemaMixin

app_name = "api"


class SchemaView(PublicSchemaMixin, SpectacularAPIView):
    pass


class DocsView(PublicSchemaMixin, SpectacularSwaggerSplitView):
    """Swagger UI whose start-up script is a file of its own: the CSP allows no inline script."""


@csrf_exempt  # changes nothing; a POST to a wrong path must get this JSON, not CSRF's HTML
def no_such_endpoint(request, rest=""):
    """Answer unknown API paths in the API's error shape, not with an HTML page."""
    message = "No such endpoint. API paths end with a slash, ids are digits."
    return JsonResponse(error_body("not_found", message), status=404)


urlpatterns = [
    path("v1/", include(router.urls)),
    path("schema/", SchemaView.as_view(), name="schema"),
    path("docs/", DocsView.as_view(url_name="api:schema"), name="docs"),
    re_path(r"^(?P<rest>.*)$", no_such_endpoint),
]
