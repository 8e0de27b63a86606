"""Consents on record: given with their words and version, seen and withdrawn by the person."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from apps.accounts.tests.factories import UserFactory
from apps.core.exceptions import ConflictError, NotFoundError, ServiceError
from apps.privacy.models import Consent
from apps.privacy.services import consent_give, consent_withdraw

pytestmark = pytest.mark.django_db


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_a_consent_is_a_row_with_its_time_words_and_version(test_purpose):
    user = UserFactory()
    consent = consent_give(user=user, purpose="newsletter", text="  Send me the newsletter. ")
    consent.refresh_from_db()
    assert consent.user == user
    assert consent.text == "Send me the newsletter."
    assert consent.version == "2026-2"
    assert abs(consent.given_at - timezone.now()) < timedelta(seconds=5)
    assert consent.is_live()


def test_an_unknown_purpose_or_empty_words_record_nothing(test_purpose):
    user = UserFactory()
    with pytest.raises(LookupError):
        consent_give(user=user, purpose="marketing", text="Anything.")
    with pytest.raises(ServiceError):
        consent_give(user=user, purpose="newsletter", text="   ")
    assert not Consent.objects.exists()


def test_withdrawing_runs_the_purpose_effect_once(test_purpose):
    user = UserFactory()
    consent = consent_give(user=user, purpose="newsletter", text="Send me the newsletter.")
    consent_withdraw(user=user, consent=consent)
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None and not consent.is_live()
    assert test_purpose == [consent.pk]
    with pytest.raises(ConflictError):
        consent_withdraw(user=user, consent=consent)
    assert test_purpose == [consent.pk]


def test_nobody_withdraws_another_persons_consent(test_purpose):
    consent = consent_give(user=UserFactory(), purpose="newsletter", text="Yes.")
    stranger = UserFactory()
    with pytest.raises(NotFoundError):
        consent_withdraw(user=stranger, consent=consent)
    response = client_for(stranger).post(f"/api/v1/me/consents/{consent.pk}/withdraw/")
    assert response.status_code == 404
    page = APIClient()
    page.force_login(stranger)
    assert page.post(f"/accounts/privacy/consents/{consent.pk}/withdraw/").status_code == 404
    consent.refresh_from_db()
    assert consent.withdrawn_at is None and test_purpose == []


def test_a_consent_that_ran_out_cannot_be_withdrawn(test_purpose):
    user = UserFactory()
    consent = consent_give(
        user=user,
        purpose="newsletter",
        text="Yes.",
        expires_at=timezone.now() - timedelta(minutes=1),
    )
    response = client_for(user).post(f"/api/v1/me/consents/{consent.pk}/withdraw/")
    assert response.status_code == 409
    assert test_purpose == []


def test_the_person_sees_and_withdraws_consents_in_the_api(test_purpose):
    user = UserFactory()
    consent = consent_give(user=user, purpose="newsletter", text="Send me the newsletter.")
    client = client_for(user)
    listed = client.get(reverse("me-privacy")).json()["consents"]
    assert listed == [
        {
            "id": str(consent.pk),
            "purpose": "newsletter",
            "purpose_label": "Newsletter",
            "text": "Send me the newsletter.",
            "version": "2026-2",
            "given_at": listed[0]["given_at"],
            "expires_at": None,
            "withdrawn_at": None,
            "live": True,
            "effect_of_withdrawing": "You get no newsletter any more.",
            "withdraw_url": reverse("me-consent-withdraw", kwargs={"consent_id": consent.pk}),
        }
    ]
    answer = client.post(listed[0]["withdraw_url"])
    assert answer.status_code == 200
    assert answer.json()["live"] is False and answer.json()["withdrawn_at"]
    assert answer.json()["effect_of_withdrawing"] is None
    assert answer.json()["withdraw_url"] is None
    assert client.post(listed[0]["withdraw_url"]).status_code == 409
    [after] = client.get(reverse("me-privacy")).json()["consents"]
    assert after["live"] is False and after["withdraw_url"] is None


def test_the_api_links_to_the_export_and_the_erasure_as_the_page_does(test_purpose):
    user = UserFactory()
    client = client_for(user)
    links = {link["label"]: link for link in client.get(reverse("me-privacy")).json()["links"]}
    export = links["Download your data"]
    assert export["method"] == "get"
    assert "consents" in client.get(export["url"]).json()
    erase = links["Erase your account"]
    assert erase["method"] == "delete" and erase["url"] == reverse("me")

    page = APIClient()
    page.force_login(user)
    html = page.get(reverse("privacy:overview")).content.decode()
    assert reverse("account_my_data") in html and reverse("account_erase") in html


def test_the_privacy_page_lists_consents_with_the_effect_and_withdraws_them(test_purpose):
    user = UserFactory()
    consent = consent_give(user=user, purpose="newsletter", text="Send me the newsletter.")
    client = APIClient()
    client.force_login(user)
    page = client.get("/accounts/privacy/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Send me the newsletter." in html
    assert "You get no newsletter any more." in html
    assert f"/accounts/privacy/consents/{consent.pk}/withdraw/" in html
    answer = client.post(f"/accounts/privacy/consents/{consent.pk}/withdraw/")
    assert answer.status_code == 302 and answer["Location"] == "/accounts/privacy/"
    html = client.get("/accounts/privacy/").content.decode()
    assert "Withdrawn on" in html
    assert f"/accounts/privacy/consents/{consent.pk}/withdraw/" not in html
    assert test_purpose == [consent.pk]


def test_the_privacy_page_and_api_are_for_signed_in_people():
    assert APIClient().get("/api/v1/me/privacy/").status_code in (401, 403)
    page = APIClient().get("/accounts/privacy/")
    assert page.status_code == 302 and "/accounts/login/" in page["Location"]


def test_the_export_includes_the_consents(test_purpose):
    user = UserFactory()
    consent_give(user=user, purpose="newsletter", text="Send me the newsletter.")
    data = client_for(user).get("/api/v1/me/export/").json()
    assert [c["text"] for c in data["consents"]] == ["Send me the newsletter."]
    assert data["consents"][0]["version"] == "2026-2"
