"""Top-level URL routes: the browser UI, the REST API and the admin."""
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("workbench.api_urls")),
    path("", include("translations.urls")),
    path("", include("alignment.urls")),
]

# Unrouted paths under /api/ answer in the API's JSON error shape, not an HTML page.
handler404 = "workbench.api.errors.page_not_found"
handler500 = "workbench.api.errors.server_error"
