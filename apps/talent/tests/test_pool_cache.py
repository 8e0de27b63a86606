"""The cached talent search never outlives the profiles it came from.

Transactional, as between real requests: only committed reads are cached.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from apps.organizations.tests.factories import MembershipFactory
from apps.talent.models import TalentProfile, Visibility
from apps.talent.tests.factories import TalentProfileFactory

pytestmark = pytest.mark.django_db(transaction=True)
URL = "/api/v1/talent/?q=crispr"


@pytest.fixture
def recruiter_client() -> APIClient:
    client = APIClient()
    client.force_authenticate(MembershipFactory(organization__verified=True).user)
    return client


def headlines(client) -> list[str]:
    response = client.get(URL)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["count"] == len(body["results"])
    return sorted(row["headline"] for row in body["results"])


def test_edits_visibility_and_erasure_show_at_once(recruiter_client):
    profile = TalentProfileFactory(headline="Gene editor", skills=["crispr"])
    TalentProfileFactory(headline="Plant breeder", skills=["crispr", "phenotyping"])
    assert headlines(recruiter_client) == ["Gene editor", "Plant breeder"]
    assert headlines(recruiter_client) == ["Gene editor", "Plant breeder"]

    profile.headline = "Genome engineer"
    profile.save()
    assert headlines(recruiter_client) == ["Genome engineer", "Plant breeder"]

    TalentProfile.objects.filter(pk=profile.pk).update(visibility=Visibility.PRIVATE)
    assert headlines(recruiter_client) == ["Plant breeder"]

    TalentProfile.objects.filter(pk=profile.pk).update(visibility=Visibility.PUBLIC)
    profile.user.first_name = "Renamed"
    profile.user.save()
    names = [row["name"] for row in recruiter_client.get(URL).json()["results"]]
    assert "Renamed" in " ".join(names)

    profile.user.delete()
    assert headlines(recruiter_client) == ["Plant breeder"]


def test_a_repeated_search_is_answered_from_the_cache(recruiter_client):
    for index in range(3):
        TalentProfileFactory(headline=f"Gene editor {index}", skills=["crispr"])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert recruiter_client.get(URL).status_code == 200
        return len(captured)

    first, again = queries(), queries()
    assert again < first
