"""The job fair through the API: who's hiring, slots, bookings, agendas, schedules."""

import csv
import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from icalendar import Calendar
from rest_framework.test import APIClient

from apps.accounts.tests.factories import UserFactory
from apps.events.models import RegistrationStatus
from apps.events.tests.factories import EventFactory
from apps.jobfair import services
from apps.jobfair.models import Meeting, MeetingSlot
from apps.jobfair.tests.factories import MeetingSlotFactory, attendee_of, exhibitor_at
from apps.talent.tests.factories import CVFactory, TalentProfileFactory
from apps.vacancies.tests.factories import cv_for, published_vacancy

pytestmark = pytest.mark.django_db


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def fair():
    """Knowledge for Growth with three exhibitors and their vacancies."""
    event = EventFactory(title="Knowledge for Growth", slug="kfg", kind="conference")
    leie, leie_member = exhibitor_at(event, name="Leie Biologics", slug="leie")
    schelde, _ = exhibitor_at(event, name="Schelde Pharma", slug="schelde")
    dijle, _ = exhibitor_at(event, name="Dijle Data", slug="dijle")
    published_vacancy(
        organization=leie,
        title="Flow cytometry scientist",
        slug="flow",
        discipline="immunology",
        description="<p>Flow cytometry and ELISA on patient samples.</p>",
    )
    published_vacancy(organization=schelde, title="QA officer", slug="qa", discipline="regulatory")
    published_vacancy(
        organization=dijle,
        title="Bioinformatician",
        slug="bioinf",
        discipline="bioinformatics",
        description="<p>Python pipelines for single-cell data.</p>",
    )
    published_vacancy(organization=dijle, title="Closed job", slug="closed", status="closed")
    return {"event": event, "leie": leie, "leie_member": leie_member}


class TestWhosHiring:
    def test_the_event_answer_lists_exhibitors_with_their_open_vacancies(self, fair):
        body = APIClient().get("/api/v1/events/kfg/").json()
        hiring = body["hiring"]
        assert hiring["ranked_for_you"] is False
        names = [row["organization"]["name"] for row in hiring["exhibitors"]]
        assert names == ["Dijle Data", "Leie Biologics", "Schelde Pharma"]
        dijle = hiring["exhibitors"][0]
        assert dijle["open_vacancy_count"] == 1
        assert [v["slug"] for v in dijle["vacancies"]] == ["bioinf"]
        assert dijle["vacancies"][0]["url"].endswith(
            reverse("vacancies:detail", kwargs={"slug": "bioinf"})
        )

    def test_an_attendee_sees_the_exhibitors_ranked_by_fit_with_their_profile(self, fair):
        person = attendee_of(fair["event"])
        TalentProfileFactory(
            user=person,
            disciplines=["immunology"],
            skills=["flow cytometry", "elisa", "python"],
        )
        hiring = client_for(person).get("/api/v1/events/kfg/").json()["hiring"]
        assert hiring["ranked_for_you"] is True
        ranked = [row["organization"]["name"] for row in hiring["exhibitors"]]
        assert ranked == ["Leie Biologics", "Dijle Data", "Schelde Pharma"]
        leie = hiring["exhibitors"][0]
        assert leie["matches"] == ["Immunology", "flow cytometry", "elisa"]
        assert leie["fit"] > hiring["exhibitors"][1]["fit"] > hiring["exhibitors"][2]["fit"]

    def test_someone_not_registered_gets_no_ranking(self, fair):
        person = UserFactory()
        TalentProfileFactory(user=person, disciplines=["regulatory"])
        hiring = client_for(person).get("/api/v1/events/kfg/").json()["hiring"]
        assert hiring["ranked_for_you"] is False

    def test_the_list_costs_the_same_queries_for_three_exhibitors_or_thirty(self, fair):
        client = APIClient()
        with CaptureQueriesContext(connection) as few:
            client.get("/api/v1/events/kfg/")
        for index in range(27):
            organization, _ = exhibitor_at(fair["event"], name=f"Exhibitor {index}")
            for number in range(3):
                published_vacancy(organization=organization, title=f"Job {index}-{number}")
        with CaptureQueriesContext(connection) as many:
            body = client.get("/api/v1/events/kfg/").json()
        assert len(body["hiring"]["exhibitors"]) == 30
        assert len(many) == len(few)


class TestSlots:
    def test_a_member_opens_slots_and_everyone_lists_them(self, fair):
        event = fair["event"]
        response = client_for(fair["leie_member"]).post(
            "/api/v1/events/kfg/meeting-slots/",
            {
                "organization": "leie",
                "starts_at": (event.starts_at + timedelta(minutes=10)).isoformat(),
                "duration_minutes": 15,
                "count": 4,
                "location": "Stand 7",
            },
        )
        assert response.status_code == 201
        assert len(response.json()["slots"]) == 4
        listed = APIClient().get("/api/v1/events/kfg/meeting-slots/?organization=leie").json()
        assert listed["count"] == 4
        first = listed["results"][0]
        assert first["organization"]["slug"] == "leie"
        assert first["duration_minutes"] == 15 and first["available"] is True
        assert first["starts_at"].endswith(("+01:00", "+02:00", "Z"))

    @pytest.mark.parametrize(
        ("payload", "field"),
        [
            ({"duration_minutes": "long"}, "duration_minutes"),
            ({"duration_minutes": 500}, "duration_minutes"),
            ({"count": 0}, "count"),
            ({"starts_at": "tomorrow"}, "starts_at"),
            ({"organization": "nobody"}, "organization"),
            ({"location": "x" * 201}, "location"),
            ({"starts_at_offset": -60}, "starts_at"),
        ],
    )
    def test_bad_input_is_a_400_naming_the_field_and_changes_nothing(self, fair, payload, field):
        event = fair["event"]
        offset = payload.pop("starts_at_offset", 10)
        body = {
            "organization": "leie",
            "starts_at": (event.starts_at + timedelta(minutes=offset)).isoformat(),
            "duration_minutes": 15,
            "count": 2,
            **payload,
        }
        response = client_for(fair["leie_member"]).post("/api/v1/events/kfg/meeting-slots/", body)
        assert response.status_code == 400
        assert field in response.json()
        assert not MeetingSlot.objects.exists()

    def test_unknown_filter_values_are_a_400(self, fair):
        client = APIClient()
        assert client.get("/api/v1/events/kfg/meeting-slots/?available=maybe").status_code == 400
        response = client.get("/api/v1/events/kfg/meeting-slots/?organization=nobody")
        assert response.status_code == 400 and "organization" in response.json()

    def test_available_slots_leave_out_taken_ones(self, fair):
        free = MeetingSlotFactory(event=fair["event"], organization=fair["leie"])
        taken = MeetingSlotFactory(
            event=fair["event"],
            organization=fair["leie"],
            starts_at=free.ends_at,
            ends_at=free.ends_at + timedelta(minutes=20),
        )
        services.meeting_book(attendee=attendee_of(fair["event"]), slot=taken)
        rows = APIClient().get("/api/v1/events/kfg/meeting-slots/?available=true").json()
        assert [row["id"] for row in rows["results"]] == [str(free.pk)]

    def test_an_unknown_event_or_slot_is_a_404(self, fair):
        client = client_for(attendee_of(fair["event"]))
        assert client.get("/api/v1/events/nothing/meeting-slots/").status_code == 404
        missing = "00000000-0000-0000-0000-000000000000"
        assert client.post(f"/api/v1/meeting-slots/{missing}/book/", {}).status_code == 404


class TestBooking:
    def test_book_with_a_message_and_a_cv_then_find_it_in_my_meetings(self, fair):
        slot = MeetingSlotFactory(event=fair["event"], organization=fair["leie"])
        person = attendee_of(fair["event"])
        cv = cv_for(person, original_name="Stijn CV.pdf")
        client = client_for(person)
        response = client.post(
            f"/api/v1/meeting-slots/{slot.pk}/book/",
            {"message": "Tell me about internships.", "cv": str(cv.pk)},
        )
        assert response.status_code == 201, response.content
        body = response.json()
        assert body["organization"]["slug"] == "leie"
        assert body["cv"] == {"id": str(cv.pk), "name": "Stijn CV.pdf"}
        assert body["event"]["slug"] == "kfg"
        mine = client.get("/api/v1/me/meetings/").json()
        assert [m["id"] for m in mine["results"]] == [body["id"]]

    @pytest.mark.parametrize("whose", ["another person's", "nobody's", "not a uuid"])
    def test_a_cv_that_is_not_ones_own_is_a_400(self, fair, whose):
        slot = MeetingSlotFactory(event=fair["event"], organization=fair["leie"])
        cv = {
            "another person's": lambda: str(CVFactory().pk),
            "nobody's": lambda: "00000000-0000-0000-0000-000000000000",
            "not a uuid": lambda: "12",
        }[whose]()
        person = attendee_of(fair["event"])
        response = client_for(person).post(f"/api/v1/meeting-slots/{slot.pk}/book/", {"cv": cv})
        assert response.status_code == 400
        assert "cv" in response.json()
        assert not Meeting.objects.exists()

    @pytest.mark.parametrize(
        ("situation", "code"),
        [("not registered", 403), ("waitlisted", 403), ("taken", 409), ("closed", 409)],
    )
    def test_refusals_are_clear_4xx_and_change_nothing(self, fair, situation, code):
        slot = MeetingSlotFactory(event=fair["event"], organization=fair["leie"])
        person = UserFactory()
        if situation == "waitlisted":
            attendee_of(fair["event"], user=person, status=RegistrationStatus.WAITLISTED)
        elif situation != "not registered":
            attendee_of(fair["event"], user=person)
        if situation == "taken":
            services.meeting_book(attendee=attendee_of(fair["event"]), slot=slot)
        if situation == "closed":
            services.meeting_slot_close(actor=fair["leie_member"], slot=slot)
        before = Meeting.objects.count()
        response = client_for(person).post(f"/api/v1/meeting-slots/{slot.pk}/book/", {})
        assert response.status_code == code
        assert response.json()["detail"]
        assert Meeting.objects.count() == before

    def test_cancelling_through_the_api_frees_the_slot(self, fair):
        slot = MeetingSlotFactory(event=fair["event"], organization=fair["leie"])
        person = attendee_of(fair["event"])
        client = client_for(person)
        client.post(f"/api/v1/meeting-slots/{slot.pk}/book/", {})
        assert client.delete(f"/api/v1/meeting-slots/{slot.pk}/booking/").status_code == 204
        assert client.get("/api/v1/me/meetings/").json()["count"] == 0
        assert client.delete(f"/api/v1/meeting-slots/{slot.pk}/booking/").status_code == 409
        free = APIClient().get("/api/v1/events/kfg/meeting-slots/?available=true").json()
        assert [row["id"] for row in free["results"]] == [str(slot.pk)]

    def test_my_meetings_as_a_calendar(self, fair):
        slot = MeetingSlotFactory(event=fair["event"], organization=fair["leie"], location="T3")
        person = attendee_of(fair["event"])
        services.meeting_book(attendee=person, slot=slot)
        response = client_for(person).get("/api/v1/me/meetings/?format=ics")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/calendar")
        calendar = Calendar.from_ical(response.content)
        events = list(calendar.walk("VEVENT"))
        assert len(events) == 1
        assert "Leie Biologics" in str(events[0]["SUMMARY"])
        assert "T3" in str(events[0]["LOCATION"])
        assert events[0].decoded("DTSTART") == slot.starts_at
        assert APIClient().get("/api/v1/me/meetings/?format=ics").status_code == 401


class TestExhibitorSide:
    def test_the_schedule_shows_the_person_their_profile_message_and_cv(self, fair):
        slot = MeetingSlotFactory(event=fair["event"], organization=fair["leie"])
        MeetingSlotFactory(
            event=fair["event"],
            organization=fair["leie"],
            starts_at=slot.ends_at,
            ends_at=slot.ends_at + timedelta(minutes=20),
        )
        person = attendee_of(fair["event"], user__first_name="Stijn", user__last_name="Student")
        TalentProfileFactory(user=person, headline="Master student", visibility="private")
        cv = cv_for(person)
        services.meeting_book(attendee=person, slot=slot, message="Hello!", cv=cv)
        client = client_for(fair["leie_member"])
        rows = client.get("/api/v1/events/kfg/meetings/").json()["results"]
        assert len(rows) == 2
        meeting = rows[0]["meeting"]
        assert meeting["name"] == "Stijn Student"
        assert meeting["message"] == "Hello!"
        assert meeting["profile"]["headline"] == "Master student"
        assert "email" not in meeting and "email" not in meeting["profile"]
        assert meeting["cv"]["download_url"].endswith(
            f"/api/v1/cvs/{cv.pk}/download/?organization=leie"
        )
        assert rows[1]["meeting"] is None

    def test_the_schedule_as_csv(self, fair):
        slot = MeetingSlotFactory(event=fair["event"], organization=fair["leie"], location="T1")
        person = attendee_of(fair["event"], user__first_name="=cmd", user__last_name="Eve")
        services.meeting_book(attendee=person, slot=slot, message="Hi")
        response = client_for(fair["leie_member"]).get("/api/v1/events/kfg/meetings/?format=csv")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        assert rows[0][:5] == ["starts_at", "ends_at", "location", "status", "name"]
        assert rows[1][2:5] == ["T1", "booked", "'=cmd Eve"]

    def test_the_schedule_queries_do_not_grow_with_the_meetings(self, fair):
        client = client_for(fair["leie_member"])

        def book_one(minutes):
            slot = MeetingSlotFactory(
                event=fair["event"],
                organization=fair["leie"],
                starts_at=fair["event"].starts_at + timedelta(minutes=minutes),
                ends_at=fair["event"].starts_at + timedelta(minutes=minutes + 5),
            )
            person = attendee_of(fair["event"])
            TalentProfileFactory(user=person)
            services.meeting_book(attendee=person, slot=slot, cv=cv_for(person))

        book_one(0)
        client.get("/api/v1/events/kfg/meetings/")  # the member's roles are read once
        with CaptureQueriesContext(connection) as one:
            client.get("/api/v1/events/kfg/meetings/")
        for minutes in range(5, 50, 5):
            book_one(minutes)
        with CaptureQueriesContext(connection) as ten:
            assert len(client.get("/api/v1/events/kfg/meetings/").json()["results"]) == 10
        assert len(ten) == len(one)

    def test_exhibitors_see_and_filter_attendees_who_chose_to_be_visible(self, fair):
        event = fair["event"]

        def attendee(visible, status=RegistrationStatus.CONFIRMED, **profile):
            person = attendee_of(event, status=status, visible_to_exhibitors=visible)
            return TalentProfileFactory(user=person, **profile)

        immunologist = attendee(True, skills=["elisa"], disciplines=["immunology"])
        private_chemist = attendee(
            True, skills=["hplc"], disciplines=["chemistry"], visibility="private"
        )
        attendee(False, skills=["elisa"])  # did not choose to be visible
        attendee(True, RegistrationStatus.WAITLISTED)  # no place
        client = client_for(fair["leie_member"])
        everyone = client.get("/api/v1/events/kfg/attendees/").json()
        assert {row["id"] for row in everyone["results"]} == {
            str(immunologist.pk),
            str(private_chemist.pk),
        }
        assert all("email" not in row and "primary_cv" not in row for row in everyone["results"])
        found = client.get("/api/v1/events/kfg/attendees/?skills=elisa&discipline=immunology")
        assert [row["id"] for row in found.json()["results"]] == [str(immunologist.pk)]
        bad = client.get("/api/v1/events/kfg/attendees/?discipline=alchemy")
        assert bad.status_code == 400 and "discipline" in bad.json()

    def test_an_attendee_changes_their_mind_about_being_visible(self, fair):
        event = fair["event"]
        person = attendee_of(event)
        profile = TalentProfileFactory(user=person)
        client = client_for(person)
        response = client.patch(
            "/api/v1/events/kfg/registrations/mine/", {"visible_to_exhibitors": True}
        )
        assert response.status_code == 200 and response.json()["visible_to_exhibitors"] is True
        exhibitor = client_for(fair["leie_member"])
        ids = [
            row["id"] for row in exhibitor.get("/api/v1/events/kfg/attendees/").json()["results"]
        ]
        assert ids == [str(profile.pk)]
        client.patch("/api/v1/events/kfg/registrations/mine/", {"visible_to_exhibitors": False})
        assert exhibitor.get("/api/v1/events/kfg/attendees/").json()["count"] == 0

    def test_registering_visible_to_exhibitors_is_a_choice_off_by_default(self, fair):
        first, second = UserFactory(), UserFactory()
        response = client_for(first).post("/api/v1/events/kfg/registrations/", {})
        assert response.json()["visible_to_exhibitors"] is False
        response = client_for(second).post(
            "/api/v1/events/kfg/registrations/", {"visible_to_exhibitors": True}
        )
        assert response.status_code == 201
        assert response.json()["visible_to_exhibitors"] is True
