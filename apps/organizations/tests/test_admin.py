"""The directory's admin writes through the services: verification is an action, not a box."""

import pytest

from apps.accounts.tests.factories import UserFactory
from apps.core.models import AuditEntry
from apps.organizations.models import Membership, Organization
from apps.organizations.tests.factories import MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def change_form(organization: Organization, **changes) -> dict:
    data = {
        "name": organization.name,
        "kind": organization.kind,
        "description": organization.description,
        "website": organization.website,
        "city": organization.city,
        "address": organization.address,
        "founded_year": organization.founded_year or "",
        "size_band": organization.size_band,
        "is_member": "on" if organization.is_member else "",
        "sectors": [sector.slug for sector in organization.sectors.all()],
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


def test_verified_is_shown_but_cannot_be_ticked(admin_client):
    organization = OrganizationFactory(verified=False, city="Ghent")
    page = admin_client.get(f"/admin/organizations/organization/{organization.pk}/change/")
    assert 'name="verified"' not in page.content.decode()
    response = admin_client.post(
        f"/admin/organizations/organization/{organization.pk}/change/",
        change_form(organization, verified="on", city="Zwijnaarde", is_member="on"),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    organization.refresh_from_db()
    assert (organization.city, organization.is_member) == ("Zwijnaarde", True)
    assert organization.verified is False and organization.verified_at is None


def test_the_verify_action_records_the_date_and_the_audit_line(admin_client):
    organization = OrganizationFactory(verified=False)
    admin_client.post(
        "/admin/organizations/organization/",
        {"action": "verify", "_selected_action": [organization.pk]},
    )
    organization.refresh_from_db()
    assert organization.verified and organization.verified_at is not None
    assert AuditEntry.objects.filter(action="organization.verify").exists()


def test_staff_add_an_organization_nobody_manages_yet(admin_client):
    response = admin_client.post(
        "/admin/organizations/organization/add/",
        {
            **change_form(OrganizationFactory(name="Template")),
            "name": "Kempen Agrotech",
            "sectors": ["health"],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    added = Organization.objects.get(name="Kempen Agrotech")
    assert added.slug == "kempen-agrotech" and not added.verified
    assert not added.memberships.exists()


def test_the_last_owner_cannot_be_removed_in_the_admin(admin_client):
    owner = MembershipFactory(role="owner")
    recruiter = MembershipFactory(role="recruiter", organization=owner.organization)
    admin_client.post(
        "/admin/organizations/membership/",
        {"action": "remove", "_selected_action": [owner.pk, recruiter.pk]},
    )
    assert list(Membership.objects.values_list("pk", flat=True)) == [owner.pk]
