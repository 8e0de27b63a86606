"""Each notice is created by its cause, only then, to the right people, and emailed well."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from apps.accounts.tests.factories import UserFactory
from apps.core.exceptions import ActionForbidden, ConflictError, ServiceError
from apps.events import services as event_services
from apps.events import tasks as event_tasks
from apps.events.models import EventStatus, RegistrationStatus
from apps.events.tests.factories import EventFactory, RegistrationFactory
from apps.notifications import services
from apps.notifications.models import DeliveryStatus, Notification, NotificationKind
from apps.organizations import services as organization_services
from apps.organizations.models import MembershipRequest, VerificationRequest
from apps.organizations.tests.factories import MembershipFactory, OrganizationFactory
from apps.vacancies import services as vacancy_services
from apps.vacancies import tasks as vacancy_tasks
from apps.vacancies.models import Application, Vacancy, VacancyStatus
from apps.vacancies.tests.factories import (
    ApplicationFactory,
    VacancyFactory,
    cv_for,
    published_vacancy,
)

pytestmark = pytest.mark.django_db

SITE_URL = "https://portal.example.be"
Kind = NotificationKind


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


def recipients(kind: str) -> list[str]:
    return sorted(Notification.objects.filter(kind=kind).values_list("recipient__email", flat=True))


def assert_emailed(kind: str, path: str) -> None:
    """Every notice of `kind` was sent once, with a text and an HTML part and an absolute link."""
    notices = list(Notification.objects.filter(kind=kind).select_related("recipient"))
    assert notices
    for notice in notices:
        assert notice.status == DeliveryStatus.SENT
        assert notice.attempts == 1
        assert notice.sent_at is not None
        assert notice.url == path
        messages = [
            m
            for m in mail.outbox
            if m.to == [notice.recipient.email] and m.subject.endswith(notice.subject)
        ]
        assert len(messages) == 1, notice
        message = messages[0]
        assert message.subject == f"[{settings.SITE_NAME}] {notice.subject}"
        assert message.from_email == settings.DEFAULT_FROM_EMAIL
        html = [content for content, mimetype in message.alternatives if mimetype == "text/html"]
        assert len(html) == 1
        assert html[0].lstrip().lower().startswith("<!doctype html>")
        assert settings.SITE_NAME in html[0]
        link = f"{SITE_URL}{path}"
        assert link in message.body
        assert f'href="{link}"' in html[0]
        assert f"{SITE_URL}/notifications/settings/" in message.body
        assert notice.recipient.display_name in message.body
        assert "{{" not in message.body and "{%" not in message.body
        assert "{{" not in html[0] and "{%" not in html[0]


# --- Applications -------------------------------------------------------------------------


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
        assert recipients(Kind.APPLICATION_RECEIVED) == sorted([owner.email, recruiter.email])
        assert_emailed(Kind.APPLICATION_RECEIVED, f"/jobs/{vacancy.slug}/applications/")
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
        assert recipients(Kind.APPLICATION_STATUS) == [application.applicant.email]
        assert_emailed(Kind.APPLICATION_STATUS, "/jobs/my-applications/")
        assert "Shortlisted" in mail.outbox[0].subject

        with committed():
            vacancy_services.application_change_status(
                actor=owner, application=application, status="hired"
            )
        assert Notification.objects.filter(kind=Kind.APPLICATION_STATUS).count() == 2
        assert len(mail.outbox) == 2
        assert Application.objects.get(pk=application.pk).status == "hired"


# --- Vacancies ----------------------------------------------------------------------------


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
        assert recipients(Kind.VACANCY_APPROVED) == sorted([owner.email, recruiter.email])
        assert_emailed(Kind.VACANCY_APPROVED, vacancy.get_absolute_url())
        assert set(Notification.objects.values_list("kind", flat=True)) == {Kind.VACANCY_APPROVED}

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
        assert recipients(Kind.VACANCY_REJECTED) == sorted([owner.email, recruiter.email])
        assert_emailed(Kind.VACANCY_REJECTED, pending.get_absolute_url())
        assert all("Add a salary range." in m.body for m in mail.outbox)
        assert not Notification.objects.exclude(kind=Kind.VACANCY_REJECTED).exists()

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

        assert recipients(Kind.VACANCY_EXPIRING) == sorted([owner.email, recruiter.email])
        assert {n.subject for n in Notification.objects.all()} == {"Expires soon: Expires soon"}
        soon.refresh_from_db()
        assert_emailed(Kind.VACANCY_EXPIRING, soon.get_absolute_url())
        assert len(mail.outbox) == 2


# --- Membership and verification ----------------------------------------------------------


class TestMembershipRequests:
    def test_request_goes_to_the_owners_and_only_for_a_new_request(
        self, committed, organization, owner, recruiter, staff
    ):
        requester = UserFactory()
        with committed(), pytest.raises(ConflictError):
            organization_services.membership_request_create(
                user=recruiter, organization=organization
            )
        assert not Notification.objects.exists()

        with committed():
            organization_services.membership_request_create(
                user=requester, organization=organization, message="I run the FACS core."
            )
        assert recipients(Kind.MEMBERSHIP_REQUEST) == [owner.email]
        assert_emailed(Kind.MEMBERSHIP_REQUEST, f"/organizations/{organization.slug}/members/")
        assert "I run the FACS core." in mail.outbox[0].body

        with committed(), pytest.raises(ConflictError):
            organization_services.membership_request_create(
                user=requester, organization=organization
            )
        assert Notification.objects.count() == 1

    def test_an_organization_without_owners_is_claimed_through_staff(self, committed, staff):
        unclaimed = OrganizationFactory(name="Nobody's NV")
        UserFactory(is_staff=True, is_active=False)
        with committed():
            organization_services.membership_request_create(
                user=UserFactory(), organization=unclaimed
            )
        assert recipients(Kind.MEMBERSHIP_REQUEST) == [staff.email]

    def test_answer_goes_to_the_requester_when_an_owner_decides(
        self, committed, organization, owner, recruiter
    ):
        joining = MembershipRequest.objects.create(user=UserFactory(), organization=organization)
        declined = MembershipRequest.objects.create(user=UserFactory(), organization=organization)
        with committed(), pytest.raises(ActionForbidden):
            organization_services.membership_request_approve(
                actor=recruiter, membership_request=joining
            )
        assert not Notification.objects.exists()

        with committed():
            organization_services.membership_request_approve(
                actor=owner, membership_request=joining
            )
            organization_services.membership_request_decline(
                actor=owner, membership_request=declined, note="Please use your work address."
            )
        assert recipients(Kind.MEMBERSHIP_ANSWER) == sorted(
            [joining.user.email, declined.user.email]
        )
        assert_emailed(Kind.MEMBERSHIP_ANSWER, organization.get_absolute_url())
        decline_mail = next(m for m in mail.outbox if m.to == [declined.user.email])
        assert "Please use your work address." in decline_mail.body

        with committed(), pytest.raises(ConflictError):
            organization_services.membership_request_approve(
                actor=owner, membership_request=declined
            )
        assert Notification.objects.count() == 2


class TestVerification:
    def test_request_goes_to_active_staff_only_when_an_owner_asks(
        self, committed, owner, recruiter, staff
    ):
        unverified = OrganizationFactory(verified=False)
        MembershipFactory(organization=unverified, user=owner, role="owner")
        MembershipFactory(organization=unverified, user=recruiter, role="recruiter")
        other_staff = UserFactory(is_staff=True)
        UserFactory(is_staff=True, is_active=False)
        with committed():
            with pytest.raises(ActionForbidden):
                organization_services.verification_request_create(
                    actor=recruiter, organization=unverified
                )
            verified = owner.memberships.get(organization__verified=True).organization
            with pytest.raises(ConflictError):
                organization_services.verification_request_create(
                    actor=owner, organization=verified
                )
        assert not Notification.objects.exists()

        with committed():
            organization_services.verification_request_create(
                actor=owner, organization=unverified, message="KBO 0123.456.789"
            )
        assert recipients(Kind.VERIFICATION_REQUEST) == sorted([staff.email, other_staff.email])
        assert_emailed(Kind.VERIFICATION_REQUEST, unverified.get_absolute_url())

    def test_answer_goes_to_the_owners_when_staff_decide(self, committed, owner, recruiter, staff):
        unverified = OrganizationFactory(verified=False)
        MembershipFactory(organization=unverified, user=owner, role="owner")
        MembershipFactory(organization=unverified, user=recruiter, role="recruiter")
        request = VerificationRequest.objects.create(organization=unverified, requested_by=owner)
        with committed():
            with pytest.raises(ActionForbidden):
                organization_services.verification_request_approve(
                    actor=owner, verification_request=request
                )
            with pytest.raises(ServiceError):  # a decline needs a reason
                organization_services.verification_request_decline(
                    actor=staff, verification_request=request, note=""
                )
        assert not Notification.objects.exists()

        with committed():
            organization_services.verification_request_approve(
                actor=staff, verification_request=request
            )
        assert recipients(Kind.VERIFICATION_ANSWER) == [owner.email]
        assert_emailed(Kind.VERIFICATION_ANSWER, unverified.get_absolute_url())
        assert "is verified" in mail.outbox[0].subject

        with committed(), pytest.raises(ConflictError):
            organization_services.verification_request_approve(
                actor=staff, verification_request=request
            )
        assert Notification.objects.count() == 1

    def test_verifying_in_the_admin_answers_the_pending_request(
        self, committed, owner, recruiter, staff
    ):
        unverified = OrganizationFactory(verified=False)
        MembershipFactory(organization=unverified, user=owner, role="owner")
        MembershipFactory(organization=unverified, user=recruiter, role="recruiter")
        never_asked = OrganizationFactory(verified=False)
        MembershipFactory(organization=never_asked, role="owner")
        VerificationRequest.objects.create(organization=unverified, requested_by=owner)
        with committed(), pytest.raises(ActionForbidden):
            organization_services.organization_set_verified(
                actor=owner, organization=unverified, verified=True
            )
        assert not Notification.objects.exists()

        with committed():
            organization_services.organization_set_verified(
                actor=staff, organization=unverified, verified=True
            )
            # Verified without being asked: there is no request to answer.
            organization_services.organization_set_verified(
                actor=staff, organization=never_asked, verified=True
            )
        assert recipients(Kind.VERIFICATION_ANSWER) == [owner.email]
        assert_emailed(Kind.VERIFICATION_ANSWER, unverified.get_absolute_url())
        with committed():
            organization_services.organization_set_verified(
                actor=staff, organization=unverified, verified=True
            )
        assert Notification.objects.count() == 1


# --- Events -------------------------------------------------------------------------------


class TestEventRegistrations:
    def test_confirmed_only_for_a_registration_that_was_accepted(self, committed):
        person = UserFactory()
        draft = EventFactory(status=EventStatus.DRAFT)
        cancelled = EventFactory(status=EventStatus.CANCELLED)
        event = EventFactory(title="BioBizz Cafe Ghent")
        with committed():
            for refused in (draft, cancelled):
                with pytest.raises(ConflictError):
                    event_services.registration_create(user=person, event=refused)
        assert not Notification.objects.exists()

        with committed():
            event_services.registration_create(user=person, event=event)
        assert recipients(Kind.REGISTRATION_CONFIRMED) == [person.email]
        assert_emailed(Kind.REGISTRATION_CONFIRMED, event.get_absolute_url())

        with committed(), pytest.raises(ConflictError):
            event_services.registration_create(user=person, event=event)
        assert Notification.objects.count() == 1

    def test_waitlisted_when_full_and_refused_without_a_waiting_list(self, committed):
        first, second, third = UserFactory(), UserFactory(), UserFactory()
        event = EventFactory(capacity=1, waitlist_enabled=True)
        closed_list = EventFactory(capacity=1, waitlist_enabled=False)
        RegistrationFactory(event=closed_list)
        with committed(), pytest.raises(ConflictError):
            event_services.registration_create(user=third, event=closed_list)
        assert not Notification.objects.exists()

        with committed():
            event_services.registration_create(user=first, event=event)
            event_services.registration_create(user=second, event=event)
        assert recipients(Kind.REGISTRATION_CONFIRMED) == [first.email]
        assert recipients(Kind.REGISTRATION_WAITLISTED) == [second.email]
        assert_emailed(Kind.REGISTRATION_WAITLISTED, event.get_absolute_url())
        waitlisted = next(m for m in mail.outbox if m.to == [second.email])
        assert "number 1 on the waiting list" in waitlisted.body

    def test_promoted_when_a_confirmed_place_frees_up(self, committed):
        event = EventFactory(capacity=1)
        confirmed = RegistrationFactory(event=event)
        first_waiting = RegistrationFactory(
            event=event,
            status=RegistrationStatus.WAITLISTED,
            waitlisted_at=timezone.now() - timedelta(hours=2),
        )
        second_waiting = RegistrationFactory(
            event=event,
            status=RegistrationStatus.WAITLISTED,
            waitlisted_at=timezone.now() - timedelta(hours=1),
        )
        with committed():
            # A waitlisted person leaving frees no place.
            event_services.registration_cancel(user=second_waiting.user, event=event)
        assert not Notification.objects.exists()

        with committed():
            event_services.registration_cancel(user=confirmed.user, event=event)
        assert recipients(Kind.REGISTRATION_PROMOTED) == [first_waiting.user.email]
        assert_emailed(Kind.REGISTRATION_PROMOTED, event.get_absolute_url())
        first_waiting.refresh_from_db()
        assert first_waiting.status == RegistrationStatus.CONFIRMED
        assert Notification.objects.count() == 1

    def test_cancelled_goes_to_every_live_registration_when_an_organizer_cancels(self, committed):
        organizer = MembershipFactory(role="recruiter").user
        event = EventFactory(organizer=organizer.memberships.get().organization, capacity=1)
        confirmed = RegistrationFactory(event=event)
        waiting = RegistrationFactory(event=event, status=RegistrationStatus.WAITLISTED)
        left = RegistrationFactory(
            event=event, status=RegistrationStatus.CANCELLED, cancelled_at=timezone.now()
        )
        with committed(), pytest.raises(ActionForbidden):
            event_services.event_cancel(actor=confirmed.user, event=event)
        assert not Notification.objects.exists()

        with committed():
            event_services.event_cancel(actor=organizer, event=event, reason="Speaker is ill.")
        assert recipients(Kind.EVENT_CANCELLED) == sorted(
            [confirmed.user.email, waiting.user.email]
        )
        assert left.user.email not in recipients(Kind.EVENT_CANCELLED)
        assert_emailed(Kind.EVENT_CANCELLED, event.get_absolute_url())
        assert all("Speaker is ill." in m.body for m in mail.outbox)

        with committed(), pytest.raises(ConflictError):
            event_services.event_cancel(actor=organizer, event=event)
        assert Notification.objects.count() == 2


class TestEventReminders:
    def test_reminder_once_per_confirmed_registration_within_24_hours(self, committed):
        now = timezone.now()
        tomorrow = EventFactory(starts_at=now + timedelta(hours=20), title="Knowledge for Growth")
        confirmed = RegistrationFactory(event=tomorrow)
        RegistrationFactory(event=tomorrow, status=RegistrationStatus.WAITLISTED)
        RegistrationFactory(event=tomorrow, status=RegistrationStatus.CANCELLED, cancelled_at=now)
        RegistrationFactory(event=EventFactory(starts_at=now + timedelta(days=3)))
        RegistrationFactory(
            event=EventFactory(starts_at=now + timedelta(hours=5), status=EventStatus.CANCELLED)
        )
        RegistrationFactory(event=EventFactory(starts_at=now - timedelta(hours=1)))

        with committed():
            event_services.events_send_reminders()
        with committed():
            # The beat runs every 15 minutes: the next runs remind nobody again.
            event_tasks.send_reminders.apply().get()
            event_tasks.send_reminders.apply().get()

        assert recipients(Kind.EVENT_REMINDER) == [confirmed.user.email]
        assert Notification.objects.count() == 1
        assert len(mail.outbox) == 1
        assert_emailed(Kind.EVENT_REMINDER, tomorrow.get_absolute_url())
        assert "Knowledge for Growth" in mail.outbox[0].subject


# --- Preferences ----------------------------------------------------------------------------


class TestEmailTurnedOff:
    def test_inbox_row_is_skipped_and_no_email_but_other_kinds_still_email(self, committed):
        person = UserFactory()
        services.preferences_set(user=person, email_by_kind={Kind.REGISTRATION_CONFIRMED: False})
        with committed():
            event_services.registration_create(user=person, event=EventFactory())
        notice = Notification.objects.get(recipient=person)
        assert notice.kind == Kind.REGISTRATION_CONFIRMED
        assert notice.status == DeliveryStatus.SKIPPED
        assert notice.read_at is None  # still in the inbox, unread
        assert mail.outbox == []
        # Even a stray send changes nothing.
        assert services.notification_send(notification_id=notice.pk) == DeliveryStatus.SKIPPED
        assert mail.outbox == []

        with committed():
            event_services.registration_create(
                user=person, event=EventFactory(capacity=0, waitlist_enabled=True)
            )
        waitlisted = Notification.objects.get(kind=Kind.REGISTRATION_WAITLISTED)
        assert waitlisted.status == DeliveryStatus.SENT
        assert len(mail.outbox) == 1

    def test_a_deactivated_user_gets_nothing(self, committed, organization, owner):
        gone = MembershipFactory(organization=organization, role="recruiter").user
        gone.is_active = False
        gone.save(update_fields=["is_active"])
        with committed():
            organization_services.membership_request_create(
                user=UserFactory(), organization=organization
            )
        assert recipients(Kind.MEMBERSHIP_REQUEST) == [owner.email]
        applicant = UserFactory()
        with committed():
            vacancy_services.application_create(
                applicant=applicant,
                vacancy=published_vacancy(organization=organization),
                cv=cv_for(applicant),
            )
        assert recipients(Kind.APPLICATION_RECEIVED) == [owner.email]
        assert not Notification.objects.filter(recipient=gone).exists()
        assert all(m.to != [gone.email] for m in mail.outbox)
