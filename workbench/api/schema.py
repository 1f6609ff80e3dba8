"""OpenAPI: every operation documents the shared error answers next to its own."""
from drf_spectacular.openapi import AutoSchema
from rest_framework import serializers

from workbench.api.errors import STATUS_CODES


class ErrorDetailSerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()
    fields = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))
    current = serializers.DictField(required=False, help_text="Only on 409: the stored state.")


class ErrorSerializer(serializers.Serializer):
    error = ErrorDetailSerializer()


class WorkbenchAutoSchema(AutoSchema):
    """Add 400/401/403/404/409/413/429/503 error answers to every operation."""

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code, description in self._error_codes().items():
            key = str(code)
            if key not in responses:
                answer = self._get_response_for_code(ErrorSerializer, key, direction=direction)
                responses[key] = {**answer, "description": description}
        return responses

    def _error_codes(self) -> dict[int, str]:
        codes = dict(STATUS_CODES)
        if self.method in ("POST", "PUT", "PATCH"):
            codes[413] = "The request body is too large."
        if getattr(self.view, "may_need_queue", False) and self.method == "POST":
            codes[503] = "The job queue is unavailable; nothing was queued."
        return codes


class PublicSchemaMixin:
    """The schema and its docs page are public: they describe the API, not anyone's data."""

    authentication_classes: list = []
    permission_classes: list = []
