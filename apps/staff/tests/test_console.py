import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from rest_framework.test import APIClient

from apps.accounts.models import User
from apps.accounts.tests.factories import UserFactory
from apps.core.models import AuditEntry
from apps.organizations.models import Organization
from apps.organizations.tests.factories import (
    MembershipFactory,
    MembershipRequestFactory,
    OrganizationFactory,
    VerificationRequestFactory,
)
from apps.staff.models import Report
from apps.talent.tests.factories import CVFactory
from apps.vacancies.models import Vacancy
from apps.vacancies.tests.factories import VacancyFactory, published_vacancy

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    user = UserFactory(is_staff=True)
    client.force_login(user)
    return user


def moderator() -> User:
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


class TestConsole:
    def test_lists_what_waits(self, client, staff):
        pending = VacancyFactory(pending=True, title="Lab technician")
        verification = VerificationRequestFactory(organization__name="Kempen Agrotech")
        claim = MembershipRequestFactory(organization__name="Ownerless NV")
        owned = MembershipFactory(role="owner")
        MembershipRequestFactory(organization=owned.organization, user__email="not-a-claim@x.org")
        Report.objects.create(
            reporter=UserFactory(),
            target_type="organization",
            target_key="x",
            target_label="Shady Ltd",
            target_url="/",
            reason="spam",
        )
        html = client.get(reverse("staff:console")).content.decode()
        assert "Lab technician" in html and "Kempen Agrotech" in html
        assert "Ownerless NV" in html and "not-a-claim@x.org" not in html
        assert "Shady Ltd" in html
        assert pending and verification and claim

    def test_is_for_staff_only(self, client):
        assert client.get(reverse("staff:console")).status_code == 302
        client.force_login(UserFactory())
        assert client.get(reverse("staff:console")).status_code == 403

    def test_approve_a_vacancy_and_verify_an_organization_in_one_click(self, client, staff):
        pending = VacancyFactory(pending=True)
        verification = VerificationRequestFactory()
        response = client.post(
            reverse("vacancies:approve", kwargs={"slug": pending.slug}),
            {"next": reverse("staff:console")},
        )
        assert response.status_code == 302 and response.url == reverse("staff:console")
        assert Vacancy.objects.get(pk=pending.pk).status == "published"
        slug = verification.organization.slug
        response = client.post(
            reverse("organizations:verification_approve", kwargs={"slug": slug}),
            {"next": reverse("staff:console")},
        )
        assert response.url == reverse("staff:console")
        assert Organization.objects.get(slug=slug).verified
        actions = set(AuditEntry.objects.values_list("action", flat=True))
        assert {"vacancy.approve", "organization.verify"} <= actions

    def test_reject_and_decline_need_a_reason_the_user_sees(self, client, staff):
        pending = VacancyFactory(pending=True)
        assert (
            client.post(
                reverse("vacancies:reject", kwargs={"slug": pending.slug}), {"reason": ""}
            ).status_code
            == 400
        )
        client.post(
            reverse("vacancies:reject", kwargs={"slug": pending.slug}),
            {"reason": "Add a salary range."},
        )
        pending.refresh_from_db()
        assert pending.status == "rejected" and pending.reviewer_note == "Add a salary range."
        entry = AuditEntry.objects.get(action="vacancy.reject")
        assert entry.note == "Add a salary range." and entry.actor == staff

    def test_resolve_a_report(self, client, staff):
        report = Report.objects.create(
            reporter=UserFactory(),
            target_type="vacancy",
            target_key="x",
            target_label="X",
            target_url="/",
            reason="spam",
        )
        response = client.post(
            reverse("staff:report_resolve", kwargs={"report_id": report.pk}),
            {"action": "dismiss", "note": "ok"},
        )
        assert response.status_code == 302
        report.refresh_from_db()
        assert report.status == "dismissed" and report.resolved_by == staff
        assert (
            client.post(
                reverse("staff:report_resolve", kwargs={"report_id": report.pk}),
                {"action": "resolve"},
            ).status_code
            == 409
        )
        assert AuditEntry.objects.filter(action="report.dismiss").exists()


class TestReports:
    def test_report_a_vacancy_and_an_organization(self, client):
        vacancy = published_vacancy()
        organization = OrganizationFactory()
        client.force_login(UserFactory())
        response = client.post(
            reverse(
                "staff:report_create", kwargs={"target_type": "vacancy", "target_key": vacancy.slug}
            ),
            {"reason": "scam", "message": "Asks for money"},
        )
        assert response.status_code == 302
        api = APIClient()
        api.force_authenticate(UserFactory())
        response = api.post(
            "/api/v1/reports/",
            {"target_type": "organization", "target": organization.slug, "reason": "inaccurate"},
        )
        assert response.status_code == 201
        assert Report.objects.count() == 2

    @pytest.mark.parametrize(
        ("payload", "status"),
        [
            ({"target_type": "vacancy", "target": "does-not-exist", "reason": "spam"}, 404),
            ({"target_type": "planet", "target": "x", "reason": "spam"}, 400),
            ({"target_type": "organization", "target": "x", "reason": "boredom"}, 400),
        ],
    )
    def test_bad_reports_are_refused(self, payload, status):
        OrganizationFactory(slug="x")
        api = APIClient()
        api.force_authenticate(UserFactory())
        assert api.post("/api/v1/reports/", payload).status_code == status
        assert not Report.objects.exists()

    def test_an_unpublished_vacancy_cannot_be_reported(self):
        draft = VacancyFactory()
        api = APIClient()
        api.force_authenticate(UserFactory())
        payload = {"target_type": "vacancy", "target": draft.slug, "reason": "spam"}
        assert api.post("/api/v1/reports/", payload).status_code == 404

    def test_a_report_flood_is_rate_limited(self):
        OrganizationFactory(slug="x")
        api = APIClient()
        api.force_authenticate(UserFactory())
        payload = {"target_type": "organization", "target": "x", "reason": "spam"}
        codes = [api.post("/api/v1/reports/", payload).status_code for _ in range(7)]
        assert codes == [201] * 5 + [429, 429]
        assert Report.objects.count() == 5

    def test_anonymous_cannot_report_and_only_staff_list(self, client):
        OrganizationFactory(slug="x")
        assert APIClient().post("/api/v1/reports/", {}).status_code == 401
        api = APIClient()
        api.force_authenticate(UserFactory())
        assert api.get("/api/v1/reports/").status_code == 403
        api.force_authenticate(UserFactory(is_staff=True))
        assert api.get("/api/v1/reports/").status_code == 200


class TestModerators:
    def test_moderators_moderate_but_cannot_delete_users_or_open_cvs(self, client):
        user = moderator()
        victim = UserFactory()
        cv = CVFactory()
        client.force_login(user)
        assert client.get("/admin/vacancies/vacancy/").status_code == 200
        assert client.get("/admin/organizations/verificationrequest/").status_code == 200
        assert client.get(f"/admin/accounts/user/{victim.pk}/delete/").status_code == 403
        response = client.post(f"/admin/accounts/user/{victim.pk}/delete/", {"post": "yes"})
        assert response.status_code == 403
        assert User.objects.filter(pk=victim.pk).exists()
        assert client.get("/admin/talent/cv/").status_code == 403
        assert client.get(f"/admin/talent/cv/{cv.pk}/change/").status_code == 403
        assert client.get(f"/api/v1/cvs/{cv.pk}/download/").status_code == 404
        pending = VacancyFactory(pending=True)
        client.post(reverse("vacancies:approve", kwargs={"slug": pending.slug}))
        assert Vacancy.objects.get(pk=pending.pk).status == "published"


def test_a_news_item_can_be_reported_from_its_page(client):
    from apps.content.tests.factories import NewsItemFactory

    item = NewsItemFactory()
    client.force_login(UserFactory())
    page = client.get(item.get_absolute_url()).content.decode()
    assert (
        reverse("staff:report_create", kwargs={"target_type": "news", "target_key": item.slug})
        in page
    )
    response = client.post(
        reverse("staff:report_create", kwargs={"target_type": "news", "target_key": item.slug}),
        {"reason": "inaccurate"},
    )
    assert response.status_code == 302
    assert Report.objects.get().target_label == str(item)


def test_erasing_a_staff_account_keeps_the_decisions_but_not_the_person(client):
    from apps.accounts.services import account_erase

    staff_member = UserFactory(is_staff=True, email="moderator@example.org")
    pending = VacancyFactory(pending=True)
    from apps.vacancies.services import vacancy_approve

    vacancy_approve(actor=staff_member, vacancy=pending)
    account_erase(user=staff_member)
    entry = AuditEntry.objects.get(action="vacancy.approve")
    assert entry.actor is None and "moderator@example.org" not in entry.actor_email
