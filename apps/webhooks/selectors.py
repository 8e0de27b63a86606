"""Reads of webhook endpoints and their delivery log."""

import json

from django.db.models import QuerySet

from apps.accounts.models import User
from apps.organizations.models import MembershipRole, Organization
from apps.webhooks.models import WebhookDelivery, WebhookEndpoint


def endpoints_of(*, organization: Organization | None) -> QuerySet[WebhookEndpoint]:
    """An organization's endpoints, or the portal-wide ones for None."""
    if organization is None:
        return WebhookEndpoint.objects.filter(organization__isnull=True).order_by("created_at")
    return WebhookEndpoint.objects.filter(organization=organization).order_by("created_at")


def deliveries_of(*, endpoint: WebhookEndpoint) -> QuerySet[WebhookDelivery]:
    return endpoint.deliveries.order_by("-created_at", "-pk")


def delivery_payload(delivery: WebhookDelivery) -> dict:
    return json.loads(delivery.body)


def endpoint_owners(*, endpoint: WebhookEndpoint) -> list[User]:
    """Who is told when the endpoint is disabled: the organization's owners, or staff."""
    if endpoint.organization_id is None:
        return list(User.objects.filter(is_staff=True, is_active=True).order_by("pk")[:50])
    return list(
        User.objects.filter(
            memberships__organization_id=endpoint.organization_id,
            memberships__role=MembershipRole.OWNER,
            is_active=True,
        ).order_by("pk")
    )
