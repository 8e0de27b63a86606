"""Organization API keys: owners make them, they are shown once, stored as a hash, used,
expire and are revoked; they have a rate limit of their own."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from apps.accounts.tests.factories import UserFactory
from apps.apikeys.models import ApiKey
from apps.apikeys.services import hash_key
from apps.apikeys.tests.factories import api_key_for, key_header
from apps.apikeys.throttling import ApiKeyRateThrottle
from apps.organizations.tests.factories import MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.django_db

NEW = {"name": "Applicant tracking", "scopes": ["vacancies:read", "applications:read"]}


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def owner():
    return MembershipFactory(role="owner", organization__verified=True)


def keys_path(organization, rest="") -> str:
    return f"/api/v1/organizations/{organization.slug}/api-keys/{rest}"


def test_an_owner_makes_a_key_that_is_shown_once_and_stored_as_a_hash(owner):
    client = client_for(owner.user)
    response = client.post(keys_path(owner.organization), NEW, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    raw = body["key"]
    assert raw.startswith("flp_") and len(raw) > 40
    assert body["scopes"] == ["vacancies:read", "applications:read"]
    assert body["status"] == "active"
    stored = ApiKey.objects.get()
    assert stored.key_hash == hash_key(raw) and raw not in stored.key_hash
    assert raw[:12] == stored.prefix == body["prefix"]
    assert stored.created_by == owner.user
    listed = client.get(keys_path(owner.organization)).json()
    assert listed["count"] == 1 and "key" not in listed["results"][0]
    assert "key" not in client.get(keys_path(owner.organization, f"{stored.pk}/")).json()
    # The key works.
    response = APIClient().get("/api/v1/vacancies/", **key_header(raw))
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({**NEW, "scopes": ["vacancies:read", "talent:read"]}, "scopes"),
        ({**NEW, "scopes": []}, "scopes"),
        ({**NEW, "name": ""}, "name"),
        ({**NEW, "expires_at": "2001-01-01T00:00:00Z"}, "expires_at"),
        ({**NEW, "expires_at": "tomorrow"}, "expires_at"),
        ({"name": "x"}, "scopes"),
    ],
)
def test_bad_input_is_a_400_that_names_the_field_and_changes_nothing(owner, payload, field):
    response = client_for(owner.user).post(keys_path(owner.organization), payload, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not ApiKey.objects.exists()


def test_who_may_manage_keys(owner):
    organization = owner.organization
    recruiter = MembershipFactory(organization=organization, role="recruiter").user
    staff = UserFactory(is_staff=True)
    assert client_for(recruiter).get(keys_path(organization)).status_code == 403
    assert client_for(recruiter).post(keys_path(organization), NEW).status_code == 403
    assert client_for(UserFactory()).get(keys_path(organization)).status_code == 404
    assert APIClient().get(keys_path(organization)).status_code == 401
    # Staff see and revoke a leaked key, but do not make keys for an organization.
    assert client_for(staff).post(keys_path(organization), NEW, format="json").status_code == 403
    assert not ApiKey.objects.exists()
    api_key, _raw = api_key_for(organization)
    assert client_for(staff).get(keys_path(organization)).json()["count"] == 1
    assert client_for(staff).delete(keys_path(organization, f"{api_key.pk}/")).status_code == 204


def test_a_key_cannot_make_or_see_keys(owner):
    _api_key, raw = api_key_for(owner.organization)
    client = APIClient()
    assert client.get(keys_path(owner.organization), **key_header(raw)).status_code == 403
    response = client.post(keys_path(owner.organization), NEW, format="json", **key_header(raw))
    assert response.status_code == 403
    assert ApiKey.objects.count() == 1


def test_a_revoked_key_answers_401(owner):
    api_key, raw = api_key_for(owner.organization)
    client = APIClient()
    assert client.get("/api/v1/vacancies/", **key_header(raw)).status_code == 200
    response = client_for(owner.user).delete(keys_path(owner.organization, f"{api_key.pk}/"))
    assert response.status_code == 204
    response = client.get("/api/v1/vacancies/", **key_header(raw))
    assert response.status_code == 401
    assert "revoked" in response.json()["detail"]
    again = client_for(owner.user).delete(keys_path(owner.organization, f"{api_key.pk}/"))
    assert again.status_code == 409


def test_an_expired_key_answers_401():
    _api_key, raw = api_key_for(expires_at=timezone.now() - timedelta(seconds=1))
    response = APIClient().get("/api/v1/vacancies/", **key_header(raw))
    assert response.status_code == 401
    assert "expired" in response.json()["detail"]


@pytest.mark.parametrize(
    "header",
    [
        "Api-Key flp_not-a-key",
        "Api-Key",
        "Api-Key two words",
        "Api-Key somethingelse",
    ],
)
def test_a_wrong_key_answers_401_with_the_scheme(header):
    response = APIClient().get("/api/v1/vacancies/", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response.has_header("WWW-Authenticate")


def test_use_is_noted_at_most_once_a_minute():
    api_key, raw = api_key_for()
    assert api_key.last_used_at is None
    client = APIClient()
    client.get("/api/v1/vacancies/", **key_header(raw))
    api_key.refresh_from_db()
    first = api_key.last_used_at
    assert first is not None
    client.get("/api/v1/vacancies/", **key_header(raw))
    api_key.refresh_from_db()
    assert api_key.last_used_at == first
    ApiKey.objects.filter(pk=api_key.pk).update(last_used_at=first - timedelta(minutes=2))
    client.get("/api/v1/vacancies/", **key_header(raw))
    api_key.refresh_from_db()
    assert api_key.last_used_at > first


def test_keys_have_a_rate_limit_of_their_own(monkeypatch):
    rates = {**ApiKeyRateThrottle.THROTTLE_RATES, "api_key": "3/minute"}
    monkeypatch.setattr(ApiKeyRateThrottle, "THROTTLE_RATES", rates)
    _one, first = api_key_for()
    _two, second = api_key_for()
    client = APIClient()
    codes = [client.get("/api/v1/vacancies/", **key_header(first)).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    # Another key, and people, count on their own.
    assert client.get("/api/v1/vacancies/", **key_header(second)).status_code == 200
    assert client_for(UserFactory()).get("/api/v1/vacancies/").status_code == 200


def test_the_keys_page_makes_a_key_shows_it_once_and_revokes(client, owner):
    client.force_login(owner.user)
    page = reverse("apikeys:list", kwargs={"slug": owner.organization.slug})
    assert "No API keys yet" in client.get(page).content.decode()
    response = client.post(page, {"name": "Careers site", "scopes": ["vacancies:read"]})
    assert response.status_code == 200
    api_key = ApiKey.objects.get()
    html = response.content.decode()
    assert f'value="{api_key.prefix}' in html
    assert response["Cache-Control"] == "no-store"
    assert "flp_" in client.get(page).content.decode()  # the prefix, as a reminder
    assert 'id="new-key"' not in client.get(page).content.decode()
    bad = client.post(page, {"name": "Careers site", "scopes": ["nope"]})
    assert bad.status_code == 400 and ApiKey.objects.count() == 1
    assert client.post(f"{page}{api_key.pk}/revoke/").status_code == 302
    api_key.refresh_from_db()
    assert api_key.revoked_at is not None and api_key.revoked_by == owner.user


def test_the_keys_page_is_for_owners(client):
    recruiter = MembershipFactory(role="recruiter")
    client.force_login(recruiter.user)
    assert (
        client.get(
            reverse("apikeys:list", kwargs={"slug": recruiter.organization.slug})
        ).status_code
        == 403
    )
    other = OrganizationFactory()
    assert client.get(reverse("apikeys:list", kwargs={"slug": other.slug})).status_code == 404
