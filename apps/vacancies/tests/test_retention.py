"""Applications go 12 months after their vacancy ends, unless the applicant stays in the
organization's talent pool: the clock is moved forward with time-machine."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from apps.core import retention
from apps.organizations.tests.factories import MembershipFactory
from apps.privacy.models import Consent
from apps.vacancies import selectors, services
from apps.vacancies.models import Application, ApplicationStatusChange, VacancyStatus
from apps.vacancies.tests.factories import cv_for, published_vacancy

pytestmark = pytest.mark.django_db

PUBLISHED = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
APPLIED = PUBLISHED + timedelta(days=1)
CLOSED = PUBLISHED + timedelta(days=10)
GOES = retention.goes_at(start=CLOSED, months=12)


def at(moment: datetime):
    return time_machine.travel(moment, tick=False)


def run(moment: datetime, **kwargs):
    with at(moment):
        [step] = services.applications_apply_retention(now=timezone.now(), **kwargs)
    return step.due, step.done


@pytest.fixture
def member():
    return MembershipFactory(organization__verified=True, organization__name="Leie Biologics").user


@pytest.fixture
def vacancy(member):
    with at(PUBLISHED):
        return published_vacancy(
            organization=member.memberships.get().organization, title="Process engineer"
        )


def apply(vacancy, user=None, *, talent_pool=False, moment=APPLIED) -> Application:
    from apps.accounts.tests.factories import UserFactory

    user = user or UserFactory()
    with at(moment):
        return services.application_create(
            applicant=user,
            vacancy=vacancy,
            cv=cv_for(user),
            cover_letter="Dear team",
            talent_pool=talent_pool,
        )


def close(vacancy, member):
    with at(CLOSED):
        services.vacancy_close(actor=member, vacancy=vacancy)


def test_applications_go_12_months_after_the_vacancy_closes(vacancy, member):
    application = apply(vacancy)
    close(vacancy, member)
    vacancy.refresh_from_db()
    assert vacancy.closed_at == CLOSED and vacancy.status == VacancyStatus.CLOSED

    assert run(GOES - timedelta(seconds=1)) == (0, 0)
    application.refresh_from_db()
    assert application.applicant_id is not None and application.cover_letter == "Dear team"

    assert run(GOES) == (1, 1)
    application.refresh_from_db()
    assert application.applicant_id is None
    assert application.cv_id is None and application.cover_letter == ""
    assert application.anonymised_at == GOES
    # The person's consents about it go with it; the record of the workflow loses the person.
    assert not Consent.objects.exists()
    assert not ApplicationStatusChange.objects.filter(actor__isnull=False).exists()
    # Still counted, no longer listed.
    assert vacancy.applications.count() == 1
    assert not selectors.applications_for_vacancy(vacancy=vacancy).exists()
    assert run(GOES + timedelta(days=1)) == (0, 0)


def test_an_expired_vacancy_counts_from_its_expiry_date(vacancy):
    application = apply(vacancy)
    goes = retention.goes_at(start=vacancy.expires_at, months=12)
    assert run(goes - timedelta(minutes=1)) == (0, 0)
    assert run(goes) == (1, 1)
    application.refresh_from_db()
    assert application.applicant_id is None


def test_applications_to_a_vacancy_still_open_stay(vacancy):
    apply(vacancy)
    assert run(APPLIED + timedelta(days=40)) == (0, 0)
    assert Application.objects.filter(applicant__isnull=False).count() == 1


def test_the_talent_pool_keeps_an_application_until_the_consent_runs_out(vacancy, member):
    application = apply(vacancy)
    close(vacancy, member)
    # Rejected eleven months after the vacancy closed, the applicant asks to stay in the
    # organization's pool: for 12 months from then, beyond the application's own date.
    asked = CLOSED + timedelta(days=330)
    with at(asked):
        services.application_talent_pool_join(actor=application.applicant, application=application)
    application.refresh_from_db()
    pool_ends = retention.goes_at(start=asked, months=12)
    assert application.talent_pool_consent.expires_at == pool_ends
    assert selectors.application_goes_at(application, now=asked) == pool_ends

    assert run(GOES) == (0, 0)
    assert run(pool_ends - timedelta(seconds=1)) == (0, 0)
    application.refresh_from_db()
    assert application.applicant_id is not None
    assert run(pool_ends) == (1, 1)
    application.refresh_from_db()
    assert application.applicant_id is None


@override_settings(RETENTION_APPLICATIONS_MONTHS=3)
def test_the_period_is_a_setting_and_the_pool_chosen_when_applying_outlasts_it(vacancy, member):
    kept = apply(vacancy, talent_pool=True)
    gone = apply(vacancy)
    close(vacancy, member)
    three_months = retention.goes_at(start=CLOSED, months=3)
    assert run(three_months) == (1, 1)
    kept.refresh_from_db()
    gone.refresh_from_db()
    assert gone.applicant_id is None
    assert kept.applicant_id is not None
    assert run(retention.goes_at(start=APPLIED, months=12)) == (1, 1)


def test_the_dry_run_changes_nothing(vacancy, member):
    application = apply(vacancy)
    close(vacancy, member)
    assert run(GOES, dry_run=True) == (1, 0)
    with at(GOES):
        call_command("retention", "--dry-run", "--rule", "vacancies.applications", verbosity=0)
    application.refresh_from_db()
    assert application.applicant_id is not None and application.cv_id is not None


def test_erasing_the_applicant_keeps_the_application_counted(vacancy):
    from apps.accounts.services import account_erase

    application = apply(vacancy)
    account_erase(user=application.applicant)
    application.refresh_from_db()
    assert application.applicant_id is None and application.cv_id is None
    assert vacancy.applications.count() == 1


def test_the_staff_outlook_lists_applications_going_within_30_days(vacancy, member):
    apply(vacancy)
    close(vacancy, member)
    with at(GOES - timedelta(days=31)):
        now = timezone.now()
        early = services.applications_upcoming(now=now, until=now + timedelta(days=30), limit=10)
    assert early.count == 0
    with at(GOES - timedelta(days=29)):
        now = timezone.now()
        soon = services.applications_upcoming(now=now, until=now + timedelta(days=30), limit=10)
    assert soon.count == 1
    [item] = soon.items
    assert item.goes_at == GOES
    assert "Process engineer" in item.label and "Leie Biologics" in item.label
