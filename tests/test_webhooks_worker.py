"""Signed webhooks delivered end to end by a real Celery worker to a real receiver.

The receiver listens on 127.0.0.1 and checks each signature with the recipe the README gives
receivers. It answers 500 twice, then 200: the worker (a subprocess on the test database and
the real Redis) retries on the schedule until it gets through, and logs every attempt.
"""

import time

import pytest
from django.db import transaction
from rest_framework.test import APIClient

from apps.accounts.tests.factories import UserFactory
from apps.organizations.tests.factories import MembershipFactory
from apps.vacancies import services as vacancy_services
from apps.vacancies.tests.factories import VacancyFactory, cv_for
from apps.vacancies.tests.test_alerts_worker import worker  # noqa: F401  (the fixture)
from apps.webhooks.models import DeliveryStatus, WebhookDelivery
from apps.webhooks.tests.receiver import Receiver, start_receiver

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]
DEADLINE_SECONDS = 60


@pytest.fixture
def webhook_settings(settings, monkeypatch):
    """The test process and the worker both deliver to 127.0.0.1, retrying after 1 s."""
    for name, value in {
        "WEBHOOK_ALLOW_LOOPBACK": "true",
        "WEBHOOK_REQUIRE_HTTPS": "false",
        "WEBHOOK_RETRY_SCHEDULE": "1,1,1",
        # Inside the worker, a retry is a message with a countdown, as in production.
        "CELERY_TASK_ALWAYS_EAGER": "false",
    }.items():
        monkeypatch.setenv(name, value)
    settings.WEBHOOK_ALLOW_LOOPBACK = True
    settings.WEBHOOK_REQUIRE_HTTPS = False
    settings.WEBHOOK_RETRY_SCHEDULE = [1, 1, 1]


@pytest.fixture
def receiver():
    receiver = Receiver(script=[500, 500], then=200)
    server = start_receiver(receiver)
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def delivering_worker(webhook_settings, worker):  # noqa: F811  (the imported fixture)
    return worker


def wait_until(condition, log) -> None:
    deadline = time.monotonic() + DEADLINE_SECONDS
    while not condition():
        assert time.monotonic() < deadline, log.read_text()
        time.sleep(0.2)


def test_a_real_worker_delivers_signed_events_and_retries_after_a_500(receiver, delivering_worker):
    vacancy = VacancyFactory(pending=True, title="Downstream process scientist")
    owner = MembershipFactory(organization=vacancy.organization, role="owner").user
    client = APIClient()
    client.force_authenticate(owner)
    response = client.post(
        f"/api/v1/organizations/{vacancy.organization.slug}/webhooks/",
        {"url": receiver.url, "events": ["vacancy.published", "application.received"]},
        format="json",
    )
    assert response.status_code == 201, response.json()
    receiver.secret = response.json()["secret"]

    with transaction.atomic():  # a real commit: its on-commit hook enqueues over Redis
        vacancy = vacancy_services.vacancy_approve(
            actor=UserFactory(is_staff=True), vacancy=vacancy
        )

    log = delivering_worker["log"]
    wait_until(lambda: any(r.answered == 200 for r in receiver.received), log)
    published = WebhookDelivery.objects.get(event_type="vacancy.published")
    wait_until(
        lambda: WebhookDelivery.objects.get(pk=published.pk).status == DeliveryStatus.SUCCEEDED,
        log,
    )
    # Three attempts, each signed, with one webhook-id; the third got through.
    assert [r.answered for r in receiver.received] == [500, 500, 200]
    assert all(r.verified for r in receiver.received)
    assert {r.headers["webhook-id"] for r in receiver.received} == {published.message_id}
    timestamps = [int(r.headers["webhook-timestamp"]) for r in receiver.received]
    assert timestamps == sorted(timestamps) and timestamps[-1] - timestamps[0] >= 2
    payload = receiver.received[-1].payload
    assert payload["type"] == "vacancy.published"
    assert payload["data"]["slug"] == vacancy.slug
    assert payload["data"]["status"] == "published"
    published.refresh_from_db()
    assert (published.attempts, published.response_status) == (3, 200)
    assert published.duration_ms is not None
    assert "Task webhooks.deliver[" in log.read_text()

    # An application: delivered at once now that the receiver answers 200.
    applicant = UserFactory()
    with transaction.atomic():
        application = vacancy_services.application_create(
            applicant=applicant, vacancy=vacancy, cv=cv_for(applicant), cover_letter="Hello"
        )
    wait_until(lambda: len(receiver.verified_payloads()) == 4, log)
    received = receiver.verified_payloads()[-1]
    assert received["type"] == "application.received"
    assert received["data"]["id"] == str(application.pk)
    # Never twice: give a redelivered message time to show up, then count again.
    time.sleep(1.5)
    assert len(receiver.received) == 4
    assert WebhookDelivery.objects.filter(status=DeliveryStatus.SUCCEEDED).count() == 2
