"""The OpenAPI schema says what the API does: paged lists, nullable fields, real limits and
every error answer. `make fuzz` checks live answers against it; these tests pin the parts
that were wrong.
"""

import pytest
from rest_framework.test import APIClient

from apps.accounts.tests.factories import UserFactory
from apps.organizations.tests.factories import OrganizationFactory
from apps.talent.tests.factories import CVFactory, TalentProfileFactory

pytestmark = pytest.mark.django_db
METHODS = ("get", "post", "put", "patch", "delete")


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    with django_db_blocker.unblock():
        response = APIClient().get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    return response.json()


def operations(schema):
    for path, item in schema["paths"].items():
        for method in METHODS:
            if method in item:
                yield path, method, item[method]


def resolve(schema, node: dict) -> dict:
    while "$ref" in node:
        node = schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[1]]
    return node


def ok_schema(schema, operation) -> dict | None:
    response = operation["responses"].get("200")
    if not response or "content" not in response:
        return None
    content = response["content"].get("application/json")
    return resolve(schema, content["schema"]) if content else None


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/applications/",
        "/api/v1/me/alerts/",
        "/api/v1/me/notifications/",
        "/api/v1/me/registrations/",
        "/api/v1/organizations/{slug}/membership-requests/",
        "/api/v1/me/cvs/",
    ],
)
def test_the_lists_named_in_the_report_are_declared_paginated(schema, path):
    body = ok_schema(schema, schema["paths"][path]["get"])
    assert {"count", "next", "previous", "results"} <= set(body["properties"])
    assert body["properties"]["results"]["type"] == "array"
    parameters = {parameter["name"] for parameter in schema["paths"][path]["get"]["parameters"]}
    assert {"page", "page_size"} <= parameters


def test_no_list_answers_a_bare_array(schema):
    bare = [
        f"{method.upper()} {path}"
        for path, method, operation in operations(schema)
        if method == "get" and (ok_schema(schema, operation) or {}).get("type") == "array"
    ]
    assert bare == []


def test_the_inbox_declares_its_unread_count(schema):
    body = ok_schema(schema, schema["paths"]["/api/v1/me/notifications/"]["get"])
    assert body["properties"]["unread_count"]["type"] == "integer"


def test_every_operation_declares_its_error_answers(schema):
    missing = []
    for path, method, operation in operations(schema):
        expected = {"400", "401", "403", "404", "429"}
        if method != "get":
            expected.add("409")
        for code in sorted(expected - set(operation["responses"])):
            missing.append(f"{method.upper()} {path} {code}")
    assert missing == []
    error = schema["components"]["schemas"]["Error"]
    assert error["required"] == ["detail"]


def test_organization_parent_may_be_null_and_founded_year_goes_back_to_1425(schema):
    for name in ("Organization", "OrganizationDetail"):
        parent = schema["components"]["schemas"][name]["properties"]["parent"]
        assert parent.get("nullable") is True or {"type": "null"} in parent.get("oneOf", [])
    for name in ("Organization", "OrganizationWriteRequest"):
        founded = schema["components"]["schemas"][name]["properties"]["founded_year"]
        assert founded["minimum"] <= 1425


def test_an_organization_founded_in_1425_is_accepted_and_served_with_a_null_parent():
    client = APIClient()
    client.force_authenticate(UserFactory())
    response = client.post(
        "/api/v1/organizations/",
        {"name": "Studium Generale Lovaniense", "kind": "university", "founded_year": 1425},
    )
    assert response.status_code == 201, response.json()
    body = APIClient().get(f"/api/v1/organizations/{response.json()['slug']}/").json()
    assert body["founded_year"] == 1425
    assert body["parent"] is None


def test_my_cvs_are_paged_like_every_list():
    profile = TalentProfileFactory()
    user = profile.user
    for _ in range(3):
        CVFactory(profile=profile, is_primary=False)
    client = APIClient()
    client.force_authenticate(user)
    first = client.get("/api/v1/me/cvs/?page_size=2").json()
    assert first["count"] == 3
    assert len(first["results"]) == 2
    assert first["next"]
    second = client.get(first["next"]).json()
    assert len(second["results"]) == 1
    assert {cv["id"] for cv in first["results"] + second["results"]} == {
        str(cv.pk) for cv in user.talent_profile.cvs.all()
    }


def test_errors_under_the_api_are_json_even_outside_a_view():
    """A path no route matches, or a refusal before any view runs, keeps DRF's shape."""
    OrganizationFactory(slug="vib")
    client = APIClient()
    missing = client.get("/api/v1/organizations/vib/nothing-here/")
    assert missing.status_code == 404
    assert missing.json() == {"detail": "Not found."}
    refused = client.get("/api/v1/organizations/?q=a%00b")
    assert refused.status_code == 400
    assert "NUL" in refused.json()["detail"]


def test_inviting_by_email_answers_the_shape_the_schema_declares(schema):
    from apps.organizations.tests.factories import MembershipFactory

    declared = schema["paths"]["/api/v1/organizations/{slug}/members/"]["post"]["responses"]
    body_schema = resolve(schema, declared["201"]["content"]["application/json"]["schema"])
    owner = MembershipFactory(role="owner")
    UserFactory(email="known@example.org")
    client = APIClient()
    client.force_authenticate(owner.user)
    for email in ("known@example.org", "nobody@example.org"):
        response = client.post(
            f"/api/v1/organizations/{owner.organization.slug}/members/",
            {"email": email, "role": "recruiter"},
        )
        assert response.status_code == 201, response.json()
        assert set(response.json()) == set(body_schema["properties"])
        assert set(body_schema["required"]) <= set(response.json())
