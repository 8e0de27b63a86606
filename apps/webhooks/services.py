"""Webhooks: rows written with their cause, sent after it commits, signed, never twice.

A feature app calls `webhooks_dispatch` inside the transaction of its change, with the
organization concerned, the event type and the data as its API shows it. Each endpoint
that subscribed gets a `WebhookDelivery` row. Once the change commits, a task locks the
row and posts it; a failure is retried on `WEBHOOK_RETRY_SCHEDULE` (about a day), after
which the delivery fails and, when nothing reached the endpoint meanwhile, the endpoint
is disabled and its owners are told.
"""

import json
import uuid
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.accounts.models import User
from apps.core import retention
from apps.core.broker import publish
from apps.core.exceptions import ActionForbidden, ConflictError, ServiceError
from apps.core.i18n import lazy_format
from apps.notifications.services import notify_all
from apps.organizations.agents import Actor, person
from apps.organizations.models import Organization
from apps.webhooks import events, permissions, selectors, signing, transport
from apps.webhooks.addresses import url_refusal
from apps.webhooks.models import (
    DeliveryStatus,
    DisabledReason,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookNotice,
)

MAX_ENDPOINTS = 10
EARLY_TOLERANCE = timedelta(milliseconds=500)


def _body(event_type: str, data: dict, occurred_at: datetime) -> str:
    payload = {"type": event_type, "timestamp": occurred_at.isoformat(), "data": data}
    return json.dumps(payload, cls=DjangoJSONEncoder, separators=(",", ":"), ensure_ascii=False)


def _message_id() -> str:
    return f"msg_{uuid.uuid4().hex}"


def webhooks_dispatch(
    *,
    organization: Organization | None,
    event_type: str,
    data: dict | Callable[[], dict],
    about: User | None = None,
) -> list[WebhookDelivery]:
    """Write a delivery for every active endpoint that subscribed to the event: the
    organization's own, and for public events the portal-wide ones. Call it inside the
    transaction of the change; the deliveries are sent once it commits. `data` may be a
    function returning it, called only when an endpoint subscribed: most changes have
    no receiver, and serializing one costs queries."""
    event = events.get(event_type)
    if event is None:
        raise ValueError(f"Unregistered webhook event: {event_type}")
    # At most MAX_ENDPOINTS of each: filtering the subscriptions in Python costs nothing.
    candidates = WebhookEndpoint.objects.filter(is_active=True, organization__isnull=True)
    if organization is not None:
        candidates = candidates | WebhookEndpoint.objects.filter(
            is_active=True, organization=organization
        )
    endpoints = [
        endpoint
        for endpoint in candidates
        if event_type in endpoint.events and (endpoint.organization_id is not None or event.public)
    ]
    if not endpoints:
        return []
    now = timezone.now()
    if callable(data):
        data = data()
    body, message_id = _body(event_type, data, now), _message_id()
    deliveries = WebhookDelivery.objects.bulk_create(
        WebhookDelivery(
            endpoint=endpoint,
            message_id=message_id,
            event_type=event_type,
            body=body,
            about=about,
            next_attempt_at=now,
            created_at=now,
        )
        for endpoint in endpoints
    )
    for delivery in deliveries:
        _enqueue(delivery)
    return deliveries


# --- Endpoints ------------------------------------------------------------------------------


def _clean_events(names: Iterable[str], *, portal_wide: bool) -> list[str]:
    names = list(dict.fromkeys(str(name) for name in names))
    if not names:
        raise ServiceError({"events": [_("Choose at least one event.")]})
    unknown = [name for name in names if events.get(name) is None]
    if unknown:
        raise ServiceError(
            {"events": [_("Unknown event: %(names)s.") % {"names": ", ".join(unknown)}]}
        )
    if portal_wide:
        private = [name for name in names if not events.get(name).public]  # type: ignore[union-attr]
        if private:
            raise ServiceError(
                {
                    "events": [
                        _("Portal-wide webhooks carry public events only, not %(names)s.")
                        % {"names": ", ".join(private)}
                    ]
                }
            )
    return sorted(names)


def _clean_url(url: str) -> str:
    url = (url or "").strip()
    if len(url) > 500:
        raise ServiceError({"url": [_("At most 500 characters.")]})
    refusal = url_refusal(url)
    if refusal:
        raise ServiceError({"url": [refusal]})
    return url


def _check_manager(actor: Actor, organization: Organization | None) -> None:
    if not permissions.can_manage_webhooks(actor, organization):
        raise ActionForbidden(_("Only the organization's owners manage its webhooks."))


@transaction.atomic
def webhook_endpoint_create(
    *,
    actor: Actor,
    organization: Organization | None,
    url: str,
    events: Iterable[str],
    description: str = "",
) -> tuple[WebhookEndpoint, str]:
    """A new endpoint and its signing secret, which is shown this once."""
    _check_manager(actor, organization)
    url = _clean_url(url)
    names = _clean_events(events, portal_wide=organization is None)
    if organization is not None:
        # Counted under a lock on the organization, so two requests cannot pass the cap.
        Organization.objects.select_for_update().filter(pk=organization.pk).first()
    if selectors.endpoints_of(organization=organization).count() >= MAX_ENDPOINTS:
        raise ConflictError(
            {"detail": _("At most %(n)d webhooks per organization.") % {"n": MAX_ENDPOINTS}}
        )
    secret = signing.new_secret()
    endpoint = WebhookEndpoint.objects.create(
        organization=organization,
        url=url,
        events=names,
        description=(description or "").strip()[:200],
        secret=secret,
        created_by=person(actor),
    )
    return endpoint, secret


@transaction.atomic
def webhook_endpoint_update(
    *,
    actor: Actor,
    endpoint: WebhookEndpoint,
    url: str | None = None,
    events: Iterable[str] | None = None,
    description: str | None = None,
    is_active: bool | None = None,
) -> WebhookEndpoint:
    """Change the address or the events, or turn the endpoint off and on again."""
    _check_manager(actor, endpoint.organization)
    locked = WebhookEndpoint.objects.select_for_update().get(pk=endpoint.pk)
    if url is not None:
        locked.url = _clean_url(url)
    if events is not None:
        locked.events = _clean_events(events, portal_wide=locked.organization_id is None)
    if description is not None:
        locked.description = description.strip()[:200]
    if is_active is not None and is_active != locked.is_active:
        locked.is_active = is_active
        locked.disabled_at = None if is_active else timezone.now()
        locked.disabled_reason = "" if is_active else DisabledReason.BY_HAND
    locked.updated_at = timezone.now()
    locked.save()
    return locked


@transaction.atomic
def webhook_endpoint_delete(*, actor: Actor, endpoint: WebhookEndpoint) -> None:
    """The endpoint and its delivery log go; nothing more is sent to it."""
    _check_manager(actor, endpoint.organization)
    WebhookEndpoint.objects.filter(pk=endpoint.pk).delete()


@transaction.atomic
def webhook_ping(*, actor: Actor, endpoint: WebhookEndpoint) -> WebhookDelivery:
    """A test delivery, sent once at once, to an endpoint even while it is turned off."""
    _check_manager(actor, endpoint.organization)
    now = timezone.now()
    data = {"endpoint": str(endpoint.pk), "url": endpoint.url}
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint,
        message_id=_message_id(),
        event_type=events.PING.name,
        body=_body(events.PING.name, data, now),
        next_attempt_at=now,
        created_at=now,
    )
    _enqueue(delivery)
    return delivery


@transaction.atomic
def delivery_redeliver(*, actor: Actor, delivery: WebhookDelivery) -> WebhookDelivery:
    """Send a delivery again, as a new one with the same `webhook-id` and body."""
    endpoint = delivery.endpoint
    _check_manager(actor, endpoint.organization)
    if delivery.status == DeliveryStatus.PENDING:
        raise ConflictError({"detail": _("This delivery is still being sent.")})
    if not endpoint.is_active:
        raise ConflictError({"detail": _("Turn the endpoint on again first.")})
    now = timezone.now()
    again = WebhookDelivery.objects.create(
        endpoint=endpoint,
        message_id=delivery.message_id,
        event_type=delivery.event_type,
        body=delivery.body,
        about_id=delivery.about_id,
        redelivery_of=delivery,
        next_attempt_at=now,
        created_at=now,
    )
    _enqueue(again)
    return again


# --- Sending --------------------------------------------------------------------------------


def _enqueue(delivery: WebhookDelivery) -> None:
    """After commit, so the worker finds the row. A retry due later than the broker can
    safely hold a message is enqueued by `deliveries_enqueue_due` when its time comes, and
    so is one the broker could not take."""
    from apps.webhooks.tasks import deliver_webhook

    due = delivery.next_attempt_at or timezone.now()
    delay = max(0.0, (due - timezone.now()).total_seconds())
    if delay > settings.WEBHOOK_COUNTDOWN_LIMIT_SECONDS:
        return
    delivery_id = str(delivery.pk)
    transaction.on_commit(lambda: publish(deliver_webhook, delivery_id, countdown=delay))


def _max_attempts(delivery: WebhookDelivery) -> int:
    if delivery.event_type == events.PING.name:
        return 1
    return 1 + len(settings.WEBHOOK_RETRY_SCHEDULE)


def delivery_attempt(*, delivery_id: str | uuid.UUID) -> str:
    """Post the delivery if it is pending and due; the row is locked while it is sent, so a
    second worker holding the same message skips it and it is never sent twice at once."""
    with transaction.atomic():
        delivery = (
            WebhookDelivery.objects.select_for_update(of=("self",), skip_locked=True)
            .select_related("endpoint")
            .filter(pk=delivery_id)
            .first()
        )
        if delivery is None:
            return "skipped"  # gone, or another worker is sending it right now
        if delivery.status != DeliveryStatus.PENDING:
            return delivery.status
        now = timezone.now()
        if delivery.next_attempt_at and delivery.next_attempt_at > now + EARLY_TOLERANCE:
            return "not due"  # a stray early message; the one that is due will come
        endpoint = delivery.endpoint
        if not endpoint.is_active and delivery.event_type != events.PING.name:
            delivery.status = DeliveryStatus.CANCELLED
            delivery.next_attempt_at = None
            delivery.save(update_fields=["status", "next_attempt_at"])
            return delivery.status
        headers = signing.headers(
            secret=endpoint.secret,
            message_id=delivery.message_id,
            timestamp=int(now.timestamp()),
            body=delivery.body,
        )
        answer = transport.post(endpoint.url, body=delivery.body, headers=headers)
        attempted = timezone.now()
        delivery.attempts += 1
        delivery.last_attempt_at = attempted
        delivery.response_status = answer.status
        delivery.response_body = answer.body
        delivery.duration_ms = answer.duration_ms
        delivery.last_error = answer.error[:500] or (
            "" if answer.ok else _("The receiver answered %(status)s.") % {"status": answer.status}
        )
        if answer.ok:
            delivery.status = DeliveryStatus.SUCCEEDED
            delivery.delivered_at = attempted
            delivery.next_attempt_at = None
            WebhookEndpoint.objects.filter(pk=endpoint.pk).update(last_success_at=attempted)
        elif delivery.attempts >= _max_attempts(delivery):
            delivery.status = DeliveryStatus.FAILED
            delivery.next_attempt_at = None
        else:
            wait = settings.WEBHOOK_RETRY_SCHEDULE[delivery.attempts - 1]
            delivery.next_attempt_at = attempted + timedelta(seconds=wait)
        delivery.save()
        if delivery.status == DeliveryStatus.FAILED and delivery.event_type != events.PING.name:
            _disable_if_failing(endpoint, since=delivery.created_at)
        if delivery.status == DeliveryStatus.PENDING:
            _enqueue(delivery)
    return delivery.status


def _disable_if_failing(endpoint: WebhookEndpoint, *, since: datetime) -> None:
    """A delivery used up its retries: with nothing delivered since it was made, the
    endpoint has failed for about a day. Turn it off and tell its owners."""
    locked = WebhookEndpoint.objects.select_for_update().get(pk=endpoint.pk)
    if not locked.is_active or (locked.last_success_at and locked.last_success_at >= since):
        return
    now = timezone.now()
    locked.is_active = False
    locked.disabled_at = now
    locked.disabled_reason = DisabledReason.FAILING
    locked.save(update_fields=["is_active", "disabled_at", "disabled_reason"])
    locked.deliveries.filter(status=DeliveryStatus.PENDING).update(
        status=DeliveryStatus.CANCELLED, next_attempt_at=None
    )
    where = (
        reverse(
            "webhooks:detail",
            kwargs={"slug": locked.organization.slug, "endpoint_id": locked.pk},
        )
        if locked.organization is not None
        else reverse("webhooks:portal_detail", kwargs={"endpoint_id": locked.pk})
    )
    notify_all(
        recipients=selectors.endpoint_owners(endpoint=locked),
        kind=WebhookNotice.WEBHOOK_DISABLED,
        subject=lazy_format(gettext_lazy("Webhook turned off: %(url)s"), url=locked.url[:120]),
        template="webhooks/email/endpoint_disabled",
        context={"endpoint": locked},
        url=where,
        dedupe_key=f"webhook-disabled:{locked.pk}:{now:%Y%m%d%H%M%S}",
    )


def deliveries_enqueue_due() -> int:
    """Enqueue pending deliveries whose time has come: retries due later than a broker
    message may wait, and those whose message a broker outage lost."""
    from apps.webhooks.tasks import deliver_webhook

    cutoff = timezone.now() - timedelta(seconds=settings.WEBHOOK_REQUEUE_GRACE_SECONDS)
    due = WebhookDelivery.objects.filter(
        status=DeliveryStatus.PENDING, next_attempt_at__lte=cutoff
    ).order_by("next_attempt_at")
    count = 0
    for delivery_id in due.values_list("pk", flat=True)[:1000]:
        if not publish(deliver_webhook, str(delivery_id)):
            break  # the broker is down: the next sweep tries again
        count += 1
    return count


# --- How long the delivery log is kept (a retention rule, registered in apps.py) -----------


def _deliveries_delete(ids: list) -> int:
    deleted, _by_model = WebhookDelivery.objects.filter(pk__in=ids).delete()
    return deleted


def deliveries_apply_retention(
    *, now: datetime, dry_run: bool = False, limit: int | None = None
) -> list[retention.Step]:
    """Forget deliveries past `WEBHOOK_DELIVERY_RETENTION_DAYS`: they hold personal data.

    A delivery still pending stays until it is sent or fails, whatever its age."""
    return [
        retention.run_in_batches(
            due=selectors.deliveries_due(at=now),
            action=gettext_lazy("deleted"),
            apply=_deliveries_delete,
            dry_run=dry_run,
            limit=limit,
        )
    ]


def deliveries_upcoming(*, now: datetime, until: datetime, limit: int) -> retention.Upcoming:
    def item(delivery: WebhookDelivery) -> retention.DueItem:
        endpoint = delivery.endpoint
        organization = endpoint.organization
        return retention.DueItem(
            label=_("“%(event)s” sent to %(url)s (%(holder)s)")
            % {
                "event": delivery.event_type,
                "url": endpoint.url[:120],
                "holder": organization.name if organization else _("the portal"),
            },
            goes_at=selectors.delivery_goes_at(delivery),
        )

    return retention.upcoming_from(
        due=selectors.deliveries_due(at=until)
        .select_related("endpoint__organization")
        .only("pk", "event_type", "created_at", "endpoint__url", "endpoint__organization__name"),
        order_by=("created_at", "pk"),
        item=item,
        limit=limit,
    )


def deliveries_period() -> str:
    return _("%(days)d days after they were sent, once no longer pending") % {
        "days": settings.WEBHOOK_DELIVERY_RETENTION_DAYS
    }
