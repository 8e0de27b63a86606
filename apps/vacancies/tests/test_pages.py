import json
import re
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.accounts.tests.factories import UserFactory
from apps.organizations.tests.factories import MembershipFactory, OrganizationFactory
from apps.vacancies.models import (
    Application,
    Vacancy,
    VacancyStatus,
    VacancyStatusChange,
)
from apps.vacancies.tests.factories import (
    ApplicationFactory,
    VacancyFactory,
    cv_for,
    job_board,
    published_vacancy,
)

pytestmark = pytest.mark.django_db

FORM = {
    "title": "Research associate antibody discovery",
    "description": "<p>Phage display and <strong>ELISA</strong>.</p>",
    "city": "Ghent",
    "workplace": "hybrid",
    "contract": "permanent",
    "experience": "junior",
    "discipline": "immunology",
    "sectors": ["health"],
    "salary_min": "40000",
    "salary_max": "52000",
    "apply_url": "",
    "application_email": "",
}


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def counts(facet: list[dict]) -> dict[str, int]:
    return {item["value"]: item["count"] for item in facet}


def json_ld(html: str) -> dict:
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(found) == 1, html
    return json.loads(found[0])


@pytest.fixture
def acme():
    return OrganizationFactory(name="Acme Biologics", slug="acme", verified=True)


@pytest.fixture
def recruiter(acme):
    return MembershipFactory(organization=acme, role="recruiter").user


@pytest.fixture
def staff():
    return UserFactory(is_staff=True)


# --- The whole lifecycle on the pages --------------------------------------------------


def test_the_whole_lifecycle_through_the_pages(acme, recruiter, staff):
    poster, moderator = signed_in(recruiter), signed_in(staff)
    seeker, quitter = UserFactory(), UserFactory()
    cv = cv_for(seeker)
    cv_for(quitter)

    response = poster.post("/jobs/new/", {**FORM, "organization": acme.pk, "draft": "1"})
    vacancy = Vacancy.objects.get()
    assert response["Location"] == vacancy.get_absolute_url()
    assert vacancy.status == VacancyStatus.DRAFT
    assert "Research associate" not in Client().get("/jobs/").content.decode()
    assert poster.post(f"/jobs/{vacancy.slug}/submit/").status_code == 302

    queue = moderator.get("/jobs/moderation/").content.decode()
    assert vacancy.title in queue and f"/jobs/{vacancy.slug}/approve/" in queue
    moderator.post(f"/jobs/{vacancy.slug}/approve/", {"next": "/jobs/moderation/"})
    assert "Nothing to review." in moderator.get("/jobs/moderation/").content.decode()
    assert vacancy.title in Client().get("/jobs/").content.decode()

    for person, choice in ((seeker, cv), (quitter, quitter.talent_profile.cvs.get())):
        applied = signed_in(person).post(
            f"/jobs/{vacancy.slug}/apply/", {"cv": str(choice.pk), "cover_letter": "Hi"}
        )
        assert applied.status_code == 302
    applications = poster.get(f"/jobs/{vacancy.slug}/applications/").content.decode()
    assert seeker.email in applications and quitter.email in applications
    hired = Application.objects.get(applicant=seeker)
    for status in ("in_review", "shortlisted", "hired"):
        poster.post(f"/jobs/applications/{hired.pk}/status/", {"status": status})
    assert "Hired" in signed_in(seeker).get("/dashboard/").content.decode()
    withdrawn = Application.objects.get(applicant=quitter)
    signed_in(quitter).post(f"/jobs/applications/{withdrawn.pk}/withdraw/")
    assert Application.objects.get(pk=withdrawn.pk).status == "withdrawn"

    assert poster.post(f"/jobs/{vacancy.slug}/close/").status_code == 302
    assert vacancy.title not in Client().get("/jobs/").content.decode()
    assert [(c.from_status, c.to_status, c.actor) for c in vacancy.status_changes.all()] == [
        ("", "draft", recruiter),
        ("draft", "pending_review", recruiter),
        ("pending_review", "published", staff),
        ("published", "closed", recruiter),
    ]


# --- The list -----------------------------------------------------------------------------


class TestList:
    def test_lists_live_vacancies_with_every_facet(self, client):
        job_board()
        response = client.get("/jobs/")
        assert response.status_code == 200
        html = response.content.decode()
        assert "4 vacancies" in html
        for title in ("Bioinformatician", "Process engineer", "PhD student", "Data steward"):
            assert title in html
        for hidden in ("Draft", "Pending", "Closed", "Old"):
            assert f"{hidden} bioinformatician" not in html
        facets = response.context["facets"]
        assert counts(facets["sector"]) == {"health": 2, "digital": 2, "agrifood": 2}
        assert counts(facets["contract"]) == {
            "permanent": 1,
            "fixed_term": 1,
            "phd": 1,
            "freelance": 1,
        }
        assert counts(facets["experience"]) == {
            "senior": 1,
            "medior": 1,
            "student": 1,
            "junior": 1,
        }
        assert counts(facets["workplace"]) == {"onsite": 2, "hybrid": 1, "remote": 1}
        assert counts(facets["city"]) == {"Ghent": 3, "Beerse": 1}
        assert counts(facets["organization"]) == {"vib": 2, "janssen": 1, "basf": 1}
        labels = {item["value"]: item["label"] for item in facets["organization"]}
        assert labels["janssen"] == "Janssen Pharmaceutica"
        assert {item["value"]: item["label"] for item in facets["contract"]}["phd"] == (
            "PhD position"
        )
        assert {item["value"]: item["label"] for item in facets["sector"]}["digital"] == (
            "Digital health"
        )
        assert "Janssen Pharmaceutica" in html and "?sector=agrifood" in html

    def test_facets_count_within_the_other_filters(self, client):
        job_board()
        response = client.get("/jobs/?sector=agrifood")
        assert response.context["page"].paginator.count == 2
        facets = response.context["facets"]
        assert counts(facets["contract"]) == {"phd": 1, "freelance": 1}
        assert counts(facets["organization"]) == {"vib": 1, "basf": 1}
        assert counts(facets["city"]) == {"Ghent": 2}
        # The sector facet ignores its own filter, so the visitor can switch.
        assert counts(facets["sector"]) == {"health": 2, "digital": 2, "agrifood": 2}
        assert next(i for i in facets["sector"] if i["value"] == "agrifood")["selected"]

    def test_facets_follow_the_search(self, client):
        job_board()
        response = client.get("/jobs/?q=bioinformatician")
        assert [v.slug for v in response.context["page"].object_list] == ["bioinformatician"]
        facets = response.context["facets"]
        assert counts(facets["organization"]) == {"vib": 1}
        assert counts(facets["sector"]) == {"health": 1, "digital": 1}

    def test_ordering_and_search_on_the_page(self, client):
        job_board()
        newest = [v.slug for v in client.get("/jobs/?ordering=newest").context["page"]]
        assert newest == [
            "phd-plant-genomics",
            "process-engineer",
            "bioinformatician",
            "data-steward",
        ]
        found = client.get("/jobs/?q=vaccines").context["page"].object_list
        assert [v.slug for v in found] == ["process-engineer"]

    @pytest.mark.parametrize(
        "query",
        ["sector=space", "contract=forever", "organization=nope", "ordering=random"],
    )
    def test_an_unknown_filter_is_a_400_page_that_names_it(self, client, query):
        job_board()
        response = client.get(f"/jobs/?{query}")
        assert response.status_code == 400
        html = response.content.decode()
        assert f"<strong>{query.split('=')[0]}</strong>" in html
        assert "These filters are not valid" in html

    def test_empty_state_and_pagination(self, client):
        assert "No vacancy matches" in client.get("/jobs/").content.decode()
        for _ in range(23):
            published_vacancy()
        first = client.get("/jobs/")
        assert len(first.context["page"].object_list) == 20
        assert len(client.get("/jobs/?page=2").context["page"].object_list) == 3

    def test_the_page_query_count_with_facets_is_constant(self, client):
        def count(query="") -> int:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(f"/jobs/{query}").status_code == 200
            return len(queries)

        for _ in range(3):
            published_vacancy(
                organization=OrganizationFactory(verified=True), sectors=["health", "digital"]
            )
        few, few_filtered = count(), count("?q=scientist&sector=health")
        for _ in range(20):
            published_vacancy(
                organization=OrganizationFactory(verified=True), sectors=["health", "digital"]
            )
        assert count() == few
        assert count("?q=scientist&sector=health") == few_filtered


# --- The detail page ----------------------------------------------------------------------


class TestDetail:
    def test_json_ld_org_card_and_apply_form(self, acme):
        acme.website = "https://acme.example"
        acme.description = "Antibodies from the Scheldt valley."
        acme.save()
        vacancy = published_vacancy(
            organization=acme, title="Protein chemist", salary_min=45000, salary_max=60000
        )
        seeker = UserFactory()
        cv_for(seeker, original_name="Mijn CV.pdf")
        response = signed_in(seeker).get(vacancy.get_absolute_url())
        assert response.status_code == 200
        html = response.content.decode()
        data = json_ld(html)
        assert data["@type"] == "JobPosting" and data["title"] == "Protein chemist"
        assert data["hiringOrganization"]["name"] == "Acme Biologics"
        assert data["hiringOrganization"]["sameAs"] == "https://acme.example"
        assert data["jobLocation"]["address"]["addressLocality"] == "Ghent"
        assert data["employmentType"] == "FULL_TIME"
        assert data["baseSalary"]["value"]["minValue"] == 45000
        assert data["datePosted"] and data["validThrough"]
        assert data["url"].endswith(vacancy.get_absolute_url())
        # The organization card.
        assert 'class="card org-card"' in html
        assert "Antibodies from the Scheldt valley." in html and acme.get_absolute_url() in html
        # The apply form, with the seeker's CV offered.
        assert f'action="/jobs/{vacancy.slug}/apply/"' in html
        assert "Mijn CV.pdf" in html and 'name="cover_letter"' in html

    def test_a_closing_script_tag_in_the_title_stays_inside_the_json(self):
        title = "Chemist </script><script>alert(1)</script> <!--<script>"
        vacancy = published_vacancy(title=title)
        html = Client().get(vacancy.get_absolute_url()).content.decode()
        block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        assert "<script>alert(1)" not in block.group(1)
        assert "</script>" not in block.group(1)
        assert "<!--" not in block.group(1)
        assert json.loads(block.group(1))["title"] == title
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html

    def test_an_anonymous_visitor_is_asked_to_sign_in(self, client):
        vacancy = published_vacancy()
        html = client.get(vacancy.get_absolute_url()).content.decode()
        assert "Sign in to apply." in html and "/apply/" not in html

    def test_an_external_vacancy_links_out(self, client):
        vacancy = published_vacancy(apply_url="https://jobs.example/42")
        seeker = UserFactory()
        html = signed_in(seeker).get(vacancy.get_absolute_url()).content.decode()
        assert 'href="https://jobs.example/42"' in html and "/apply/" not in html

    def test_only_members_and_staff_see_a_vacancy_that_is_not_live(self, acme, recruiter, staff):
        vacancy = VacancyFactory(organization=acme, pending=True)
        assert Client().get(vacancy.get_absolute_url()).status_code == 404
        assert signed_in(UserFactory()).get(vacancy.get_absolute_url()).status_code == 404
        for user in (recruiter, staff):
            response = signed_in(user).get(vacancy.get_absolute_url())
            assert response.status_code == 200
            assert "application/ld+json" not in response.content.decode()

    def test_the_description_is_shown_sanitised(self, acme, recruiter):
        client = signed_in(recruiter)
        description = (
            "<p>Work in <strong>our lab</strong>.</p><script>alert(1)</script>"
            '<img src=x onerror="alert(2)"><a href="javascript:alert(3)">more</a>'
            '<a href="https://acme.example/">site</a>'
        )
        response = client.post(
            "/jobs/new/",
            {**FORM, "organization": acme.pk, "description": description, "draft": "1"},
        )
        assert response.status_code == 302
        vacancy = Vacancy.objects.get()
        for bad in ("<script", "onerror", "javascript:", "alert("):
            assert bad not in vacancy.description
        assert "<strong>our lab</strong>" in vacancy.description
        html = client.get(vacancy.get_absolute_url()).content.decode()
        assert "<strong>our lab</strong>" in html
        for bad in ("<script>alert", "onerror=", "javascript:alert"):
            assert bad not in html
        assert 'href="https://acme.example/"' in html


# --- Posting and editing ------------------------------------------------------------------


class TestCreateAndEdit:
    def test_the_form_offers_draft_and_submit(self, recruiter):
        response = signed_in(recruiter).get("/jobs/new/")
        assert response.status_code == 200
        html = response.content.decode()
        assert 'name="submit"' in html and 'name="draft"' in html
        assert "Save as draft" in html and "Submit for review" in html

    @pytest.mark.parametrize(("button", "status"), [("draft", "draft"), ("submit", "pending")])
    def test_save_as_draft_or_submit(self, acme, recruiter, button, status):
        response = signed_in(recruiter).post(
            "/jobs/new/", {**FORM, "organization": acme.pk, button: "1"}
        )
        vacancy = Vacancy.objects.get()
        assert response.status_code == 302 and response["Location"] == vacancy.get_absolute_url()
        assert vacancy.status == {"draft": "draft", "pending": "pending_review"}[status]
        assert vacancy.created_by == recruiter
        assert list(vacancy.sectors.values_list("slug", flat=True)) == ["health"]

    def test_preview_then_submit_a_draft(self, acme, recruiter):
        client = signed_in(recruiter)
        client.post("/jobs/new/", {**FORM, "organization": acme.pk, "draft": "1"})
        vacancy = Vacancy.objects.get()
        preview = client.get(vacancy.get_absolute_url()).content.decode()
        assert "Phage display" in preview and f"/jobs/{vacancy.slug}/submit/" in preview
        assert client.post(f"/jobs/{vacancy.slug}/submit/").status_code == 302
        assert Vacancy.objects.get().status == VacancyStatus.PENDING_REVIEW

    def test_a_member_of_an_unverified_organization_gets_a_403_saying_why(self):
        membership = MembershipFactory(organization__verified=False)
        client = signed_in(membership.user)
        for response in (client.get("/jobs/new/"), client.post("/jobs/new/", FORM)):
            assert response.status_code == 403
            html = response.content.decode()
            assert "Only members of verified organizations post vacancies" in html
            assert "ask staff to verify it" in html
        assert not Vacancy.objects.exists()

    def test_anonymous_visitors_are_sent_to_sign_in(self, client):
        response = client.get("/jobs/new/")
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]

    def test_one_cannot_post_for_an_organization_one_is_not_in(self, acme, recruiter):
        other = OrganizationFactory(verified=True)
        response = signed_in(recruiter).post(
            "/jobs/new/", {**FORM, "organization": other.pk, "submit": "1"}
        )
        assert response.status_code == 400
        assert not Vacancy.objects.exists()

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"salary_min": "60000", "salary_max": "50000"}, "salary_min"),
            ({"apply_url": "ftp://jobs.example/1"}, "apply_url"),
            ({"apply_url": "javascript:alert(1)"}, "apply_url"),
            ({"description": "<script>alert(1)</script>"}, "description"),
            ({"workplace": "moon"}, "workplace"),
        ],
    )
    def test_bad_input_shows_the_error_next_to_the_field(self, acme, recruiter, changes, field):
        response = signed_in(recruiter).post(
            "/jobs/new/", {**FORM, "organization": acme.pk, "submit": "1", **changes}
        )
        assert response.status_code == 400
        assert f'id="id_{field}_error"' in response.content.decode()
        assert not Vacancy.objects.exists()

    def test_editing_a_rejected_vacancy_sends_it_back_to_review(self, acme, recruiter, staff):
        vacancy = VacancyFactory(organization=acme, status=VacancyStatus.REJECTED)
        vacancy.reviewer_note = "Add a salary range."
        vacancy.save()
        client = signed_in(recruiter)
        page = client.get(f"/jobs/{vacancy.slug}/edit/")
        assert page.status_code == 200
        assert "Saving sends it back to staff for review." in page.content.decode()
        response = client.post(
            f"/jobs/{vacancy.slug}/edit/", {**FORM, "title": "Revised title", "salary_min": "1"}
        )
        assert response.status_code == 302
        vacancy.refresh_from_db()
        assert vacancy.status == VacancyStatus.PENDING_REVIEW
        assert vacancy.title == "Revised title" and vacancy.salary_min == 1
        change = VacancyStatusChange.objects.get(vacancy=vacancy)
        assert (change.from_status, change.to_status, change.actor) == (
            "rejected",
            "pending_review",
            recruiter,
        )

    def test_a_published_vacancy_cannot_be_edited_on_the_page(self, acme, recruiter):
        vacancy = published_vacancy(organization=acme)
        client = signed_in(recruiter)
        assert client.get(f"/jobs/{vacancy.slug}/edit/").status_code == 400
        response = client.post(f"/jobs/{vacancy.slug}/edit/", {**FORM, "title": "Sneaky"})
        assert response.status_code == 400
        assert Vacancy.objects.get(pk=vacancy.pk).title != "Sneaky"

    def test_others_cannot_edit(self, acme):
        vacancy = published_vacancy(organization=acme)
        outsider = signed_in(MembershipFactory(organization__verified=True).user)
        assert outsider.get(f"/jobs/{vacancy.slug}/edit/").status_code == 403
        assert outsider.post(f"/jobs/{vacancy.slug}/close/").status_code == 403
        assert Vacancy.objects.get(pk=vacancy.pk).status == VacancyStatus.PUBLISHED

    def test_close_and_extend_on_the_page(self, acme, recruiter):
        vacancy = published_vacancy(organization=acme)
        Vacancy.objects.filter(pk=vacancy.pk).update(expires_at=timezone.now() + timedelta(days=1))
        client = signed_in(recruiter)
        html = client.get(vacancy.get_absolute_url()).content.decode()
        assert f"/jobs/{vacancy.slug}/extend/" in html and f"/jobs/{vacancy.slug}/close/" in html
        assert client.post(f"/jobs/{vacancy.slug}/extend/").status_code == 302
        assert Vacancy.objects.get(pk=vacancy.pk).expires_at > timezone.now() + timedelta(days=59)
        assert client.post(f"/jobs/{vacancy.slug}/close/").status_code == 302
        assert Vacancy.objects.get(pk=vacancy.pk).status == VacancyStatus.CLOSED
        assert client.post(f"/jobs/{vacancy.slug}/close/").status_code == 409


# --- Moderation ---------------------------------------------------------------------------


class TestModeration:
    def test_the_queue_is_for_staff_only_and_oldest_first(self, acme, recruiter, staff):
        now = timezone.now()
        VacancyFactory(title="Newer", pending=True, submitted_at=now)
        VacancyFactory(title="Older", pending=True, submitted_at=now - timedelta(days=3))
        VacancyFactory(title="Just a draft")
        assert Client().get("/jobs/moderation/").status_code == 302
        assert signed_in(recruiter).get("/jobs/moderation/").status_code == 403
        response = signed_in(staff).get("/jobs/moderation/")
        assert response.status_code == 200
        assert [v.title for v in response.context["page"].object_list] == ["Older", "Newer"]
        html = response.content.decode()
        assert html.index("Older") < html.index("Newer") and "Just a draft" not in html

    def test_approve_from_the_queue(self, acme, staff):
        vacancy = VacancyFactory(organization=acme, pending=True)
        response = signed_in(staff).post(
            f"/jobs/{vacancy.slug}/approve/", {"next": "/jobs/moderation/"}
        )
        assert response.status_code == 302 and response["Location"] == "/jobs/moderation/"
        vacancy.refresh_from_db()
        assert vacancy.status == VacancyStatus.PUBLISHED and vacancy.expires_at
        assert Client().get(vacancy.get_absolute_url()).status_code == 200

    def test_reject_with_a_reason_that_the_poster_sees(self, acme, recruiter, staff):
        vacancy = VacancyFactory(organization=acme, pending=True)
        moderator = signed_in(staff)
        refused = moderator.post(f"/jobs/{vacancy.slug}/reject/", {"reason": ""})
        assert refused.status_code == 400
        assert Vacancy.objects.get(pk=vacancy.pk).status == VacancyStatus.PENDING_REVIEW
        response = moderator.post(
            f"/jobs/{vacancy.slug}/reject/",
            {"reason": "Name the salary range.", "next": "/jobs/moderation/"},
        )
        assert response.status_code == 302
        vacancy.refresh_from_db()
        assert vacancy.status == VacancyStatus.REJECTED
        poster = signed_in(recruiter)
        assert "Name the salary range." in poster.get(vacancy.get_absolute_url()).content.decode()
        assert "Name the salary range." in poster.get("/dashboard/").content.decode()

    def test_members_cannot_moderate(self, acme, recruiter):
        vacancy = VacancyFactory(organization=acme, pending=True)
        client = signed_in(recruiter)
        assert client.post(f"/jobs/{vacancy.slug}/approve/").status_code == 403
        assert client.post(f"/jobs/{vacancy.slug}/reject/", {"reason": "x"}).status_code == 403
        assert Vacancy.objects.get(pk=vacancy.pk).status == VacancyStatus.PENDING_REVIEW

    def test_an_unsafe_next_is_ignored(self, acme, staff):
        vacancy = VacancyFactory(organization=acme, pending=True)
        response = signed_in(staff).post(
            f"/jobs/{vacancy.slug}/approve/", {"next": "//evil.example/"}
        )
        assert response["Location"] == vacancy.get_absolute_url()


# --- Applying and applications ------------------------------------------------------------


class TestApplications:
    def test_apply_on_the_page_with_a_cv(self, acme):
        vacancy = published_vacancy(organization=acme)
        seeker = UserFactory()
        cv = cv_for(seeker)
        client = signed_in(seeker)
        response = client.post(
            f"/jobs/{vacancy.slug}/apply/", {"cv": str(cv.pk), "cover_letter": "Dear Acme"}
        )
        assert response.status_code == 302
        application = Application.objects.get()
        assert application.cv == cv and application.cover_letter == "Dear Acme"
        html = client.get(vacancy.get_absolute_url()).content.decode()
        assert "You applied on" in html and "/apply/" not in html
        again = client.post(f"/jobs/{vacancy.slug}/apply/", {"cv": str(cv.pk)})
        assert again.status_code == 409
        assert Application.objects.count() == 1

    def test_apply_with_a_new_upload(self, acme):
        from apps.talent.tests.factories import upload

        vacancy = published_vacancy(organization=acme)
        seeker = UserFactory()
        response = signed_in(seeker).post(
            f"/jobs/{vacancy.slug}/apply/", {"file": upload("Mijn CV.pdf"), "cover_letter": ""}
        )
        assert response.status_code == 302
        assert Application.objects.get().cv.profile.user == seeker

    def test_apply_without_a_cv_shows_the_form_again(self, acme):
        vacancy = published_vacancy(organization=acme)
        response = signed_in(UserFactory()).post(f"/jobs/{vacancy.slug}/apply/", {})
        assert response.status_code == 400
        assert "Choose one of your CVs or upload a new one." in response.content.decode()
        assert not Application.objects.exists()

    def test_members_see_the_applications_and_move_them_on(self, acme, recruiter):
        application = ApplicationFactory(vacancy__organization=acme, cover_letter="Hire me")
        slug = application.vacancy.slug
        client = signed_in(recruiter)
        response = client.get(f"/jobs/{slug}/applications/")
        assert response.status_code == 200
        html = response.content.decode()
        assert application.applicant.email in html and "Hire me" in html
        assert f"/talent/cvs/{application.cv.pk}/download/?organization=acme" in html
        assert application.cv.profile.get_absolute_url() in html
        action_url = f"/jobs/applications/{application.pk}/status/"
        action = f'action="{action_url}"'
        assert html.count(action) == 3  # in review, shortlisted, not selected
        for status in ("in_review", "shortlisted", "hired"):
            moved = client.post(action_url, {"status": status})
            assert moved.status_code == 302 and moved["Location"] == f"/jobs/{slug}/applications/"
            assert Application.objects.get(pk=application.pk).status == status
        assert action not in client.get(f"/jobs/{slug}/applications/").content.decode()
        refused = client.post(action_url, {"status": "rejected"})
        assert refused.status_code == 409
        assert Application.objects.get(pk=application.pk).status == "hired"
        # The applicant sees the change.
        dashboard = signed_in(application.applicant).get("/dashboard/").content.decode()
        assert "Hired" in dashboard and application.vacancy.title in dashboard

    def test_the_cv_download_from_the_page_is_logged(self, acme, recruiter):
        from apps.talent.models import CVAccess

        application = ApplicationFactory(vacancy__organization=acme)
        application.cv.profile.visibility = "private"
        application.cv.profile.save()
        response = signed_in(recruiter).get(
            f"/talent/cvs/{application.cv.pk}/download/?organization=acme"
        )
        assert response.status_code == 200
        access = CVAccess.objects.get()
        assert access.reason == "application" and access.organization == acme

    def test_only_members_see_the_applications(self, acme, staff):
        application = ApplicationFactory(vacancy__organization=acme)
        url = f"/jobs/{application.vacancy.slug}/applications/"
        outsider = signed_in(MembershipFactory(organization__verified=True).user)
        for client in (signed_in(application.applicant), outsider, signed_in(staff)):
            assert client.get(url).status_code == 403
        moved = outsider.post(
            f"/jobs/applications/{application.pk}/status/", {"status": "rejected"}
        )
        assert moved.status_code == 404
        assert Application.objects.get(pk=application.pk).status == "submitted"

    def test_withdraw_from_my_applications(self):
        application = ApplicationFactory()
        client = signed_in(application.applicant)
        html = client.get("/jobs/my-applications/").content.decode()
        assert f'action="/jobs/applications/{application.pk}/withdraw/"' in html
        assert (
            f'action="/jobs/applications/{application.pk}/withdraw/"'
            in client.get("/dashboard/").content.decode()
        )
        response = client.post(f"/jobs/applications/{application.pk}/withdraw/")
        assert response.status_code == 302
        assert response["Location"] == "/jobs/my-applications/"
        assert Application.objects.get().status == "withdrawn"
        html = client.get("/jobs/my-applications/").content.decode()
        assert "Withdrawn" in html and "/withdraw/" not in html
        assert client.post(f"/jobs/applications/{application.pk}/withdraw/").status_code == 409

    def test_nobody_else_withdraws(self):
        application = ApplicationFactory()
        member = MembershipFactory(organization=application.vacancy.organization).user
        url = f"/jobs/applications/{application.pk}/withdraw/"
        assert signed_in(member).post(url).status_code == 403
        assert signed_in(UserFactory()).post(url).status_code == 404
        assert Application.objects.get().status == "submitted"

    def test_the_applications_page_query_count_is_constant(self, acme, recruiter):
        vacancy = published_vacancy(organization=acme)
        client = signed_in(recruiter)

        def count() -> int:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(f"/jobs/{vacancy.slug}/applications/").status_code == 200
            return len(queries)

        for _ in range(2):
            ApplicationFactory(vacancy=vacancy)
        ApplicationFactory(vacancy=vacancy, cv=None)
        few = count()
        for _ in range(12):
            ApplicationFactory(vacancy=vacancy)
        assert count() == few


# --- Organization page, feed --------------------------------------------------------------


def test_the_organization_page_lists_its_open_vacancies(client, acme):
    published_vacancy(organization=acme, title="Open one")
    VacancyFactory(organization=acme, title="A draft")
    published_vacancy(organization=acme, title="Closed one", status="closed")
    past = published_vacancy(organization=acme, title="Past one")
    Vacancy.objects.filter(pk=past.pk).update(expires_at=timezone.now() - timedelta(hours=1))
    published_vacancy(title="Someone else's")
    html = client.get(acme.get_absolute_url()).content.decode()
    assert "Open one" in html
    for hidden in ("A draft", "Closed one", "Past one", "Someone else"):
        assert hidden not in html


def feed_titles(response) -> list[str]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    assert root.tag == "rss"
    return [item.findtext("title") for item in root.iter("item")]


class TestFeed:
    def test_the_newest_live_vacancies_as_rss(self, client):
        job_board()
        titles = feed_titles(client.get("/jobs/feed/"))
        assert titles == [
            "PhD student plant genomics – VIB (Ghent)",
            "Process engineer – Janssen Pharmaceutica (Beerse)",
            "Bioinformatician – VIB (Ghent)",
            "Data steward – BASF (Ghent)",
        ]
        root = ET.fromstring(client.get("/jobs/feed/").content)
        item = root.find("channel/item")
        assert item.findtext("link").endswith("/jobs/phd-plant-genomics/")
        assert item.findtext("description") == "Gene editing of maize."
        assert {c.text for c in item.findall("category")} == {"PhD position", "English", "Agrifood"}

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("sector=agrifood", {"PhD student plant genomics", "Data steward"}),
            ("organization=vib&contract=phd", {"PhD student plant genomics"}),
            ("workplace=remote", {"Data steward"}),
            ("q=vaccines", {"Process engineer"}),
            ("city=beerse", {"Process engineer"}),
        ],
    )
    def test_the_feed_honours_the_filters(self, client, query, expected):
        job_board()
        titles = feed_titles(client.get(f"/jobs/feed/?{query}"))
        assert {title.split(" – ")[0] for title in titles} == expected

    def test_a_bad_filter_is_a_400(self, client):
        response = client.get("/jobs/feed/?contract=forever&sector=space")
        assert response.status_code == 400
        body = response.content.decode()
        assert "contract" in body and "sector" in body

    def test_the_feed_keeps_no_request_state_on_its_shared_instance(self, client):
        from django.urls import resolve

        job_board()
        feed = resolve("/jobs/feed/").func
        assert len(feed_titles(client.get("/jobs/feed/?sector=agrifood"))) == 2
        assert not {name for name in vars(feed) if "item" in name}
        assert len(feed_titles(client.get("/jobs/feed/"))) == 4

    def test_the_list_links_the_feed_of_its_search(self, client):
        html = client.get("/jobs/?sector=health").content.decode()
        assert 'href="/jobs/feed/?sector=health"' in html


# --- Admin --------------------------------------------------------------------------------


class TestAdmin:
    @pytest.fixture
    def admin(self):
        return signed_in(UserFactory(is_staff=True, is_superuser=True))

    def test_changelists_search_and_filters_load(self, admin):
        application = ApplicationFactory()
        VacancyFactory(pending=True)
        for url in [
            "/admin/vacancies/vacancy/",
            "/admin/vacancies/vacancy/?q=scientist",
            "/admin/vacancies/vacancy/?status__exact=pending_review",
            "/admin/vacancies/vacancy/?sectors__slug__exact=health",
            f"/admin/vacancies/vacancy/{application.vacancy.pk}/change/",
            "/admin/vacancies/application/",
            f"/admin/vacancies/application/?q={application.applicant.email}",
            "/admin/vacancies/application/?status__exact=submitted",
            f"/admin/vacancies/application/{application.pk}/change/",
        ]:
            response = admin.get(url)
            assert response.status_code == 200, url
        html = admin.get(f"/admin/vacancies/application/{application.pk}/change/").content.decode()
        assert "/download/" not in html

    def test_the_approve_action_publishes_pending_vacancies_only(self, admin):
        pending = VacancyFactory(pending=True)
        draft = VacancyFactory()
        response = admin.post(
            "/admin/vacancies/vacancy/",
            {"action": "approve", "_selected_action": [pending.pk, draft.pk]},
        )
        assert response.status_code == 302
        pending.refresh_from_db()
        assert pending.status == VacancyStatus.PUBLISHED and pending.expires_at
        assert Vacancy.objects.get(pk=draft.pk).status == VacancyStatus.DRAFT
        change = VacancyStatusChange.objects.get()
        assert change.to_status == "published" and change.actor.is_superuser

    def test_the_reject_action_gives_a_reason(self, admin):
        pending = VacancyFactory(pending=True)
        admin.post(
            "/admin/vacancies/vacancy/",
            {"action": "reject", "_selected_action": [pending.pk]},
        )
        pending.refresh_from_db()
        assert pending.status == VacancyStatus.REJECTED and pending.reviewer_note

    def test_a_description_edited_in_the_admin_is_sanitised(self, admin):
        vacancy = published_vacancy(title="Admin edited")
        response = admin.post(
            f"/admin/vacancies/vacancy/{vacancy.pk}/change/",
            {
                "organization": vacancy.organization.pk,
                "title": "Admin edited",
                "slug": vacancy.slug,
                "description": "Fine **text**\n\n<script>alert(1)</script>",
                "city": "Ghent",
                "workplace": "onsite",
                "contract": "permanent",
                "experience": "medior",
                "discipline": "molecular_biology",
                "language": "en",
                "sectors": ["health"],
                "salary_min": "",
                "salary_max": "",
                "apply_url": "",
                "application_email": "",
                "status_changes-TOTAL_FORMS": "0",
                "status_changes-INITIAL_FORMS": "0",
                "status_changes-MIN_NUM_FORMS": "0",
                "status_changes-MAX_NUM_FORMS": "1000",
            },
        )
        assert response.status_code == 302, response.content.decode()[:3000]
        vacancy.refresh_from_db()
        assert vacancy.description == "<p>Fine <strong>text</strong></p>"
        assert vacancy.description_markdown == "Fine **text**\n\n<script>alert(1)</script>"
        assert "<script>" not in Client().get(vacancy.get_absolute_url()).content.decode()
        form = admin.get(f"/admin/vacancies/vacancy/{vacancy.pk}/change/").content.decode()
        assert "Fine **text**" in form
