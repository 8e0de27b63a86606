"""Event notices: registration confirmed, waitlisted, promoted, cancelled, reminders."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from apps.accounts.tests.factories import UserFactory
from apps.core.exceptions import ActionForbidden, ConflictError
from apps.events import services as event_services
from apps.events import tasks as event_tasks
from apps.events.models import EventNotice, EventStatus, RegistrationStatus
from apps.events.tests.factories import EventFactory, RegistrationFactory
from apps.notifications import services
from apps.notifications.models import DeliveryStatus, Notification
from apps.notifications.tests.helpers import SITE_URL, assert_emailed, recipients
from apps.organizations.tests.factories import MembershipFactory, OrganizationFactory

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
        assert recipients(EventNotice.REGISTRATION_CONFIRMED) == [person.email]
        assert_emailed(EventNotice.REGISTRATION_CONFIRMED, event.get_absolute_url())

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
        assert recipients(EventNotice.REGISTRATION_CONFIRMED) == [first.email]
        assert recipients(EventNotice.REGISTRATION_WAITLISTED) == [second.email]
        assert_emailed(EventNotice.REGISTRATION_WAITLISTED, event.get_absolute_url())
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
        assert recipients(EventNotice.REGISTRATION_PROMOTED) == [first_waiting.user.email]
        assert_emailed(EventNotice.REGISTRATION_PROMOTED, event.get_absolute_url())
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
        assert recipients(EventNotice.EVENT_CANCELLED) == sorted(
            [confirmed.user.email, waiting.user.email]
        )
        assert left.user.email not in recipients(EventNotice.EVENT_CANCELLED)
        assert_emailed(EventNotice.EVENT_CANCELLED, event.get_absolute_url())
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

        assert recipients(EventNotice.EVENT_REMINDER) == [confirmed.user.email]
        assert Notification.objects.count() == 1
        assert len(mail.outbox) == 1
        assert_emailed(EventNotice.EVENT_REMINDER, tomorrow.get_absolute_url())
        assert "Knowledge for Growth" in mail.outbox[0].subject


class TestEmailTurnedOff:
    def test_inbox_row_is_skipped_and_no_email_but_other_kinds_still_email(self, committed):
        person = UserFactory()
        services.preferences_set(
            user=person, email_by_kind={EventNotice.REGISTRATION_CONFIRMED: False}
        )
        with committed():
            event_services.registration_create(user=person, event=EventFactory())
        notice = Notification.objects.get(recipient=person)
        assert notice.kind == EventNotice.REGISTRATION_CONFIRMED
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
        waitlisted = Notification.objects.get(kind=EventNotice.REGISTRATION_WAITLISTED)
        assert waitlisted.status == DeliveryStatus.SENT
        assert len(mail.outbox) == 1
