"""Event pages under /events/, the calendar files, the fixture and the admin."""

import csv
import io
import re
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from apps.accounts.tests.factories import UserFactory
from apps.events.models import Event, EventParticipant, Registration
from apps.events.tests.factories import EventFactory, RegistrationFactory
from apps.organizations.tests.factories import MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.django_db
BRUSSELS = ZoneInfo("Europe/Brussels")


def in_days(days: float):
    return (timezone.now() + timedelta(days=days)).replace(microsecond=0)


def signed_in(client, user=None):
    user = user or UserFactory()
    client.force_login(user)
    return user


def html(response) -> str:
    return response.content.decode()


@pytest.fixture
def organizer(client):
    """A client signed in as a member of the organizing organization, and its event."""
    member = MembershipFactory(
        organization__name="flanders.bio", organization__slug="fbio", organization__verified=True
    )
    client.force_login(member.user)
    event = EventFactory(
        title="BioBizz Cafe Ghent", slug="cafe", capacity=2, organizer=member.organization
    )
    return {"user": member.user, "event": event, "organization": member.organization}


class TestListPage:
    def test_upcoming_by_default_past_on_request(self, client):
        EventFactory(title="Knowledge for Growth 2027", starts_at=in_days(100))
        EventFactory(title="Knowledge for Growth 2024", starts_at=in_days(-500))
        EventFactory(title="A draft", status="draft")
        page = html(client.get(reverse("events:list")))
        assert "Knowledge for Growth 2027" in page and "Upcoming events" in page
        assert "Knowledge for Growth 2024" not in page and "A draft" not in page
        response = client.get(reverse("events:list") + "?upcoming=false")
        assert response.status_code == 200
        page = html(response)
        assert "Knowledge for Growth 2024" in page and "Past events" in page
        assert "Knowledge for Growth 2027" not in page

    def test_filters_and_bad_filters(self, client):
        EventFactory(title="Helis Academy GMP", kind="training")
        EventFactory(title="BioBizz Cafe Leuven", kind="biobizz_cafe", city="Leuven")
        page = html(client.get(reverse("events:list") + "?kind=training"))
        assert "Helis Academy GMP" in page and "BioBizz Cafe Leuven" not in page
        page = html(client.get(reverse("events:list") + "?q=leuven"))
        assert "BioBizz Cafe Leuven" in page and "Helis Academy GMP" not in page
        response = client.get(reverse("events:list") + "?kind=castle")
        assert response.status_code == 400 and "kind" in html(response)

    def test_the_empty_state(self, client):
        assert "No upcoming event matches" in html(client.get(reverse("events:list")))


class TestDetailPage:
    def test_times_are_shown_in_brussels(self, client):
        EventFactory(
            slug="summer",
            starts_at=datetime(2027, 7, 1, 14, 0, tzinfo=UTC),
            ends_at=datetime(2027, 7, 1, 16, 30, tzinfo=UTC),
        )
        page = html(client.get(reverse("events:detail", kwargs={"slug": "summer"})))
        assert "16:00" in page and "18:30" in page
        assert "14:00" not in page
        assert "Brussels time" in page

    def test_venue_places_participants_and_agenda(self, client):
        event = EventFactory(
            slug="kfg",
            venue="Flanders Meeting & Convention Center",
            city="Antwerp",
            capacity=10,
            agenda="<p>09:00 Welcome</p>",
        )
        RegistrationFactory.create_batch(3, event=event)
        EventParticipant.objects.create(
            event=event,
            organization=OrganizationFactory(name="Janssen Pharmaceutica"),
            role="exhibitor",
            status="accepted",
        )
        page = html(client.get(reverse("events:detail", kwargs={"slug": "kfg"})))
        assert "Flanders Meeting &amp; Convention Center" in page and "Antwerp" in page
        assert "7 places left" in page
        assert "Janssen Pharmaceutica" in page and "Exhibitor" in page
        assert "09:00 Welcome" in page
        assert "/events/kfg/calendar.ics" in page

    def test_the_online_link_is_for_registered_people(self, client):
        event = EventFactory(slug="webinar", venue="", online_url="https://meet.example/opinno")
        assert "https://meet.example/opinno" not in html(
            client.get(reverse("events:detail", kwargs={"slug": "webinar"}))
        )
        user = signed_in(client)
        RegistrationFactory(event=event, user=user)
        assert "https://meet.example/opinno" in html(
            client.get(reverse("events:detail", kwargs={"slug": "webinar"}))
        )

    def test_a_draft_is_hidden_from_visitors(self, client):
        EventFactory(slug="draft", status="draft")
        assert client.get(reverse("events:detail", kwargs={"slug": "draft"})).status_code == 404

    def test_anonymous_visitors_are_asked_to_sign_in(self, client):
        EventFactory(slug="cafe")
        page = html(client.get(reverse("events:detail", kwargs={"slug": "cafe"})))
        assert "Sign in to register." in page and reverse("account_login") in page


class TestRegistrationPages:
    def test_register_then_unregister(self, client):
        event = EventFactory(slug="cafe", capacity=5)
        user = signed_in(client)
        page = html(client.get(reverse("events:detail", kwargs={"slug": "cafe"})))
        assert 'action="/en/events/cafe/register/"' in page and ">Register<" in page

        response = client.post(reverse("events:register", kwargs={"slug": "cafe"}), follow=True)
        assert response.redirect_chain[-1][0] == reverse("events:detail", kwargs={"slug": "cafe"})
        page = html(response)
        assert "You are registered" in page
        assert 'action="/en/events/cafe/unregister/"' in page and "Cancel my registration" in page
        assert Registration.objects.get(user=user, event=event).status == "confirmed"

        response = client.post(reverse("events:unregister", kwargs={"slug": "cafe"}), follow=True)
        assert "Your registration was cancelled." in html(response)
        assert Registration.objects.get(user=user, event=event).status == "cancelled"
        assert ">Register<" in html(client.get(reverse("events:detail", kwargs={"slug": "cafe"})))

    def test_the_waiting_list_message_shows_the_position(self, client):
        event = EventFactory(slug="cafe", capacity=1)
        RegistrationFactory(event=event)
        RegistrationFactory(event=event, status="waitlisted")
        signed_in(client)
        page = html(client.get(reverse("events:detail", kwargs={"slug": "cafe"})))
        assert "Full" in page and "Join the waiting list" in page
        response = client.post(reverse("events:register", kwargs={"slug": "cafe"}), follow=True)
        page = html(response)
        assert "you are number 2 on the waiting list" in page
        assert "You are number 2 on the waiting list" in page

    def test_a_full_event_without_a_waiting_list_offers_no_button(self, client):
        event = EventFactory(slug="cafe", capacity=1, waitlist_enabled=False)
        RegistrationFactory(event=event)
        signed_in(client)
        page = html(client.get(reverse("events:detail", kwargs={"slug": "cafe"})))
        assert "This event is full." in page
        assert 'action="/en/events/cafe/register/"' not in page
        assert "Join the waiting list" not in page
        response = client.post(reverse("events:register", kwargs={"slug": "cafe"}))
        assert response.status_code == 409 and "full" in html(response)
        assert event.registrations.count() == 1

    def test_a_refusal_is_a_clear_page(self, client):
        event = EventFactory(slug="cafe")
        user = signed_in(client)
        RegistrationFactory(event=event, user=user)
        response = client.post(reverse("events:register", kwargs={"slug": "cafe"}))
        assert response.status_code == 409
        assert "already registered" in html(response)
        assert event.registrations.count() == 1

    def test_anonymous_posts_are_sent_to_sign_in(self, client):
        EventFactory(slug="cafe")
        response = client.post(reverse("events:register", kwargs={"slug": "cafe"}))
        assert response.status_code == 302 and reverse("account_login") in response["Location"]
        assert not Registration.objects.exists()

    def test_the_dashboard_lists_my_registrations(self, client):
        user = signed_in(client)
        RegistrationFactory(user=user, event__title="Helis Academy: GMP")
        RegistrationFactory(user=user, event__title="BioBizz Cafe Leuven", status="waitlisted")
        RegistrationFactory(user=user, event__title="A cancelled one", status="cancelled")
        RegistrationFactory(event__title="Someone else's")
        page = html(client.get(reverse("dashboard")))
        assert "Helis Academy: GMP" in page and "BioBizz Cafe Leuven" in page
        assert "On the waiting list" in page
        assert "A cancelled one" not in page and "Someone else&#x27;s" not in page


class TestOrganizerPages:
    def test_the_detail_page_shows_the_organizer_tools(self, client, organizer):
        page = html(client.get(reverse("events:detail", kwargs={"slug": "cafe"})))
        assert (
            reverse("events:registrations", kwargs={"slug": "cafe"}) in page
            and reverse("events:check_in", kwargs={"slug": "cafe"}) in page
        )
        assert (
            reverse("events:edit", kwargs={"slug": "cafe"}) in page and "Cancel the event" in page
        )

    def test_registrations_list_and_csv(self, client, organizer):
        RegistrationFactory(
            event=organizer["event"], user__first_name="Ada", user__last_name="Lovelace"
        )
        RegistrationFactory(
            event=organizer["event"], user__first_name="@SUM(A1)", user__last_name="x"
        )
        response = client.get(reverse("events:registrations", kwargs={"slug": "cafe"}))
        assert response.status_code == 200
        assert "Ada Lovelace" in html(response) and "?format=csv" in html(response)
        response = client.get(
            reverse("events:registrations", kwargs={"slug": "cafe"}) + "?format=csv"
        )
        assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(response.content.decode())))
        names = {row["name"] for row in rows}
        assert "Ada Lovelace" in names
        assert not any(name.startswith("@") for name in names)

    def test_one_click_checks_in(self, client, organizer):
        registration = RegistrationFactory(event=organizer["event"], user__first_name="Ada")
        page = html(client.get(reverse("events:check_in", kwargs={"slug": "cafe"})))
        assert 'name="viewport"' in page
        action = reverse(
            "events:check_in_person", kwargs={"slug": "cafe", "registration_id": registration.pk}
        )
        assert f'action="{action}"' in page and "Check in" in page
        response = client.post(action, {"q": ""})
        assert response.status_code == 302
        registration.refresh_from_db()
        assert registration.status == "attended" and registration.checked_in_at
        page = html(client.get(response["Location"]))
        assert "checked in" in page and f'action="{action}"' not in page

    def test_the_check_in_search(self, client, organizer):
        RegistrationFactory(
            event=organizer["event"], user__first_name="Ada", user__last_name="Lovelace"
        )
        RegistrationFactory(
            event=organizer["event"], user__first_name="Grace", user__last_name="Hopper"
        )
        page = html(client.get(reverse("events:check_in", kwargs={"slug": "cafe"}) + "?q=grace"))
        assert "Hopper" in page and "Lovelace" not in page
        page = html(
            client.get(reverse("events:check_in", kwargs={"slug": "cafe"}) + "?q=Ada+Lovelace")
        )
        assert "Lovelace" in page and "Hopper" not in page

    @pytest.mark.parametrize(
        "path",
        [
            reverse("events:check_in", kwargs={"slug": "cafe"}),
            reverse("events:registrations", kwargs={"slug": "cafe"}),
            reverse("events:edit", kwargs={"slug": "cafe"}),
        ],
    )
    def test_organizer_pages_are_403_for_others(self, client, path):
        event = EventFactory(slug="cafe")
        registration = RegistrationFactory(event=event)
        signed_in(client, MembershipFactory().user)
        assert client.get(path).status_code == 403
        response = client.post(
            reverse(
                "events:check_in_person",
                kwargs={"slug": "cafe", "registration_id": registration.pk},
            )
        )
        assert response.status_code == 403
        registration.refresh_from_db()
        assert registration.status == "confirmed"

    def test_publish_and_cancel_from_the_page(self, client, organizer):
        EventFactory(slug="draft", status="draft", organizer=organizer["organization"])
        assert client.post(reverse("events:publish", kwargs={"slug": "draft"})).status_code == 302
        assert Event.objects.get(slug="draft").status == "published"
        RegistrationFactory(event=organizer["event"])
        response = client.post(
            reverse("events:cancel", kwargs={"slug": "cafe"}), {"reason": "Flooded."}
        )
        assert response.status_code == 302
        organizer["event"].refresh_from_db()
        assert organizer["event"].status == "cancelled"
        assert not organizer["event"].registrations.exclude(status="cancelled").exists()
        assert "Flooded." in html(client.get(reverse("events:detail", kwargs={"slug": "cafe"})))

    def test_a_stranger_cannot_cancel_from_the_page(self, client):
        EventFactory(slug="cafe")
        signed_in(client)
        assert client.post(reverse("events:cancel", kwargs={"slug": "cafe"})).status_code == 403
        assert Event.objects.get(slug="cafe").status == "published"

    def test_editing_below_the_confirmed_count_is_a_400(self, client, organizer):
        event = organizer["event"]
        RegistrationFactory.create_batch(2, event=event)
        page = html(client.get(reverse("events:edit", kwargs={"slug": "cafe"})))
        assert 'name="capacity"' in page
        data = {
            "title": event.title,
            "kind": event.kind,
            "starts_at": timezone.localtime(event.starts_at).strftime("%Y-%m-%dT%H:%M"),
            "ends_at": timezone.localtime(event.ends_at).strftime("%Y-%m-%dT%H:%M"),
            "venue": event.venue,
            "city": event.city,
            "capacity": 1,
            "waitlist_enabled": "on",
        }
        response = client.post(reverse("events:edit", kwargs={"slug": "cafe"}), data)
        assert response.status_code == 400
        assert "capacity" in response.context["form"].errors
        event.refresh_from_db()
        assert event.capacity == 2


def create_data(organization, **overrides) -> dict:
    return {
        "organizer": organization.pk,
        "title": "Helis Academy module: Medical devices",
        "kind": "training",
        "starts_at": "2027-06-10T09:30",
        "ends_at": "2027-06-10T16:30",
        "venue": "Ghent",
        "city": "Ghent",
        "capacity": "30",
        "waitlist_enabled": "on",
        **overrides,
    }


class TestCreatePage:
    def test_publish_and_draft_buttons(self, client, organizer):
        response = client.get(reverse("events:create"))
        assert response.status_code == 200
        page = html(response)
        assert 'name="publish"' in page and 'name="draft"' in page
        assert "flanders.bio" in page

    def test_publish(self, client, organizer):
        response = client.post(
            reverse("events:create"), create_data(organizer["organization"], publish=1)
        )
        assert response.status_code == 302
        event = Event.objects.get(title="Helis Academy module: Medical devices")
        assert event.status == "published" and response["Location"] == event.get_absolute_url()
        # The form's local times are Brussels time.
        assert timezone.localtime(event.starts_at).strftime("%H:%M") == "09:30"
        assert event.starts_at == datetime(2027, 6, 10, 7, 30, tzinfo=UTC)

    def test_save_as_draft(self, client, organizer):
        response = client.post(
            reverse("events:create"), create_data(organizer["organization"], draft=1)
        )
        assert response.status_code == 302
        assert Event.objects.get(title__startswith="Helis").status == "draft"

    def test_an_end_before_the_start_is_a_400_with_the_field_error(self, client, organizer):
        data = create_data(organizer["organization"], ends_at="2027-06-10T08:00", publish=1)
        response = client.post(reverse("events:create"), data)
        assert response.status_code == 400
        assert response.context["form"].errors["ends_at"] == ["The end is before the start."]
        assert 'id="id_ends_at_error"' in html(response)
        assert not Event.objects.filter(title__startswith="Helis").exists()

    def test_another_organization_cannot_be_chosen(self, client, organizer):
        response = client.post(
            reverse("events:create"), create_data(OrganizationFactory(), publish=1)
        )
        assert response.status_code == 400
        assert "organizer" in response.context["form"].errors
        assert not Event.objects.filter(title__startswith="Helis").exists()

    def test_people_without_an_organization_get_a_403(self, client):
        signed_in(client)
        assert client.get(reverse("events:create")).status_code == 403


class TestOtherPages:
    def test_the_organization_page_lists_its_events(self, client):
        host = OrganizationFactory(name="Janssen Pharmaceutica", slug="janssen")
        taking_part = EventFactory(title="Knowledge for Growth 2027")
        EventParticipant.objects.create(
            event=taking_part, organization=host, role="exhibitor", status="accepted"
        )
        EventFactory(title="Janssen open day", organizer=host)
        EventFactory(title="A past one", organizer=host, starts_at=in_days(-30))
        EventFactory(title="Not theirs")
        page = html(client.get(reverse("organizations:detail", kwargs={"slug": "janssen"})))
        assert "Knowledge for Growth 2027" in page and "Janssen open day" in page
        assert "A past one" not in page and "Not theirs" not in page

    def test_the_home_page_shows_what_is_coming(self, client):
        EventFactory(title="BioBizz Cafe Ghent", starts_at=in_days(3))
        EventFactory(title="A secret draft", status="draft")
        EventFactory(title="Long gone", starts_at=in_days(-10))
        page = html(client.get(reverse("home")))
        assert "What is coming" in page and "BioBizz Cafe Ghent" in page
        assert "A secret draft" not in page and "Long gone" not in page


def parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


class TestCalendarFiles:
    def test_one_event(self, client):
        EventFactory(
            slug="kfg",
            title="Knowledge for Growth 2027",
            starts_at=datetime(2027, 5, 20, 7, 0, tzinfo=UTC),
            ends_at=datetime(2027, 5, 20, 16, 30, tzinfo=UTC),
            city="Antwerp",
        )
        calendar = parse(client.get("/events/kfg/calendar.ics"))
        (event,) = calendar.walk("VEVENT")
        assert str(event["SUMMARY"]) == "Knowledge for Growth 2027"
        assert event["DTSTART"].dt == datetime(2027, 5, 20, 7, 0, tzinfo=UTC)
        assert event["DTEND"].dt == datetime(2027, 5, 20, 16, 30, tzinfo=UTC)
        assert event["DTSTART"].params["TZID"] == "Europe/Brussels"
        assert event["DTSTART"].dt.hour == 9
        assert str(event["STATUS"]) == "CONFIRMED"
        assert "Antwerp" in str(event["LOCATION"])
        assert str(event["URL"]).endswith(reverse("events:detail", kwargs={"slug": "kfg"}))

    def test_times_across_the_daylight_saving_change(self, client):
        before = EventFactory(
            slug="before",
            starts_at=datetime(2027, 3, 27, 10, 0, tzinfo=BRUSSELS),
            ends_at=datetime(2027, 3, 27, 12, 0, tzinfo=BRUSSELS),
        )
        after = EventFactory(
            slug="after",
            starts_at=datetime(2027, 3, 29, 10, 0, tzinfo=BRUSSELS),
            ends_at=datetime(2027, 3, 29, 12, 0, tzinfo=BRUSSELS),
        )
        expected = {"before": (9, 10), "after": (8, 10)}
        for event in (before, after):
            response = client.get(f"/events/{event.slug}/calendar.ics")
            (item,) = parse(response).walk("VEVENT")
            utc_hour, local_hour = expected[event.slug]
            start = item["DTSTART"].dt
            assert start.astimezone(UTC) == datetime(2027, 3, start.day, utc_hour, 0, tzinfo=UTC)
            assert (start.hour, start.minute) == (local_hour, 0)
            assert item["DTEND"].dt.astimezone(UTC).hour == utc_hour + 2
            day = start.strftime("%Y%m%d")
            assert f"DTSTART;TZID=Europe/Brussels:{day}T100000" in response.content.decode()
            # The page shows the same local time on both sides of the change.
            assert "10:00 – 12:00" in html(
                client.get(reverse("events:detail", kwargs={"slug": event.slug}))
            )

    def test_a_vtimezone_is_present(self, client):
        EventFactory(slug="kfg", starts_at=datetime(2027, 3, 27, 9, 0, tzinfo=UTC))
        calendar = parse(client.get("/events/kfg/calendar.ics"))
        (zone,) = calendar.walk("VTIMEZONE")
        assert str(zone["TZID"]) == "Europe/Brussels"
        assert zone.walk("STANDARD") and zone.walk("DAYLIGHT")

    def test_the_feed_has_every_upcoming_published_event(self, client):
        EventFactory(title="BioBizz Cafe Ghent", starts_at=in_days(10))
        EventFactory(title="Helis Academy", starts_at=in_days(40))
        EventFactory(title="A draft", status="draft", starts_at=in_days(5))
        EventFactory(title="Long gone", starts_at=in_days(-40))
        user = MembershipFactory().user
        EventFactory(
            title="My own draft", status="draft", organizer=user.memberships.get().organization
        )
        signed_in(client, user)
        calendar = parse(client.get("/events/calendar.ics"))
        titles = [str(item["SUMMARY"]) for item in calendar.walk("VEVENT")]
        assert titles == ["BioBizz Cafe Ghent", "Helis Academy"]
        assert calendar.walk("VTIMEZONE")

    def test_a_cancelled_event_is_marked_cancelled(self, client):
        EventFactory(slug="kfg", status="cancelled")
        (item,) = parse(client.get("/events/kfg/calendar.ics")).walk("VEVENT")
        assert str(item["STATUS"]) == "CANCELLED"
        assert b"STATUS:CANCELLED" in client.get("/events/kfg/calendar.ics").content

    def test_a_draft_has_no_public_calendar(self, client):
        EventFactory(slug="draft", status="draft")
        assert client.get("/events/draft/calendar.ics").status_code == 404


class TestFixture:
    def test_the_events_fixture_loads(self, client):
        base = settings.BASE_DIR / "fixtures"
        call_command(
            "loaddata", str(base / "ecosystem.json"), str(base / "events.json"), verbosity=0
        )
        kfg = Event.objects.get(title="Knowledge for Growth 2024")
        assert kfg.city == "Antwerp" and kfg.status == "published"
        assert timezone.localtime(kfg.starts_at).date() == date(2024, 5, 15)
        assert timezone.localtime(kfg.ends_at).date() == date(2024, 5, 16)
        assert kfg.participations.exists()
        # Every event of the fixture has a valid time range and a place.
        for event in Event.objects.all():
            assert event.ends_at >= event.starts_at
            assert event.venue or event.online_url
        page = html(client.get(reverse("events:list") + "?upcoming=false"))
        assert "Knowledge for Growth 2024" in page
        page = html(client.get(kfg.get_absolute_url()))
        assert re.search(r"15 May 2024.*16 May 2024", page, re.S)


class TestAdmin:
    @pytest.fixture
    def admin_client(self, client):
        client.force_login(UserFactory(is_staff=True, is_superuser=True))
        return client

    def test_the_changelists_load(self, admin_client):
        event = EventFactory(title="Knowledge for Growth 2027")
        RegistrationFactory(event=event, user__email="ada@x.org")
        EventParticipant.objects.create(
            event=event, organization=OrganizationFactory(), role="host"
        )
        for path in (
            "/admin/events/event/",
            "/admin/events/event/?q=knowledge",
            "/admin/events/event/?status__exact=published",
            "/admin/events/registration/",
            "/admin/events/registration/?q=ada",
            f"/admin/events/event/{event.pk}/change/",
            "/admin/events/event/add/",
            f"/admin/events/registration/{event.registrations.get().pk}/change/",
        ):
            response = admin_client.get(path)
            assert response.status_code == 200, path
        assert "Knowledge for Growth 2027" in html(admin_client.get("/admin/events/event/"))
        assert "ada@x.org" in html(admin_client.get("/admin/events/registration/"))

    def test_html_saved_in_the_admin_is_sanitised(self, admin_client):
        event = EventFactory(title="Knowledge for Growth 2027")
        response = admin_client.get(f"/admin/events/event/{event.pk}/change/")
        form = response.context["adminform"].form
        data = {
            name: form.initial.get(name, "")
            for name in form.fields
            if form.initial.get(name) is not None
        }
        data.update(
            {
                "organizer": event.organizer.pk,
                "starts_at_0": timezone.localtime(event.starts_at).strftime("%Y-%m-%d"),
                "starts_at_1": timezone.localtime(event.starts_at).strftime("%H:%M:%S"),
                "ends_at_0": timezone.localtime(event.ends_at).strftime("%Y-%m-%d"),
                "ends_at_1": timezone.localtime(event.ends_at).strftime("%H:%M:%S"),
                "description_en": '<p>Welcome</p><script>alert("x")</script>',
                "description_fr": '<p>Bienvenue</p><img src=x onerror="alert(2)">',
                "agenda": '<p onclick="alert(1)">09:00 Coffee</p>',
                "participations-TOTAL_FORMS": "0",
                "participations-INITIAL_FORMS": "0",
                "registrations-TOTAL_FORMS": "0",
                "registrations-INITIAL_FORMS": "0",
            }
        )
        for name in ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at"):
            data.pop(name, None)
        data["waitlist_enabled"] = "on"
        response = admin_client.post(f"/admin/events/event/{event.pk}/change/", data)
        assert response.status_code == 302, response.context["adminform"].form.errors
        event.refresh_from_db()
        assert event.description == "<p>Welcome</p>"
        assert event.description_fr == "<p>Bienvenue</p>"
        assert event.agenda == "<p>09:00 Coffee</p>"

    def test_the_admin_actions(self, admin_client):
        draft = EventFactory(status="draft")
        other = EventFactory()
        RegistrationFactory(event=other, user__email="=cmd@x.org")
        response = admin_client.post(
            "/admin/events/event/",
            {"action": "publish", "_selected_action": [draft.pk]},
        )
        assert response.status_code == 302
        draft.refresh_from_db()
        assert draft.status == "published"
        response = admin_client.post(
            "/admin/events/event/",
            {"action": "export_registrations", "_selected_action": [other.pk]},
        )
        assert response.status_code == 200
        rows = list(csv.DictReader(io.StringIO(response.content.decode())))
        assert [row["status"] for row in rows] == ["confirmed"]
        assert not rows[0]["email"].startswith("=")
        admin_client.post(
            "/admin/events/event/", {"action": "cancel", "_selected_action": [other.pk]}
        )
        other.refresh_from_db()
        assert other.status == "cancelled"
