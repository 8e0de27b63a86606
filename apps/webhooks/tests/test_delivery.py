"""Deliveries: written with their cause, posted signed to a real receiver, retried, logged,
and an endpoint that fails for about a day turned off with its owners told."""

import json
import threading
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from apps.accounts.tests.factories import UserFactory
from apps.notifications.models import Notification
from apps.organizations.tests.factories import MembershipFactory, OrganizationFactory
from apps.webhooks import services
from apps.webhooks.models import (
    DeliveryStatus,
    DisabledReason,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookNotice,
)
from apps.webhooks.tests.factories import WebhookEndpointFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def endpoint(receiver):
    endpoint = WebhookEndpointFactory(url=receiver.url, events=["vacancy.published"])
    receiver.secret = endpoint.secret
    return endpoint


def dispatch(organization, data=None) -> list[WebhookDelivery]:
    return services.webhooks_dispatch(
        organization=organization, event_type="vacancy.published", data=data or {"slug": "x"}
    )


def test_dispatch_writes_a_row_per_subscribed_endpoint_in_the_callers_transaction(
    django_capture_on_commit_callbacks,
):
    organization = OrganizationFactory()
    subscribed = WebhookEndpointFactory(organization=organization)
    WebhookEndpointFactory(organization=organization, events=["application.received"])
    WebhookEndpointFactory(organization=organization, is_active=False)
    WebhookEndpointFactory()  # another organization's
    portal_wide = WebhookEndpointFactory(organization=None)
    with django_capture_on_commit_callbacks() as callbacks:
        deliveries = dispatch(organization, {"slug": "lab-technician"})
    assert {d.endpoint_id for d in deliveries} == {subscribed.pk, portal_wide.pk}
    assert len(callbacks) == 2  # one send each, once the change commits
    body = json.loads(deliveries[0].body)
    assert body["type"] == "vacancy.published"
    assert body["data"] == {"slug": "lab-technician"}
    assert body["timestamp"].endswith("+00:00")
    assert deliveries[0].message_id == deliveries[1].message_id


def test_a_rolled_back_change_leaves_no_delivery():
    organization = OrganizationFactory()
    WebhookEndpointFactory(organization=organization)
    with pytest.raises(RuntimeError), transaction.atomic():
        dispatch(organization)
        raise RuntimeError("the change fails")
    assert not WebhookDelivery.objects.exists()


def test_portal_wide_endpoints_get_public_events_only():
    WebhookEndpointFactory(organization=None, events=["application.received"])
    assert (
        services.webhooks_dispatch(
            organization=OrganizationFactory(), event_type="application.received", data={}
        )
        == []
    )


def test_a_delivery_is_signed_and_its_answer_logged(endpoint, receiver):
    [delivery] = dispatch(endpoint.organization, {"slug": "lab-technician"})
    assert services.delivery_attempt(delivery_id=delivery.pk) == DeliveryStatus.SUCCEEDED
    [received] = receiver.received
    assert received.verified
    assert received.payload["data"] == {"slug": "lab-technician"}
    assert received.headers["webhook-id"] == delivery.message_id
    assert received.headers["content-type"] == "application/json"
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.response_status) == ("succeeded", 1, 200)
    assert delivery.duration_ms is not None and delivery.delivered_at is not None
    endpoint.refresh_from_db()
    assert endpoint.last_success_at == delivery.delivered_at
    # Sent once: running the task again does nothing.
    assert services.delivery_attempt(delivery_id=delivery.pk) == DeliveryStatus.SUCCEEDED
    assert len(receiver.received) == 1


def test_a_failure_is_retried_on_the_schedule_then_fails(endpoint, receiver, settings):
    settings.WEBHOOK_RETRY_SCHEDULE = [5, 300]
    receiver.then = 500
    [delivery] = dispatch(endpoint.organization)
    before = timezone.now()
    assert services.delivery_attempt(delivery_id=delivery.pk) == DeliveryStatus.PENDING
    delivery.refresh_from_db()
    assert (delivery.attempts, delivery.response_status) == (1, 500)
    assert "500" in delivery.last_error and delivery.response_body == "not now"
    assert before + timedelta(seconds=4) < delivery.next_attempt_at < before + timedelta(seconds=7)
    # Not due yet: a second message for it changes nothing.
    assert services.delivery_attempt(delivery_id=delivery.pk) == "not due"
    assert len(receiver.received) == 1

    WebhookDelivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
    assert services.delivery_attempt(delivery_id=delivery.pk) == DeliveryStatus.PENDING
    delivery.refresh_from_db()
    assert delivery.attempts == 2
    assert delivery.next_attempt_at > timezone.now() + timedelta(seconds=290)

    WebhookDelivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
    assert services.delivery_attempt(delivery_id=delivery.pk) == DeliveryStatus.FAILED
    delivery.refresh_from_db()
    assert (delivery.attempts, delivery.next_attempt_at) == (3, None)
    assert len(receiver.received) == 3
    assert all(r.verified for r in receiver.received)
    assert {r.headers["webhook-id"] for r in receiver.received} == {delivery.message_id}


def test_the_default_schedule_retries_for_about_a_day():
    from django.conf import settings

    total = sum(settings.WEBHOOK_RETRY_SCHEDULE)
    assert timedelta(hours=20) < timedelta(seconds=total) < timedelta(hours=30)
    assert sorted(settings.WEBHOOK_RETRY_SCHEDULE) == settings.WEBHOOK_RETRY_SCHEDULE


def test_an_endpoint_that_fails_for_a_day_is_turned_off_and_its_owners_told(
    endpoint, receiver, settings
):
    settings.WEBHOOK_RETRY_SCHEDULE = [1]
    owner = MembershipFactory(organization=endpoint.organization, role="owner").user
    recruiter = MembershipFactory(organization=endpoint.organization, role="recruiter").user
    receiver.then = 503
    first, second = dispatch(endpoint.organization)[0], dispatch(endpoint.organization)[0]
    for _ in range(2):
        WebhookDelivery.objects.filter(pk=first.pk).update(next_attempt_at=timezone.now())
        services.delivery_attempt(delivery_id=first.pk)
    endpoint.refresh_from_db()
    assert not endpoint.is_active
    assert endpoint.disabled_at is not None
    assert endpoint.disabled_reason == DisabledReason.FAILING
    # The other pending delivery is not sent any more.
    second.refresh_from_db()
    assert second.status == DeliveryStatus.CANCELLED
    notice = Notification.objects.get(kind=WebhookNotice.WEBHOOK_DISABLED)
    assert notice.recipient == owner and recruiter != owner
    assert endpoint.url in notice.body
    assert notice.url == reverse(
        "webhooks:detail", kwargs={"slug": endpoint.organization.slug, "endpoint_id": endpoint.pk}
    )
    # Nothing more is posted to it; a new event writes no delivery.
    assert dispatch(endpoint.organization) == []
    assert len(receiver.received) == 2


def test_an_endpoint_that_delivered_meanwhile_stays_on(endpoint, receiver, settings):
    """One event the receiver keeps refusing does not turn off an endpoint that works."""
    settings.WEBHOOK_RETRY_SCHEDULE = [1]
    receiver.script = [500, 200, 500]
    refused = dispatch(endpoint.organization)[0]
    services.delivery_attempt(delivery_id=refused.pk)
    accepted = dispatch(endpoint.organization)[0]
    assert services.delivery_attempt(delivery_id=accepted.pk) == DeliveryStatus.SUCCEEDED
    WebhookDelivery.objects.filter(pk=refused.pk).update(next_attempt_at=timezone.now())
    assert services.delivery_attempt(delivery_id=refused.pk) == DeliveryStatus.FAILED
    endpoint.refresh_from_db()
    assert endpoint.is_active
    assert not Notification.objects.filter(kind=WebhookNotice.WEBHOOK_DISABLED).exists()


def test_portal_wide_endpoints_tell_staff_when_turned_off(receiver, settings):
    settings.WEBHOOK_RETRY_SCHEDULE = []
    staff = UserFactory(is_staff=True)
    endpoint = WebhookEndpointFactory(organization=None, url=receiver.url)
    receiver.then = 500
    [delivery] = dispatch(OrganizationFactory())
    assert services.delivery_attempt(delivery_id=delivery.pk) == DeliveryStatus.FAILED
    endpoint.refresh_from_db()
    assert not endpoint.is_active
    notice = Notification.objects.get(kind=WebhookNotice.WEBHOOK_DISABLED)
    assert notice.recipient == staff and notice.url == reverse(
        "webhooks:portal_detail", kwargs={"endpoint_id": endpoint.pk}
    )


def test_an_unreachable_receiver_counts_as_a_failure(settings):
    settings.WEBHOOK_ALLOW_LOOPBACK = True
    from apps.webhooks.tests.receiver import free_port

    endpoint = WebhookEndpointFactory(url=f"http://127.0.0.1:{free_port()}/nobody")
    [delivery] = dispatch(endpoint.organization)
    assert services.delivery_attempt(delivery_id=delivery.pk) == DeliveryStatus.PENDING
    delivery.refresh_from_db()
    assert delivery.response_status is None and "ConnectionRefused" in delivery.last_error


@pytest.mark.django_db(transaction=True)
def test_a_delivery_locked_by_one_worker_is_skipped_by_another(endpoint, receiver):
    # Written directly: committed at once, a dispatch would be sent before the test begins.
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint,
        message_id="msg_locked",
        event_type="vacancy.published",
        body='{"type":"vacancy.published"}',
        next_attempt_at=timezone.now(),
    )
    holding, release = threading.Event(), threading.Event()

    def first_worker():
        try:
            with transaction.atomic():
                WebhookDelivery.objects.select_for_update().get(pk=delivery.pk)
                holding.set()
                release.wait(10)
        finally:
            connection.close()

    thread = threading.Thread(target=first_worker)
    thread.start()
    holding.wait(10)
    try:
        assert services.delivery_attempt(delivery_id=delivery.pk) == "skipped"
    finally:
        release.set()
        thread.join(10)
    assert receiver.received == []
    assert services.delivery_attempt(delivery_id=delivery.pk) == DeliveryStatus.SUCCEEDED
    assert len(receiver.received) == 1


def test_a_delivery_for_an_endpoint_turned_off_is_not_sent(endpoint, receiver):
    [delivery] = dispatch(endpoint.organization)
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(is_active=False)
    assert services.delivery_attempt(delivery_id=delivery.pk) == DeliveryStatus.CANCELLED
    assert receiver.received == []


def test_the_sweep_enqueues_due_deliveries_only(monkeypatch):
    from apps.webhooks.tasks import deliver_webhook

    endpoint = WebhookEndpointFactory()
    due, later, done = (dispatch(endpoint.organization)[0] for _ in range(3))
    WebhookDelivery.objects.filter(pk=due.pk).update(
        next_attempt_at=timezone.now() - timedelta(minutes=5)
    )
    WebhookDelivery.objects.filter(pk=later.pk).update(
        next_attempt_at=timezone.now() + timedelta(hours=2)
    )
    WebhookDelivery.objects.filter(pk=done.pk).update(
        status=DeliveryStatus.SUCCEEDED, next_attempt_at=timezone.now() - timedelta(hours=1)
    )
    sent = []
    monkeypatch.setattr(deliver_webhook, "delay", lambda delivery_id: sent.append(delivery_id))
    assert services.deliveries_enqueue_due() == 1
    assert sent == [str(due.pk)]


def test_a_retry_hours_away_waits_in_the_database_not_in_the_broker(
    endpoint, receiver, settings, django_capture_on_commit_callbacks
):
    receiver.then = 500
    settings.WEBHOOK_RETRY_SCHEDULE = [7200]
    [later] = dispatch(endpoint.organization)
    with django_capture_on_commit_callbacks() as callbacks:
        assert services.delivery_attempt(delivery_id=later.pk) == DeliveryStatus.PENDING
    assert callbacks == []  # the sweep enqueues it when it is due
    settings.WEBHOOK_RETRY_SCHEDULE = [60]
    [soon] = dispatch(endpoint.organization)
    with django_capture_on_commit_callbacks() as callbacks:
        assert services.delivery_attempt(delivery_id=soon.pk) == DeliveryStatus.PENDING
    assert len(callbacks) == 1  # a message with a countdown


def test_erasing_a_person_erases_the_deliveries_about_them():
    from apps.accounts.services import account_erase

    person = UserFactory()
    endpoint = WebhookEndpointFactory(events=["application.received"])
    services.webhooks_dispatch(
        organization=endpoint.organization,
        event_type="application.received",
        data={"applicant": {"email": person.email}},
        about=person,
    )
    account_erase(user=person)
    assert not WebhookDelivery.objects.exists()
