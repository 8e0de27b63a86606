"""The job board's notices: applications, moderation, expiry; each sent once, only when due."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from apps.accounts.tests.factories import UserFactory
from apps.core.exceptions import ActionForbidden, ConflictError, ServiceError
from apps.notifications.models import Notification
from apps.notifications.tests.helpers import SITE_URL, assert_emailed, recipients
from apps.organizations import services as organization_services
from apps.organizations.models import OrganizationNotice
from apps.organizations.tests.factories import MembershipFactory, OrganizationFactory
from apps.vacancies import services as vacancy_services
from apps.vacancies import tasks as vacancy_tasks
from apps.vacancies.models import Application, Vacancy, VacancyNotice, VacancyStatus
from apps.vacancies.tests.factories import (
    ApplicationFactory,
    VacancyFactory,
    cv_for,
    published_vacancy,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site_url(settings):
    # A distinctive SITE_URL proves the links are built from the setting.
    settings.SITE_URL = SITE_URL


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed():` runs the on-commit enqueue, so the (eager) send happens."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def organization():
    return OrganizationFactory(verified=True, name="Leie Biologics")


@pytest.fixture
def owner(organization):
    return MembershipFactory(organization=organization, role="owner").user


@pytest.fixture
def recruiter(organization):
    return MembershipFactory(organization=organization, role="recruiter").user


@pytest.fixture
def staff():
    return UserFactory(is_staff=True)


class TestApplications:
    def test_received_goes_to_every_member_and_only_on_a_real_application(
        self, committed, organization, owner, recruiter
    ):
        applicant = UserFactory()
        cv = cv_for(applicant)
        draft = VacancyFactory(organization=organization)
        vacancy = published_vacancy(organization=organization, title="Antibody engineer")
        with committed():
            with pytest.raises(ActionForbidden):
                vacancy_services.application_create(applicant=applicant, vacancy=draft, cv=cv)
            with pytest.raises(ActionForbidden):  # a member cannot apply to their own vacancy
                vacancy_services.application_create(
                    applicant=recruiter, vacancy=vacancy, cv=cv_for(recruiter)
                )
        assert not Notification.objects.exists()

        with committed():
            vacancy_services.application_create(applicant=applicant, vacancy=vacancy, cv=cv)
        assert recipients(VacancyNotice.APPLICATION_RECEIVED) == sorted(
            [owner.email, recruiter.email]
        )
        assert_emailed(
            VacancyNotice.APPLICATION_RECEIVED,
            reverse("vacancies:applications", kwargs={"slug": vacancy.slug}),
        )
        assert all("Antibody engineer" in m.subject for m in mail.outbox)

        with committed(), pytest.raises(ConflictError):
            vacancy_services.application_create(applicant=applicant, vacancy=vacancy, cv=cv)
        assert Notification.objects.count() == 2
        assert len(mail.outbox) == 2

    def test_status_change_goes_to_the_applicant_only_when_a_member_moves_it(
        self, committed, organization, owner, recruiter
    ):
        vacancy = published_vacancy(organization=organization)
        application = ApplicationFactory(vacancy=vacancy)
        withdrawn = ApplicationFactory(vacancy=vacancy)
        outsider = UserFactory()
        with committed():
            with pytest.raises(ActionForbidden):
                vacancy_services.application_change_status(
                    actor=outsider, application=application, status="in_review"
                )
            with pytest.raises(ConflictError):  # submitted cannot jump to hired
                vacancy_services.application_change_status(
                    actor=recruiter, application=application, status="hired"
                )
            with pytest.raises(ServiceError):
                vacancy_services.application_change_status(
                    actor=recruiter, application=application, status="promoted"
                )
            # The applicant's own withdrawal is not news to them.
            vacancy_services.application_withdraw(actor=withdrawn.applicant, application=withdrawn)
        assert not Notification.objects.exists()

        with committed():
            vacancy_services.application_change_status(
                actor=recruiter, application=application, status="shortlisted"
            )
        assert recipients(VacancyNotice.APPLICATION_STATUS) == [application.applicant.email]
        assert_emailed(VacancyNotice.APPLICATION_STATUS, reverse("vacancies:my_applications"))
        assert "Shortlisted" in mail.outbox[0].subject

        with committed():
            vacancy_services.application_change_status(
                actor=owner, application=application, status="hired"
            )
        assert Notification.objects.filter(kind=VacancyNotice.APPLICATION_STATUS).count() == 2
        assert len(mail.outbox) == 2
        assert Application.objects.get(pk=application.pk).status == "hired"


FIELDS = {
    "title": "Research associate antibody discovery",
    "description": "<p>Phage display and <strong>ELISA</strong>.</p>",
    "city": "Ghent",
    "workplace": "hybrid",
    "contract": "permanent",
    "experience": "junior",
    "discipline": "immunology",
}


class TestVacancyModeration:
    def test_approved_goes_to_the_organization_only_when_staff_publish(
        self, committed, organization, owner, recruiter, staff
    ):
        with committed():
            draft = vacancy_services.vacancy_create(
                actor=recruiter, organization=organization, submit=False, **FIELDS
            )
            with pytest.raises(ConflictError):  # a draft is not up for review
                vacancy_services.vacancy_approve(actor=staff, vacancy=draft)
            vacancy_services.vacancy_submit(actor=recruiter, vacancy=draft)
            with pytest.raises(ActionForbidden):
                vacancy_services.vacancy_approve(actor=owner, vacancy=draft)
        assert not Notification.objects.exists()

        with committed():
            vacancy_services.vacancy_approve(actor=staff, vacancy=draft)
        vacancy = Vacancy.objects.get(pk=draft.pk)
        assert vacancy.status == VacancyStatus.PUBLISHED
        assert recipients(VacancyNotice.VACANCY_APPROVED) == sorted([owner.email, recruiter.email])
        assert_emailed(VacancyNotice.VACANCY_APPROVED, vacancy.get_absolute_url())
        assert set(Notification.objects.values_list("kind", flat=True)) == {
            VacancyNotice.VACANCY_APPROVED
        }

        with committed(), pytest.raises(ConflictError):
            vacancy_services.vacancy_approve(actor=staff, vacancy=vacancy)
        assert Notification.objects.count() == 2

    def test_rejected_goes_to_the_organization_with_the_reason(
        self, committed, organization, owner, recruiter, staff
    ):
        pending = VacancyFactory(organization=organization, pending=True, title="Lab manager")
        with committed():
            with pytest.raises(ServiceError):
                vacancy_services.vacancy_reject(actor=staff, vacancy=pending, reason="  ")
            with pytest.raises(ActionForbidden):
                vacancy_services.vacancy_reject(actor=owner, vacancy=pending, reason="No.")
        assert not Notification.objects.exists()

        with committed():
            vacancy_services.vacancy_reject(
                actor=staff, vacancy=pending, reason="Add a salary range."
            )
        assert recipients(VacancyNotice.VACANCY_REJECTED) == sorted([owner.email, recruiter.email])
        assert_emailed(VacancyNotice.VACANCY_REJECTED, pending.get_absolute_url())
        assert all("Add a salary range." in m.body for m in mail.outbox)
        assert not Notification.objects.exclude(kind=VacancyNotice.VACANCY_REJECTED).exists()

    def test_expiring_warning_is_sent_once_and_only_for_live_vacancies_due_within_7_days(
        self, committed, organization, owner, recruiter
    ):
        now = timezone.now()
        soon = published_vacancy(organization=organization, title="Expires soon")
        Vacancy.objects.filter(pk=soon.pk).update(expires_at=now + timedelta(days=3))
        published_vacancy(organization=organization, title="Runs a while")  # 60 days left
        gone = published_vacancy(organization=organization, title="Already expired")
        Vacancy.objects.filter(pk=gone.pk).update(expires_at=now - timedelta(hours=1))
        closed = published_vacancy(organization=organization, status="closed", title="Closed")
        Vacancy.objects.filter(pk=closed.pk).update(expires_at=now + timedelta(days=2))
        draft = VacancyFactory(organization=organization, title="Draft")
        Vacancy.objects.filter(pk=draft.pk).update(expires_at=now + timedelta(days=2))

        with committed():
            assert vacancy_services.vacancies_notify_expiring() == 2
        with committed():
            assert vacancy_services.vacancies_notify_expiring() == 0
            assert vacancy_tasks.notify_expiring.apply().get() == 0

        assert recipients(VacancyNotice.VACANCY_EXPIRING) == sorted([owner.email, recruiter.email])
        assert {n.subject for n in Notification.objects.all()} == {"Expires soon: Expires soon"}
        soon.refresh_from_db()
        assert_emailed(VacancyNotice.VACANCY_EXPIRING, soon.get_absolute_url())
        assert len(mail.outbox) == 2


class TestEmailTurnedOff:
    def test_a_deactivated_user_gets_nothing(self, committed, organization, owner):
        gone = MembershipFactory(organization=organization, role="recruiter").user
        gone.is_active = False
        gone.save(update_fields=["is_active"])
        with committed():
            organization_services.membership_request_create(
                user=UserFactory(), organization=organization
            )
        assert recipients(OrganizationNotice.MEMBERSHIP_REQUEST) == [owner.email]
        applicant = UserFactory()
        with committed():
            vacancy_services.application_create(
                applicant=applicant,
                vacancy=published_vacancy(organization=organization),
                cv=cv_for(applicant),
            )
        assert recipients(VacancyNotice.APPLICATION_RECEIVED) == [owner.email]
        assert not Notification.objects.filter(recipient=gone).exists()
        assert all(m.to != [gone.email] for m in mail.outbox)
