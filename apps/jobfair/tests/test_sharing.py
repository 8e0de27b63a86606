"""What a meeting shares, with whom, and for how long: the CV ends with the meeting."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from apps.events import services as event_services
from apps.events.tests.factories import EventFactory
from apps.jobfair import services
from apps.jobfair.tests.factories import MeetingSlotFactory, attendee_of, exhibitor_at
from apps.organizations.tests.factories import MembershipFactory
from apps.talent.models import CVAccess
from apps.talent.tests.factories import TalentProfileFactory
from apps.vacancies.tests.factories import cv_for

pytestmark = pytest.mark.django_db


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def setting():
    """A private profile whose owner books Leie Biologics with a CV; Schelde Pharma also
    exhibits. Both organizations are verified, so only the meeting can share a private CV."""
    event = EventFactory(slug="cafe")
    leie, recruiter = exhibitor_at(event, name="Leie Biologics", slug="leie")
    _schelde, other_recruiter = exhibitor_at(event, name="Schelde Pharma", slug="schelde")
    slot = MeetingSlotFactory(event=event, organization=leie, created_by=recruiter)
    person = attendee_of(event)
    profile = TalentProfileFactory(user=person, visibility="private", headline="Biochemist")
    cv = cv_for(person)
    meeting = services.meeting_book(attendee=person, slot=slot, cv=cv, message="Hi")
    return {
        "event": event,
        "recruiter": recruiter,
        "other_recruiter": other_recruiter,
        "person": person,
        "profile": profile,
        "cv": cv,
        "meeting": meeting,
        "slot": slot,
    }


def download(user, cv, organization=""):
    suffix = f"?organization={organization}" if organization else ""
    return client_for(user).get(f"/api/v1/cvs/{cv.pk}/download/{suffix}")


def test_the_organization_met_opens_the_cv_and_the_download_is_logged(setting):
    response = download(setting["recruiter"], setting["cv"], "leie")
    assert response.status_code == 200
    access = CVAccess.objects.get()
    assert access.accessed_by == setting["recruiter"]
    assert access.organization.slug == "leie"
    assert access.reason == "meeting"
    seen = client_for(setting["person"]).get("/api/v1/me/cv-downloads/").json()
    assert [row["organization"] for row in seen["results"]] == ["Leie Biologics"]


def test_nobody_else_opens_it(setting):
    assert download(setting["other_recruiter"], setting["cv"]).status_code == 404
    colleague = MembershipFactory(organization=setting["slot"].organization).user
    assert download(colleague, setting["cv"]).status_code == 200  # the organization, not one person
    assert CVAccess.objects.count() == 1


def test_cancelling_the_meeting_ends_the_sharing(setting):
    assert download(setting["recruiter"], setting["cv"]).status_code == 200
    services.meeting_cancel(actor=setting["person"], meeting=setting["meeting"])
    assert download(setting["recruiter"], setting["cv"]).status_code == 404
    profile_url = f"/api/v1/talent/{setting['profile'].pk}/"
    assert client_for(setting["recruiter"]).get(profile_url).status_code == 404
    assert CVAccess.objects.count() == 1


def test_the_organization_cancelling_ends_it_too(setting):
    services.meeting_cancel(actor=setting["recruiter"], meeting=setting["meeting"])
    assert download(setting["recruiter"], setting["cv"]).status_code == 404


def test_giving_up_the_place_ends_it(setting):
    event_services.registration_cancel(user=setting["person"], event=setting["event"])
    assert download(setting["recruiter"], setting["cv"]).status_code == 404


def test_booking_shares_the_profile_with_the_organization_met_only(setting):
    url = f"/api/v1/talent/{setting['profile'].pk}/"
    response = client_for(setting["recruiter"]).get(url)
    assert response.status_code == 200 and response.json()["headline"] == "Biochemist"
    assert client_for(setting["other_recruiter"]).get(url).status_code == 404


def test_a_cv_not_attached_is_not_shared(setting):
    other_cv = cv_for(setting["person"], is_primary=False)
    # The profile is shared with them, so the refusal says why rather than hiding the CV.
    assert download(setting["recruiter"], other_cv).status_code == 403


class TestVisibleToExhibitors:
    def test_exhibitors_see_the_profile_while_the_event_is_to_come(self):
        event = EventFactory(slug="kfg")
        _organization, recruiter = exhibitor_at(event)
        outsider = MembershipFactory(organization__verified=True).user
        person = attendee_of(event, visible_to_exhibitors=True)
        profile = TalentProfileFactory(user=person, visibility="private")
        url = f"/api/v1/talent/{profile.pk}/"
        assert client_for(recruiter).get(url).status_code == 200
        assert client_for(outsider).get(url).status_code == 404
        # The CVs are not part of it.
        assert download(recruiter, cv_for(person)).status_code == 403
        # Once the event is over, the profile is theirs again.
        event.starts_at = timezone.now() - timedelta(days=2)
        event.ends_at = timezone.now() - timedelta(days=1)
        event.save()
        assert client_for(recruiter).get(url).status_code == 404

    def test_not_without_the_choice(self):
        event = EventFactory()
        _organization, recruiter = exhibitor_at(event)
        person = attendee_of(event)
        profile = TalentProfileFactory(user=person, visibility="private")
        assert client_for(recruiter).get(f"/api/v1/talent/{profile.pk}/").status_code == 404


def test_the_export_holds_the_meetings_and_the_erasure_removes_them(setting):
    from apps.accounts.services import account_erase
    from apps.jobfair.models import Meeting

    data = client_for(setting["person"]).get("/api/v1/me/export/").json()
    assert [m["organization"] for m in data["meetings"]] == ["Leie Biologics"]
    assert data["meetings"][0]["cv_shared"] == setting["cv"].original_name
    account_erase(user=setting["person"])
    assert not Meeting.objects.exists()
