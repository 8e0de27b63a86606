"""Meeting notices: booked, cancelled, and a reminder an hour before, each sent once."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from apps.events.tests.factories import EventFactory
from apps.jobfair import services, tasks
from apps.jobfair.models import JobfairNotice
from apps.jobfair.tests.factories import MeetingSlotFactory, attendee_of
from apps.notifications import services as notification_services
from apps.notifications.models import DeliveryStatus, Notification
from apps.notifications.tests.helpers import SITE_URL, assert_emailed, recipients
from apps.organizations.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

Kind = JobfairNotice


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE_URL


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def event():
    return EventFactory(title="BioBizz Cafe Ghent", slug="biobizz-cafe-ghent")


@pytest.fixture
def host(event):
    slot_owner = MembershipFactory(
        organization__name="Leie Biologics", organization__slug="leie-biologics"
    )
    return slot_owner.user


@pytest.fixture
def slot(event, host):
    return MeetingSlotFactory(
        event=event, organization=host.memberships.get().organization, created_by=host
    )


def test_a_booking_tells_the_member_who_opened_the_slot(committed, event, slot, host):
    MembershipFactory(organization=slot.organization)  # a colleague, not told
    person = attendee_of(event, user__first_name="Stijn", user__last_name="Student")
    with committed():
        services.meeting_book(attendee=person, slot=slot, message="Internships?")
    assert recipients(Kind.MEETING_BOOKED) == [host.email]
    path = reverse(
        "jobfair:schedule",
        kwargs={"slug": "biobizz-cafe-ghent", "organization_slug": "leie-biologics"},
    )
    assert_emailed(Kind.MEETING_BOOKED, path)
    notice = Notification.objects.get(kind=Kind.MEETING_BOOKED)
    assert "Stijn Student" in notice.subject
    assert "Internships?" in notice.body


def test_every_member_hears_of_a_booking_when_the_opener_left(committed, event, slot, host):
    colleagues = [MembershipFactory(organization=slot.organization).user for _ in range(2)]
    host.memberships.all().delete()
    with committed():
        services.meeting_book(attendee=attendee_of(event), slot=slot)
    assert recipients(Kind.MEETING_BOOKED) == sorted(c.email for c in colleagues)


def test_the_attendee_cancelling_tells_the_host(committed, event, slot, host):
    person = attendee_of(event)
    meeting = services.meeting_book(attendee=person, slot=slot)
    with committed():
        services.meeting_cancel(actor=person, meeting=meeting)
    assert recipients(Kind.MEETING_CANCELLED) == [host.email]
    assert_emailed(
        Kind.MEETING_CANCELLED,
        reverse(
            "jobfair:schedule",
            kwargs={"slug": "biobizz-cafe-ghent", "organization_slug": "leie-biologics"},
        ),
    )


def test_the_organization_cancelling_tells_the_attendee_with_the_reason(
    committed, event, slot, host
):
    person = attendee_of(event)
    meeting = services.meeting_book(attendee=person, slot=slot)
    with committed():
        services.meeting_cancel(actor=host, meeting=meeting, reason="Our recruiter is ill.")
    assert recipients(Kind.MEETING_CANCELLED) == [person.email]
    assert_emailed(
        Kind.MEETING_CANCELLED, reverse("events:detail", kwargs={"slug": "biobizz-cafe-ghent"})
    )
    assert "Our recruiter is ill." in Notification.objects.get(kind=Kind.MEETING_CANCELLED).body


class TestReminder:
    def _meeting_in(self, event, slot, minutes):
        slot.starts_at = timezone.now() + timedelta(minutes=minutes)
        slot.ends_at = slot.starts_at + timedelta(minutes=20)
        slot.save()
        return services.meeting_book(attendee=attendee_of(event), slot=slot)

    def test_an_hour_before_both_sides_are_reminded_once(self, committed, event, slot, host):
        event.starts_at = timezone.now() - timedelta(minutes=30)
        event.save()
        meeting = self._meeting_in(event, slot, 50)
        with committed():
            assert tasks.send_meeting_reminders() == 1
        with committed():
            assert tasks.send_meeting_reminders() == 0  # a second beat run sends nothing
        assert recipients(Kind.MEETING_REMINDER) == sorted([host.email, meeting.attendee.email])
        assert len([m for m in mail.outbox if "your meeting with" in m.subject]) == 2
        meeting.refresh_from_db()
        assert meeting.reminded_at is not None

    def test_not_earlier_than_an_hour_before(self, committed, event, slot):
        self._meeting_in(event, slot, 75)
        with committed():
            assert services.meetings_send_reminders() == 0
        assert not Notification.objects.filter(kind=Kind.MEETING_REMINDER).exists()
        later = timezone.now() + timedelta(minutes=20)
        with committed():
            assert services.meetings_send_reminders(now=later) == 1

    def test_a_cancelled_meeting_is_not_reminded(self, committed, event, slot):
        meeting = self._meeting_in(event, slot, 30)
        services.meeting_cancel(actor=meeting.attendee, meeting=meeting)
        with committed():
            assert services.meetings_send_reminders() == 0
        assert not Notification.objects.filter(kind=Kind.MEETING_REMINDER).exists()

    def test_a_redelivered_send_task_sends_no_second_email(self, committed, event, slot):
        self._meeting_in(event, slot, 30)
        with committed():
            services.meetings_send_reminders()
        sent = len(mail.outbox)
        for notice in Notification.objects.filter(kind=Kind.MEETING_REMINDER):
            assert notice.status == DeliveryStatus.SENT
            assert notification_services.notification_send(notification_id=notice.pk) == "sent"
        assert len(mail.outbox) == sent
