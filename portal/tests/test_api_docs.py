import re

import pytest
from django.urls import reverse

from apps.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_openapi_schema_describes_the_api(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in [
        "/api/v1/auth/token/",
        "/api/v1/organizations/",
        "/api/v1/organizations/{slug}/",
        "/api/v1/organizations/{slug}/membership-requests/",
        "/api/v1/organizations/{slug}/verification-request/",
    ]:
        assert path in paths, path
    parameters = {p["name"] for p in paths["/api/v1/organizations/"]["get"]["parameters"]}
    assert {
        "q",
        "kind",
        "sector",
        "city",
        "is_member",
        "verified",
        "page",
        "page_size",
    } <= parameters


def test_the_docs_load_nothing_from_another_host(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    external = re.findall(r'(?:src|href)="(https?://[^"]+)"', html)
    assert external == []
    assert "swagger-ui" in html


def test_admin_pages_load_for_staff(client):
    from apps.organizations.tests.factories import MembershipFactory, VerificationRequestFactory

    for _ in range(3):
        MembershipFactory()
        VerificationRequestFactory()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    for url in [
        "/admin/",
        "/admin/accounts/user/",
        "/admin/organizations/organization/",
        "/admin/organizations/membership/",
        "/admin/organizations/membershiprequest/",
        "/admin/organizations/verificationrequest/",
        "/admin/organizations/organization/add/",
    ]:
        assert client.get(url).status_code == 200, url


def test_pages_answer_in_english_dutch_and_french(client):
    for language in ["en", "nl", "fr"]:
        response = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200
        assert f'lang="{language}"' in response.content.decode()


def test_the_schema_generates_without_warnings():
    from django.core.management import call_command

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", "/dev/null")
