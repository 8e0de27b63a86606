import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from apps.accounts.models import User
from apps.accounts.selectors import user_has_verified_email
from apps.organizations.models import Membership, Organization

pytestmark = pytest.mark.django_db
FIXTURES = Path(settings.BASE_DIR) / "fixtures"


def test_the_ecosystem_holds_the_organizations_the_documents_name():
    call_command("loaddata", str(FIXTURES / "ecosystem.json"), verbosity=0)
    assert Organization.objects.count() >= 45
    names = set(Organization.objects.values_list("name", flat=True))
    for expected in [
        "VIB",
        "Ghent University",
        "KU Leuven",
        "University of Antwerp",
        "Vrije Universiteit Brussel",
        "Hasselt University",
        "VITO",
        "imec",
        "flanders.bio",
        "CINBIOS",
        "Flanders Investment & Trade",
        "BioWin",
        "BIOSCAPE",
        "BioVille",
        "Incubator Darwin",
        "Janssen Pharmaceutica",
        "UCB",
        "Syngenta",
        "Citrique Belge",
        "Plant Genetic Systems",
    ]:
        assert expected in names, expected
    assert any("VLAIO" in name for name in names)
    vib = Organization.objects.get(slug="vib")
    assert "96" in vib.description and "14 core facilities" in vib.description
    assert vib.founded_year == 1995
    assert set(vib.affiliates.values_list("name", flat=True)) >= {"VIB.AI", "VIB Core Facilities"}
    hospitals = Organization.objects.filter(kind="academic_hospital")
    assert hospitals.count() >= 4 and all(hospital.parent_id for hospital in hospitals)
    assert not Organization.objects.filter(sectors__isnull=True).exists()


def test_the_demo_data_signs_in_with_verified_addresses(client):
    call_command("seed", demo=True, verbosity=0)
    for email in [
        "admin@example.org",
        "recruiter@example.org",
        "seeker@example.org",
        "student@example.org",
    ]:
        user = User.objects.get(email=email)
        assert user.check_password("portal-demo-2026")
        assert user_has_verified_email(user=user)
    assert User.objects.get(email="admin@example.org").is_staff
    owner = Membership.objects.get(user__email="recruiter@example.org", organization__verified=True)
    assert owner.role == "owner"
    seeker = User.objects.get(email="seeker@example.org")
    assert seeker.talent_profile.visibility == "verified_companies"
    assert seeker.talent_profile.cvs.get().detected_type == "pdf"
    student = User.objects.get(email="student@example.org")
    assert not student.talent_profile.cvs.exists()
    response = client.post(
        "/accounts/login/", {"login": "seeker@example.org", "password": "portal-demo-2026"}
    )
    assert response.status_code == 302


def test_seeding_twice_changes_nothing():
    call_command("seed", demo=True, verbosity=0)
    counts = (User.objects.count(), Organization.objects.count(), Membership.objects.count())
    call_command("seed", demo=True, verbosity=0)
    assert counts == (
        User.objects.count(),
        Organization.objects.count(),
        Membership.objects.count(),
    )


def test_seed_if_empty_never_overwrites_edits():
    call_command("seed", verbosity=0)
    Organization.objects.filter(slug="vib").update(city="Zwijnaarde")
    call_command("seed", if_empty=True, verbosity=0)
    assert Organization.objects.get(slug="vib").city == "Zwijnaarde"


def test_seed_prints_progress_and_a_summary(capsys):
    call_command("seed")
    out = capsys.readouterr().out
    assert "[1/" in out and "ecosystem.json" in out
    assert "organizations.organization" in out and "Loaded" in out


def test_settings_that_refuse_demo_data_refuse_it(settings):
    settings.DEMO_DATA_ALLOWED = False
    with pytest.raises(CommandError):
        call_command("seed", demo=True)
    assert not User.objects.filter(email="admin@example.org").exists()


def test_fixture_files_are_valid_json_with_known_models():
    models = {
        "organizations.organization",
        "accounts.user",
        "account.emailaddress",
        "organizations.membership",
        "organizations.membershiprequest",
        "organizations.verificationrequest",
        "talent.talentprofile",
        "events.event",
        "events.eventparticipant",
    }
    for path in FIXTURES.glob("*.json"):
        records = json.loads(path.read_text(encoding="utf-8"))
        assert {record["model"] for record in records} <= models | {
            "events.event",
            "events.registration",
        }


def test_the_demo_has_a_biobizz_cafe_with_open_slots_and_one_booked_meeting():
    from apps.invitations.models import InvitationToApply
    from apps.jobfair.models import Meeting, MeetingSlot
    from apps.jobfair.selectors import event_slots

    call_command("seed", demo=True, verbosity=0)
    slots = MeetingSlot.objects.filter(organization__slug="leie-biologics")
    cafe = slots.first().event
    assert cafe.kind == "biobizz_cafe"
    assert event_slots(event=cafe, available=True).count() == 5
    meeting = Meeting.objects.get()
    assert meeting.attendee.email == "seeker@example.org" and meeting.cv is not None
    visible = cafe.registrations.filter(visible_to_exhibitors=True)
    assert set(visible.values_list("user__email", flat=True)) == {
        "seeker@example.org",
        "student@example.org",
    }
    invitation = InvitationToApply.objects.get()
    assert invitation.invitee.email == "student@example.org"
    call_command("seed", demo=True, verbosity=0)
    assert (slots.count(), Meeting.objects.count(), InvitationToApply.objects.count()) == (6, 1, 1)
