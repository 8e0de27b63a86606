"""`organizations/<slug>/api-keys/`: owners list, create and revoke their organization's keys."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.apikeys import permissions as rules
from apps.apikeys import selectors, services
from apps.apikeys.models import ApiKey, ApiKeyStatus, Scope
from apps.core.api import PaginatedView, paginated_response
from apps.organizations.models import Organization


class ApiKeySerializer(serializers.ModelSerializer):
    scopes = serializers.ListField(child=serializers.ChoiceField(choices=Scope.choices))
    status = serializers.ChoiceField(choices=ApiKeyStatus.choices, read_only=True)

    class Meta:
        model = ApiKey
        fields = [
            "id",
            "name",
            "prefix",
            "scopes",
            "status",
            "created_at",
            "expires_at",
            "last_used_at",
            "revoked_at",
        ]


class NewApiKeySerializer(ApiKeySerializer):
    key = serializers.CharField(read_only=True, help_text=_("Shown this once: store it now."))

    class Meta(ApiKeySerializer.Meta):
        fields = [*ApiKeySerializer.Meta.fields, "key"]


class ApiKeyCreateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100)
    scopes = serializers.ListField(
        child=serializers.ChoiceField(choices=Scope.choices), min_length=1, max_length=20
    )
    expires_at = serializers.DateTimeField(required=False, allow_null=True)


def organization_for_keys(request, slug: str) -> Organization:
    organization = get_object_or_404(Organization, slug=slug)
    rules.check_key_manager(request.user, organization)
    return organization


class ApiKeyListView(PaginatedView):
    """`GET` the organization's keys; `POST {name, scopes, expires_at}` makes one (owners)."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses=ApiKeySerializer(many=True))
    def get(self, request, slug):
        organization = organization_for_keys(request, slug)
        return paginated_response(
            self, selectors.api_keys_of(organization=organization), ApiKeySerializer
        )

    @extend_schema(request=ApiKeyCreateSerializer, responses={201: NewApiKeySerializer})
    def post(self, request, slug):
        organization = organization_for_keys(request, slug)
        data = ApiKeyCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        api_key, raw_key = services.api_key_create(
            actor=request.user, organization=organization, **data.validated_data
        )
        api_key.key = raw_key
        return Response(NewApiKeySerializer(api_key).data, status=status.HTTP_201_CREATED)


class ApiKeyDetailView(APIView):
    """`GET` one key; `DELETE` revokes it: it answers 401 from then on."""

    permission_classes = [permissions.IsAuthenticated]

    def _api_key(self, request, slug, key_id) -> ApiKey:
        organization = organization_for_keys(request, slug)
        return get_object_or_404(selectors.api_keys_of(organization=organization), pk=key_id)

    @extend_schema(responses=ApiKeySerializer)
    def get(self, request, slug, key_id):
        return Response(ApiKeySerializer(self._api_key(request, slug, key_id)).data)

    @extend_schema(responses={204: None})
    def delete(self, request, slug, key_id):
        services.api_key_revoke(actor=request.user, api_key=self._api_key(request, slug, key_id))
        return Response(status=status.HTTP_204_NO_CONTENT)
