"""With Redis gone (the cache and the broker), the portal keeps answering.

The test points the cache and the Celery broker at a port where nothing listens, as a
Redis outage looks to the portal. Reads work, the web sign-in and the API token work, an
application and an event registration succeed, and their notices wait as pending rows.
Once Redis is back, a real worker on the real broker delivers each notice exactly once.
"""

import logging
import os
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from apps.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from apps.events.models import EventNotice, Registration
from apps.events.tests.factories import EventFactory
from apps.notifications.models import DeliveryStatus, Notification
from apps.notifications.tasks import requeue_pending
from apps.organizations.tests.factories import MembershipFactory
from apps.vacancies.models import Application, VacancyNotice
from apps.vacancies.tests.factories import VacancyFactory, cv_for
from portal.celery import app as celery_app
from portal.settings import base
from tests.worker import celery_worker, sent_messages, wait_for

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

NOTHING_LISTENS = "redis://127.0.0.1:1/0"


@pytest.fixture
def world():
    owner = MembershipFactory(role="owner", organization__verified=True)
    vacancy = VacancyFactory(
        published=True, organization=owner.organization, title="Protein engineer"
    )
    event = EventFactory(capacity=20, title="BioBizz Cafe Ghent")
    seeker = UserFactory(email="seeker@example.org")
    return {
        "owner": owner.user,
        "vacancy": vacancy,
        "event": event,
        "seeker": seeker,
        "cv": cv_for(seeker),
    }


def reset_broker_connections() -> None:
    """Publish through connections to whatever the broker URL now says."""
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def redis_down(settings, monkeypatch):
    if not os.environ.get("REDIS_URL", "").startswith("redis://"):
        pytest.skip("needs REDIS_URL")
    # The sign-in lockout counts in the cache too: run with it on, as in production.
    settings.ACCOUNT_RATE_LIMITS = base.ACCOUNT_RATE_LIMITS
    real_cache = settings.CACHES
    settings.CACHES = {"default": {**real_cache["default"], "LOCATION": NOTHING_LISTENS}}
    real_broker = (celery_app.conf.broker_url, celery_app.conf.task_always_eager)
    # Celery reads CELERY_BROKER_URL from the environment before its own setting.
    monkeypatch.setenv("CELERY_BROKER_URL", NOTHING_LISTENS)
    celery_app.conf.broker_url, celery_app.conf.task_always_eager = NOTHING_LISTENS, False
    settings.CELERY_TASK_ALWAYS_EAGER = False  # what the health check reads
    reset_broker_connections()

    def back() -> None:
        monkeypatch.undo()
        celery_app.conf.broker_url, celery_app.conf.task_always_eager = real_broker
        settings.CACHES = real_cache
        reset_broker_connections()

    yield back
    back()


def test_reads_sign_in_and_writes_go_on_and_the_notices_follow_once_redis_is_back(
    world, redis_down, tmp_path, caplog
):
    caplog.set_level(logging.WARNING)
    vacancy, event, seeker = world["vacancy"], world["event"], world["seeker"]
    assert cache.get("anything", "missed") == "missed"  # the cache really is unreachable

    # Reads: pages and the API.
    browser = Client()
    for path in (
        reverse("home"),
        reverse("vacancies:detail", kwargs={"slug": vacancy.slug}),
        reverse("vacancies:list"),
        reverse("events:list"),
    ):
        assert browser.get(path).status_code == 200, path
    anonymous = APIClient()
    for path in ("/api/v1/vacancies/", "/api/v1/organizations/", f"/api/v1/events/{event.slug}/"):
        assert anonymous.get(path).status_code == 200, path
    health = browser.get("/healthz")
    assert health.status_code == 503
    assert sorted(health.json()["failing"]) == ["broker", "cache"]

    # The web sign-in and the API token.
    signed_in = browser.post(
        reverse("account_login"), {"login": seeker.email, "password": DEFAULT_PASSWORD}
    )
    assert signed_in.status_code == 302
    assert browser.get(reverse("dashboard")).status_code == 200
    token = anonymous.post(
        "/api/v1/auth/token/", {"email": seeker.email, "password": DEFAULT_PASSWORD}
    )
    assert token.status_code == 200
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.json()['token']}")

    # Writes: an application and an event registration.
    applied = api.post(
        f"/api/v1/vacancies/{vacancy.slug}/applications/",
        {"cv": str(world["cv"].pk), "cover_letter": "I engineer binders."},
        format="json",
    )
    assert applied.status_code == 201, applied.content
    registered = api.post(f"/api/v1/events/{event.slug}/registrations/")
    assert registered.status_code == 201, registered.content
    assert registered.json()["status"] == "confirmed"
    assert Application.objects.filter(applicant=seeker, vacancy=vacancy).exists()
    assert Registration.objects.filter(user=seeker, event=event).exists()

    # Their notices wait; the outage was logged, not raised.
    notices = list(Notification.objects.order_by("created_at"))
    assert {(n.kind, n.recipient) for n in notices} == {
        (VacancyNotice.APPLICATION_RECEIVED, world["owner"]),
        (EventNotice.REGISTRATION_CONFIRMED, seeker),
    }
    assert all(n.status == DeliveryStatus.PENDING and n.attempts == 0 for n in notices)
    logged = " ".join(record.getMessage() for record in caplog.records)
    assert "Cache unreachable" in logged and "Broker unreachable" in logged

    # Redis is back: the periodic requeue, run by a real worker, sends each notice once.
    redis_down()
    assert cache.get("anything", "missed") == "missed"  # answered by Redis, not a failure
    Notification.objects.update(created_at=timezone.now() - timedelta(minutes=30))
    with celery_worker(tmp_path) as worker:
        requeue_pending.delay()

        def all_sent() -> bool:
            return not Notification.objects.exclude(status=DeliveryStatus.SENT).exists()

        wait_for(all_sent, log=worker["log"])
        messages = sent_messages(worker["mail_dir"])
    recipients = sorted(str(message["To"]).strip() for message in messages)
    assert recipients == sorted([world["owner"].email, seeker.email])
    assert all(n.attempts == 1 for n in Notification.objects.all())
