"""The webhook pages: add one and see the secret once, the log, test, turn off, delete."""

import pytest
from django.urls import reverse

from apps.organizations.tests.factories import MembershipFactory
from apps.webhooks.models import WebhookDelivery, WebhookEndpoint
from apps.webhooks.tests.factories import WebhookEndpointFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("public_dns")]


@pytest.fixture
def owner(client):
    membership = MembershipFactory(role="owner", organization__verified=True)
    client.force_login(membership.user)
    return membership


def test_an_owner_adds_a_webhook_and_sees_its_secret_once(client, owner):
    page = reverse("webhooks:list", kwargs={"slug": owner.organization.slug})
    response = client.post(
        page, {"url": "https://ats.example.com/hooks", "events": ["application.received"]}
    )
    assert response.status_code == 200
    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.secret in response.content.decode()
    assert response["Cache-Control"] == "no-store"
    again = client.get(page).content.decode()
    assert endpoint.url in again and endpoint.secret not in again


def test_a_private_address_is_refused_next_to_the_field(client, owner):
    response = client.post(
        reverse("webhooks:list", kwargs={"slug": owner.organization.slug}),
        {"url": "https://192.168.1.20/hooks", "events": ["vacancy.published"]},
    )
    assert response.status_code == 400
    assert "private" in response.content.decode()
    assert not WebhookEndpoint.objects.exists()


def test_the_detail_page_shows_the_log_and_its_buttons_work(client, owner):
    endpoint = WebhookEndpointFactory(organization=owner.organization)
    base = reverse(
        "webhooks:detail", kwargs={"slug": owner.organization.slug, "endpoint_id": endpoint.pk}
    )
    assert "Nothing was sent yet" in client.get(base).content.decode()
    assert client.post(f"{base}ping/").status_code == 302
    ping = WebhookDelivery.objects.get()
    assert ping.event_type == "webhook.ping"
    assert ping.message_id in client.get(base).content.decode()
    assert client.post(f"{base}toggle/").status_code == 302
    endpoint.refresh_from_db()
    assert not endpoint.is_active
    assert client.post(f"{base}delete/").status_code == 302
    assert not WebhookEndpoint.objects.exists()


def test_recruiters_and_strangers_cannot_open_the_pages(client):
    recruiter = MembershipFactory(role="recruiter")
    client.force_login(recruiter.user)
    assert (
        client.get(
            reverse("webhooks:list", kwargs={"slug": recruiter.organization.slug})
        ).status_code
        == 403
    )
    other = MembershipFactory(role="owner")
    assert (
        client.get(reverse("webhooks:list", kwargs={"slug": other.organization.slug})).status_code
        == 404
    )
    assert client.get(reverse("webhooks:portal_list")).status_code == 403
