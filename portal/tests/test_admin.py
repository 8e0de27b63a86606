"""The admin as a whole: every model's changelist, and the actions every changelist has."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.accounts.tests.factories import UserFactory
from apps.core.models import AuditEntry
from apps.organizations.tests.factories import (
    MembershipFactory,
    MembershipRequestFactory,
    OrganizationFactory,
    VerificationRequestFactory,
)
from apps.staff.models import Report

pytestmark = pytest.mark.django_db


def admin_changelists() -> list[str]:
    """Every model registered in the admin: none may be forgotten."""
    from django.contrib import admin

    return sorted(f"{m._meta.app_label}/{m._meta.model_name}" for m in admin.site._registry)


def test_every_admin_changelist_loads_with_bounded_queries(client):
    from apps.events.tests.factories import EventFactory, RegistrationFactory
    from apps.invitations.tests.factories import InvitationToApplyFactory
    from apps.jobfair.tests.factories import MeetingFactory
    from apps.vacancies.tests.factories import ApplicationFactory, cv_for

    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    def counts() -> dict[str, int]:
        found = {}
        for path in admin_changelists():
            with CaptureQueriesContext(connection) as queries:
                response = client.get(f"/admin/{path}/")
            assert response.status_code == 200, path
            found[path] = len(queries)
        return found

    def grow(n: int) -> None:
        for _ in range(n):
            membership = MembershipFactory()
            MembershipRequestFactory(organization=membership.organization)
            VerificationRequestFactory(organization=membership.organization)
            application = ApplicationFactory()
            RegistrationFactory(event=EventFactory(organizer=membership.organization))
            meeting = MeetingFactory()
            meeting.cv = cv_for(meeting.attendee)
            meeting.save()
            InvitationToApplyFactory(vacancy=application.vacancy)
            AuditEntry.objects.create(
                actor=membership.user,
                actor_email="a@b.c",
                action="x",
                target_type="t",
                target_id="1",
                target_label="l",
            )
            Report.objects.create(
                reporter=membership.user,
                target_type="vacancy",
                target_key=application.vacancy.slug,
                target_label="l",
                target_url="/",
                reason="spam",
            )

    grow(5)
    few = counts()
    grow(60)
    many = counts()
    assert len(many) >= 30
    for path in admin_changelists():
        assert many[path] <= few[path] + 2, (path, few[path], many[path])


def test_any_changelist_exports_the_selected_rows_as_csv(client):
    import csv
    import io

    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    organization = OrganizationFactory(name="=HYPERLINK(evil)", city="Ghent")
    response = client.post(
        "/admin/organizations/organization/",
        {"action": "export_as_csv", "_selected_action": [organization.pk]},
    )
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][0].lower() == "name"
    assert rows[1][0] == "'=HYPERLINK(evil)" and "Ghent" in rows[1]


def test_the_admin_groups_models_once_names_alert_matches_and_writes_european_dates(client):
    from apps.vacancies.tests.factories import published_vacancy

    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    index = client.get("/admin/").content.decode()
    sections = re.findall(r'<caption>\s*<a [^>]*class="section"[^>]*>([^<]+)</a>', index)
    assert len(sections) == len(set(sections)), sections
    assert "Users" in sections and sections.count("Accounts") == 1
    assert "Job alert matches" in index
    vacancy = published_vacancy(title="Dated")
    page = client.get("/admin/vacancies/vacancy/").content.decode()
    day = timezone.localtime(vacancy.published_at)
    assert f"{day.day} {day:%B} {day.year}, {day:%H:%M}" in page
