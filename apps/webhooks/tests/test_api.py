"""Webhook endpoints in the API: owners and webhooks:manage keys; staff portal-wide."""

import pytest
from rest_framework.test import APIClient

from apps.accounts.tests.factories import UserFactory
from apps.apikeys.tests.factories import api_key_for, key_header
from apps.organizations.tests.factories import MembershipFactory, OrganizationFactory
from apps.webhooks import services
from apps.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint
from apps.webhooks.services import MAX_ENDPOINTS
from apps.webhooks.tests.factories import WebhookEndpointFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("public_dns")]

NEW = {"url": "https://ats.example.com/hooks", "events": ["vacancy.published"]}


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def owner():
    return MembershipFactory(role="owner", organization__verified=True)


def path(organization, rest="") -> str:
    return f"/api/v1/organizations/{organization.slug}/webhooks/{rest}"


def test_an_owner_registers_an_endpoint_and_sees_the_secret_once(owner):
    client = client_for(owner.user)
    response = client.post(
        path(owner.organization),
        {**NEW, "events": ["vacancy.published", "application.received"], "description": "ATS"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["secret"].startswith("whsec_")
    endpoint = WebhookEndpoint.objects.get(pk=body["id"])
    assert endpoint.secret == body["secret"]
    assert body["events"] == ["application.received", "vacancy.published"]
    listed = client.get(path(owner.organization)).json()
    assert listed["count"] == 1 and "secret" not in listed["results"][0]
    assert "secret" not in client.get(path(owner.organization, f"{endpoint.pk}/")).json()


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({**NEW, "events": ["vacancy.exploded"]}, "events"),
        ({**NEW, "events": []}, "events"),
        ({**NEW, "url": "http://ats.example.com/hooks"}, "url"),
        ({**NEW, "url": "https://10.0.0.5/hooks"}, "url"),
        ({**NEW, "url": "https://169.254.169.254/latest/"}, "url"),
        ({**NEW, "url": "not a url"}, "url"),
        ({"events": ["vacancy.published"]}, "url"),
    ],
)
def test_bad_input_is_a_400_that_names_the_field_and_changes_nothing(owner, payload, field):
    response = client_for(owner.user).post(path(owner.organization), payload, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not WebhookEndpoint.objects.exists()


def test_the_eleventh_endpoint_is_refused(owner):
    for _ in range(MAX_ENDPOINTS):
        WebhookEndpointFactory(organization=owner.organization)
    response = client_for(owner.user).post(path(owner.organization), NEW, format="json")
    assert response.status_code == 409
    assert WebhookEndpoint.objects.count() == MAX_ENDPOINTS


def test_who_may_manage_an_organizations_webhooks(owner):
    organization = owner.organization
    recruiter = MembershipFactory(organization=organization, role="recruiter").user
    assert client_for(recruiter).get(path(organization)).status_code == 403
    assert client_for(recruiter).post(path(organization), NEW, format="json").status_code == 403
    assert client_for(UserFactory()).get(path(organization)).status_code == 404
    assert APIClient().get(path(organization)).status_code == 401
    assert not WebhookEndpoint.objects.exists()


def test_a_key_with_webhooks_manage_registers_for_its_own_organization_only(owner):
    _key, raw = api_key_for(owner.organization, scopes=["webhooks:manage"])
    client = APIClient()
    response = client.post(path(owner.organization), NEW, format="json", **key_header(raw))
    assert response.status_code == 201
    assert WebhookEndpoint.objects.get().created_by is None
    other = OrganizationFactory()
    response = client.post(path(other), NEW, format="json", **key_header(raw))
    assert response.status_code == 404
    _key, reader = api_key_for(owner.organization, scopes=["vacancies:read"])
    assert client.get(path(owner.organization), **key_header(reader)).status_code == 403


def test_portal_wide_endpoints_are_for_staff_and_public_events(owner):
    staff = client_for(UserFactory(is_staff=True))
    response = staff.post("/api/v1/webhooks/", NEW, format="json")
    assert response.status_code == 201
    assert WebhookEndpoint.objects.get().organization is None
    private = staff.post(
        "/api/v1/webhooks/", {**NEW, "events": ["application.received"]}, format="json"
    )
    assert private.status_code == 400 and "events" in private.json()
    assert client_for(owner.user).post("/api/v1/webhooks/", NEW, format="json").status_code == 403
    assert staff.get("/api/v1/webhooks/").json()["count"] == 1


def test_update_turn_off_and_on_and_delete(owner):
    endpoint = WebhookEndpointFactory(organization=owner.organization)
    client = client_for(owner.user)
    detail = path(owner.organization, f"{endpoint.pk}/")
    response = client.patch(detail, {"events": ["vacancy.closed"], "is_active": False})
    assert response.status_code == 200
    assert response.json()["events"] == ["vacancy.closed"]
    assert response.json()["is_active"] is False and response.json()["disabled_at"]
    response = client.patch(detail, {"is_active": True})
    assert response.json()["is_active"] is True and response.json()["disabled_at"] is None
    assert client.patch(detail, {"url": "https://127.0.0.1/x"}).status_code == 400
    assert client.delete(detail).status_code == 204
    assert not WebhookEndpoint.objects.exists()


def test_the_delivery_log_ping_and_redelivery(owner, receiver):
    endpoint = WebhookEndpointFactory(organization=owner.organization, url=receiver.url)
    receiver.secret = endpoint.secret
    client = client_for(owner.user)
    ping = client.post(path(owner.organization, f"{endpoint.pk}/ping/"))
    assert ping.status_code == 202
    assert ping.json()["event_type"] == "webhook.ping"
    services.delivery_attempt(delivery_id=ping.json()["id"])
    [received] = receiver.received
    assert received.verified and received.payload["type"] == "webhook.ping"

    log = client.get(path(owner.organization, f"{endpoint.pk}/deliveries/")).json()
    assert log["count"] == 1
    row = log["results"][0]
    assert (row["status"], row["response_status"], row["attempts"]) == ("succeeded", 200, 1)
    assert row["duration_ms"] is not None and row["payload"]["type"] == "webhook.ping"

    again = client.post(
        path(owner.organization, f"{endpoint.pk}/deliveries/{row['id']}/redeliver/")
    )
    assert again.status_code == 202
    assert again.json()["message_id"] == row["message_id"]
    assert again.json()["redelivery_of"] == row["id"]
    services.delivery_attempt(delivery_id=again.json()["id"])
    assert [r.headers["webhook-id"] for r in receiver.received] == [row["message_id"]] * 2


def test_a_pending_delivery_or_one_to_an_endpoint_turned_off_is_not_redelivered(owner):
    endpoint = WebhookEndpointFactory(organization=owner.organization)
    [delivery] = services.webhooks_dispatch(
        organization=owner.organization, event_type="vacancy.published", data={}
    )
    url = path(owner.organization, f"{endpoint.pk}/deliveries/{delivery.pk}/redeliver/")
    client = client_for(owner.user)
    assert client.post(url).status_code == 409
    WebhookDelivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.FAILED)
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(is_active=False)
    assert client.post(url).status_code == 409
    assert WebhookDelivery.objects.count() == 1


def test_another_organizations_endpoint_is_not_found(owner):
    theirs = WebhookEndpointFactory()
    client = client_for(owner.user)
    assert client.get(path(owner.organization, f"{theirs.pk}/")).status_code == 404
    assert client.get(path(owner.organization, f"{theirs.pk}/deliveries/")).status_code == 404
    assert client.delete(path(owner.organization, f"{theirs.pk}/")).status_code == 404
    assert WebhookEndpoint.objects.filter(pk=theirs.pk).exists()


def test_the_event_types_are_listed_for_anyone():
    events = APIClient().get("/api/v1/webhooks/events/").json()["results"]
    names = {event["name"]: event for event in events}
    assert {
        "vacancy.published",
        "vacancy.closed",
        "vacancy.expired",
        "application.received",
        "application.status_changed",
        "registration.created",
        "registration.cancelled",
        "meeting.booked",
    } <= set(names)
    assert names["vacancy.published"]["public"] and not names["application.received"]["public"]
