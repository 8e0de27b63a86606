"""The in-portal inbox, its unread count, marking read, and the per-kind email settings."""

import re
import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from apps.accounts.tests.factories import UserFactory
from apps.notifications.kinds import choosable_kind_values, kind_values
from apps.notifications.models import Notification, NotificationPreference
from apps.notifications.tests.factories import NotificationFactory

# Notifications knows the kinds only as the apps registered them; any one will do.
A_KIND = kind_values()[0]

pytestmark = pytest.mark.django_db

INBOX_API = "/api/v1/me/notifications/"
SETTINGS_API = "/api/v1/me/notification-settings/"


@pytest.fixture
def person():
    return UserFactory()


@pytest.fixture
def api(person):
    client = APIClient()
    client.force_authenticate(person)
    return client


@pytest.fixture
def browser(person):
    client = Client()
    client.force_login(person)
    return client


def notices_for(user, count: int, **fields) -> list[Notification]:
    """`count` notices, the first the newest."""
    now = timezone.now()
    return [
        NotificationFactory(
            recipient=user, created_at=now - timedelta(minutes=i), subject=f"Notice {i}", **fields
        )
        for i in range(count)
    ]


def badge(html: str) -> str | None:
    found = re.search(r'<span class="badge count-badge"[^>]*>(\d+)</span>', html)
    return found.group(1) if found else None


# --- API ----------------------------------------------------------------------------------


class TestInboxApi:
    def test_paginated_newest_first_with_the_unread_count(self, api, person):
        mine = notices_for(person, 25)
        notices_for(UserFactory(), 3)
        Notification.objects.filter(pk__in=[n.pk for n in mine[:5]]).update(read_at=timezone.now())

        data = api.get(INBOX_API).json()
        assert data["count"] == 25
        assert data["unread_count"] == 20
        assert len(data["results"]) == 20
        assert data["next"] and data["previous"] is None
        assert [r["id"] for r in data["results"]] == [str(n.pk) for n in mine[:20]]
        first = data["results"][0]
        assert set(first) == {
            "id",
            "kind",
            "subject",
            "message",
            "body",
            "url",
            "created_at",
            "read_at",
            "read",
        }
        assert first["read"] is True and data["results"][5]["read"] is False
        assert re.search(r"[+-]\d\d:\d\d$|Z$", first["created_at"])  # ISO 8601 with offset

        second = api.get(INBOX_API, {"page": 2}).json()
        assert [r["id"] for r in second["results"]] == [str(n.pk) for n in mine[20:]]
        assert second["unread_count"] == 20

        small = api.get(INBOX_API, {"page_size": 5}).json()
        assert len(small["results"]) == 5

    def test_unread_only(self, api, person):
        read, unread = notices_for(person, 2)
        Notification.objects.filter(pk=read.pk).update(read_at=timezone.now())
        data = api.get(INBOX_API, {"unread": "true"}).json()
        assert [r["id"] for r in data["results"]] == [str(unread.pk)]
        assert api.get(INBOX_API, {"unread": "false"}).json()["count"] == 2
        response = api.get(INBOX_API, {"unread": "maybe"})
        assert response.status_code == 400
        assert "unread" in response.json()

    def test_signed_in_only(self, api_client):
        assert api_client.get(INBOX_API).status_code in (401, 403)
        assert api_client.get(SETTINGS_API).status_code in (401, 403)

    def test_the_query_count_does_not_grow_with_the_page_size(self, api, person):
        notices_for(person, 60)

        def queries(page_size: int) -> int:
            with CaptureQueriesContext(connection) as captured:
                response = api.get(INBOX_API, {"page_size": page_size})
            assert len(response.json()["results"]) == page_size
            return len(captured)

        assert queries(2) == queries(50)


class TestMarkRead:
    def test_mark_one_read(self, api, person):
        notice, other = notices_for(person, 2)
        response = api.post(f"{INBOX_API}{notice.pk}/read/")
        assert response.status_code == 200
        assert response.json()["read"] is True
        notice.refresh_from_db()
        first_read = notice.read_at
        assert first_read is not None
        assert api.get(INBOX_API).json()["unread_count"] == 1

        assert api.post(f"{INBOX_API}{notice.pk}/read/").status_code == 200  # again: no change
        notice.refresh_from_db()
        assert notice.read_at == first_read
        other.refresh_from_db()
        assert other.read_at is None

    def test_another_users_notification_is_a_404_and_stays_unread(self, api):
        theirs = NotificationFactory()
        response = api.post(f"{INBOX_API}{theirs.pk}/read/")
        assert response.status_code == 404
        theirs.refresh_from_db()
        assert theirs.read_at is None
        assert api.post(f"{INBOX_API}{uuid.uuid4()}/read/").status_code == 404

    def test_read_all_marks_only_ones_own(self, api, person):
        notices_for(person, 3)
        theirs = NotificationFactory()
        response = api.post(f"{INBOX_API}read-all/")
        assert response.status_code == 200
        assert response.json() == {"marked": 3}
        assert not Notification.objects.filter(recipient=person, read_at__isnull=True).exists()
        theirs.refresh_from_db()
        assert theirs.read_at is None
        assert api.post(f"{INBOX_API}read-all/").json() == {"marked": 0}


# --- Pages --------------------------------------------------------------------------------


class TestInboxPage:
    def test_lists_ones_notices_and_shows_the_unread_count_in_the_navigation(self, browser, person):
        read, *unread = notices_for(person, 4)
        Notification.objects.filter(pk=read.pk).update(read_at=timezone.now())
        NotificationFactory(subject="Someone else's notice")

        page = browser.get(reverse("notifications:inbox"))
        assert page.status_code == 200
        html = page.content.decode()
        for notice in (read, *unread):
            assert notice.subject in html
        assert "Someone else&#x27;s notice" not in html and "Someone else's notice" not in html
        assert html.count('class="card unread"') == 3
        assert badge(html) == "3"
        assert 'aria-label="3 unread"' in html
        assert "Mark all as read" in html

        # The badge is in the navigation of every page.
        assert badge(browser.get(reverse("home")).content.decode()) == "3"
        assert badge(browser.get(reverse("vacancies:list")).content.decode()) == "3"

    def test_opening_a_notice_marks_it_read_and_goes_to_its_page(self, browser, person):
        notice = NotificationFactory(recipient=person, url=reverse("dashboard"))
        response = browser.post(
            reverse("notifications:open", kwargs={"notification_id": notice.pk})
        )
        assert response.status_code == 302
        assert response["Location"] == reverse("dashboard")
        notice.refresh_from_db()
        assert notice.read_at is not None
        assert badge(browser.get(reverse("home")).content.decode()) is None

    def test_opening_never_redirects_off_site(self, browser, person):
        notice = NotificationFactory(recipient=person, url="https://evil.example/")
        response = browser.post(
            reverse("notifications:open", kwargs={"notification_id": notice.pk})
        )
        assert response["Location"] == reverse("notifications:inbox")

    def test_opening_another_users_notice_is_a_404(self, browser):
        theirs = NotificationFactory()
        assert (
            browser.post(
                reverse("notifications:open", kwargs={"notification_id": theirs.pk})
            ).status_code
            == 404
        )
        assert (
            browser.get(
                reverse("notifications:open", kwargs={"notification_id": theirs.pk})
            ).status_code
            == 405
        )
        theirs.refresh_from_db()
        assert theirs.read_at is None

    def test_mark_all_read_on_the_page(self, browser, person):
        notices_for(person, 2)
        theirs = NotificationFactory()
        response = browser.post(reverse("notifications:read_all"), follow=True)
        assert response.status_code == 200
        assert badge(response.content.decode()) is None
        assert "Mark all as read" not in response.content.decode()
        theirs.refresh_from_db()
        assert theirs.read_at is None

    def test_empty_state(self, browser):
        html = browser.get(reverse("notifications:inbox")).content.decode()
        assert "No notifications yet" in html
        assert badge(html) is None

    def test_paginated(self, browser, person):
        notices_for(person, 31)
        first = browser.get(reverse("notifications:inbox")).content.decode()
        assert "Notice 0" in first and "Notice 30" not in first
        assert "Page 1 of 2" in first
        assert (
            "Notice 30" in browser.get(reverse("notifications:inbox") + "?page=2").content.decode()
        )

    def test_signed_in_only(self):
        for path in (
            reverse("notifications:inbox"),
            reverse("notifications:preferences"),
            reverse("alerts:list"),
        ):
            response = Client().get(path)
            assert response.status_code == 302
            assert reverse("account_login") in response["Location"]


# --- Email settings -----------------------------------------------------------------------


class TestSettingsApi:
    def test_every_kind_defaults_to_email(self, api):
        data = api.get(SETTINGS_API).json()
        assert data == dict.fromkeys(choosable_kind_values(), True)
        assert set(kind_values()) - set(data) == {"account_inactive"}

    def test_notices_about_the_account_itself_cannot_be_turned_off(self, api):
        assert "account_inactive" not in api.get(SETTINGS_API).json()
        response = api.patch(SETTINGS_API, {"account_inactive": False}, format="json")
        assert response.status_code == 400

    def test_patch_turns_email_off_and_on_per_kind(self, api, person):
        first, second, third = choosable_kind_values()[:3]
        response = api.patch(
            SETTINGS_API,
            {first: False, third: False},
            format="json",
        )
        assert response.status_code == 200
        assert response.json()[first] is False
        assert response.json()[second] is True
        assert api.get(SETTINGS_API).json()[third] is False

        api.patch(SETTINGS_API, {first: True}, format="json")
        data = api.get(SETTINGS_API).json()
        assert data[first] is True
        assert data[third] is False
        assert NotificationPreference.objects.filter(user=person).count() == 2

    @pytest.mark.parametrize(
        ("body", "field"),
        [
            ({A_KIND: False, "birthday_wishes": False}, "kind"),
            ({A_KIND: "no"}, "detail"),
            ({A_KIND: 0}, "detail"),
            ({A_KIND: None}, "detail"),
            ([A_KIND], "detail"),
        ],
    )
    def test_an_unknown_kind_or_a_non_boolean_is_a_400_and_changes_nothing(
        self, api, person, body, field
    ):
        response = api.patch(SETTINGS_API, body, format="json")
        assert response.status_code == 400
        assert field in response.json()
        assert not NotificationPreference.objects.filter(user=person).exists()

    def test_the_unknown_kind_is_named(self, api):
        response = api.patch(SETTINGS_API, {"birthday_wishes": True}, format="json")
        assert "birthday_wishes" in str(response.json()["kind"])


class TestSettingsPage:
    def test_a_checkbox_per_kind_ticked_by_default(self, browser):
        page = browser.get(reverse("notifications:preferences"))
        assert page.status_code == 200
        html = page.content.decode()
        for kind in choosable_kind_values():
            assert re.search(rf'<input type="checkbox" name="{kind}"[^>]*checked', html), kind
        assert 'name="account_inactive"' not in html

    def test_saving_unticks_what_was_left_out(self, browser, person):
        first = choosable_kind_values()[0]
        ticked = [k for k in choosable_kind_values() if k != first]
        response = browser.post(reverse("notifications:preferences"), dict.fromkeys(ticked, "on"))
        assert response.status_code == 302
        assert response["Location"] == reverse("notifications:preferences")
        preferences = dict(
            NotificationPreference.objects.filter(user=person).values_list("kind", "email")
        )
        assert preferences[first] is False
        assert all(preferences[k] for k in ticked)
        html = browser.get(reverse("notifications:preferences")).content.decode()
        assert not re.search(rf'<input type="checkbox" name="{first}"[^>]*checked', html)
