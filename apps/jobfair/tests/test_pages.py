"""The job fair on the pages: the event page, booking, the agenda, the exhibitor's schedule."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.accounts.tests.factories import UserFactory
from apps.events.models import RegistrationStatus
from apps.events.tests.factories import EventFactory
from apps.jobfair import services
from apps.jobfair.models import Meeting, MeetingSlot, MeetingStatus, SlotStatus
from apps.jobfair.tests.factories import MeetingSlotFactory, attendee_of, exhibitor_at
from apps.talent.models import CVAccess
from apps.talent.tests.factories import CVFactory, TalentProfileFactory
from apps.vacancies.tests.factories import cv_for, published_vacancy

pytestmark = pytest.mark.django_db


@pytest.fixture
def cafe():
    event = EventFactory(title="BioBizz Cafe Ghent", slug="cafe")
    leie, recruiter = exhibitor_at(event, name="Leie Biologics", slug="leie")
    published_vacancy(
        organization=leie, title="Protein purification intern", slug="intern", contract="internship"
    )
    slot = MeetingSlotFactory(event=event, organization=leie, created_by=recruiter, location="T1")
    return {"event": event, "leie": leie, "recruiter": recruiter, "slot": slot}


def signed_in(client, user):
    client.force_login(user)
    return client


class TestEventPage:
    def test_visitors_see_whos_hiring_and_the_free_slots(self, client, cafe):
        page = client.get(reverse("events:detail", kwargs={"slug": "cafe"})).content.decode()
        assert "Who's hiring at BioBizz Cafe Ghent" in page
        assert "Protein purification intern" in page
        assert "Leie Biologics" in page
        assert "Sign in and register for the event to book a meeting." in page
        assert reverse("jobfair:book", kwargs={"slot_id": cafe["slot"].pk}) not in page

    def test_an_attendee_gets_book_links_then_sees_the_meeting_in_their_agenda(self, client, cafe):
        person = attendee_of(cafe["event"])
        signed_in(client, person)
        page = client.get(reverse("events:detail", kwargs={"slug": "cafe"})).content.decode()
        assert reverse("jobfair:book", kwargs={"slot_id": cafe["slot"].pk}) in page
        services.meeting_book(attendee=person, slot=cafe["slot"])
        page = client.get(reverse("events:detail", kwargs={"slug": "cafe"})).content.decode()
        assert "Your agenda" in page
        assert "Cancel this meeting" in page
        assert "taken" in page

    def test_exhibitors_find_their_schedule_from_the_event_page(self, client, cafe):
        page = (
            signed_in(client, cafe["recruiter"])
            .get(reverse("events:detail", kwargs={"slug": "cafe"}))
            .content.decode()
        )
        assert (
            reverse("jobfair:schedule", kwargs={"slug": "cafe", "organization_slug": "leie"})
            in page
        )
        assert reverse("jobfair:attendees", kwargs={"slug": "cafe"}) in page

    def test_the_page_queries_do_not_grow_with_exhibitors_and_slots(self, client, cafe):
        person = attendee_of(cafe["event"])
        TalentProfileFactory(user=person, disciplines=["immunology"], skills=["elisa"])
        signed_in(client, person)
        client.get(reverse("events:detail", kwargs={"slug": "cafe"}))
        with CaptureQueriesContext(connection) as few:
            client.get(reverse("events:detail", kwargs={"slug": "cafe"}))
        for index in range(10):
            organization, _member = exhibitor_at(cafe["event"], name=f"Company {index}")
            published_vacancy(organization=organization, title=f"Job {index}")
            for minutes in (30, 50, 70):
                start = cafe["event"].starts_at + timedelta(minutes=minutes)
                MeetingSlotFactory(
                    event=cafe["event"],
                    organization=organization,
                    starts_at=start,
                    ends_at=start + timedelta(minutes=20),
                )
        with CaptureQueriesContext(connection) as many:
            client.get(reverse("events:detail", kwargs={"slug": "cafe"}))
        assert len(many) == len(few)

    def test_registering_with_the_visible_choice(self, client, cafe):
        person = UserFactory()
        signed_in(client, person)
        client.post(
            reverse("events:register", kwargs={"slug": "cafe"}), {"visible_to_exhibitors": "on"}
        )
        registration = cafe["event"].registrations.get(user=person)
        assert registration.visible_to_exhibitors is True
        client.post(reverse("events:visibility", kwargs={"slug": "cafe"}), {})
        registration.refresh_from_db()
        assert registration.visible_to_exhibitors is False

    def test_registering_is_not_visible_by_default(self, client, cafe):
        person = UserFactory()
        signed_in(client, person).post(reverse("events:register", kwargs={"slug": "cafe"}))
        assert cafe["event"].registrations.get(user=person).visible_to_exhibitors is False


class TestBookingPage:
    def test_book_with_a_message_and_a_cv(self, client, cafe):
        person = attendee_of(cafe["event"])
        cv = cv_for(person, original_name="Stijn.pdf")
        signed_in(client, person)
        url = reverse("jobfair:book", kwargs={"slot_id": cafe["slot"].pk})
        page = client.get(url).content.decode()
        assert "Stijn.pdf" in page and "Share a CV for this meeting" in page
        response = client.post(url, {"message": "About internships", "cv": str(cv.pk)})
        assert response.status_code == 302
        assert (
            response["Location"] == reverse("events:detail", kwargs={"slug": "cafe"}) + "#meetings"
        )
        meeting = Meeting.objects.get()
        assert (meeting.message, meeting.cv) == ("About internships", cv)

    def test_another_persons_cv_is_a_field_error_and_nothing_is_booked(self, client, cafe):
        person = attendee_of(cafe["event"])
        signed_in(client, person)
        url = reverse("jobfair:book", kwargs={"slot_id": cafe["slot"].pk})
        response = client.post(url, {"message": "Hi", "cv": str(CVFactory().pk)})
        assert response.status_code == 400
        assert 'id="id_cv_error"' in response.content.decode()
        assert not Meeting.objects.exists()

    @pytest.mark.parametrize("situation", ["not registered", "waitlisted"])
    def test_people_without_a_place_are_told_why(self, client, cafe, situation):
        person = UserFactory()
        if situation == "waitlisted":
            attendee_of(cafe["event"], user=person, status=RegistrationStatus.WAITLISTED)
        signed_in(client, person)
        url = reverse("jobfair:book", kwargs={"slot_id": cafe["slot"].pk})
        page = client.get(url).content.decode()
        assert "Book this meeting" not in page
        response = client.post(url, {"message": "Hi"})
        assert response.status_code == 403
        assert not Meeting.objects.exists()

    def test_a_taken_slot_is_a_409_page(self, client, cafe):
        services.meeting_book(attendee=attendee_of(cafe["event"]), slot=cafe["slot"])
        signed_in(client, attendee_of(cafe["event"]))
        response = client.post(reverse("jobfair:book", kwargs={"slot_id": cafe["slot"].pk}), {})
        assert response.status_code == 409
        assert "Someone else just booked this slot." in response.content.decode()

    def test_cancelling_from_the_agenda(self, client, cafe):
        person = attendee_of(cafe["event"])
        meeting = services.meeting_book(attendee=person, slot=cafe["slot"])
        signed_in(client, person)
        page = client.get(reverse("jobfair:my_meetings")).content.decode()
        assert "Leie Biologics" in page
        response = client.post(
            reverse("jobfair:cancel", kwargs={"meeting_id": meeting.pk}),
            {"next": reverse("jobfair:my_meetings")},
        )
        assert response["Location"] == reverse("jobfair:my_meetings")
        meeting.refresh_from_db()
        assert meeting.status == MeetingStatus.CANCELLED

    def test_someone_elses_meeting_is_not_cancelled(self, client, cafe):
        meeting = services.meeting_book(attendee=attendee_of(cafe["event"]), slot=cafe["slot"])
        response = signed_in(client, UserFactory()).post(
            reverse("jobfair:cancel", kwargs={"meeting_id": meeting.pk})
        )
        assert response.status_code == 404
        meeting.refresh_from_db()
        assert meeting.status == MeetingStatus.BOOKED

    def test_an_outside_next_is_not_followed(self, client, cafe):
        person = attendee_of(cafe["event"])
        meeting = services.meeting_book(attendee=person, slot=cafe["slot"])
        response = signed_in(client, person).post(
            reverse("jobfair:cancel", kwargs={"meeting_id": meeting.pk}),
            {"next": "https://evil.example/"},
        )
        assert (
            response["Location"] == reverse("events:detail", kwargs={"slug": "cafe"}) + "#meetings"
        )

    def test_the_dashboard_lists_my_meetings_and_the_organizations(self, client, cafe):
        person = attendee_of(cafe["event"], user__first_name="Stijn", user__last_name="Student")
        services.meeting_book(attendee=person, slot=cafe["slot"])
        page = signed_in(client, person).get(reverse("dashboard")).content.decode()
        assert "Your meetings" in page and "Leie Biologics" in page
        page = signed_in(client, cafe["recruiter"]).get(reverse("dashboard")).content.decode()
        assert "Meetings with your organizations" in page and "Stijn Student" in page

    def test_my_meetings_calendar(self, client, cafe):
        person = attendee_of(cafe["event"])
        services.meeting_book(attendee=person, slot=cafe["slot"])
        response = signed_in(client, person).get("/meetings/calendar.ics")
        assert response["Content-Type"].startswith("text/calendar")
        assert b"BEGIN:VEVENT" in response.content and b"Leie Biologics" in response.content


class TestSchedulePage:
    def test_members_open_slots_with_the_form(self, client, cafe):
        signed_in(client, cafe["recruiter"])
        start = timezone.localtime(cafe["event"].starts_at + timedelta(minutes=60))
        response = client.post(
            reverse("jobfair:schedule", kwargs={"slug": "cafe", "organization_slug": "leie"}),
            {
                "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
                "duration_minutes": 15,
                "count": 3,
                "location": "T2",
            },
        )
        assert response.status_code == 302
        assert MeetingSlot.objects.filter(location="T2").count() == 3

    def test_a_slot_outside_the_event_is_a_field_error(self, client, cafe):
        signed_in(client, cafe["recruiter"])
        start = timezone.localtime(cafe["event"].ends_at)
        response = client.post(
            reverse("jobfair:schedule", kwargs={"slug": "cafe", "organization_slug": "leie"}),
            {"starts_at": start.strftime("%Y-%m-%dT%H:%M"), "duration_minutes": 15, "count": 3},
        )
        assert response.status_code == 400
        assert 'id="id_starts_at_error"' in response.content.decode()
        assert MeetingSlot.objects.count() == 1

    def test_the_schedule_shows_the_booking_and_the_cv_opens_logged(self, client, cafe):
        person = attendee_of(cafe["event"], user__first_name="Stijn", user__last_name="Student")
        TalentProfileFactory(user=person, headline="Master student", visibility="private")
        cv = cv_for(person, original_name="Stijn CV.pdf")
        services.meeting_book(attendee=person, slot=cafe["slot"], message="<b>Hi</b>", cv=cv)
        signed_in(client, cafe["recruiter"])
        page = client.get(
            reverse("jobfair:schedule", kwargs={"slug": "cafe", "organization_slug": "leie"})
        ).content.decode()
        assert "Stijn Student" in page and "Master student" in page
        assert "&lt;b&gt;Hi&lt;/b&gt;" in page
        link = reverse("talent:cv_download", kwargs={"cv_id": cv.pk}) + "?organization=leie"
        assert link in page
        assert client.get(link).status_code == 200
        access = CVAccess.objects.get()
        assert (access.organization, access.reason) == (cafe["leie"], "meeting")
        assert client.get(person.talent_profile.get_absolute_url()).status_code == 200

    def test_closing_a_free_slot(self, client, cafe):
        signed_in(client, cafe["recruiter"])
        response = client.post(reverse("jobfair:close_slot", kwargs={"slot_id": cafe["slot"].pk}))
        assert response["Location"] == reverse(
            "jobfair:schedule", kwargs={"slug": "cafe", "organization_slug": "leie"}
        )
        cafe["slot"].refresh_from_db()
        assert cafe["slot"].status == SlotStatus.CLOSED

    def test_the_schedule_as_csv(self, client, cafe):
        response = signed_in(client, cafe["recruiter"]).get(
            reverse("jobfair:schedule", kwargs={"slug": "cafe", "organization_slug": "leie"})
            + "?format=csv"
        )
        assert response["Content-Type"].startswith("text/csv")
        assert b"starts_at,ends_at,location,status" in response.content

    @pytest.mark.parametrize("who", ["attendee", "other exhibitor", "staff"])
    def test_only_members_see_it(self, client, cafe, who):
        person = {
            "attendee": lambda: attendee_of(cafe["event"]),
            "other exhibitor": lambda: exhibitor_at(cafe["event"])[1],
            "staff": lambda: UserFactory(is_staff=True),
        }[who]()
        assert (
            signed_in(client, person)
            .get(reverse("jobfair:schedule", kwargs={"slug": "cafe", "organization_slug": "leie"}))
            .status_code
            == 403
        )

    def test_attendees_page_lists_and_filters_the_visible_ones(self, client, cafe):
        visible = attendee_of(cafe["event"], visible_to_exhibitors=True)
        TalentProfileFactory(user=visible, skills=["elisa"], headline="Immunologist")
        hidden = attendee_of(cafe["event"])
        TalentProfileFactory(user=hidden, headline="Hidden chemist")
        signed_in(client, cafe["recruiter"])
        page = client.get(reverse("jobfair:attendees", kwargs={"slug": "cafe"})).content.decode()
        assert "Immunologist" in page and "Hidden chemist" not in page
        assert (
            "Immunologist"
            not in client.get(
                reverse("jobfair:attendees", kwargs={"slug": "cafe"}) + "?skills=hplc"
            ).content.decode()
        )
        assert (
            client.get(
                reverse("jobfair:attendees", kwargs={"slug": "cafe"}) + "?discipline=alchemy"
            ).status_code
            == 400
        )
        assert (
            signed_in(client, visible)
            .get(reverse("jobfair:attendees", kwargs={"slug": "cafe"}))
            .status_code
            == 403
        )
