"""Reads of webhook endpoints and their delivery log."""

import json
from collections.abc import Callable
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Count, Max, Min, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from apps.accounts.models import User
from apps.core.personal_data import Holding
from apps.organizations.models import MembershipRole, Organization
from apps.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint


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


# --- How long the delivery log is kept, and what it holds about a person --------------------


def _kept() -> timedelta:
    return timedelta(days=settings.WEBHOOK_DELIVERY_RETENTION_DAYS)


def deliveries_due(*, at: datetime) -> QuerySet[WebhookDelivery]:
    """Deliveries sent at least the configured number of days before `at`, and no longer
    pending: a delivery still being retried stays until it is sent or fails."""
    return WebhookDelivery.objects.filter(created_at__lte=at - _kept()).exclude(
        status=DeliveryStatus.PENDING
    )


def delivery_goes_at(delivery: WebhookDelivery) -> datetime:
    """The inverse of `deliveries_due`: the moment the rule takes the delivery."""
    return delivery.created_at + _kept()


HOLDINGS_LIMIT = 100
EXPORT_LIMIT = 1000


def deliveries_about(*, user: User) -> QuerySet[WebhookDelivery]:
    """The deliveries whose data is about the person (an application, a registration, …)."""
    return WebhookDelivery.objects.filter(about=user)


def delivery_holdings(*, user: User, now: datetime) -> list[Holding]:
    """The log of what was sent about the person to each organization's systems, one item
    per organization: how many messages, and when the oldest goes (one query)."""
    groups = (
        deliveries_about(user=user)
        .values("endpoint__organization__name")
        .annotate(count=Count("pk"), oldest=Min("created_at"), newest=Max("created_at"))
        .order_by("endpoint__organization__name")[:HOLDINGS_LIMIT]
    )
    days = settings.WEBHOOK_DELIVERY_RETENTION_DAYS
    return [
        Holding(
            kind="webhook_deliveries",
            label=ngettext(
                "The log of %(count)d message about you sent to its systems by webhook",
                "The log of %(count)d messages about you sent to its systems by webhook",
                group["count"],
            )
            % {"count": group["count"]},
            holder=group["endpoint__organization__name"] or "",
            since=group["oldest"],
            until=group["oldest"] + _kept(),
            kept=_("Each message %(days)d days after it was sent; the date is the oldest's")
            % {"days": days},
        )
        for group in groups
    ]


def personal_data_export(*, user: User, build_url: Callable[[str], str]) -> dict:
    """What was sent about the person by webhook, and to which organization, as logged."""
    deliveries = (
        deliveries_about(user=user)
        .select_related("endpoint__organization")
        .order_by("-created_at", "-pk")[:EXPORT_LIMIT]
    )
    return {
        "webhook_deliveries": [
            {
                "organization": organization.name if organization else None,
                "event": delivery.event_type,
                "sent_at": delivery.created_at.isoformat(),
                "status": delivery.status,
                "goes_at": delivery_goes_at(delivery).isoformat(),
                "payload": delivery_payload(delivery),
            }
            for delivery in deliveries
            for organization in [delivery.endpoint.organization]
        ]
    }
