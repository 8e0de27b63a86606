"""Organization names are unique regardless of case and spacing: a duplicate is a 400.

The same holds in the API, on the pages and in the admin, and in the database itself;
the migration that adds the rule copes with duplicates already in the directory.
"""

from datetime import timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from apps.accounts.tests.factories import UserFactory
from apps.core.exceptions import ServiceError
from apps.organizations import selectors, services
from apps.organizations.models import Organization
from apps.organizations.tests.factories import MembershipFactory, OrganizationFactory

API = "/api/v1/organizations/"
MESSAGE = "An organization with this name is already in the directory."
SAME_NAMES = ["VIB", "vib", " Vib ", "V I B", "v\u00a0ib", "V\tIB"]


def api_as(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.mark.django_db
class TestTheApi:
    @pytest.mark.parametrize("name", SAME_NAMES)
    def test_a_name_taken_in_another_case_or_spacing_is_a_400(self, name):
        OrganizationFactory(name="VIB", slug="vib")
        response = api_as(UserFactory()).post(API, {"name": name, "kind": "company"})
        assert response.status_code == 400
        assert response.json() == {"name": [MESSAGE]}
        assert list(Organization.objects.values_list("slug", flat=True)) == ["vib"]

    def test_names_are_stored_with_single_spaces(self):
        response = api_as(UserFactory()).post(
            API, {"name": "  Scheldt \t  Antibodies ", "kind": "company"}
        )
        assert response.status_code == 201
        assert response.json()["name"] == "Scheldt Antibodies"

    def test_renaming_onto_another_name_is_a_400_and_changes_nothing(self):
        OrganizationFactory(name="Leie Biologics")
        owner = MembershipFactory(role="owner", organization__name="Dijle Enzymes")
        slug = owner.organization.slug
        client = api_as(owner.user)
        response = client.patch(f"{API}{slug}/", {"name": "leie  BIOLOGICS"})
        assert response.status_code == 400 and response.json() == {"name": [MESSAGE]}
        assert Organization.objects.get(slug=slug).name == "Dijle Enzymes"
        # Its own name in another case is no clash.
        assert client.patch(f"{API}{slug}/", {"name": "DIJLE enzymes"}).status_code == 200


@pytest.mark.django_db
class TestThePagesAndTheAdmin:
    def test_the_page_shows_the_error_next_to_the_name(self, client):
        OrganizationFactory(name="Leie Biologics")
        client.force_login(UserFactory())
        response = client.post(
            reverse("organizations:create"), {"name": "leie biologics", "kind": "company"}
        )
        assert response.status_code == 400
        assert response.context["form"].errors["name"] == [MESSAGE]
        assert Organization.objects.count() == 1

    def test_the_admin_refuses_it_too(self, client):
        OrganizationFactory(name="Leie Biologics", slug="leie-biologics")
        client.force_login(UserFactory(is_staff=True, is_superuser=True))
        response = client.post(
            "/admin/organizations/organization/add/",
            {
                "name": "LEIE BIOLOGICS",
                "slug": "leie-biologics-2",
                "kind": "company",
                "memberships-TOTAL_FORMS": "0",
                "memberships-INITIAL_FORMS": "0",
            },
        )
        assert response.status_code == 200
        assert response.context["adminform"].form.errors["name"] == [MESSAGE]
        assert Organization.objects.count() == 1


@pytest.mark.django_db
class TestTheRuleHolds:
    def test_the_database_refuses_a_duplicate_written_around_the_services(self):
        OrganizationFactory(name="VIB")
        with pytest.raises(IntegrityError), transaction.atomic():
            OrganizationFactory(name="v i b")

    def test_a_name_taken_at_the_same_moment_is_the_same_400(self, monkeypatch):
        OrganizationFactory(name="VIB")
        # As if another request created it between the checks and the insert.
        monkeypatch.setattr(selectors, "organization_name_taken", lambda **kwargs: False)
        monkeypatch.setattr(Organization, "validate_constraints", lambda *args, **kwargs: None)
        with pytest.raises(ServiceError) as error:
            services.organization_create(creator=UserFactory(), name="vib", kind="company")
        assert error.value.detail == {"name": [MESSAGE]}
        assert Organization.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_migration_tells_existing_duplicates_apart():
    before = [("organizations", "0005_founded_year_from_1400")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps.get_model("organizations", "Organization")
    now = timezone.now()
    for slug, name, minutes_ago in [
        ("vib", "VIB", 30),
        ("vib-2", "vib", 20),
        ("vib-3", "V  I B", 10),
        ("leie", "  Leie\tBiologics ", 5),
    ]:
        old.objects.create(
            name=name, slug=slug, kind="company", created_at=now - timedelta(minutes=minutes_ago)
        )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    names = dict(Organization.objects.values_list("slug", "name"))
    assert names == {
        "vib": "VIB",  # the oldest keeps its name
        "vib-2": "vib (vib-2)",
        "vib-3": "V I B (vib-3)",
        "leie": "Leie Biologics",
    }
    with pytest.raises(IntegrityError), transaction.atomic():
        Organization.objects.create(name="Vib", slug="vib-4", kind="company")
