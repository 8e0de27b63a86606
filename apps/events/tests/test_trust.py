"""Nobody publishes in someone else's name: events of unverified organizers wait for staff,
participants show only once they accept, events start in the future, texts are bounded, and
the online link reaches only people with a place."""

from datetime import timedelta

import pytest
from django.contrib.admin.sites import site
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from apps.accounts.tests.factories import UserFactory
from apps.core.models import AuditEntry
from apps.events import services
from apps.events.models import Event, EventNotice, EventParticipant, EventStatus
from apps.events.tests.factories import EventFactory, RegistrationFactory
from apps.notifications.models import Notification
from apps.organizations.tests.factories import MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.django_db
API = "/api/v1/events/"
LINK = "https://meet.example.org/secret-room"


def api_as(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def web_as(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def payload(organizer: str, **changes) -> dict:
    starts = (timezone.now() + timedelta(days=14)).replace(microsecond=0)
    return {
        "organizer": organizer,
        "title": "Open lab day",
        "kind": "networking",
        "starts_at": starts.isoformat(),
        "ends_at": (starts + timedelta(hours=3)).isoformat(),
        "venue": "Technologiepark",
        "city": "Ghent",
        **changes,
    }


@pytest.fixture
def newcomer():
    """A fresh user who just created an organization: not verified."""
    return MembershipFactory(
        organization=OrganizationFactory(slug="fresh-bio", name="Fresh Bio"), role="owner"
    ).user


@pytest.fixture
def vib():
    """A verified organization with one member."""
    membership = MembershipFactory(organization=OrganizationFactory(slug="vib", name="VIB"))
    membership.organization.verified = True
    membership.organization.save()
    return membership


class TestReview:
    def test_an_unverified_organizer_waits_for_staff(self, newcomer):
        response = api_as(newcomer).post(API, payload("fresh-bio", publish=True))
        assert response.status_code == 201, response.json()
        assert response.json()["status"] == "pending_review"
        slug = response.json()["slug"]
        # Nobody else sees it: not in the list, the page, the calendar or the organization.
        assert api_as().get(f"{API}{slug}/").status_code == 404
        assert slug not in [row["slug"] for row in api_as().get(API).json()["results"]]
        assert web_as().get(reverse("events:detail", kwargs={"slug": slug})).status_code == 404
        assert b"Open lab day" not in web_as().get("/events/calendar.ics").content
        assert (
            b"Open lab day"
            not in web_as()
            .get(reverse("organizations:detail", kwargs={"slug": "fresh-bio"}))
            .content
        )
        # Its organizers see it, with what happens next.
        page = (
            web_as(newcomer).get(reverse("events:detail", kwargs={"slug": slug})).content.decode()
        )
        assert "Waiting for review" in page

    def test_a_verified_organizer_publishes_at_once(self, vib):
        response = api_as(vib.user).post(API, payload("vib", publish=True))
        assert response.json()["status"] == "published"

    def test_staff_approve_from_the_console(self, newcomer):
        starts = timezone.now() + timedelta(days=14)
        event = services.event_create(
            actor=newcomer,
            organizer=newcomer.memberships.get().organization,
            publish=True,
            title="Open lab day",
            kind="networking",
            starts_at=starts,
            ends_at=starts + timedelta(hours=3),
            venue="Technologiepark",
        )
        staff = UserFactory(is_staff=True)
        console = web_as(staff).get(reverse("staff:console"))
        assert "Open lab day" in console.content.decode()
        response = web_as(staff).post(
            reverse("events:approve", kwargs={"slug": event.slug}),
            {"next": reverse("staff:console")},
        )
        assert response.status_code == 302 and response["Location"] == reverse("staff:console")
        event.refresh_from_db()
        assert event.status == EventStatus.PUBLISHED
        assert api_as().get(f"{API}{event.slug}/").status_code == 200
        assert AuditEntry.objects.filter(action="event.approve", target_id=str(event.pk)).exists()
        assert Notification.objects.filter(
            recipient=newcomer, kind=EventNotice.EVENT_REVIEWED
        ).exists()

    def test_staff_send_it_back_through_the_api_and_the_organizer_resubmits(self, newcomer):
        slug = api_as(newcomer).post(API, payload("fresh-bio", publish=True)).json()["slug"]
        staff = api_as(UserFactory(is_staff=True))
        assert staff.post(f"{API}{slug}/reject/", {}).status_code == 400
        assert staff.get("/api/v1/moderation/events/").json()["count"] == 1
        response = staff.post(f"{API}{slug}/reject/", {"reason": "Which VIB site?"})
        assert response.status_code == 200 and response.json()["status"] == "rejected"
        assert staff.get("/api/v1/moderation/events/").json()["count"] == 0
        mine = api_as(newcomer).get(f"{API}{slug}/").json()
        assert mine["review_note"] == "Which VIB site?"
        assert api_as().get(f"{API}{slug}/").status_code == 404
        again = api_as(newcomer).post(f"{API}{slug}/publish/")
        assert again.json()["status"] == "pending_review"

    def test_only_staff_review(self, newcomer, vib):
        slug = api_as(newcomer).post(API, payload("fresh-bio", publish=True)).json()["slug"]
        for user in (newcomer, vib.user):
            assert api_as(user).post(f"{API}{slug}/approve/").status_code in (403, 404)
            assert api_as(user).get("/api/v1/moderation/events/").status_code == 403
        assert (
            web_as(newcomer).post(reverse("events:approve", kwargs={"slug": slug})).status_code
            == 403
        )
        assert Event.objects.get(slug=slug).status == EventStatus.PENDING_REVIEW

    def test_the_admin_approves_through_the_service_and_cannot_set_the_status(self, newcomer):
        slug = api_as(newcomer).post(API, payload("fresh-bio", publish=True)).json()["slug"]
        admin = UserFactory(is_staff=True, is_superuser=True)
        response = web_as(admin).post(
            "/admin/events/event/",
            {"action": "approve", "_selected_action": [Event.objects.get(slug=slug).pk]},
        )
        assert response.status_code == 302
        assert Event.objects.get(slug=slug).status == EventStatus.PUBLISHED
        assert "status" in site._registry[Event].readonly_fields


class TestParticipants:
    def test_nobody_is_listed_without_accepting(self, newcomer, vib):
        body = payload("fresh-bio", participants=[{"organization": "vib", "role": "host"}])
        slug = api_as(newcomer).post(API, body).json()["slug"]
        event = Event.objects.get(slug=slug)
        event.status = EventStatus.PUBLISHED
        event.save()
        assert api_as().get(f"{API}{slug}/").json()["participants"] == []
        assert (
            "Open lab day"
            not in web_as()
            .get(reverse("organizations:detail", kwargs={"slug": "vib"}))
            .content.decode()
        )
        # The organizer sees the invitation pending; VIB's members are told.
        mine = api_as(newcomer).get(f"{API}{slug}/").json()["participants"]
        assert mine == [{"name": "VIB", "slug": "vib", "role": "host", "status": "invited"}]
        assert Notification.objects.filter(
            recipient=vib.user, kind=EventNotice.EVENT_PARTICIPATION
        ).exists()
        # Only VIB's members answer.
        answer = f"{API}{slug}/participants/vib/accept/"
        assert api_as(newcomer).post(answer).status_code == 403
        assert api_as(UserFactory()).post(answer).status_code == 403
        response = api_as(vib.user).post(answer)
        assert response.status_code == 200 and response.json()["status"] == "accepted"
        assert api_as().get(f"{API}{slug}/").json()["participants"][0]["slug"] == "vib"
        assert (
            "Open lab day"
            in web_as()
            .get(reverse("organizations:detail", kwargs={"slug": "vib"}))
            .content.decode()
        )

    def test_a_member_declines_on_the_event_page(self, newcomer, vib):
        event = EventFactory(organizer=newcomer.memberships.get().organization)
        services.event_set_participants(
            actor=newcomer, event=event, participants=[(vib.organization, "partner")]
        )
        page = (
            web_as(vib.user)
            .get(reverse("events:detail", kwargs={"slug": event.slug}))
            .content.decode()
        )
        assert (
            reverse(
                "events:participation",
                kwargs={"slug": event.slug, "organization": "vib", "decision": "decline"},
            )
            in page
        )
        response = web_as(vib.user).post(
            reverse(
                "events:participation",
                kwargs={"slug": event.slug, "organization": "vib", "decision": "decline"},
            )
        )
        assert response.status_code == 302
        assert EventParticipant.objects.get(event=event).status == "declined"
        assert (
            "VIB"
            not in web_as()
            .get(reverse("events:detail", kwargs={"slug": event.slug}))
            .content.decode()
        )

    def test_organizations_the_organizer_belongs_to_are_accepted_at_once(self, vib):
        event = EventFactory(organizer=vib.organization)
        imec = MembershipFactory(user=vib.user, organization__slug="imec").organization
        services.event_set_participants(
            actor=vib.user, event=event, participants=[(imec, "exhibitor")]
        )
        assert EventParticipant.objects.get(event=event).status == "accepted"

    def test_an_unchanged_participation_keeps_its_answer(self, newcomer, vib):
        event = EventFactory(organizer=newcomer.memberships.get().organization)
        participants = [(vib.organization, "partner")]
        services.event_set_participants(actor=newcomer, event=event, participants=participants)
        services.participation_answer(
            actor=vib.user, event=event, organization=vib.organization, accept=True
        )
        services.event_set_participants(actor=newcomer, event=event, participants=participants)
        assert EventParticipant.objects.get(event=event).status == "accepted"
        # A new role is a new claim: asked again.
        services.event_set_participants(
            actor=newcomer, event=event, participants=[(vib.organization, "host")]
        )
        assert EventParticipant.objects.get(event=event).status == "invited"


class TestDatesAndLengths:
    def test_an_event_cannot_start_in_the_past(self, vib):
        past = (timezone.now() - timedelta(days=1)).replace(microsecond=0)
        body = payload("vib", starts_at=past.isoformat(), ends_at=timezone.now().isoformat())
        response = api_as(vib.user).post(API, body)
        assert response.status_code == 400
        assert "starts_at" in response.json()
        assert not Event.objects.exists()

    def test_moving_the_start_into_the_past_is_refused_but_other_edits_are_not(self, vib):
        event = EventFactory(organizer=vib.organization)
        past = (timezone.now() - timedelta(hours=1)).isoformat()
        response = api_as(vib.user).patch(f"{API}{event.slug}/", {"starts_at": past})
        assert response.status_code == 400 and "starts_at" in response.json()
        started = EventFactory(
            organizer=vib.organization,
            starts_at=timezone.now() - timedelta(hours=1),
            ends_at=timezone.now() + timedelta(hours=2),
        )
        response = api_as(vib.user).patch(f"{API}{started.slug}/", {"title": "Day two"})
        assert response.status_code == 200, response.json()

    def test_a_past_draft_cannot_be_published(self, vib):
        draft = EventFactory(
            organizer=vib.organization,
            status=EventStatus.DRAFT,
            starts_at=timezone.now() - timedelta(days=2),
            ends_at=timezone.now() - timedelta(days=1),
        )
        assert api_as(vib.user).post(f"{API}{draft.slug}/publish/").status_code == 409

    @pytest.mark.parametrize("field", ["description", "agenda"])
    def test_description_and_agenda_are_bounded(self, vib, field):
        response = api_as(vib.user).post(API, payload("vib", **{field: "x" * 10_001}))
        assert response.status_code == 400 and field in response.json()
        form = {k: v for k, v in payload("vib").items() if k != "organizer"}
        form.update(
            organizer=vib.organization.pk,
            starts_at=timezone.localtime(timezone.now() + timedelta(days=3)).strftime(
                "%Y-%m-%dT%H:%M"
            ),
            ends_at=timezone.localtime(timezone.now() + timedelta(days=3, hours=2)).strftime(
                "%Y-%m-%dT%H:%M"
            ),
            **{field: "x" * 10_001},
        )
        page = web_as(vib.user).post(reverse("events:create"), form)
        assert page.status_code == 400
        assert not Event.objects.exists()
        assert api_as(vib.user).post(API, payload("vib", **{field: "x" * 9_000})).status_code == 201


class TestOnlineLink:
    @pytest.fixture
    def online(self, vib):
        return EventFactory(organizer=vib.organization, online_url=LINK, slug="webinar")

    def test_the_api_shows_it_only_to_people_with_a_place_and_organizers(self, online, vib):
        confirmed = RegistrationFactory(event=online).user
        waiting = RegistrationFactory(event=online, status="waitlisted").user
        for viewer in (None, UserFactory(), waiting):
            detail = api_as(viewer).get(f"{API}webinar/").json()
            assert detail["online"] is True and detail["online_url"] is None
            listed = api_as(viewer).get(API).json()["results"]
            assert [row["online_url"] for row in listed] == [None]
            assert LINK not in api_as(viewer).get(f"{API}webinar/").content.decode()
        for viewer in (confirmed, vib.user, UserFactory(is_staff=True)):
            assert api_as(viewer).get(f"{API}webinar/").json()["online_url"] == LINK
            assert api_as(viewer).get(API).json()["results"][0]["online_url"] == LINK

    def test_calendars_carry_it_only_for_people_with_a_place(self, online):
        confirmed = RegistrationFactory(event=online).user

        def calendar(viewer, path) -> str:
            # Unfold the 75-octet lines of iCalendar before looking for the link.
            return web_as(viewer).get(path).content.decode().replace("\r\n ", "")

        for path in ("/events/webinar/calendar.ics", "/events/calendar.ics"):
            assert "BioBizz Cafe" in calendar(None, path)
            assert LINK not in calendar(None, path)
            assert LINK not in calendar(UserFactory(), path)
            assert LINK in calendar(confirmed, path)

    def test_the_page_keeps_it_from_the_waiting_list(self, online):
        waiting = RegistrationFactory(event=online, status="waitlisted").user
        assert (
            LINK
            not in web_as(waiting)
            .get(reverse("events:detail", kwargs={"slug": "webinar"}))
            .content.decode()
        )
        assert (
            LINK
            not in web_as()
            .get(reverse("events:detail", kwargs={"slug": "webinar"}))
            .content.decode()
        )

    def test_deciding_costs_no_query_per_event(self, vib):
        user = UserFactory()

        def count() -> int:
            with CaptureQueriesContext(connection) as queries:
                assert api_as(user).get(API).status_code == 200
            return len(queries)

        EventFactory.create_batch(2, organizer=vib.organization, online_url=LINK)
        few = count()
        EventFactory.create_batch(6, organizer=vib.organization, online_url=LINK)
        assert count() == few
