"""Incremental sync of the job board: `updated_since`, closed and expired vacancies for key
holders, and conditional GETs (ETag, Last-Modified, 304)."""

import time
from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone
from django.utils.http import http_date
from rest_framework.test import APIClient

from apps.accounts.tests.factories import UserFactory
from apps.apikeys.tests.factories import api_key_for, key_header
from apps.organizations.services import organization_update
from apps.organizations.tests.factories import MembershipFactory
from apps.vacancies import services
from apps.vacancies.models import Vacancy, VacancyStatus
from apps.vacancies.tests.factories import VacancyFactory, published_vacancy

pytestmark = pytest.mark.django_db
API = "/api/v1/vacancies/"


def age(vacancy: Vacancy, **delta) -> None:
    Vacancy.objects.filter(pk=vacancy.pk).update(updated_at=timezone.now() - timedelta(**delta))


def slugs(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["slug"] for row in response.json()["results"]]


def test_updated_since_gives_what_changed_oldest_change_first():
    old, middle, recent = (published_vacancy(slug=s) for s in ("old", "middle", "recent"))
    age(old, days=3)
    age(middle, hours=5)
    age(recent, hours=1)
    since = (timezone.now() - timedelta(days=1)).isoformat()
    assert slugs(APIClient().get(API, {"updated_since": since})) == ["middle", "recent"]
    # An edit moves a vacancy to the end.
    services.vacancy_extend(
        actor=MembershipFactory(organization=old.organization).user, vacancy=old
    )
    assert slugs(APIClient().get(API, {"updated_since": since})) == ["middle", "recent", "old"]


def test_every_workflow_step_moves_the_update_time():
    vacancy = VacancyFactory(pending=True)
    age(vacancy, days=2)
    staff = UserFactory(is_staff=True)
    member = MembershipFactory(organization=vacancy.organization).user
    for step in (
        lambda: services.vacancy_approve(actor=staff, vacancy=vacancy),
        lambda: services.vacancy_extend(actor=member, vacancy=vacancy),
        lambda: services.vacancy_close(actor=member, vacancy=vacancy),
    ):
        before = timezone.now()
        step()
        assert Vacancy.objects.get(pk=vacancy.pk).updated_at >= before


@pytest.mark.parametrize("value", ["yesterday", "2026-13-45T00:00:00Z", "1"])
def test_a_bad_updated_since_is_a_400_naming_it(value):
    response = APIClient().get(API, {"updated_since": value})
    assert response.status_code == 400
    assert "updated_since" in response.json()


def test_key_holders_get_closed_and_expired_vacancies_with_their_status():
    since = (timezone.now() - timedelta(hours=1)).isoformat()
    published_vacancy(slug="live")
    closed = published_vacancy(slug="closed")
    services.vacancy_close(
        actor=MembershipFactory(organization=closed.organization).user, vacancy=closed
    )
    expired_by_date = published_vacancy(slug="past-its-date")
    Vacancy.objects.filter(pk=expired_by_date.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1), updated_at=timezone.now()
    )
    marked = published_vacancy(slug="marked-expired")
    Vacancy.objects.filter(pk=marked.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    assert services.vacancies_expire_due() == 2
    never_published = VacancyFactory(slug="someone-elses-draft")
    _key, raw = api_key_for(scopes=["vacancies:read"])

    rows = APIClient().get(API, {"updated_since": since}, **key_header(raw)).json()["results"]
    statuses = {row["slug"]: row["status"] for row in rows}
    assert statuses == {
        "live": "published",
        "closed": "closed",
        "past-its-date": "expired",
        "marked-expired": "expired",
    }
    assert never_published.slug not in statuses
    # A key reads a closed one by its address too; the public does not see it.
    detail = APIClient().get(f"{API}closed/", **key_header(raw))
    assert detail.status_code == 200 and detail.json()["status"] == "closed"
    assert APIClient().get(f"{API}closed/").status_code == 404
    # Without updated_since, and for everyone else, the board is the live one.
    assert slugs(APIClient().get(API, **key_header(raw))) == ["live"]
    assert slugs(APIClient().get(API, {"updated_since": since})) == ["live"]


def test_the_public_page_of_a_vacancy_answers_etag_last_modified_and_304():
    vacancy = published_vacancy(slug="bioinformatician")
    # One instant for both rows, so a second ticking by on a busy machine changes nothing.
    a_day_ago = timezone.now() - timedelta(days=1)
    type(vacancy.organization).objects.update(updated_at=a_day_ago)
    Vacancy.objects.filter(pk=vacancy.pk).update(updated_at=a_day_ago)
    client = APIClient()
    url = f"{API}bioinformatician/"
    first = client.get(url)
    etag, last_modified = first["ETag"], first["Last-Modified"]
    assert etag.startswith('"')
    assert last_modified == http_date(a_day_ago.timestamp())
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    unchanged = client.get(url, HTTP_IF_MODIFIED_SINCE=last_modified)
    assert unchanged.status_code == 304 and unchanged.content == b""
    assert unchanged["ETag"] == etag
    # An edit: the old copy is stale at once, whatever the validator.
    member = MembershipFactory(organization=vacancy.organization).user
    services.vacancy_extend(actor=member, vacancy=vacancy)
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 200


def test_a_date_is_given_only_once_its_second_is_over():
    """HTTP dates count whole seconds: a page changed this second carries no Last-Modified,
    so a second change within the same second cannot be mistaken for no change."""
    vacancy = published_vacancy(slug="fresh")
    changed = max(vacancy.updated_at, vacancy.organization.updated_at).timestamp()
    # The request within the second of the change, however busy the machine running the test.
    with mock.patch("apps.core.api.time.time", return_value=int(changed) + 0.999):
        response = APIClient().get(f"{API}fresh/")
    assert response.has_header("ETag") and not response.has_header("Last-Modified")


@pytest.mark.django_db(transaction=True)
def test_the_public_list_answers_304_until_the_board_changes():
    """The list is cached under the board's version; its Last-Modified is when it was made."""
    vacancy = published_vacancy()
    client = APIClient()
    client.get(API)  # made and cached now
    time.sleep(1.1)
    first = client.get(API)
    last_modified, etag = first["Last-Modified"], first["ETag"]
    assert client.get(API, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    assert client.get(API, HTTP_IF_NONE_MATCH=etag).status_code == 304
    time.sleep(1.1)
    # The vacancy's date passes, with no write: the expiry alone takes it off the board.
    Vacancy.objects.filter(pk=vacancy.pk).update(expires_at=timezone.now())
    gone = client.get(API, HTTP_IF_MODIFIED_SINCE=last_modified)
    assert gone.status_code == 200 and gone.json()["count"] == 0
    assert client.get(API, HTTP_IF_NONE_MATCH=etag).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_renaming_an_organization_makes_the_list_stale():
    vacancy = published_vacancy()
    client = APIClient()
    client.get(API)
    time.sleep(1.1)
    first = client.get(API)
    owner = MembershipFactory(organization=vacancy.organization, role="owner").user
    organization_update(actor=owner, organization=vacancy.organization, name="Renamed Biotech NV")
    response = client.get(API, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert response.status_code == 200
    assert response.json()["results"][0]["organization"]["name"] == "Renamed Biotech NV"


def test_signed_in_callers_get_an_etag_but_no_last_modified():
    VacancyFactory(status=VacancyStatus.DRAFT)
    client = APIClient()
    client.force_authenticate(UserFactory())
    response = client.get(API)
    assert response.has_header("ETag") and not response.has_header("Last-Modified")
    assert client.get(API, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
