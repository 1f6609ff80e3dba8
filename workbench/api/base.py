"""What every API viewset shares: authentication, roles, pagination, throttles, errors."""
from rest_framework import viewsets

from workbench.api.auth import AUTHENTICATION_CLASSES
from workbench.api.errors import exception_handler
from workbench.api.pagination import StandardPagination
from workbench.api.permissions import Authenticated
from workbench.api.schema import WorkbenchAutoSchema
from workbench.api.throttles import THROTTLE_CLASSES


class ApiMixin:
    """Settings for API views, kept here so the project settings stay UI-neutral."""

    authentication_classes = AUTHENTICATION_CLASSES
    permission_classes = [Authenticated]
    throttle_classes = THROTTLE_CLASSES
    pagination_class = StandardPagination
    schema = WorkbenchAutoSchema()
    # Ids are digits only, and short enough for every database's integer.
    lookup_value_regex = "[0-9]{1,18}"

    def get_exception_handler(self):
        return exception_handler

    def perform_content_negotiation(self, request, force=False):
        # Files (TMX, TSV...) are returned as plain responses; an Accept header asking for
        # them must not turn their JSON errors into 406.
        return super().perform_content_negotiation(request, force=True)


class ApiViewSet(ApiMixin, viewsets.GenericViewSet):
    """A viewset whose actions parse, authorise, call a service and render."""
