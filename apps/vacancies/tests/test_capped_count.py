"""An API client knows when a count stopped at the cap: `count_is_capped`, in the answers and
in the schema that `make fuzz` checks them against."""

import pytest
from rest_framework.test import APIClient

from apps.organizations.tests.factories import MembershipFactory
from apps.talent.tests.factories import TalentProfileFactory
from apps.vacancies.tests.factories import published_vacancy

pytestmark = pytest.mark.django_db
CAPPED_LISTS = ("/api/v1/vacancies/", "/api/v1/talent/")


@pytest.fixture
def cap_of_three(monkeypatch):
    """The cap is 10,000; three shows the same at the scale of a test."""
    monkeypatch.setattr("apps.core.search.COUNT_CAP", 3)


@pytest.fixture
def recruiter() -> APIClient:
    client = APIClient()
    client.force_authenticate(MembershipFactory(organization__verified=True).user)
    return client


def test_a_count_past_the_cap_says_so_and_the_pages_stop_there(cap_of_three):
    for index in range(5):
        published_vacancy(title=f"Antibody scientist {index}", city="Ghent" if index else "Geel")
    client = APIClient()

    first = client.get("/api/v1/vacancies/?page_size=2").json()
    assert list(first) == ["count", "count_is_capped", "next", "previous", "results"]
    assert first["count"] == 3 and first["count_is_capped"] is True
    assert len(first["results"]) == 2 and "page=2" in first["next"]
    last = client.get(first["next"]).json()
    assert last["count_is_capped"] is True and last["next"] is None
    assert len(last["results"]) == 1

    # A narrower search counts every match, and says the count is exact.
    for query, count in (("city=Ghent&q=antibody", 4), ("city=Geel", 1)):
        body = client.get(f"/api/v1/vacancies/?{query}").json()
        assert (body["count"], body["count_is_capped"]) == (min(count, 3), count > 3)


def test_the_talent_pool_says_it_too(cap_of_three, recruiter):
    for index in range(4):
        TalentProfileFactory(headline=f"Gene editor {index}", skills=["crispr"])
    body = recruiter.get("/api/v1/talent/?q=crispr").json()
    assert body["count"] == 3 and body["count_is_capped"] is True
    body = recruiter.get("/api/v1/talent/?q=crispr&city=Nowhere").json()
    assert body["count"] == 0 and body["count_is_capped"] is False


def test_the_schema_declares_it_for_the_capped_lists_only(recruiter):
    schema = APIClient().get("/api/schema/", HTTP_ACCEPT="application/json").json()

    def list_shape(path: str) -> dict:
        content = schema["paths"][path]["get"]["responses"]["200"]["content"]
        reference = content["application/json"]["schema"]["$ref"]
        return schema["components"]["schemas"][reference.rsplit("/", 1)[1]]

    published_vacancy(title="Antibody scientist")
    TalentProfileFactory(headline="Gene editor", skills=["crispr"])
    answers = {
        "/api/v1/vacancies/": APIClient().get("/api/v1/vacancies/").json(),
        "/api/v1/talent/": recruiter.get("/api/v1/talent/").json(),
    }
    for path in CAPPED_LISTS:
        shape = list_shape(path)
        assert shape["properties"]["count_is_capped"]["type"] == "boolean"
        assert {"count", "count_is_capped", "results"} <= set(shape["required"])
        # The answer has exactly the declared fields.
        assert set(answers[path]) == set(shape["properties"])
    assert "count_is_capped" not in list_shape("/api/v1/organizations/")["properties"]
