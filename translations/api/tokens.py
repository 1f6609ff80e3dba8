"""Your own API tokens: list, create (the key is in the answer once), revoke."""
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.response import Response

from translations.models import ApiToken
from translations.tokens import create_token, revoke_token
from workbench.api.base import ApiViewSet
from workbench.api.throttles import CredentialThrottle


class TokenSerializer(serializers.ModelSerializer):
    class Meta:
        model = ApiToken
        fields = ["id", "name", "prefix", "created", "last_used", "revoked"]
        read_only_fields = fields


class NewTokenSerializer(TokenSerializer):
    key = serializers.CharField(read_only=True, help_text="Shown only in this answer.")

    class Meta(TokenSerializer.Meta):
        fields = [*TokenSerializer.Meta.fields, "key"]


class TokenInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100)


class TokenViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """Personal API tokens of the signed-in user."""

    serializer_class = TokenSerializer
    filterset_fields: list = []
    ordering_fields = ["created", "name"]

    queryset = ApiToken.objects.none()  # for the schema; requests use get_queryset

    def get_queryset(self):
        return ApiToken.objects.filter(user=self.request.user).order_by("-created", "-id")

    def get_throttles(self):
        throttles = super().get_throttles()
        if self.action == "create":
            throttles.append(CredentialThrottle())
        return throttles

    @extend_schema(request=TokenInputSerializer, responses={201: NewTokenSerializer})
    def create(self, request):
        serializer = TokenInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        token, plain = create_token(request.user, serializer.validated_data["name"])
        token.key = plain
        return Response(NewTokenSerializer(token).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={204: None})
    def destroy(self, request, pk=None):
        """Revoke a token; it stops working at once."""
        revoke_token(self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)
