"""In the inbox a notice (here an event's) reads as a short message with working links, not
as an email."""

import pytest
from django.test import Client
from django.urls import reverse

from apps.accounts.tests.factories import UserFactory
from apps.events.models import EventNotice
from apps.notifications.models import Notification
from apps.notifications.services import notify

pytestmark = pytest.mark.django_db


@pytest.fixture
def notice():
    user = UserFactory(first_name="Sofie", last_name="Seeker")
    notification = notify(
        recipient=user,
        kind=EventNotice.REGISTRATION_WAITLISTED,
        subject="Registered",
        template="events/email/registration_waitlisted",
        context={"event": {"title": "BioBizz Cafe <Ghent>"}, "position": 2},
        url=reverse("events:detail", kwargs={"slug": "biobizz-cafe"}),
    )
    return notification


def test_the_message_is_the_email_without_greeting_button_or_signature(notice):
    assert "number 2 on the waiting list" in notice.message
    assert "Hello" not in notice.message and "--" not in notice.message
    assert "Choose which emails you get" not in notice.message
    assert "style=" not in notice.message
    # Its link stays within the portal and opens the page the notice is about.
    assert '<a href="/en/events/biobizz-cafe/"' in notice.message
    # User text stays escaped.
    assert "BioBizz Cafe &lt;Ghent&gt;" in notice.message
    # The email itself is whole.
    assert notice.body.startswith("Hello Sofie Seeker,") and "\n--\n" in notice.body
    assert "Choose which emails you get" in notice.html_body


def test_the_inbox_shows_the_message_and_a_way_to_open_it(notice):
    client = Client()
    client.force_login(notice.recipient)
    page = client.get(reverse("notifications:inbox")).content.decode()
    assert "number 2 on the waiting list" in page
    assert "Hello Sofie" not in page and "\n--\n" not in page
    assert "<summary>Read</summary>" not in page
    assert f'action="/en/notifications/{notice.pk}/open/"' in page
    response = client.post(reverse("notifications:open", kwargs={"notification_id": notice.pk}))
    assert response.status_code == 302 and response["Location"] == reverse(
        "events:detail", kwargs={"slug": "biobizz-cafe"}
    )


def test_an_older_notice_without_a_message_shows_its_text_without_the_letter():
    user = UserFactory()
    Notification.objects.create(
        recipient=user,
        kind=EventNotice.EVENT_REMINDER,
        subject="Tomorrow",
        body="Hello Ann,\n\nSee https://portal.example.org/events/x/ tomorrow.\n\n--\nPortal",
    )
    client = Client()
    client.force_login(user)
    page = client.get(reverse("notifications:inbox")).content.decode()
    assert '<a href="https://portal.example.org/events/x/"' in page
    assert "Hello Ann" not in page and "--\nPortal" not in page
