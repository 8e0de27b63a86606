import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import timezone

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


def test_the_demo_cluster_is_alive_and_a_second_seed_keeps_every_change(client):
    """One seed for every demo fact: it takes seconds, so the checks share it."""
    from apps.content.models import NewsItem
    from apps.events.models import Event, Registration
    from apps.vacancies.models import Application, JobAlert, Vacancy
    from apps.vacancies.selectors import live_vacancies

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
    owner = Membership.objects.get(
        user__email="recruiter@example.org", organization__slug="leie-biologics"
    )
    assert owner.role == "owner" and owner.organization.verified
    seeker = User.objects.get(email="seeker@example.org")
    assert seeker.talent_profile.visibility == "verified_companies"
    assert seeker.talent_profile.cvs.get().detected_type == "pdf"
    assert not User.objects.get(email="student@example.org").talent_profile.cvs.exists()
    response = client.post(
        "/accounts/login/", {"login": "seeker@example.org", "password": "portal-demo-2026"}
    )
    assert response.status_code == 302

    # At least 150 live vacancies from at least 20 fictional companies, named as such.
    live = live_vacancies()
    assert live.count() >= 150
    hiring = Organization.objects.filter(vacancies__in=live).distinct()
    assert hiring.count() >= 20
    assert all(name.endswith("(demo)") for name in hiring.values_list("name", flat=True))
    # The real organizations of the ecosystem get no invented vacancy.
    real = [record["fields"]["name"] for record in _records("ecosystem.json")]
    assert not Vacancy.objects.filter(organization__name__in=real).exists()
    # Published over weeks, with salaries and closing dates that differ.
    dates = sorted(live.values_list("published_at", flat=True))
    assert (dates[-1] - dates[0]).days >= 28
    assert live.exclude(salary_min=None).count() >= 75 and live.filter(salary_min=None).exists()
    assert len(set(live.values_list("title", flat=True))) >= 60
    # Applications in every status; events past and upcoming, one full with a waiting list.
    statuses = set(Application.objects.values_list("status", flat=True))
    assert statuses == {"submitted", "in_review", "shortlisted", "rejected", "hired", "withdrawn"}
    # The demo recruiter's own company has received applications in every status too.
    received = Application.objects.filter(vacancy__organization__slug="leie-biologics")
    assert set(received.values_list("status", flat=True)) == statuses
    assert Registration.objects.filter(status="waitlisted").exists()
    assert Registration.objects.filter(status="attended", event__ends_at__lt=timezone.now())
    full = Event.objects.filter(registrations__status="waitlisted").distinct().get()
    assert full.registrations.filter(status="confirmed").count() == full.capacity
    assert NewsItem.objects.filter(published_at__lte=timezone.now()).count() >= 3
    assert JobAlert.objects.count() >= 3

    # A second seed adds nothing and overwrites nothing.
    Organization.objects.filter(slug="vib").update(city="Zwijnaarde")
    Organization.objects.filter(slug="leie-biologics").update(description="Edited by hand.")
    edited = live.first()
    Vacancy.objects.filter(pk=edited.pk).update(title="Edited title")
    counts = (
        User.objects.count(),
        Organization.objects.count(),
        Membership.objects.count(),
        Vacancy.objects.count(),
        Application.objects.count(),
        Registration.objects.count(),
    )
    call_command("seed", demo=True, verbosity=0)
    assert counts == (
        User.objects.count(),
        Organization.objects.count(),
        Membership.objects.count(),
        Vacancy.objects.count(),
        Application.objects.count(),
        Registration.objects.count(),
    )
    assert Organization.objects.get(slug="vib").city == "Zwijnaarde"
    assert Organization.objects.get(slug="leie-biologics").description == "Edited by hand."
    assert Vacancy.objects.get(pk=edited.pk).title == "Edited title"


def _records(name: str) -> list[dict]:
    records = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    return [record for record in records if record["model"] == "organizations.organization"]


def test_a_deleted_fixture_record_comes_back_but_edits_stay():
    call_command("seed", verbosity=0)
    Organization.objects.filter(slug="imec").update(city="Heverlee")
    Organization.objects.filter(slug="vito").delete()
    call_command("seed", verbosity=0)
    assert Organization.objects.get(slug="imec").city == "Heverlee"
    assert Organization.objects.filter(slug="vito").exists()


def test_seed_if_empty_never_overwrites_edits():
    call_command("seed", verbosity=0)
    Organization.objects.filter(slug="vib").update(city="Zwijnaarde")
    call_command("seed", if_empty=True, verbosity=0)
    assert Organization.objects.get(slug="vib").city == "Zwijnaarde"


def test_seed_prints_progress_and_a_summary(capsys):
    call_command("seed")
    out = capsys.readouterr().out
    assert "[1/" in out and "ecosystem.json" in out
    assert "ecosystem.json" in out and "Added" in out


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
