import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

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


class TestDirectoryPage:
    def test_lists_with_facet_counts(self, client):
        OrganizationFactory(name="KU Leuven", kind="university", city="Leuven", is_member=True)
        OrganizationFactory(name="UZ Leuven", kind="academic_hospital", city="Leuven")
        OrganizationFactory(
            name="argenx", kind="company", city="Ghent", sectors=["health", "medtech"]
        )
        response = client.get(reverse("organizations:list"))
        assert response.status_code == 200
        facets = response.context["facets"]
        assert {item["value"]: item["count"] for item in facets["city"]} == {
            "Leuven": 2,
            "Ghent": 1,
        }
        assert {item["value"]: item["count"] for item in facets["kind"]} == {
            "university": 1,
            "academic_hospital": 1,
            "company": 1,
        }
        assert {item["value"]: item["count"] for item in facets["is_member"]} == {
            "true": 1,
            "false": 2,
        }
        html = response.content.decode()
        assert "KU Leuven" in html and "argenx" in html

    def test_facets_count_within_the_other_filters(self, client):
        OrganizationFactory(kind="university", city="Leuven")
        OrganizationFactory(kind="company", city="Leuven")
        OrganizationFactory(kind="company", city="Ghent")
        response = client.get(reverse("organizations:list") + "?city=Leuven")
        facets = response.context["facets"]
        assert {item["value"]: item["count"] for item in facets["kind"]} == {
            "university": 1,
            "company": 1,
        }
        # The city facet ignores its own filter so the visitor can switch city.
        assert {item["value"]: item["count"] for item in facets["city"]} == {
            "Leuven": 2,
            "Ghent": 1,
        }
        assert next(item for item in facets["city"] if item["value"] == "Leuven")["selected"]
        assert response.context["page"].paginator.count == 2

    def test_search_box(self, client):
        OrganizationFactory(name="imec", description="Nanoelectronics and digital technology.")
        OrganizationFactory(
            name="VITO", description="Flemish institute for technological research."
        )
        response = client.get(reverse("organizations:list") + "?q=nanoelectronics")
        assert [o.name for o in response.context["page"].object_list] == ["imec"]

    def test_an_unknown_filter_is_a_400_page_that_names_it(self, client):
        response = client.get(reverse("organizations:list") + "?kind=castle&sector=space")
        assert response.status_code == 400
        html = response.content.decode()
        assert "kind" in html and "sector" in html

    def test_empty_state(self, client):
        response = client.get(reverse("organizations:list") + "?q=zzzz-nothing")
        assert "No organization matches" in response.content.decode()

    def test_paginates_by_20(self, client):
        for index in range(25):
            Organization.objects.create(name=f"Org {index:02}", slug=f"org-{index}", kind="company")
        first = client.get(reverse("organizations:list"))
        assert len(first.context["page"].object_list) == 20
        assert 'rel="next"' in first.content.decode()
        second = client.get(reverse("organizations:list") + "?page=2")
        assert len(second.context["page"].object_list) == 5
        assert (
            client.get(reverse("organizations:list") + "?page=99").status_code == 200
        )  # last page

    def test_user_text_is_escaped(self, client):
        OrganizationFactory(
            name="<script>alert(1)</script>", description="<img src=x onerror=alert(1)>"
        )
        html = client.get(reverse("organizations:list")).content.decode()
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;" in html
        assert "<img src=x" not in html

    def test_query_count_is_constant_in_the_number_of_organizations(self, client):
        def count() -> int:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(reverse("organizations:list")).status_code == 200
            return len(queries)

        for _ in range(3):
            OrganizationFactory(parent=OrganizationFactory(), sectors=["health", "digital"])
        few = count()
        for _ in range(15):
            OrganizationFactory(parent=OrganizationFactory(), sectors=["health", "digital"])
        assert count() == few


class TestDetailPage:
    def test_shows_facts_parent_and_affiliates(self, client):
        parent = OrganizationFactory(name="VIB", slug="vib")
        OrganizationFactory(name="VIB.AI", parent=parent)
        child = OrganizationFactory(
            name="VIB Core Facilities",
            parent=parent,
            founded_year=1996,
            website="https://vib.be/core",
        )
        html = client.get(reverse("organizations:detail", kwargs={"slug": "vib"})).content.decode()
        assert "VIB.AI" in html and "VIB Core Facilities" in html
        html = client.get(child.get_absolute_url()).content.decode()
        assert "1996" in html and 'href="/en/organizations/vib/"' in html
        assert 'rel="noopener nofollow"' in html

    def test_unknown_slug_is_a_404(self, client):
        assert (
            client.get(reverse("organizations:detail", kwargs={"slug": "nope"})).status_code == 404
        )

    def test_buttons_follow_the_role(self, client):
        owner = MembershipFactory(role="owner")
        url = owner.organization.get_absolute_url()
        assert "Sign in" in client.get(url).content.decode()
        client.force_login(UserFactory())
        html = client.get(url).content.decode()
        assert "Ask to join" in html and "/edit/" not in html
        client.force_login(owner.user)
        html = client.get(url).content.decode()
        assert "/edit/" in html and "Ask staff to verify" in html and "Ask to join" not in html


class TestCreateAndEditPages:
    def test_create_requires_sign_in(self, client):
        response = client.get(reverse("organizations:create"))
        assert response.status_code == 302 and reverse("account_login") in response.url

    def test_create(self, client):
        user = UserFactory()
        client.force_login(user)
        response = client.post(
            reverse("organizations:create"),
            {
                "name": "Scheldt Antibodies",
                "kind": "company",
                "sectors": ["health", "medtech"],
                "city": "Antwerp",
                "website": "scheldt.example",
                "description": "Antibodies.",
            },
        )
        assert response.status_code == 302
        organization = Organization.objects.get(name="Scheldt Antibodies")
        assert response.url == organization.get_absolute_url()
        assert organization.website == "https://scheldt.example"
        assert Membership.objects.get(organization=organization).user == user

    def test_bad_input_is_a_400_with_errors_next_to_fields(self, client):
        client.force_login(UserFactory())
        response = client.post(
            reverse("organizations:create"), {"name": "", "kind": "castle", "founded_year": "-3"}
        )
        assert response.status_code == 400
        html = response.content.decode()
        for field in ("name", "kind", "founded_year"):
            assert f'id="id_{field}_error"' in html
        assert not Organization.objects.exists()

    def test_edit_is_for_owners_and_staff(self, client):
        recruiter = MembershipFactory(role="recruiter")
        url = reverse("organizations:edit", kwargs={"slug": recruiter.organization.slug})
        client.force_login(recruiter.user)
        assert client.get(url).status_code == 403
        response = client.post(url, {"name": "Hacked", "kind": "company"})
        assert response.status_code == 403
        recruiter.organization.refresh_from_db()
        assert recruiter.organization.name != "Hacked"
        client.force_login(UserFactory(is_staff=True))
        data = {"name": "Renamed", "kind": "company", "sectors": ["digital"], "city": "Ghent"}
        assert client.post(url, data).status_code == 302
        recruiter.organization.refresh_from_db()
        assert recruiter.organization.name == "Renamed"


class TestMembersPage:
    def test_owner_answers_requests(self, client):
        owner = MembershipFactory(role="owner")
        slug = owner.organization.slug
        request = MembershipRequestFactory(organization=owner.organization, message="Lab manager")
        client.force_login(owner.user)
        page = client.get(reverse("organizations:members", kwargs={"slug": slug}))
        assert "Lab manager" in page.content.decode()
        response = client.post(
            reverse(
                "organizations:membership_request_approve",
                kwargs={"slug": slug, "request_id": request.pk},
            ),
            {"role": "recruiter"},
        )
        assert response.status_code == 302
        assert Membership.objects.filter(user=request.user).exists()

    def test_strangers_get_a_403_and_recruiters_cannot_manage(self, client):
        recruiter = MembershipFactory(role="recruiter")
        slug = recruiter.organization.slug
        client.force_login(UserFactory())
        assert (
            client.get(reverse("organizations:members", kwargs={"slug": slug})).status_code == 403
        )
        client.force_login(recruiter.user)
        assert (
            client.get(reverse("organizations:members", kwargs={"slug": slug})).status_code == 200
        )
        UserFactory(email="x@example.org")
        assert (
            client.post(
                reverse("organizations:members", kwargs={"slug": slug}), {"email": "x@example.org"}
            ).status_code
            == 403
        )
        assert not Membership.objects.filter(user__email="x@example.org").exists()

    def test_the_sole_owner_is_offered_no_button_that_would_fail(self, client):
        owner = MembershipFactory(role="owner")
        MembershipFactory(organization=owner.organization, role="recruiter")
        client.force_login(owner.user)
        html = client.get(
            reverse("organizations:members", kwargs={"slug": owner.organization.slug})
        ).content.decode()
        assert "the only owner" in html
        assert "Leave" not in html and "Make recruiter" not in html
        assert "Make owner" in html and "Remove" in html

    def test_the_last_owner_cannot_leave(self, client):
        owner = MembershipFactory(role="owner")
        client.force_login(owner.user)
        response = client.post(
            reverse(
                "organizations:member_update",
                kwargs={"slug": owner.organization.slug, "membership_id": owner.pk},
            ),
            {"action": "remove"},
        )
        assert response.status_code == 400
        assert "needs an owner" in response.content.decode()
        assert Membership.objects.filter(pk=owner.pk).exists()


class TestJoinAndVerifyButtons:
    def test_ask_to_join_twice(self, client):
        organization = OrganizationFactory()
        client.force_login(UserFactory())
        url = reverse("organizations:join", kwargs={"slug": organization.slug})
        assert client.post(url, {"message": "Hello"}).status_code == 302
        assert client.post(url, {"message": "Again"}).status_code == 409
        assert MembershipRequest.objects.count() == 1

    def test_join_needs_post_and_sign_in(self, client):
        organization = OrganizationFactory()
        assert (
            client.get(
                reverse("organizations:join", kwargs={"slug": organization.slug})
            ).status_code
            == 405
        )
        assert (
            client.post(
                reverse("organizations:join", kwargs={"slug": organization.slug})
            ).status_code
            == 302
        )
        assert not MembershipRequest.objects.exists()

    def test_owner_asks_and_staff_verify_from_the_page(self, client):
        owner = MembershipFactory(role="owner")
        slug = owner.organization.slug
        client.force_login(owner.user)
        assert (
            client.post(
                reverse("organizations:verification", kwargs={"slug": slug}), {"message": "KBO"}
            ).status_code
            == 302
        )
        assert (
            client.post(
                reverse("organizations:verification_approve", kwargs={"slug": slug})
            ).status_code
            == 403
        )
        client.force_login(UserFactory(is_staff=True))
        assert (
            "Verify"
            in client.get(reverse("organizations:detail", kwargs={"slug": slug})).content.decode()
        )
        assert (
            client.post(
                reverse("organizations:verification_approve", kwargs={"slug": slug})
            ).status_code
            == 302
        )
        owner.organization.refresh_from_db()
        assert owner.organization.verified

    def test_staff_decline_without_a_note_is_refused(self, client):
        request = VerificationRequestFactory()
        client.force_login(UserFactory(is_staff=True))
        response = client.post(
            reverse(
                "organizations:verification_decline", kwargs={"slug": request.organization.slug}
            ),
            {"note": ""},
        )
        assert response.status_code == 400
        assert VerificationRequest.objects.get().status == "pending"


class TestDashboard:
    def test_shows_memberships_and_requests_to_answer(self, client):
        owner = MembershipFactory(role="owner", organization__name="Leie Biologics")
        MembershipRequestFactory(organization=owner.organization, user__email="student@example.org")
        client.force_login(owner.user)
        html = client.get(reverse("dashboard")).content.decode()
        assert "Leie Biologics" in html and "student@example.org" in html

    def test_staff_see_pending_verifications(self, client):
        VerificationRequestFactory(organization__name="Kempen Agrotech")
        client.force_login(UserFactory(is_staff=True))
        assert "Kempen Agrotech" in client.get(reverse("dashboard")).content.decode()

    def test_empty_state(self, client):
        client.force_login(UserFactory())
        assert (
            "You do not belong to an organization yet"
            in client.get(reverse("dashboard")).content.decode()
        )
