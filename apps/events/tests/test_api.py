"""`/api/v1/events/…`: lists and filters, registration, organizers' rows, the permission matrix."""

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from apps.accounts.tests.factories import UserFactory
from apps.events.models import Event, EventParticipant, Registration
from apps.events.tests.factories import EventFactory, RegistrationFactory
from apps.organizations.tests.factories import MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.django_db
API = "/api/v1/events/"


def client_for(user) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def slugs(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["slug"] for row in response.json()["results"]]


def in_days(days: float, hours: int = 0):
    return (timezone.now() + timedelta(days=days, hours=hours)).replace(microsecond=0)


@pytest.fixture
def calendar():
    flanders_bio = OrganizationFactory(name="flanders.bio", slug="flanders-bio")
    vib = OrganizationFactory(name="VIB", slug="vib")
    EventFactory(
        title="Knowledge for Growth",
        slug="kfg",
        kind="conference",
        organizer=flanders_bio,
        city="Antwerp",
        starts_at=in_days(60),
        description="<p>The yearly life-sciences conference.</p>",
    )
    EventFactory(
        title="BioBizz Cafe Ghent",
        slug="biobizz-ghent",
        kind="biobizz_cafe",
        organizer=flanders_bio,
        city="Ghent",
        starts_at=in_days(10),
    )
    EventFactory(
        title="VIB Tech Watch",
        slug="tech-watch",
        kind="info_session",
        organizer=vib,
        city="Ghent",
        starts_at=in_days(30),
    )
    EventFactory(
        title="Knowledge for Growth 2024",
        slug="kfg-past",
        kind="conference",
        organizer=flanders_bio,
        city="Antwerp",
        starts_at=in_days(-300),
    )
    EventFactory(title="Older BioBizz", slug="biobizz-past", organizer=vib, starts_at=in_days(-20))
    EventFactory(title="Draft", slug="draft", status="draft", organizer=vib, starts_at=in_days(5))


class TestList:
    def test_upcoming_by_default_soonest_first_without_drafts(self, api_client, calendar):
        response = api_client.get(API)
        assert slugs(response) == ["biobizz-ghent", "tech-watch", "kfg"]
        body = response.json()
        assert set(body) >= {"count", "next", "previous", "results"}
        row = body["results"][0]
        assert row["organizer"] == "flanders-bio"
        assert row["url"].endswith(reverse("events:detail", kwargs={"slug": "biobizz-ghent"}))
        assert row["calendar_url"].endswith("/events/biobizz-ghent/calendar.ics")
        # ISO 8601 with an offset.
        assert row["starts_at"].endswith(("+01:00", "+02:00", "Z"))

    def test_past_events_on_request_latest_first(self, api_client, calendar):
        assert slugs(api_client.get(f"{API}?upcoming=false")) == ["biobizz-past", "kfg-past"]
        assert slugs(api_client.get(f"{API}?upcoming=true")) == [
            "biobizz-ghent",
            "tech-watch",
            "kfg",
        ]

    def test_an_event_under_way_is_still_upcoming(self, api_client):
        EventFactory(slug="now", starts_at=in_days(0, hours=-1))
        assert slugs(api_client.get(API)) == ["now"]
        assert slugs(api_client.get(f"{API}?upcoming=false")) == []

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("kind=conference", ["kfg"]),
            ("city=ghent", ["biobizz-ghent", "tech-watch"]),
            ("organizer=vib", ["tech-watch"]),
            ("organizer=flanders-bio", ["biobizz-ghent", "kfg"]),
            ("q=knowledge", ["kfg"]),
            ("q=life-sciences", ["kfg"]),
            ("q=vib", ["tech-watch"]),
            ("kind=conference&upcoming=false", ["kfg-past"]),
            ("city=Ghent&kind=info_session", ["tech-watch"]),
        ],
    )
    def test_filters(self, api_client, calendar, query, expected):
        assert slugs(api_client.get(f"{API}?{query}")) == expected

    @pytest.mark.parametrize(
        ("query", "parameter"),
        [
            ("kind=castle", "kind"),
            ("organizer=nobody", "organizer"),
            ("upcoming=maybe", "upcoming"),
            ("upcoming=1", "upcoming"),
        ],
    )
    def test_an_unknown_filter_value_is_a_400_naming_the_parameter(
        self, api_client, calendar, query, parameter
    ):
        response = api_client.get(f"{API}?{query}")
        assert response.status_code == 400
        assert parameter in response.json()

    def test_organizers_see_their_drafts_others_do_not(self, calendar):
        member = MembershipFactory(organization=OrganizationFactory(slug="other")).user
        assert "draft" not in slugs(client_for(member).get(API))
        vib_member = MembershipFactory(organization=Event.objects.get(slug="draft").organizer).user
        assert "draft" in slugs(client_for(vib_member).get(API))
        assert "draft" in slugs(client_for(UserFactory(is_staff=True)).get(API))
        assert client_for(member).get(f"{API}draft/").status_code == 404
        assert client_for(vib_member).get(f"{API}draft/").status_code == 200

    def test_query_count_is_constant(self, api_client):
        def count(events: int, page_size: int) -> int:
            Event.objects.all().delete()
            for _ in range(events):
                event = EventFactory(capacity=5, organizer=MembershipFactory().organization)
                MembershipFactory(organization=event.organizer)
                RegistrationFactory(event=event)
                RegistrationFactory(event=event, status="waitlisted")
                EventParticipant.objects.create(
                    event=event, organization=OrganizationFactory(), role="exhibitor"
                )
            with CaptureQueriesContext(connection) as queries:
                response = api_client.get(f"{API}?page_size={page_size}")
                assert response.status_code == 200
                assert len(response.json()["results"]) == min(events, page_size)
            return len(queries)

        assert count(2, 2) == count(12, 12) == count(30, 100) <= 3

    def test_query_count_is_constant_for_a_signed_in_member(self):
        member = MembershipFactory().user
        client = client_for(member)

        def count(events: int) -> int:
            for _ in range(events):
                EventFactory(organizer=member.memberships.get().organization)
                EventFactory()
            with CaptureQueriesContext(connection) as queries:
                assert client.get(f"{API}?page_size=100").status_code == 200
            return len(queries)

        assert count(2) == count(10)


class TestDetail:
    def test_places_left_and_participants(self, api_client):
        event = EventFactory(slug="kfg", capacity=3)
        RegistrationFactory(event=event)
        RegistrationFactory(event=event, status="attended")
        RegistrationFactory(event=event, status="cancelled")
        janssen = OrganizationFactory(name="Janssen Pharmaceutica", slug="janssen")
        EventParticipant.objects.create(
            event=event, organization=janssen, role="exhibitor", status="accepted"
        )
        body = api_client.get(f"{API}kfg/").json()
        assert body["capacity"] == 3
        assert body["confirmed_count"] == 2
        assert body["places_left"] == 1
        assert body["participants"] == [
            {
                "name": "Janssen Pharmaceutica",
                "slug": "janssen",
                "role": "exhibitor",
                "status": "accepted",
            }
        ]
        assert "agenda" in body and "cancellation_reason" in body

    def test_counts_are_right_when_the_organizer_has_several_members(self):
        event = EventFactory(slug="kfg", capacity=5)
        for _ in range(3):
            MembershipFactory(organization=event.organizer)
        RegistrationFactory(event=event)
        RegistrationFactory(event=event, status="waitlisted")
        for user in (None, UserFactory(), event.organizer.memberships.first().user):
            body = client_for(user).get(f"{API}kfg/").json()
            assert (body["confirmed_count"], body["waitlist_count"], body["places_left"]) == (
                1,
                1,
                4,
            )
            row = client_for(user).get(API).json()["results"][0]
            assert (row["confirmed_count"], row["places_left"]) == (1, 4)

    def test_times_are_iso_8601_in_brussels_time(self, api_client):
        EventFactory(
            slug="summer",
            starts_at=datetime(2027, 7, 1, 14, 0, tzinfo=UTC),
            ends_at=datetime(2027, 7, 1, 16, 0, tzinfo=UTC),
        )
        body = api_client.get(f"{API}summer/").json()
        assert body["starts_at"] == "2027-07-01T16:00:00+02:00"
        assert body["ends_at"] == "2027-07-01T18:00:00+02:00"

    def test_no_limit_means_no_places_left_number(self, api_client):
        EventFactory(slug="open", capacity=None)
        assert api_client.get(f"{API}open/").json()["places_left"] is None

    def test_an_unknown_event_is_a_404(self, api_client):
        assert api_client.get(f"{API}nothing-here/").status_code == 404


class TestRegistration:
    def test_register_read_and_cancel(self):
        event = EventFactory(slug="cafe", capacity=1)
        first, second = UserFactory(), UserFactory()
        url = f"{API}cafe/registrations/"

        response = client_for(first).post(url)
        assert response.status_code == 201, response.json()
        assert response.json()["status"] == "confirmed" and response.json()["position"] is None

        response = client_for(second).post(url)
        assert response.status_code == 201
        assert (response.json()["status"], response.json()["position"]) == ("waitlisted", 1)

        mine = client_for(second).get(f"{url}mine/")
        assert mine.status_code == 200
        assert mine.json()["status"] == "waitlisted" and mine.json()["event"] == "cafe"

        assert client_for(first).delete(f"{url}mine/").status_code == 204
        assert client_for(first).get(f"{url}mine/").status_code == 404
        promoted = client_for(second).get(f"{url}mine/").json()
        assert (promoted["status"], promoted["position"]) == ("confirmed", None)
        assert event.registrations.filter(status="confirmed").get().user == second

    def test_registering_twice_is_a_409_and_changes_nothing(self):
        EventFactory(slug="cafe")
        user = UserFactory()
        client = client_for(user)
        assert client.post(f"{API}cafe/registrations/").status_code == 201
        response = client.post(f"{API}cafe/registrations/")
        assert response.status_code == 409 and response.json()["detail"]
        assert Registration.objects.filter(user=user).count() == 1

    @pytest.mark.parametrize(
        ("fields", "code"),
        [
            ({"starts_at": in_days(-2)}, 409),
            ({"status": "cancelled"}, 409),
            ({"registration_opens_at": in_days(2)}, 409),
            ({"registration_closes_at": in_days(-1)}, 409),
            ({"status": "draft"}, 404),
        ],
        ids=["past", "cancelled", "not-yet-open", "closed", "unpublished"],
    )
    def test_refusals_are_clear_and_change_nothing(self, fields, code):
        EventFactory(slug="cafe", **fields)
        response = client_for(UserFactory()).post(f"{API}cafe/registrations/")
        assert response.status_code == code
        assert response.json()["detail"]
        assert not Registration.objects.exists()

    def test_a_full_event_without_waitlist_is_a_409(self):
        event = EventFactory(slug="cafe", capacity=1, waitlist_enabled=False)
        RegistrationFactory(event=event)
        response = client_for(UserFactory()).post(f"{API}cafe/registrations/")
        assert response.status_code == 409
        assert "full" in response.json()["detail"]
        assert event.registrations.count() == 1

    def test_cancelling_after_the_start_is_a_409(self):
        event = EventFactory(slug="cafe", starts_at=in_days(0, hours=-1))
        registration = RegistrationFactory(event=event)
        response = client_for(registration.user).delete(f"{API}cafe/registrations/mine/")
        assert response.status_code == 409
        registration.refresh_from_db()
        assert registration.status == "confirmed"

    def test_cancelling_without_a_registration_is_a_400(self):
        EventFactory(slug="cafe")
        assert client_for(UserFactory()).delete(f"{API}cafe/registrations/mine/").status_code == 400

    def test_my_registrations(self):
        user = UserFactory()
        later = RegistrationFactory(user=user, event__starts_at=in_days(40), event__slug="later")
        sooner = RegistrationFactory(
            user=user, event__starts_at=in_days(4), event__slug="sooner", status="waitlisted"
        )
        RegistrationFactory(user=user, status="cancelled")
        RegistrationFactory(event=later.event)
        response = client_for(user).get("/api/v1/me/registrations/")
        assert response.status_code == 200
        rows = response.json()["results"]
        assert [row["event"] for row in rows] == ["sooner", "later"]
        assert [row["id"] for row in rows] == [str(sooner.pk), str(later.pk)]
        assert rows[0]["position"] == 1
        assert client_for(None).get("/api/v1/me/registrations/").status_code == 401


@pytest.fixture
def organized():
    """A published event with a capacity of 2, its organizer member and three registrations."""
    member = MembershipFactory(organization__slug="flanders-bio", organization__verified=True)
    event = EventFactory(slug="cafe", capacity=2, organizer=member.organization)
    ada = RegistrationFactory(
        event=event, user__first_name="Ada", user__last_name="Lovelace", user__email="ada@x.org"
    )
    formula = RegistrationFactory(
        event=event,
        user__first_name='=HYPERLINK("http://evil.example")',
        user__last_name="",
        user__email="eve@x.org",
    )
    waiting = RegistrationFactory(event=event, status="waitlisted", user__email="wait@x.org")
    return {"member": member.user, "event": event, "ada": ada, "formula": formula, "w": waiting}


class TestOrganizers:
    def test_the_registrations_list(self, organized):
        response = client_for(organized["member"]).get(f"{API}cafe/registrations/")
        assert response.status_code == 200
        rows = response.json()["results"]
        assert {row["email"] for row in rows} == {"ada@x.org", "eve@x.org", "wait@x.org"}
        ada = next(row for row in rows if row["email"] == "ada@x.org")
        assert ada["name"] == "Ada Lovelace" and ada["status"] == "confirmed"
        assert ada["id"] == str(organized["ada"].pk)

    def test_the_csv_export(self, organized):
        response = client_for(organized["member"]).get(f"{API}cafe/registrations/?format=csv")
        assert response.status_code == 200, response.content
        assert response["Content-Type"].startswith("text/csv")
        assert response["Content-Disposition"].startswith("attachment;")
        rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))
        assert len(rows) == 3
        by_email = {row["email"]: row for row in rows}
        assert by_email["ada@x.org"]["name"] == "Ada Lovelace"
        assert by_email["ada@x.org"]["status"] == "confirmed"
        assert by_email["wait@x.org"]["status"] == "waitlisted"
        assert by_email["ada@x.org"]["registered_at"].startswith(
            str(timezone.localdate(organized["ada"].created_at))
        )
        # A formula in a name is neutralised: the cell no longer starts with "=".
        formula = by_email["eve@x.org"]["name"]
        assert not formula.startswith("=") and formula.lstrip("'").startswith("=HYPERLINK")

    def test_the_csv_is_refused_to_strangers(self, organized):
        response = client_for(UserFactory()).get(f"{API}cafe/registrations/?format=csv")
        assert response.status_code == 403
        assert b"ada@x.org" not in response.content

    def test_check_in(self, organized):
        ada = organized["ada"]
        url = f"{API}cafe/registrations/{ada.pk}/check-in/"
        response = client_for(organized["member"]).post(url)
        assert response.status_code == 200
        assert response.json()["status"] == "attended" and response.json()["checked_in_at"]
        assert client_for(organized["member"]).post(url).status_code == 409

    def test_checking_in_a_waitlisted_person_is_a_409(self, organized):
        waiting = organized["w"]
        response = client_for(organized["member"]).post(
            f"{API}cafe/registrations/{waiting.pk}/check-in/"
        )
        assert response.status_code == 409
        waiting.refresh_from_db()
        assert waiting.status == "waitlisted"

    def test_checking_in_a_registration_of_another_event_is_a_404(self, organized):
        elsewhere = RegistrationFactory()
        response = client_for(organized["member"]).post(
            f"{API}cafe/registrations/{elsewhere.pk}/check-in/"
        )
        assert response.status_code == 404
        elsewhere.refresh_from_db()
        assert elsewhere.status == "confirmed"


def new_event_payload(**overrides) -> dict:
    starts = in_days(20)
    return {
        "organizer": "flanders-bio",
        "title": "Helis Academy module: GMP",
        "kind": "training",
        "starts_at": starts.isoformat(),
        "ends_at": (starts + timedelta(hours=7)).isoformat(),
        "venue": "Ghent",
        "city": "Ghent",
        "capacity": 30,
        **overrides,
    }


class TestCreateAndEdit:
    def test_a_member_creates_a_draft_then_publishes(self, organized):
        client = client_for(organized["member"])
        response = client.post(API, new_event_payload())
        assert response.status_code == 201, response.json()
        body = response.json()
        assert body["status"] == "draft" and body["capacity"] == 30
        assert body["organizer"] == "flanders-bio"
        response = client.post(f"{API}{body['slug']}/publish/")
        assert response.status_code == 200 and response.json()["status"] == "published"
        assert client.post(f"{API}{body['slug']}/publish/").status_code == 409

    def test_create_published_with_a_registration_window(self, organized):
        starts = in_days(20)
        payload = new_event_payload(
            publish=True,
            registration_opens_at=in_days(1).isoformat(),
            registration_closes_at=(starts - timedelta(days=1)).isoformat(),
        )
        response = client_for(organized["member"]).post(API, payload)
        assert response.status_code == 201, response.json()
        assert response.json()["status"] == "published"
        assert response.json()["registration_opens_at"]

    def test_patch_capacity_promotes_the_waiting_list(self, organized):
        response = client_for(organized["member"]).patch(f"{API}cafe/", {"capacity": 3})
        assert response.status_code == 200, response.json()
        assert response.json()["places_left"] == 0
        organized["w"].refresh_from_db()
        assert organized["w"].status == "confirmed"

    def test_an_event_cannot_change_organizer(self, organized):
        OrganizationFactory(slug="elsewhere")
        response = client_for(organized["member"]).patch(
            f"{API}cafe/", {"organizer": "elsewhere", "title": "Moved"}
        )
        assert response.status_code == 400 and "organizer" in response.json()
        organized["event"].refresh_from_db()
        assert organized["event"].organizer.slug == "flanders-bio"

    def test_a_failing_publish_in_a_patch_changes_nothing(self, organized):
        response = client_for(organized["member"]).patch(
            f"{API}cafe/", {"title": "Renamed", "publish": True}
        )
        assert response.status_code == 409
        organized["event"].refresh_from_db()
        assert organized["event"].title != "Renamed"

    def test_cancel_with_a_reason(self, organized):
        response = client_for(organized["member"]).post(
            f"{API}cafe/cancel/", {"reason": "The venue is flooded."}
        )
        assert response.status_code == 200
        assert response.json()["status"] == "cancelled"
        assert response.json()["cancellation_reason"] == "The venue is flooded."
        assert not organized["event"].registrations.exclude(status="cancelled").exists()


class TestBadInput:
    def test_an_end_before_the_start_is_a_400(self, organized):
        starts = in_days(20)
        response = client_for(organized["member"]).post(
            API, new_event_payload(ends_at=(starts - timedelta(hours=1)).isoformat())
        )
        assert response.status_code == 400
        assert "ends_at" in response.json()
        assert Event.objects.count() == 1

    def test_patching_an_end_before_the_start_is_a_400(self, organized):
        event = organized["event"]
        response = client_for(organized["member"]).patch(
            f"{API}cafe/", {"ends_at": (event.starts_at - timedelta(hours=1)).isoformat()}
        )
        assert response.status_code == 400 and "ends_at" in response.json()
        ends = event.ends_at
        event.refresh_from_db()
        assert event.ends_at == ends

    def test_a_capacity_below_the_confirmed_count_is_a_400(self, organized):
        response = client_for(organized["member"]).patch(
            f"{API}cafe/", {"capacity": 1, "title": "Renamed"}
        )
        assert response.status_code == 400
        assert "capacity" in response.json()
        event = organized["event"]
        event.refresh_from_db()
        assert (event.capacity, event.title) != (1, "Renamed") and event.capacity == 2

    def test_a_registration_window_closing_before_it_opens_is_a_400(self, organized):
        response = client_for(organized["member"]).post(
            API,
            new_event_payload(
                registration_opens_at=in_days(5).isoformat(),
                registration_closes_at=in_days(3).isoformat(),
            ),
        )
        assert response.status_code == 400
        assert "registration_closes_at" in response.json()
        assert Event.objects.count() == 1

    @pytest.mark.parametrize(
        ("payload", "field"),
        [
            ({"kind": "castle"}, "kind"),
            ({"capacity": 0}, "capacity"),
            ({"capacity": "many"}, "capacity"),
            ({"starts_at": "tomorrow"}, "starts_at"),
            ({"online_url": "javascript:alert(1)"}, "online_url"),
            ({"organizer": "nobody"}, "organizer"),
            ({"venue": ""}, "venue"),
        ],
    )
    def test_field_errors(self, organized, payload, field):
        response = client_for(organized["member"]).post(API, new_event_payload(**payload))
        assert response.status_code == 400
        assert field in response.json()
        assert Event.objects.count() == 1


ROLES = ["anonymous", "stranger", "other_member", "member", "staff"]


@pytest.fixture
def people(organized):
    return {
        "anonymous": None,
        "stranger": UserFactory(),
        "other_member": MembershipFactory().user,
        "member": organized["member"],
        "staff": UserFactory(is_staff=True),
    }


def snapshot() -> tuple:
    events = list(Event.objects.order_by("pk").values())
    registrations = sorted(
        Registration.objects.values_list("id", "status", "checked_in_at"), key=str
    )
    return events, registrations


def act(action: str, client: APIClient, organized):
    if action == "create":
        return client.post(API, new_event_payload(title="A new event"))
    if action == "patch":
        return client.patch(f"{API}cafe/", {"title": "Renamed"})
    if action == "publish":
        EventFactory(slug="a-draft", status="draft", organizer=organized["event"].organizer)
        return client.post(f"{API}a-draft/publish/")
    if action == "cancel":
        return client.post(f"{API}cafe/cancel/", {"reason": "Because."})
    if action == "registrations":
        return client.get(f"{API}cafe/registrations/")
    if action == "csv":
        return client.get(f"{API}cafe/registrations/?format=csv")
    if action == "check_in":
        return client.post(f"{API}cafe/registrations/{organized['ada'].pk}/check-in/")
    if action == "register":
        return client.post(f"{API}cafe/registrations/")
    raise AssertionError(action)


#                anonymous stranger other_member member staff
MATRIX = {
    "create": (401, 403, 403, 201, 201),
    "patch": (401, 403, 403, 200, 200),
    "publish": (401, 404, 404, 200, 200),
    "cancel": (401, 403, 403, 200, 200),
    "registrations": (401, 403, 403, 200, 200),
    "csv": (401, 403, 403, 200, 200),
    "check_in": (401, 403, 403, 200, 200),
    "register": (401, 201, 201, 201, 201),
}
WRITES = {"create", "patch", "publish", "cancel", "check_in", "register"}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(MATRIX))
def test_permission_matrix(people, organized, action, role):
    client = client_for(people[role])
    if action == "publish":
        # Make the draft before the snapshot, so only the action itself is compared.
        EventFactory(slug="a-draft", status="draft", organizer=organized["event"].organizer)
        before = snapshot()
        response = client.post(f"{API}a-draft/publish/")
    else:
        before = snapshot()
        response = act(action, client, organized)
    expected = MATRIX[action][ROLES.index(role)]
    assert response.status_code == expected, response.content
    if expected >= 400:
        assert snapshot() == before
        assert b"ada@x.org" not in response.content
        assert response.json()["detail"]
    elif action in WRITES:
        assert snapshot() != before
    if expected == 200 and action == "csv":
        assert b"ada@x.org" in response.content
