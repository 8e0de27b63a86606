import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from apps.accounts.tests.factories import UserFactory
from apps.organizations.models import (
    Membership,
    MembershipRequest,
    Organization,
    VerificationRequest,
)
from apps.organizations.tests.factories import (
    MembershipFactory,
    MembershipRequestFactory,
    OrganizationFactory,
    VerificationRequestFactory,
)

pytestmark = pytest.mark.django_db
API = "/api/v1/organizations/"


def client_for(user) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def directory():
    vib = OrganizationFactory(
        name="VIB",
        slug="vib",
        kind="research_institute",
        city="Ghent",
        is_member=True,
        verified=True,
        sectors=["health", "agrifood"],
        description=(
            "Life-sciences research institute with 96 research groups and 14 core facilities."
        ),
    )
    OrganizationFactory(
        name="VIB.AI",
        slug="vib-ai",
        kind="research_institute",
        city="Leuven",
        parent=vib,
        sectors=["digital"],
        description="AI-driven research.",
    )
    OrganizationFactory(
        name="Ghent University",
        slug="ugent",
        kind="university",
        city="Ghent",
        is_member=True,
        sectors=["health"],
        description="University in Ghent.",
    )
    OrganizationFactory(
        name="Janssen Pharmaceutica",
        slug="janssen",
        kind="company",
        city="Beerse",
        verified=True,
        sectors=["health"],
        description="Pharmaceutical company; vaccines.",
    )
    OrganizationFactory(
        name="BASF",
        slug="basf",
        kind="company",
        city="Ghent",
        sectors=["agrifood", "industrial"],
        description="Agbiotech research centre.",
    )
    return vib


class TestList:
    def test_anyone_reads_a_paginated_directory(self, api_client, directory):
        response = api_client.get(API)
        assert response.status_code == 200
        body = response.json()
        assert set(body) >= {"count", "next", "previous", "results"}
        assert body["count"] == 5
        first = body["results"][0]
        assert first["name"] == "BASF"
        assert set(first["sectors"]) == {"agrifood", "industrial"}
        assert first["url"].endswith(reverse("organizations:detail", kwargs={"slug": "basf"}))

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("kind=university", {"ugent"}),
            ("sector=agrifood", {"vib", "basf"}),
            ("city=ghent", {"vib", "ugent", "basf"}),
            ("is_member=true", {"vib", "ugent"}),
            ("is_member=false", {"vib-ai", "janssen", "basf"}),
            ("verified=true", {"vib", "janssen"}),
            ("kind=company&sector=health", {"janssen"}),
            ("q=vaccines", {"janssen"}),
            ("q=Ghent", {"vib", "ugent", "basf"}),
        ],
    )
    def test_filters(self, api_client, directory, query, expected):
        response = api_client.get(f"{API}?{query}")
        assert response.status_code == 200
        assert {row["slug"] for row in response.json()["results"]} == expected

    def test_search_ranks_a_name_match_above_a_description_match(self, api_client, directory):
        OrganizationFactory(name="Flanders Bio Services", slug="fbs", description="Works with VIB.")
        slugs = [row["slug"] for row in api_client.get(f"{API}?q=VIB").json()["results"]]
        assert slugs[0] == "vib"
        assert "fbs" in slugs

    def test_a_name_prefix_matches(self, api_client, directory):
        slugs = {row["slug"] for row in api_client.get(f"{API}?q=Jans").json()["results"]}
        assert slugs == {"janssen"}

    @pytest.mark.parametrize(
        ("query", "parameter"),
        [
            ("kind=castle", "kind"),
            ("sector=space", "sector"),
            ("is_member=maybe", "is_member"),
            ("verified=1", "verified"),
            ("ordering=password", "ordering"),
        ],
    )
    def test_an_unknown_filter_value_is_a_400_naming_the_parameter(
        self, api_client, directory, query, parameter
    ):
        response = api_client.get(f"{API}?{query}")
        assert response.status_code == 400
        assert parameter in response.json()

    def test_page_size_is_capped_at_100(self, api_client):
        for index in range(105):
            Organization.objects.create(name=f"Org {index}", slug=f"org-{index}", kind="company")
        body = api_client.get(f"{API}?page_size=500").json()
        assert len(body["results"]) == 100 and body["count"] == 105

    def test_query_count_does_not_grow_with_the_page_size(self, api_client):
        for index in range(40):
            organization = OrganizationFactory(sectors=["health", "digital"])
            if index % 2:
                organization.parent = OrganizationFactory()
                organization.save()

        def count(page_size):
            with CaptureQueriesContext(connection) as queries:
                assert api_client.get(f"{API}?page_size={page_size}").status_code == 200
            return len(queries)

        assert count(5) == count(50) <= 4

    def test_detail_lists_parent_and_affiliates(self, api_client, directory):
        body = api_client.get(f"{API}vib/").json()
        assert body["affiliates"] == [{"name": "VIB.AI", "slug": "vib-ai"}]
        assert "research groups" in body["description"]
        child = api_client.get(f"{API}vib-ai/").json()
        assert child["parent"] == {"name": "VIB", "slug": "vib"}
        assert api_client.get(f"{API}does-not-exist/").status_code == 404


class TestCreateAndEdit:
    def test_a_signed_in_user_creates_and_owns(self):
        user = UserFactory()
        response = client_for(user).post(
            API,
            {
                "name": "Scheldt Antibodies",
                "kind": "company",
                "sectors": ["health", "medtech"],
                "city": "Antwerp",
                "website": "https://scheldt.example",
                "founded_year": 2024,
                "verified": True,
                "is_member": True,
            },
            format="json",
        )
        assert response.status_code == 201, response.json()
        body = response.json()
        assert body["slug"] == "scheldt-antibodies"
        assert body["verified"] is False and body["is_member"] is False
        assert Membership.objects.get(organization__slug="scheldt-antibodies").user == user

    @pytest.mark.parametrize(
        ("payload", "field"),
        [
            ({"kind": "company"}, "name"),
            ({"name": "X", "kind": "castle"}, "kind"),
            ({"name": "X", "kind": "company", "sectors": ["space"]}, "sectors"),
            ({"name": "X", "kind": "company", "website": "ftp://x.example"}, "website"),
            ({"name": "X", "kind": "company", "founded_year": 1200}, "founded_year"),
            ({"name": "X", "kind": "company", "parent": "nope"}, "parent"),
            ({"name": "X", "kind": "company", "size_band": "huge"}, "size_band"),
        ],
    )
    def test_bad_input_is_a_400_naming_the_field_and_stores_nothing(self, payload, field):
        response = client_for(UserFactory()).post(API, payload, format="json")
        assert response.status_code == 400
        assert field in response.json()
        assert not Organization.objects.exists()

    def test_a_logo_upload_that_is_not_an_image_is_a_400(self):
        from django.core.files.uploadedfile import SimpleUploadedFile

        upload = SimpleUploadedFile(
            "logo.png", b"<html><script>alert(1)</script>", content_type="image/png"
        )
        response = client_for(UserFactory()).post(
            API, {"name": "X", "kind": "company", "logo": upload}, format="multipart"
        )
        assert response.status_code == 400
        assert "logo" in response.json()

    def test_an_owner_patches(self, owner_client):
        slug = owner_client.membership.organization.slug
        response = owner_client.patch(
            f"{API}{slug}/", {"city": "Mechelen", "sectors": ["digital"]}, format="json"
        )
        assert response.status_code == 200
        assert response.json()["city"] == "Mechelen" and response.json()["sectors"] == ["digital"]

    def test_put_is_treated_as_patch_and_cannot_touch_verification(self, owner_client):
        organization = owner_client.membership.organization
        organization.verified = False
        organization.save()
        response = owner_client.patch(
            f"{API}{organization.slug}/", {"verified": True}, format="json"
        )
        assert response.status_code == 200
        organization.refresh_from_db()
        assert organization.verified is False


# --- The permission matrix: every role against every write ---------------------------

ROLES = ["anonymous", "stranger", "recruiter", "owner", "staff"]


@pytest.fixture
def world():
    organization = OrganizationFactory(slug="acme")
    owner = MembershipFactory(organization=organization, role="owner")
    recruiter = MembershipFactory(organization=organization, role="recruiter")
    users = {
        "anonymous": None,
        "stranger": UserFactory(),
        "recruiter": recruiter.user,
        "owner": owner.user,
        "staff": UserFactory(is_staff=True),
    }
    return {"organization": organization, "owner": owner, "recruiter": recruiter, "users": users}


def _create(client, world):
    return client.post(API, {"name": "New Org", "kind": "company"}, format="json")


def _edit(client, world):
    return client.patch(f"{API}acme/", {"city": "Leuven"}, format="json")


def _list_members(client, world):
    return client.get(f"{API}acme/members/")


def _add_member(client, world):
    UserFactory(email="newcomer@example.org")
    return client.post(f"{API}acme/members/", {"email": "newcomer@example.org"}, format="json")


def _change_role(client, world):
    return client.patch(
        f"{API}acme/members/{world['recruiter'].pk}/", {"role": "owner"}, format="json"
    )


def _remove_member(client, world):
    third = MembershipFactory(organization=world["organization"], role="recruiter")
    return client.delete(f"{API}acme/members/{third.pk}/")


def _ask_to_join(client, world):
    return client.post(f"{API}acme/membership-requests/", {"message": "Hi"}, format="json")


def _list_requests(client, world):
    return client.get(f"{API}acme/membership-requests/")


def _approve_request(client, world):
    request = MembershipRequestFactory(organization=world["organization"])
    return client.post(f"{API}acme/membership-requests/{request.pk}/approve/", {}, format="json")


def _decline_request(client, world):
    request = MembershipRequestFactory(organization=world["organization"])
    return client.post(
        f"{API}acme/membership-requests/{request.pk}/decline/", {"note": "No"}, format="json"
    )


def _ask_verification(client, world):
    return client.post(f"{API}acme/verification-request/", {"message": "Please"}, format="json")


def _approve_verification(client, world):
    VerificationRequestFactory(organization=world["organization"])
    return client.post(f"{API}acme/verification-request/approve/", {}, format="json")


def _decline_verification(client, world):
    VerificationRequestFactory(organization=world["organization"])
    return client.post(
        f"{API}acme/verification-request/decline/", {"note": "Unknown company"}, format="json"
    )


def _list_pending_verifications(client, world):
    return client.get("/api/v1/verification-requests/")


DENIED = "denied"
#            anonymous stranger recruiter owner staff
MATRIX = {
    _create: (DENIED, 201, 201, 201, 201),
    _edit: (DENIED, DENIED, DENIED, 200, 200),
    _list_members: (DENIED, DENIED, 200, 200, 200),
    _add_member: (DENIED, DENIED, DENIED, 201, 201),
    _change_role: (DENIED, DENIED, DENIED, 200, 200),
    _remove_member: (DENIED, DENIED, DENIED, 204, 204),
    _ask_to_join: (DENIED, 201, 409, 409, 201),
    _list_requests: (DENIED, DENIED, DENIED, 200, 200),
    _approve_request: (DENIED, DENIED, DENIED, 200, 200),
    _decline_request: (DENIED, DENIED, DENIED, 200, 200),
    _ask_verification: (DENIED, DENIED, DENIED, 201, DENIED),
    _approve_verification: (DENIED, DENIED, DENIED, DENIED, 200),
    _decline_verification: (DENIED, DENIED, DENIED, DENIED, 200),
    _list_pending_verifications: (DENIED, DENIED, DENIED, DENIED, 200),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(MATRIX), ids=lambda action: action.__name__.strip("_"))
def test_permission_matrix(world, role, action):
    expected = MATRIX[action][ROLES.index(role)]
    before = {
        "organizations": Organization.objects.count(),
        "memberships": sorted(Membership.objects.values_list("user_id", "role")),
        "verified": Organization.objects.get(slug="acme").verified,
        "city": Organization.objects.get(slug="acme").city,
    }
    response = action(client_for(world["users"][role]), world)
    if expected == DENIED:
        assert response.status_code == (401 if role == "anonymous" else 403), response.content
        assert "detail" in response.json()
        after = {
            "organizations": Organization.objects.count(),
            "memberships": sorted(
                Membership.objects.filter(
                    user_id__in=[u.pk for u in world["users"].values() if u]
                ).values_list("user_id", "role")
            ),
            "verified": Organization.objects.get(slug="acme").verified,
            "city": Organization.objects.get(slug="acme").city,
        }
        before_memberships = [
            row
            for row in before["memberships"]
            if row[0] in [u.pk for u in world["users"].values() if u]
        ]
        assert after == {**before, "memberships": before_memberships}
    else:
        assert response.status_code == expected, response.content


class TestMembershipRequestFlow:
    def test_ask_list_approve(self, world):
        stranger = world["users"]["stranger"]
        created = client_for(stranger).post(
            f"{API}acme/membership-requests/", {"message": "PI of lab 3"}, format="json"
        )
        assert created.status_code == 201
        request_id = created.json()["id"]
        owner = client_for(world["users"]["owner"])
        pending = owner.get(f"{API}acme/membership-requests/").json()["results"]
        assert [row["id"] for row in pending] == [request_id]
        assert pending[0]["user"]["email"] == stranger.email
        approved = owner.post(
            f"{API}acme/membership-requests/{request_id}/approve/",
            {"role": "recruiter"},
            format="json",
        )
        assert approved.json()["status"] == "approved"
        assert Membership.objects.filter(user=stranger, organization__slug="acme").exists()
        again = owner.post(
            f"{API}acme/membership-requests/{request_id}/decline/", {}, format="json"
        )
        assert again.status_code == 409

    def test_a_request_of_another_organization_is_a_404(self, world):
        elsewhere = MembershipRequestFactory()
        response = client_for(world["users"]["owner"]).post(
            f"{API}acme/membership-requests/{elsewhere.pk}/approve/", {}, format="json"
        )
        assert response.status_code == 404
        elsewhere.refresh_from_db()
        assert elsewhere.status == "pending"

    def test_a_member_of_another_organization_is_a_404(self, world):
        other = MembershipFactory()
        response = client_for(world["users"]["owner"]).delete(f"{API}acme/members/{other.pk}/")
        assert response.status_code == 404
        assert Membership.objects.filter(pk=other.pk).exists()

    def test_members_are_a_paginated_list_with_constant_queries(self, world):
        owner = client_for(world["users"]["owner"])

        def count(page_size):
            with CaptureQueriesContext(connection) as queries:
                body = owner.get(f"{API}acme/members/?page_size={page_size}").json()
            assert set(body) == {"count", "next", "previous", "results"}
            return len(queries)

        count(2)  # the caller's roles are looked up once per user object
        few = count(2)
        for _ in range(10):
            MembershipFactory(organization=world["organization"])
        assert count(20) == few

    def test_a_bad_role_is_a_400(self, world):
        response = client_for(world["users"]["owner"]).patch(
            f"{API}acme/members/{world['recruiter'].pk}/", {"role": "emperor"}, format="json"
        )
        assert response.status_code == 400 and "role" in response.json()


class TestVerificationFlow:
    def test_ask_then_staff_see_and_verify(self, world):
        owner = client_for(world["users"]["owner"])
        assert owner.get(f"{API}acme/verification-request/").status_code == 404
        asked = owner.post(
            f"{API}acme/verification-request/", {"message": "KBO 0123"}, format="json"
        )
        assert asked.status_code == 201 and asked.json()["status"] == "pending"
        assert owner.post(f"{API}acme/verification-request/", {}, format="json").status_code == 409
        staff = client_for(world["users"]["staff"])
        pending = staff.get("/api/v1/verification-requests/").json()["results"]
        assert [row["organization"]["slug"] for row in pending] == ["acme"]
        assert (
            staff.post(f"{API}acme/verification-request/approve/", {}, format="json").status_code
            == 200
        )
        assert client_for(None).get(f"{API}acme/").json()["verified"] is True
        assert owner.get(f"{API}acme/verification-request/").json()["status"] == "approved"

    def test_decline_without_reason_is_a_400_and_changes_nothing(self, world):
        VerificationRequestFactory(organization=world["organization"])
        staff = client_for(world["users"]["staff"])
        response = staff.post(
            f"{API}acme/verification-request/decline/", {"note": ""}, format="json"
        )
        assert response.status_code == 400 and "note" in response.json()
        assert VerificationRequest.objects.get().status == "pending"

    def test_deciding_without_a_pending_request_is_a_404(self, world):
        staff = client_for(world["users"]["staff"])
        assert (
            staff.post(f"{API}acme/verification-request/approve/", {}, format="json").status_code
            == 404
        )


def test_membership_request_is_unique_even_under_direct_insert(world):
    from django.db import IntegrityError, transaction

    stranger = world["users"]["stranger"]
    MembershipRequest.objects.create(user=stranger, organization=world["organization"])
    with pytest.raises(IntegrityError), transaction.atomic():
        MembershipRequest.objects.create(user=stranger, organization=world["organization"])


def test_the_directory_answers_an_etag_and_304_while_nothing_changed(api_client):
    from apps.organizations.tests.factories import OrganizationFactory

    organization = OrganizationFactory(slug="leie-biologics")
    urls = ("/api/v1/organizations/", "/api/v1/organizations/leie-biologics/")
    etags = {url: api_client.get(url)["ETag"] for url in urls}
    for url, etag in etags.items():
        assert api_client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    type(organization).objects.filter(pk=organization.pk).update(city="Zwijnaarde")
    for url, etag in etags.items():
        assert api_client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200
