"""Retention composed from every app: the command, the daily task, the staff page, and the
export's dates."""

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from celery import current_app as celery_app
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from apps.accounts.models import User
from apps.accounts.tests.factories import UserFactory
from apps.core import retention
from apps.events.models import Registration
from apps.events.tests.factories import EventFactory, RegistrationFactory
from apps.notifications.models import Notification
from apps.notifications.tests.factories import NotificationFactory
from apps.organizations.tests.factories import MembershipFactory
from apps.talent.models import CVAccess
from apps.talent.tests.factories import CVFactory
from apps.vacancies.models import Application
from apps.vacancies.services import application_create, vacancy_close
from apps.vacancies.tests.factories import cv_for, published_vacancy
from apps.webhooks.models import DeliveryStatus, WebhookDelivery
from apps.webhooks.tests.factories import WebhookEndpointFactory

pytestmark = pytest.mark.django_db

RULES = {
    "privacy.unused_accounts",
    "vacancies.applications",
    "events.registrations",
    "talent.cv_downloads",
    "notifications.notices",
    "jobfair.meetings",
    "webhooks.deliveries",
}
THREE_YEARS = timedelta(days=3 * 366)


def test_every_app_that_keeps_personal_data_registers_its_rule():
    assert {rule.name for rule in retention.rules()} == RULES
    for rule in retention.rules():
        assert rule.period()


@pytest.fixture
def one_of_each():
    """Something for every rule to take, three years from now."""
    member = MembershipFactory(organization__verified=True).user
    vacancy = published_vacancy(organization=member.memberships.get().organization)
    WebhookEndpointFactory(organization=vacancy.organization, events=["application.received"])
    applicant = UserFactory()
    application_create(applicant=applicant, vacancy=vacancy, cv=cv_for(applicant))
    WebhookDelivery.objects.update(status=DeliveryStatus.SUCCEEDED)
    vacancy_close(actor=member, vacancy=vacancy)
    RegistrationFactory(event=EventFactory(starts_at=timezone.now() + timedelta(days=1)))
    CVAccess.objects.create(cv=CVFactory(), reason="talent_pool")
    NotificationFactory()
    return member


def snapshot() -> tuple:
    return (
        User.objects.count(),
        Application.objects.filter(applicant__isnull=False).count(),
        Registration.objects.filter(user__isnull=False).count(),
        CVAccess.objects.count(),
        Notification.objects.count(),
        WebhookDelivery.objects.count(),
    )


def test_the_dry_run_prints_what_is_due_and_changes_nothing(one_of_each):
    before = snapshot()
    out = StringIO()
    with time_machine.travel(timezone.now() + THREE_YEARS, tick=False):
        call_command("retention", "--dry-run", stdout=out)
    assert snapshot() == before
    text = out.getvalue()
    assert "dry run: nothing is changed" in text
    for name in RULES:
        assert f"({name})" in text
    assert "1 due, would be anonymised" in text
    assert "1 due, would be deleted" in text
    assert "would be warned by email" in text


def test_the_command_applies_every_rule_and_a_second_run_finds_nothing(one_of_each):
    later = timezone.now() + THREE_YEARS
    out = StringIO()
    with time_machine.travel(later, tick=False):
        call_command("retention", stdout=out)
    text = out.getvalue()
    assert "1 anonymised" in text and "1 deleted" in text and "warned by email" in text
    assert Application.objects.filter(applicant__isnull=False).count() == 0
    assert Registration.objects.filter(user__isnull=False).count() == 0
    assert CVAccess.objects.count() == 0
    assert not Notification.objects.exclude(kind="account_inactive").exists()
    assert not WebhookDelivery.objects.exists()
    again = StringIO()
    with time_machine.travel(later, tick=False):
        call_command("retention", "--rule", "vacancies.applications", stdout=again)
    assert "0 due, 0 anonymised" in again.getvalue()


def test_the_command_refuses_an_unknown_rule_and_a_bad_limit():
    with pytest.raises(CommandError, match="no-such-rule"):
        call_command("retention", "--rule", "no-such-rule")
    with pytest.raises(CommandError):
        call_command("retention", "--limit", "0")


def test_the_limit_leaves_the_rest_for_the_next_run():
    for _ in range(3):
        NotificationFactory(created_at=timezone.now() - timedelta(days=800))
    out = StringIO()
    call_command("retention", "--rule", "notifications.notices", "--limit", "2", stdout=out)
    assert "3 due, 2 deleted, 1 left for the next run" in out.getvalue()
    assert Notification.objects.count() == 1


def test_a_beat_task_applies_the_rules_every_day(one_of_each):
    celery_app.loader.import_default_modules()
    [entry] = [
        e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"] == "core.apply_retention"
    ]
    assert entry["schedule"].hour == {2}
    assert celery_app.tasks["core.apply_retention_rule"].acks_late is True
    with time_machine.travel(timezone.now() + THREE_YEARS, tick=False):
        names = celery_app.tasks["core.apply_retention"].delay().get()
    assert set(names) == RULES
    assert Application.objects.filter(applicant__isnull=False).count() == 0
    assert CVAccess.objects.count() == 0


def test_staff_see_what_goes_in_the_next_30_days(one_of_each):
    staff = UserFactory(is_staff=True)
    browser = Client()
    with time_machine.travel(timezone.now() + THREE_YEARS, tick=False):
        browser.force_login(staff)
        page = browser.get("/staff/retention/")
    assert page.status_code == 200
    html = page.content.decode()
    for label in ("Applications", "Event registrations and check-ins", "CV download log"):
        assert label in html
    assert "due now" in html
    browser.force_login(staff)
    assert "/staff/retention/" in browser.get("/staff/").content.decode()

    member = Client()
    member.force_login(one_of_each)
    assert member.get("/staff/retention/").status_code == 403
    assert Client().get("/staff/retention/").status_code == 302


def test_the_export_gives_each_item_its_holder_and_date():
    member = MembershipFactory(organization__verified=True, organization__name="Leie Biologics")
    vacancy = published_vacancy(organization=member.organization, title="Process engineer")
    seeker = UserFactory()
    application_create(applicant=seeker, vacancy=vacancy, cv=cv_for(seeker), talent_pool=True)
    client = APIClient()
    client.force_authenticate(seeker)
    data = client.get("/api/v1/me/export/").json()
    kinds = {item["kind"]: item for item in data["retention"]}
    assert kinds["application"]["holder"] == "Leie Biologics"
    assert kinds["application"]["until"]
    assert kinds["account"]["until"]
    assert {consent["purpose"] for consent in data["consents"]} == {"application", "talent_pool"}
    privacy = client.get("/api/v1/me/privacy/").json()
    assert [h["label"] for h in privacy["holdings"]] == [i["label"] for i in data["retention"]]
