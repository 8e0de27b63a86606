"""Consent on record when applying, and the organization's own talent pool."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from apps.accounts.tests.factories import UserFactory
from apps.core import retention
from apps.organizations.tests.factories import MembershipFactory
from apps.privacy.models import Consent
from apps.vacancies import services
from apps.vacancies.models import Application
from apps.vacancies.tests.factories import cv_for, published_vacancy

pytestmark = pytest.mark.django_db


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def member():
    return MembershipFactory(organization__verified=True, organization__name="Leie Biologics").user


@pytest.fixture
def organization(member):
    return member.memberships.get().organization


@pytest.fixture
def vacancy(organization):
    return published_vacancy(organization=organization, title="Process engineer")


def apply_in_api(vacancy, user, **extra) -> dict:
    response = client_for(user).post(
        f"/api/v1/vacancies/{vacancy.slug}/applications/",
        {"cv": str(cv_for(user).pk), "cover_letter": "Hello", **extra},
        format="json",
    )
    assert response.status_code == 201, response.content
    return response.json()


def pool_names(client, organization) -> list[str]:
    response = client.get(f"/api/v1/organizations/{organization.slug}/talent-pool/")
    assert response.status_code == 200
    return [entry["name"] for entry in response.json()["results"]]


def test_applying_records_the_consent_to_keep_the_cv_for_this_vacancy(vacancy):
    seeker = UserFactory()
    data = apply_in_api(vacancy, seeker)
    assert data["talent_pool_until"] is None
    [consent] = Consent.objects.filter(user=seeker)
    assert consent.purpose == "application" and consent.version == "2026-1"
    assert "Leie Biologics keeps my application" in consent.text
    assert "“Process engineer”" in consent.text and "12 months" in consent.text
    assert consent.expires_at is None
    assert Application.objects.get().consent == consent


def test_the_talent_pool_is_a_separate_optional_consent_for_12_months(vacancy):
    seeker = UserFactory()
    data = apply_in_api(vacancy, seeker, talent_pool=True)
    pool = Consent.objects.get(user=seeker, purpose="talent_pool")
    assert pool.expires_at == retention.goes_at(start=pool.given_at, months=12)
    assert data["talent_pool_until"] is not None
    assert "Leie Biologics keeps me in its own talent pool for 12 months" in pool.text
    assert Consent.objects.filter(user=seeker).count() == 2


def test_the_apply_form_shows_what_applying_agrees_to_and_offers_the_pool(vacancy):
    seeker = UserFactory()
    cv = cv_for(seeker)
    browser = Client()
    browser.force_login(seeker)
    html = browser.get(vacancy.get_absolute_url()).content.decode()
    assert "By sending your application you agree:" in html
    assert "Leie Biologics keeps my application" in html
    assert 'name="talent_pool"' in html
    response = browser.post(
        reverse("vacancies:apply", kwargs={"slug": vacancy.slug}),
        {"cv": str(cv.pk), "talent_pool": "on"},
    )
    assert response.status_code == 302
    assert set(Consent.objects.filter(user=seeker).values_list("purpose", flat=True)) == {
        "application",
        "talent_pool",
    }


def test_members_see_their_pool_and_nobody_else_does(vacancy, organization, member):
    in_pool = UserFactory(first_name="Ada", last_name="Peeters")
    apply_in_api(vacancy, in_pool, talent_pool=True)
    apply_in_api(vacancy, UserFactory(first_name="Not", last_name="Inpool"))
    assert pool_names(client_for(member), organization) == ["Ada Peeters"]

    page = Client()
    page.force_login(member)
    html = page.get(
        reverse("vacancies:talent_pool", kwargs={"slug": organization.slug})
    ).content.decode()
    assert "Ada Peeters" in html and "Not Inpool" not in html

    stranger = MembershipFactory(organization__verified=True).user
    url = f"/api/v1/organizations/{organization.slug}/talent-pool/"
    assert client_for(stranger).get(url).status_code == 403
    assert client_for(in_pool).get(url).status_code == 403
    assert APIClient().get(url).status_code in (401, 403)
    assert client_for(member).get("/api/v1/organizations/nope/talent-pool/").status_code == 404
    other = Client()
    other.force_login(stranger)
    assert (
        other.get(reverse("vacancies:talent_pool", kwargs={"slug": organization.slug})).status_code
        == 403
    )


def test_withdrawing_the_pool_consent_hides_the_person_at_once(vacancy, organization, member):
    seeker = UserFactory(first_name="Ada", last_name="Peeters")
    apply_in_api(vacancy, seeker, talent_pool=True)
    recruiter = client_for(member)
    assert pool_names(recruiter, organization) == ["Ada Peeters"]

    consent = Consent.objects.get(user=seeker, purpose="talent_pool")
    response = client_for(seeker).post(f"/api/v1/me/consents/{consent.pk}/withdraw/")
    assert response.status_code == 200
    assert pool_names(recruiter, organization) == []
    page = Client()
    page.force_login(member)
    assert (
        "Ada Peeters"
        not in page.get(
            reverse("vacancies:talent_pool", kwargs={"slug": organization.slug})
        ).content.decode()
    )
    # The application itself stays until its own date: the vacancy is still open.
    assert Application.objects.get().applicant == seeker


def test_withdrawing_the_pool_consent_past_the_applications_date_erases_it_at_once(vacancy, member):
    seeker = UserFactory()
    apply_in_api(vacancy, seeker)
    application = Application.objects.get()
    services.vacancy_close(actor=member, vacancy=vacancy)
    later = timezone.now() + timedelta(days=400)
    import time_machine

    with time_machine.travel(later - timedelta(days=60), tick=False):
        services.application_talent_pool_join(actor=seeker, application=application)
    with time_machine.travel(later, tick=False):
        consent = Consent.objects.get(user=seeker, purpose="talent_pool")
        client_for(seeker).post(f"/api/v1/me/consents/{consent.pk}/withdraw/")
    application.refresh_from_db()
    assert application.applicant_id is None


def test_withdrawing_the_application_consent_erases_the_application(vacancy, member):
    seeker = UserFactory()
    apply_in_api(vacancy, seeker, talent_pool=True)
    consent = Consent.objects.get(user=seeker, purpose="application")
    assert client_for(seeker).post(f"/api/v1/me/consents/{consent.pk}/withdraw/").status_code == 200
    application = Application.objects.get()
    assert application.applicant_id is None and application.cv_id is None
    listed = client_for(member).get(f"/api/v1/vacancies/{vacancy.slug}/applications/").json()
    assert listed["count"] == 0
    assert not Consent.objects.filter(user=seeker).exists()


def test_withdrawing_an_application_takes_the_person_out_of_the_pool(vacancy, organization, member):
    seeker = UserFactory(first_name="Ada", last_name="Peeters")
    data = apply_in_api(vacancy, seeker, talent_pool=True)
    response = client_for(seeker).post(f"/api/v1/applications/{data['id']}/withdraw/")
    assert response.status_code == 200
    assert pool_names(client_for(member), organization) == []
    assert (
        client_for(seeker).post(f"/api/v1/applications/{data['id']}/talent-pool/").status_code
        == 403
    )


def test_joining_the_pool_later_renews_the_consent_and_keeps_the_record(
    vacancy, organization, member
):
    seeker = UserFactory(first_name="Ada", last_name="Peeters")
    data = apply_in_api(vacancy, seeker, talent_pool=True)
    first = Consent.objects.get(user=seeker, purpose="talent_pool")
    response = client_for(seeker).post(f"/api/v1/applications/{data['id']}/talent-pool/")
    assert response.status_code == 200
    first.refresh_from_db()
    assert first.withdrawn_at is not None
    second = Consent.objects.get(user=seeker, purpose="talent_pool", withdrawn_at__isnull=True)
    assert response.json()["talent_pool_until"] is not None
    assert second.pk != first.pk
    assert pool_names(client_for(member), organization) == ["Ada Peeters"]
    # Only the applicant decides.
    url = f"/api/v1/applications/{data['id']}/talent-pool/"
    assert client_for(member).post(url).status_code == 403
    assert client_for(UserFactory()).post(url).status_code == 404


def test_the_privacy_page_shows_what_the_organization_holds_and_until_when(vacancy, member):
    seeker = UserFactory()
    apply_in_api(vacancy, seeker, talent_pool=True)
    data = client_for(seeker).get("/api/v1/me/privacy/").json()
    [held] = [h for h in data["holdings"] if h["kind"] == "application"]
    assert held["holder"] == "Leie Biologics"
    assert "Process engineer" in held["label"] and "CV" in held["label"]
    assert held["until"] is not None
    assert "talent pool" in held["kept"]
    assert {link["method"] for link in held["links"]} == {"post"}
    page = Client()
    page.force_login(seeker)
    html = page.get(reverse("privacy:overview")).content.decode()
    assert "Leie Biologics" in html and "Process engineer" in html
    assert reverse("account_my_data") in html and reverse("account_erase") in html
