"""The delivery log is a retention rule like the others: kept 30 days, then deleted by the
nightly run and `manage.py retention`; the person sees it on the privacy page."""

from datetime import datetime, timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from apps.accounts.tests.factories import UserFactory
from apps.core import retention
from apps.webhooks import services
from apps.webhooks.models import DeliveryStatus, WebhookDelivery
from apps.webhooks.tests.factories import WebhookEndpointFactory

pytestmark = pytest.mark.django_db


def sent(endpoint, *, about=None, status=DeliveryStatus.SUCCEEDED) -> WebhookDelivery:
    [delivery] = services.webhooks_dispatch(
        organization=endpoint.organization,
        event_type="application.received",
        data={"applicant": {"email": about.email if about else "someone@example.org"}},
        about=about,
    )
    WebhookDelivery.objects.filter(pk=delivery.pk).update(status=status)
    return delivery


@pytest.fixture
def endpoint():
    return WebhookEndpointFactory(
        events=["application.received"], organization__name="Leie Biologics"
    )


def run(*args: str) -> str:
    out = StringIO()
    call_command("retention", "--rule", "webhooks.deliveries", *args, stdout=out)
    return out.getvalue()


def test_deliveries_go_30_days_after_they_were_sent_and_pending_ones_stay(endpoint):
    old, pending, young = sent(endpoint), sent(endpoint), None
    WebhookDelivery.objects.filter(pk=pending.pk).update(status=DeliveryStatus.PENDING)
    with time_machine.travel(timezone.now() + timedelta(days=10), tick=False):
        young = sent(endpoint)
    day_30 = old.created_at + timedelta(days=30)

    with time_machine.travel(day_30 - timedelta(seconds=1), tick=False):
        assert "0 due, 0 deleted" in run()
    assert WebhookDelivery.objects.count() == 3

    with time_machine.travel(day_30, tick=False):
        assert "1 due, 1 deleted" in run()
    assert set(WebhookDelivery.objects.values_list("pk", flat=True)) == {pending.pk, young.pk}

    with time_machine.travel(young.created_at + timedelta(days=30), tick=False):
        assert "1 due, 1 deleted" in run()
    assert list(WebhookDelivery.objects.values_list("pk", flat=True)) == [pending.pk]


def test_the_dry_run_changes_nothing(endpoint):
    sent(endpoint)
    with time_machine.travel(timezone.now() + timedelta(days=31), tick=False):
        assert "1 due, would be deleted" in run("--dry-run")
    assert WebhookDelivery.objects.count() == 1


def test_the_period_is_a_setting(endpoint, settings):
    settings.WEBHOOK_DELIVERY_RETENTION_DAYS = 7
    sent(endpoint)
    rule = retention.rule("webhooks.deliveries")
    assert "7 days" in rule.period()
    with time_machine.travel(timezone.now() + timedelta(days=8), tick=False):
        assert "1 due, 1 deleted" in run()
    assert not WebhookDelivery.objects.exists()


def test_staff_see_the_deliveries_that_go_within_30_days(endpoint):
    sent(endpoint)
    staff = Client()
    staff.force_login(UserFactory(is_staff=True))
    html = staff.get(reverse("staff:retention")).content.decode()
    assert "Webhook delivery log" in html
    assert "“application.received” sent to https://hooks.example.com/portal (Leie Biologics)" in (
        html.replace("&ldquo;", "“").replace("&rdquo;", "”")
    )


def test_the_person_sees_the_log_about_them_and_until_when(endpoint):
    person = UserFactory()
    first = sent(endpoint, about=person)
    sent(endpoint, about=person)
    sent(endpoint)  # about nobody in particular

    client = APIClient()
    client.force_authenticate(person)
    holdings = client.get(reverse("me-privacy")).json()["holdings"]
    [log] = [h for h in holdings if h["kind"] == "webhook_deliveries"]
    assert log["holder"] == "Leie Biologics"
    assert log["label"] == "The log of 2 messages about you sent to its systems by webhook"
    assert datetime.fromisoformat(log["until"]) == first.created_at + timedelta(days=30)

    export = client.get(reverse("me-export")).json()
    assert len(export["webhook_deliveries"]) == 2
    assert export["webhook_deliveries"][0]["organization"] == "Leie Biologics"
    assert export["webhook_deliveries"][0]["payload"]["data"] == {
        "applicant": {"email": person.email}
    }

    page = Client()
    page.force_login(person)
    html = page.get(reverse("privacy:overview")).content.decode()
    assert "The log of 2 messages about you sent to its systems by webhook" in html
