"""What organizations hold about a person, on the privacy page."""

import pytest
from rest_framework.test import APIClient

from apps.organizations.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def test_memberships_show_under_their_organization():
    membership = MembershipFactory(role="owner", organization__name="Leie Biologics")
    client = APIClient()
    client.force_authenticate(membership.user)
    holdings = client.get("/api/v1/me/privacy/").json()["holdings"]
    [held] = [h for h in holdings if h["kind"] == "membership"]
    assert held["holder"] == "Leie Biologics"
    assert held["until"] is None and held["kept"] == "While you are a member"
