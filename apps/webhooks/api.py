"""Webhook endpoints and their delivery log in the API.

`organizations/<slug>/webhooks/…` for an organization (owners, or a key with
`webhooks:manage`), `webhooks/…` for the portal-wide endpoints (staff).
"""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.apikeys.models import Scope
from apps.core.api import PaginatedView, paginated_response
from apps.organizations.agents import ANY_KEY
from apps.organizations.models import Organization
from apps.webhooks import events, selectors, services
from apps.webhooks import permissions as rules
from apps.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint

MANAGE = Scope.WEBHOOKS_MANAGE


def _event_choices() -> list[tuple[str, str]]:
    return [(event.name, str(event.description)) for event in events.registered()]


class EndpointSerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    events = serializers.ListField(child=serializers.CharField())
    disabled_reason = serializers.CharField(
        source="get_disabled_reason_display",
        read_only=True,
        help_text=_("Why the endpoint is off, in the language asked for; empty while it is on."),
    )

    class Meta:
        model = WebhookEndpoint
        fields = [
            "id",
            "organization",
            "url",
            "description",
            "events",
            "is_active",
            "disabled_at",
            "disabled_reason",
            "last_success_at",
            "created_at",
            "updated_at",
        ]


class NewEndpointSerializer(EndpointSerializer):
    secret = serializers.CharField(
        read_only=True, help_text=_("The signing secret, shown this once: store it now.")
    )

    class Meta(EndpointSerializer.Meta):
        fields = [*EndpointSerializer.Meta.fields, "secret"]


class EndpointWriteSerializer(serializers.Serializer):
    url = serializers.CharField(max_length=500)
    events = serializers.ListField(
        child=serializers.ChoiceField(choices=_event_choices()), min_length=1, max_length=50
    )
    description = serializers.CharField(required=False, allow_blank=True, max_length=200)


class EndpointUpdateSerializer(EndpointWriteSerializer):
    url = serializers.CharField(max_length=500, required=False)
    events = serializers.ListField(
        child=serializers.ChoiceField(choices=_event_choices()),
        min_length=1,
        max_length=50,
        required=False,
    )
    is_active = serializers.BooleanField(required=False)


class DeliverySerializer(serializers.ModelSerializer):
    status = serializers.ChoiceField(choices=DeliveryStatus.choices, read_only=True)
    payload = serializers.SerializerMethodField()

    class Meta:
        model = WebhookDelivery
        fields = [
            "id",
            "message_id",
            "event_type",
            "status",
            "attempts",
            "response_status",
            "response_body",
            "duration_ms",
            "last_error",
            "created_at",
            "last_attempt_at",
            "next_attempt_at",
            "delivered_at",
            "redelivery_of",
            "payload",
        ]

    def get_payload(self, delivery: WebhookDelivery) -> dict:
        return selectors.delivery_payload(delivery)


class EventTypeSerializer(serializers.Serializer):
    name = serializers.CharField()
    description = serializers.CharField()
    public = serializers.BooleanField(help_text=_("Staff may subscribe portal-wide."))


def _organization(request, slug: str | None) -> Organization | None:
    """The organization whose webhooks these are (None: portal-wide), or 404/403."""
    organization = get_object_or_404(Organization, slug=slug) if slug is not None else None
    rules.check_webhook_manager(request.user, organization)
    return organization


def _endpoint(request, slug: str | None, endpoint_id) -> WebhookEndpoint:
    organization = _organization(request, slug)
    return get_object_or_404(
        selectors.endpoints_of(organization=organization).select_related("organization"),
        pk=endpoint_id,
    )


class WebhookEventListView(PaginatedView):
    """The events a webhook can subscribe to."""

    permission_classes = [permissions.AllowAny]
    api_key_scopes = {"get": ANY_KEY}

    @extend_schema(responses=EventTypeSerializer(many=True))
    def get(self, request):
        rows = [
            {"name": event.name, "description": str(event.description), "public": event.public}
            for event in events.registered()
        ]
        return paginated_response(self, rows, EventTypeSerializer)


class WebhookListView(PaginatedView):
    """`GET` the endpoints; `POST {url, events, description}` registers one and answers
    its signing secret, once."""

    permission_classes = [permissions.IsAuthenticated]
    api_key_scopes = {"get": MANAGE, "post": MANAGE}

    @extend_schema(responses=EndpointSerializer(many=True))
    def get(self, request, slug=None):
        organization = _organization(request, slug)
        queryset = selectors.endpoints_of(organization=organization).select_related("organization")
        return paginated_response(self, queryset, EndpointSerializer)

    @extend_schema(request=EndpointWriteSerializer, responses={201: NewEndpointSerializer})
    def post(self, request, slug=None):
        organization = _organization(request, slug)
        data = EndpointWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        endpoint, _secret = services.webhook_endpoint_create(
            actor=request.user, organization=organization, **data.validated_data
        )
        # The only answer that carries the secret.
        return Response(NewEndpointSerializer(endpoint).data, status=status.HTTP_201_CREATED)


class WebhookDetailView(APIView):
    permission_classes = [permissions.IsAuthenticated]
    api_key_scopes = {"get": MANAGE, "patch": MANAGE, "delete": MANAGE}

    @extend_schema(responses=EndpointSerializer)
    def get(self, request, endpoint_id, slug=None):
        return Response(EndpointSerializer(_endpoint(request, slug, endpoint_id)).data)

    @extend_schema(request=EndpointUpdateSerializer, responses=EndpointSerializer)
    def patch(self, request, endpoint_id, slug=None):
        endpoint = _endpoint(request, slug, endpoint_id)
        data = EndpointUpdateSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        endpoint = services.webhook_endpoint_update(
            actor=request.user, endpoint=endpoint, **data.validated_data
        )
        return Response(EndpointSerializer(endpoint).data)

    @extend_schema(responses={204: None})
    def delete(self, request, endpoint_id, slug=None):
        endpoint = _endpoint(request, slug, endpoint_id)
        services.webhook_endpoint_delete(actor=request.user, endpoint=endpoint)
        return Response(status=status.HTTP_204_NO_CONTENT)


class WebhookDeliveryListView(PaginatedView):
    """The delivery log, newest first: status, response code, duration and attempts."""

    permission_classes = [permissions.IsAuthenticated]
    api_key_scopes = {"get": MANAGE}

    @extend_schema(responses=DeliverySerializer(many=True))
    def get(self, request, endpoint_id, slug=None):
        endpoint = _endpoint(request, slug, endpoint_id)
        return paginated_response(
            self, selectors.deliveries_of(endpoint=endpoint), DeliverySerializer
        )


class WebhookPingView(APIView):
    """Send a `webhook.ping` delivery now, to check the receiver."""

    permission_classes = [permissions.IsAuthenticated]
    api_key_scopes = {"post": MANAGE}

    @extend_schema(request=None, responses={202: DeliverySerializer})
    def post(self, request, endpoint_id, slug=None):
        endpoint = _endpoint(request, slug, endpoint_id)
        delivery = services.webhook_ping(actor=request.user, endpoint=endpoint)
        return Response(DeliverySerializer(delivery).data, status=status.HTTP_202_ACCEPTED)


class WebhookRedeliverView(APIView):
    """Send a delivery again: a new delivery with the same `webhook-id` and body."""

    permission_classes = [permissions.IsAuthenticated]
    api_key_scopes = {"post": MANAGE}

    @extend_schema(request=None, responses={202: DeliverySerializer})
    def post(self, request, endpoint_id, delivery_id, slug=None):
        endpoint = _endpoint(request, slug, endpoint_id)
        delivery = get_object_or_404(selectors.deliveries_of(endpoint=endpoint), pk=delivery_id)
        delivery.endpoint = endpoint
        again = services.delivery_redeliver(actor=request.user, delivery=delivery)
        return Response(DeliverySerializer(again).data, status=status.HTTP_202_ACCEPTED)
