"""Consent on record for being visible to exhibitors, and how long meetings are kept."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from rest_framework.test import APIClient

from apps.accounts.tests.factories import UserFactory
from apps.core import retention
from apps.events.models import Registration
from apps.events.tests.factories import EventFactory
from apps.jobfair import services
from apps.jobfair.models import Meeting
from apps.jobfair.tests.factories import MeetingFactory, exhibitor_at
from apps.privacy.models import Consent
from apps.talent.tests.factories import TalentProfileFactory
from apps.vacancies.tests.factories import cv_for

pytestmark = pytest.mark.django_db


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def fair():
    event = EventFactory(title="Knowledge for Growth", slug="kfg", kind="conference")
    _leie, member = exhibitor_at(event, name="Leie Biologics", slug="leie")
    return {"event": event, "member": member}


def attendee_ids(fair) -> list[str]:
    response = client_for(fair["member"]).get("/api/v1/events/kfg/attendees/")
    return [row["id"] for row in response.json()["results"]]


def test_registering_visible_records_the_consent_with_its_words(fair):
    person = UserFactory()
    response = client_for(person).post(
        "/api/v1/events/kfg/registrations/", {"visible_to_exhibitors": True}
    )
    assert response.status_code == 201
    consent = Consent.objects.get(user=person)
    assert consent.purpose == "exhibitor_listing" and consent.version == "2026-1"
    assert "The exhibitors of “Knowledge for Growth” may see my talent profile" in consent.text
    assert consent.expires_at == fair["event"].ends_at
    assert Registration.objects.get(user=person).exhibitor_consent == consent
    # Not visible: no consent asked, none recorded.
    other = UserFactory()
    client_for(other).post("/api/v1/events/kfg/registrations/", {})
    assert not Consent.objects.filter(user=other).exists()


def test_changing_ones_mind_ends_the_consent_and_a_new_choice_records_a_new_one(fair):
    person = UserFactory()
    client = client_for(person)
    client.post("/api/v1/events/kfg/registrations/", {"visible_to_exhibitors": True})
    client.patch("/api/v1/events/kfg/registrations/mine/", {"visible_to_exhibitors": False})
    first = Consent.objects.get(user=person)
    assert first.withdrawn_at is not None
    client.patch("/api/v1/events/kfg/registrations/mine/", {"visible_to_exhibitors": True})
    assert Consent.objects.filter(user=person).count() == 2
    assert Consent.objects.filter(user=person, withdrawn_at__isnull=True).count() == 1


def test_withdrawing_on_the_privacy_page_hides_the_person_from_the_exhibitors_at_once(fair):
    person = UserFactory()
    profile = TalentProfileFactory(user=person)
    client = client_for(person)
    client.post("/api/v1/events/kfg/registrations/", {"visible_to_exhibitors": True})
    assert attendee_ids(fair) == [str(profile.pk)]
    consent = Consent.objects.get(user=person)
    [listed] = client.get("/api/v1/me/privacy/").json()["consents"]
    assert listed["purpose_label"] == "Visible to an event's exhibitors"
    assert "no longer see you" in listed["effect_of_withdrawing"]
    assert client.post(f"/api/v1/me/consents/{consent.pk}/withdraw/").status_code == 200
    assert attendee_ids(fair) == []
    assert Registration.objects.get(user=person).visible_to_exhibitors is False


def test_meetings_go_24_months_after_the_event_and_show_on_the_privacy_page():
    person = UserFactory()
    cv = cv_for(person, original_name="cv-ada.pdf")
    meeting = MeetingFactory(attendee=person, cv=cv, slot__organization__name="Leie Biologics")
    later = MeetingFactory()
    later.slot.event.__class__.objects.filter(pk=later.slot.event.pk).update(
        starts_at=later.slot.event.starts_at + timedelta(days=10),
        ends_at=later.slot.event.ends_at + timedelta(days=10),
    )
    goes = retention.goes_at(start=meeting.slot.event.ends_at, months=24)

    holdings = client_for(person).get("/api/v1/me/privacy/").json()["holdings"]
    [held] = [h for h in holdings if h["kind"] == "meeting"]
    assert held["holder"] == "Leie Biologics" and "cv-ada.pdf" in held["label"]
    assert held["until"] is not None

    def run(moment, **kwargs):
        with time_machine.travel(moment, tick=False):
            [step] = services.meetings_apply_retention(now=timezone.now(), **kwargs)
        return step.due, step.done

    assert run(goes - timedelta(seconds=1)) == (0, 0)
    assert run(goes, dry_run=True) == (1, 0)
    assert Meeting.objects.count() == 2
    assert run(goes) == (1, 1)
    assert list(Meeting.objects.values_list("pk", flat=True)) == [later.pk]


def test_anonymised_registrations_are_no_longer_visible_nor_hold_a_consent(fair):
    person = UserFactory()
    TalentProfileFactory(user=person)
    client_for(person).post("/api/v1/events/kfg/registrations/", {"visible_to_exhibitors": True})
    from apps.events.services import registrations_anonymise

    registrations_anonymise(ids=[Registration.objects.get(user=person).pk])
    registration = Registration.objects.get()
    assert registration.user_id is None and registration.visible_to_exhibitors is False
    assert not Consent.objects.exists()
    assert attendee_ids(fair) == []
