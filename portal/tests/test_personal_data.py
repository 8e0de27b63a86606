"""The GDPR export and erasure, composed from every app's registered part."""

import pytest
from rest_framework.test import APIClient

from apps.accounts.models import ErasedAccount
from apps.accounts.services import account_erase
from apps.accounts.tests.factories import UserFactory
from apps.core import personal_data
from apps.core.models import AuditEntry
from apps.events.models import Registration
from apps.events.services import registration_create
from apps.events.tests.factories import EventFactory
from apps.notifications.models import Notification
from apps.privacy.models import Consent
from apps.talent.tests.factories import CVFactory
from apps.vacancies.alerts import job_alert_create
from apps.vacancies.models import Application, JobAlert
from apps.vacancies.services import application_create, vacancy_approve
from apps.vacancies.tests.factories import VacancyFactory, published_vacancy

pytestmark = pytest.mark.django_db


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_every_app_that_holds_personal_data_registers_its_part():
    apps = {part.app for part in personal_data.parts()}
    assert apps >= {
        "core",
        "organizations",
        "talent",
        "vacancies",
        "events",
        "notifications",
        "jobfair",
        "invitations",
        "privacy",
    }
    erasers = {part.app for part in personal_data.parts() if part.erase}
    assert erasers >= {"core", "talent", "vacancies", "events"}
    holders = {part.app for part in personal_data.parts() if part.holdings}
    assert holders >= {
        "privacy",
        "talent",
        "vacancies",
        "events",
        "notifications",
        "jobfair",
        "webhooks",
    }


def test_export_includes_applications_registrations_alerts_and_notifications():
    cv = CVFactory()
    seeker = cv.profile.user
    vacancy = published_vacancy(title="Process engineer")
    application_create(applicant=seeker, vacancy=vacancy, cv=cv, cover_letter="Hello")
    registration_create(user=seeker, event=EventFactory(title="BioBizz Cafe Ghent"))
    job_alert_create(user=seeker, filters={"q": "antibody"}, frequency="weekly")
    data = client_for(seeker).get("/api/v1/me/export/").json()
    assert data["applications"][0]["vacancy"] == "Process engineer"
    assert data["applications"][0]["cover_letter"] == "Hello"
    assert data["event_registrations"][0]["event"] == "BioBizz Cafe Ghent"
    assert data["job_alerts"][0]["filters"] == {"q": "antibody"}
    assert any("BioBizz Cafe Ghent" in n["subject"] for n in data["notifications"])
    assert data["notification_settings"]["job_alert"] is True


def test_erasure_runs_every_app_part_and_leaves_nothing_of_the_person(
    django_capture_on_commit_callbacks,
):
    cv = CVFactory()
    seeker = cv.profile.user
    application_create(applicant=seeker, vacancy=published_vacancy(), cv=cv)
    job_alert_create(user=seeker, filters={"q": "antibody"}, frequency="daily")
    registration_create(user=seeker, event=EventFactory())
    staff_member = UserFactory(is_staff=True, email="moderator@example.org")
    vacancy_approve(actor=staff_member, vacancy=VacancyFactory(pending=True))
    seeker_id = seeker.pk
    with django_capture_on_commit_callbacks(execute=True):
        account_erase(user=seeker)
        account_erase(user=staff_member)
    assert not Application.objects.filter(applicant_id=seeker_id).exists()
    assert not Registration.objects.filter(user_id=seeker_id).exists()
    assert not JobAlert.objects.filter(user_id=seeker_id).exists()
    assert not Notification.objects.filter(recipient_id=seeker_id).exists()
    assert not Consent.objects.filter(user_id=seeker_id).exists()
    # The application and the registration stay for the figures, without the person.
    [application] = Application.objects.all()
    assert application.cv_id is None and application.cover_letter == ""
    assert Registration.objects.get().status == "cancelled"
    assert ErasedAccount.objects.count() == 2
    entry = AuditEntry.objects.get(action="vacancy.approve")
    assert entry.actor_id is None and entry.actor_email == "(erased account)"
