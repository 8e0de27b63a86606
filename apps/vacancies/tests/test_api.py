from datetime import datetime, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from apps.accounts.tests.factories import UserFactory
from apps.organizations.tests.factories import MembershipFactory, OrganizationFactory
from apps.talent.models import CVAccess
from apps.talent.tests.factories import upload
from apps.vacancies.models import (
    Application,
    ApplicationStatusChange,
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
API = "/api/v1/vacancies/"
APPLICATIONS = "/api/v1/applications/"


def client_for(user) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def payload(organization: str = "acme", **overrides) -> dict:
    data = {
        "organization": organization,
        "title": "Research associate antibody discovery",
        "description": "<p>Phage display and <strong>ELISA</strong>.</p>",
        "city": "Ghent",
        "workplace": "hybrid",
        "contract": "permanent",
        "experience": "junior",
        "discipline": "immunology",
        "sectors": ["health", "medtech"],
        "salary_min": 40000,
        "salary_max": 52000,
        "application_email": "jobs@acme.example",
    }
    data.update(overrides)
    return data


def slugs(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["slug"] for row in response.json()["results"]]


@pytest.fixture
def acme():
    return OrganizationFactory(name="Acme Biologics", slug="acme", verified=True)


@pytest.fixture
def recruiter(acme):
    return MembershipFactory(organization=acme, role="recruiter").user


@pytest.fixture
def staff():
    return UserFactory(is_staff=True)


# --- The whole lifecycle ------------------------------------------------------------------


def test_the_whole_lifecycle_through_the_api(acme, recruiter, staff):
    member, moderator, anonymous = client_for(recruiter), client_for(staff), client_for(None)
    seeker, other_seeker = UserFactory(), UserFactory()
    cv = cv_for(seeker)

    created = member.post(API, payload(draft=True), format="json")
    assert created.status_code == 201, created.json()
    body = created.json()
    slug = body["slug"]
    assert body["status"] == "draft" and body["organization"]["slug"] == "acme"
    assert body["sectors"] == ["health", "medtech"] and body["applies_in_portal"] is True
    assert body["url"].endswith(reverse("vacancies:detail", kwargs={"slug": slug}))
    assert slug not in slugs(anonymous.get(API))
    assert slug in slugs(member.get(API))  # members also see their own
    assert anonymous.get(f"{API}{slug}/").status_code == 404

    edited = member.patch(f"{API}{slug}/", {"title": "Senior research associate"}, format="json")
    assert edited.status_code == 200 and edited.json()["status"] == "draft"
    assert edited.json()["slug"] == slug  # the address does not change

    submitted = member.post(f"{API}{slug}/submit/")
    assert submitted.status_code == 200 and submitted.json()["status"] == "pending_review"
    queue = moderator.get("/api/v1/moderation/vacancies/").json()["results"]
    assert [row["slug"] for row in queue] == [slug]

    approved = moderator.post(f"{API}{slug}/approve/")
    assert approved.status_code == 200, approved.json()
    body = approved.json()
    assert body["status"] == "published"
    # Open for 60 days, until midnight in Brussels.
    expires = datetime.fromisoformat(body["expires_at"])
    assert timedelta(days=60) < expires - timezone.now() <= timedelta(days=61)
    assert timezone.localtime(expires).time() == time(0)
    assert moderator.get("/api/v1/moderation/vacancies/").json()["count"] == 0

    assert slug in slugs(anonymous.get(API))
    assert anonymous.get(f"{API}{slug}/").json()["title"] == "Senior research associate"

    applied = client_for(seeker).post(
        f"{API}{slug}/applications/",
        {"cv": str(cv.pk), "cover_letter": "I built phage libraries."},
        format="json",
    )
    assert applied.status_code == 201, applied.json()
    application_id = applied.json()["id"]
    assert applied.json()["status"] == "submitted"
    mine = client_for(seeker).get(APPLICATIONS).json()["results"]
    assert [(row["id"], row["status"]) for row in mine] == [(application_id, "submitted")]

    received = member.get(f"{API}{slug}/applications/").json()["results"]
    assert [row["id"] for row in received] == [application_id]
    assert received[0]["applicant"]["email"] == seeker.email
    assert received[0]["cover_letter"] == "I built phage libraries."
    assert received[0]["cv"]["download_url"] == f"/api/v1/cvs/{cv.pk}/download/"

    for status in ("in_review", "shortlisted", "hired"):
        moved = member.patch(f"{APPLICATIONS}{application_id}/", {"status": status}, format="json")
        assert moved.status_code == 200, moved.json()
        seen = client_for(seeker).get(f"{APPLICATIONS}{application_id}/").json()
        assert seen["status"] == status  # the applicant sees the change

    # A second applicant withdraws; the hired one no longer can.
    second = client_for(other_seeker).post(
        f"{API}{slug}/applications/", {"file": upload("cv.pdf")}, format="multipart"
    )
    assert second.status_code == 201, second.json()
    withdrawn = client_for(other_seeker).post(f"{APPLICATIONS}{second.json()['id']}/withdraw/")
    assert withdrawn.status_code == 200 and withdrawn.json()["status"] == "withdrawn"
    assert client_for(seeker).post(f"{APPLICATIONS}{application_id}/withdraw/").status_code == 409

    extended = member.post(f"{API}{slug}/extend/")
    assert extended.status_code == 200
    closed = member.post(f"{API}{slug}/close/")
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    assert slug not in slugs(anonymous.get(API))

    vacancy = Vacancy.objects.get(slug=slug)
    history = [
        (c.from_status, c.to_status, c.actor)
        for c in VacancyStatusChange.objects.filter(vacancy=vacancy)
    ]
    assert history == [
        ("", "draft", recruiter),
        ("draft", "pending_review", recruiter),
        ("pending_review", "published", staff),
        ("published", "published", recruiter),
        ("published", "closed", recruiter),
    ]
    assert list(
        ApplicationStatusChange.objects.filter(application_id=application_id).values_list(
            "to_status", "actor"
        )
    ) == [
        ("submitted", seeker.pk),
        ("in_review", recruiter.pk),
        ("shortlisted", recruiter.pk),
        ("hired", recruiter.pk),
    ]


def test_created_without_draft_goes_to_review(acme, recruiter):
    response = client_for(recruiter).post(API, payload(), format="json")
    assert response.status_code == 201
    assert response.json()["status"] == "pending_review"


def test_rejected_with_a_reason_the_poster_sees_then_edited_back_to_review(acme, recruiter, staff):
    vacancy = VacancyFactory(organization=acme, pending=True)
    rejected = client_for(staff).post(
        f"{API}{vacancy.slug}/reject/", {"reason": "Add a salary range."}, format="json"
    )
    assert rejected.status_code == 200 and rejected.json()["status"] == "rejected"
    seen = client_for(recruiter).get(f"{API}{vacancy.slug}/").json()
    assert seen["status"] == "rejected" and seen["reviewer_note"] == "Add a salary range."
    edited = client_for(recruiter).patch(
        f"{API}{vacancy.slug}/", {"salary_min": 40000, "salary_max": 50000}, format="json"
    )
    assert edited.status_code == 200 and edited.json()["status"] == "pending_review"


def test_a_member_of_an_unverified_organization_is_told_why():
    membership = MembershipFactory(organization__verified=False, organization__slug="nova")
    response = client_for(membership.user).post(API, payload("nova"), format="json")
    assert response.status_code == 403
    detail = response.json()["detail"]
    assert "not verified" in detail and "Ask staff to verify" in detail
    assert not Vacancy.objects.exists()


def test_a_member_of_another_verified_organization_posts_for_their_own_only(acme):
    other = MembershipFactory(organization__verified=True, organization__slug="other")
    client = client_for(other.user)
    assert client.post(API, payload("acme"), format="json").status_code == 403
    assert client.post(API, payload("other"), format="json").status_code == 201
    assert list(Vacancy.objects.values_list("organization__slug", flat=True)) == ["other"]


def test_a_vacancy_cannot_move_to_another_organization(acme, recruiter):
    OrganizationFactory(slug="elsewhere", verified=True)
    vacancy = VacancyFactory(organization=acme)
    response = client_for(recruiter).patch(
        f"{API}{vacancy.slug}/", {"organization": "elsewhere"}, format="json"
    )
    assert response.status_code == 400 and "organization" in response.json()
    assert Vacancy.objects.get(pk=vacancy.pk).organization == acme


# --- The permission matrix ----------------------------------------------------------------

ROLES = ["anonymous", "seeker", "unverified_member", "other_member", "recruiter", "owner", "staff"]


@pytest.fixture
def world(acme):
    owner = MembershipFactory(organization=acme, role="owner").user
    recruiter = MembershipFactory(organization=acme, role="recruiter").user
    users = {
        "anonymous": None,
        "seeker": UserFactory(),
        "unverified_member": MembershipFactory(organization__verified=False).user,
        "other_member": MembershipFactory(organization__verified=True).user,
        "recruiter": recruiter,
        "owner": owner,
        "staff": UserFactory(is_staff=True),
    }
    return {"organization": acme, "users": users}


# Each action prepares what it needs and answers the request to make as a given user.


def _create(world):
    return lambda client, user: client.post(API, payload(), format="json")


def _patch(world):
    vacancy = VacancyFactory(organization=world["organization"])
    return lambda client, user: client.patch(
        f"{API}{vacancy.slug}/", {"city": "Leuven"}, format="json"
    )


def _patch_published(world):
    vacancy = published_vacancy(organization=world["organization"])
    return lambda client, user: client.patch(
        f"{API}{vacancy.slug}/", {"city": "Leuven"}, format="json"
    )


def _delete(world):
    vacancy = VacancyFactory(organization=world["organization"])
    return lambda client, user: client.delete(f"{API}{vacancy.slug}/")


def _submit(world):
    vacancy = VacancyFactory(organization=world["organization"])
    return lambda client, user: client.post(f"{API}{vacancy.slug}/submit/")


def _approve(world):
    vacancy = VacancyFactory(organization=world["organization"], pending=True)
    return lambda client, user: client.post(f"{API}{vacancy.slug}/approve/")


def _reject(world):
    vacancy = VacancyFactory(organization=world["organization"], pending=True)
    return lambda client, user: client.post(
        f"{API}{vacancy.slug}/reject/", {"reason": "Too vague."}, format="json"
    )


def _close(world):
    vacancy = published_vacancy(organization=world["organization"])
    return lambda client, user: client.post(f"{API}{vacancy.slug}/close/")


def _extend(world):
    vacancy = published_vacancy(organization=world["organization"])
    Vacancy.objects.filter(pk=vacancy.pk).update(expires_at=timezone.now() + timedelta(days=3))
    return lambda client, user: client.post(f"{API}{vacancy.slug}/extend/")


def _list_applications(world):
    application = ApplicationFactory(
        vacancy__organization=world["organization"], applicant=world["users"]["seeker"]
    )
    return lambda client, user: client.get(f"{API}{application.vacancy.slug}/applications/")


def _apply(world):
    vacancy = published_vacancy(organization=world["organization"])
    cvs = {role: cv_for(user) for role, user in world["users"].items() if user is not None}

    def act(client, user):
        cv = next((cv for cv in cvs.values() if cv.profile.user == user), None)
        return client.post(
            f"{API}{vacancy.slug}/applications/",
            {"cv": str(cv.pk) if cv else None, "cover_letter": "Hello"},
            format="json",
        )

    return act


def _change_status(world):
    application = ApplicationFactory(
        vacancy__organization=world["organization"], applicant=world["users"]["seeker"]
    )
    return lambda client, user: client.patch(
        f"{APPLICATIONS}{application.pk}/", {"status": "in_review"}, format="json"
    )


def _withdraw(world):
    application = ApplicationFactory(
        vacancy__organization=world["organization"], applicant=world["users"]["seeker"]
    )
    return lambda client, user: client.post(f"{APPLICATIONS}{application.pk}/withdraw/")


def _moderation_queue(world):
    VacancyFactory(organization=world["organization"], pending=True)
    return lambda client, user: client.get("/api/v1/moderation/vacancies/")


# The seeker is the applicant in the application actions.
#         anonymous seeker unverified other recruiter owner staff
MATRIX = {
    _create: (401, 403, 403, 403, 201, 201, 403),
    _patch: (401, 404, 404, 404, 200, 200, 403),
    _patch_published: (401, 403, 403, 403, 409, 409, 403),
    _delete: (401, 404, 404, 404, 204, 204, 403),
    _submit: (401, 404, 404, 404, 200, 200, 403),
    _approve: (401, 404, 404, 404, 403, 403, 200),
    _reject: (401, 404, 404, 404, 403, 403, 200),
    _close: (401, 403, 403, 403, 200, 200, 403),
    _extend: (401, 403, 403, 403, 200, 200, 403),
    _list_applications: (401, 403, 403, 403, 200, 200, 403),
    _apply: (401, 201, 201, 201, 403, 403, 201),
    _change_status: (401, 403, 404, 404, 200, 200, 404),
    _withdraw: (401, 200, 404, 404, 403, 403, 404),
    _moderation_queue: (401, 403, 403, 403, 403, 403, 200),
}


def snapshot() -> dict:
    return {
        "vacancies": sorted(
            Vacancy.objects.values_list(
                "slug", "status", "city", "title", "expires_at", "reviewer_note"
            )
        ),
        "vacancy_changes": VacancyStatusChange.objects.count(),
        "applications": sorted(
            (str(pk), status) for pk, status in Application.objects.values_list("pk", "status")
        ),
        "application_changes": ApplicationStatusChange.objects.count(),
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(MATRIX), ids=lambda action: action.__name__.strip("_"))
def test_permission_matrix(world, role, action):
    expected = MATRIX[action][ROLES.index(role)]
    user = world["users"][role]
    act = action(world)
    before = snapshot()
    response = act(client_for(user), user)
    assert response.status_code == expected, response.content
    if expected >= 400:
        assert "detail" in response.json()
        assert snapshot() == before
    elif response.request["REQUEST_METHOD"] != "GET":
        assert snapshot() != before


# --- Bad input ----------------------------------------------------------------------------


class TestBadInput:
    @pytest.mark.parametrize(
        ("overrides", "field"),
        [
            ({"salary_min": 60000, "salary_max": 50000}, "salary_min"),
            ({"salary_min": "a lot"}, "salary_min"),
            ({"salary_max": -1}, "salary_max"),
            ({"apply_url": "ftp://jobs.example/1"}, "apply_url"),
            ({"apply_url": "javascript:alert(1)"}, "apply_url"),
            ({"application_email": "not-an-address"}, "application_email"),
            ({"description": "<script>alert(1)</script>"}, "description"),
            ({"description": ""}, "description"),
            ({"title": ""}, "title"),
            ({"title": "x" * 161}, "title"),
            ({"workplace": "moon"}, "workplace"),
            ({"contract": "forever"}, "contract"),
            ({"experience": "guru"}, "experience"),
            ({"discipline": "alchemy"}, "discipline"),
            ({"sectors": ["space"]}, "sectors"),
            ({"organization": "nope"}, "organization"),
        ],
    )
    def test_create_is_a_400_naming_the_field_and_stores_nothing(
        self, acme, recruiter, overrides, field
    ):
        response = client_for(recruiter).post(API, payload(**overrides), format="json")
        assert response.status_code == 400, response.content
        assert field in response.json()
        assert not Vacancy.objects.exists() and not VacancyStatusChange.objects.exists()

    def test_a_patch_that_puts_the_minimum_above_the_stored_maximum_is_a_400(self, acme, recruiter):
        vacancy = VacancyFactory(organization=acme, salary_min=40000, salary_max=50000)
        response = client_for(recruiter).patch(
            f"{API}{vacancy.slug}/", {"salary_min": 55000}, format="json"
        )
        assert response.status_code == 400 and "salary_min" in response.json()
        assert Vacancy.objects.get(pk=vacancy.pk).salary_min == 40000

    def test_script_and_event_handlers_are_removed_from_the_description(self, acme, recruiter):
        description = (
            '<p onmouseover="steal()">Lab <strong>work</strong></p>'
            "<script>alert(1)</script><img src=x onerror=alert(1)>"
            '<a href="javascript:alert(1)">apply</a><style>p{}</style>'
        )
        response = client_for(recruiter).post(API, payload(description=description), format="json")
        assert response.status_code == 201
        stored = Vacancy.objects.get().description
        for bad in ("<script", "onmouseover", "onerror", "javascript:", "<img", "<style"):
            assert bad not in stored and bad not in response.json()["description"]
        assert "<strong>work</strong>" in stored

    def test_an_unknown_field_cannot_set_the_status(self, acme, recruiter):
        response = client_for(recruiter).post(
            API, payload(status="published", published_at="2020-01-01T00:00:00Z"), format="json"
        )
        assert response.status_code == 201
        assert Vacancy.objects.get().status == "pending_review"
        assert Vacancy.objects.get().published_at is None

    def test_applying_twice_is_a_409(self, acme):
        seeker = UserFactory()
        application = ApplicationFactory(vacancy__organization=acme, applicant=seeker)
        response = client_for(seeker).post(
            f"{API}{application.vacancy.slug}/applications/",
            {"cv": str(application.cv.pk)},
            format="json",
        )
        assert response.status_code == 409 and "detail" in response.json()
        assert Application.objects.count() == 1

    @pytest.mark.parametrize("state", ["draft", "pending_review", "rejected", "closed", "expired"])
    def test_applying_to_a_vacancy_that_is_not_open_is_a_404(self, acme, state):
        vacancy = published_vacancy(organization=acme, status=state)
        seeker = UserFactory()
        response = client_for(seeker).post(
            f"{API}{vacancy.slug}/applications/", {"cv": str(cv_for(seeker).pk)}, format="json"
        )
        assert response.status_code == 404
        assert not Application.objects.exists()

    def test_applying_after_the_date_but_before_the_task_is_a_404(self, acme):
        vacancy = published_vacancy(organization=acme)
        Vacancy.objects.filter(pk=vacancy.pk).update(expires_at=timezone.now())
        seeker = UserFactory()
        response = client_for(seeker).post(
            f"{API}{vacancy.slug}/applications/", {"cv": str(cv_for(seeker).pk)}, format="json"
        )
        assert response.status_code == 404
        assert not Application.objects.exists()

    def test_applying_to_an_external_vacancy_is_a_403(self, acme):
        vacancy = published_vacancy(organization=acme, apply_url="https://jobs.example/1")
        seeker = UserFactory()
        response = client_for(seeker).post(
            f"{API}{vacancy.slug}/applications/", {"cv": str(cv_for(seeker).pk)}, format="json"
        )
        assert response.status_code == 403 and "own site" in response.json()["detail"]

    def test_applying_without_a_verified_email_is_a_403(self, acme):
        vacancy = published_vacancy(organization=acme)
        seeker = UserFactory(email_verified=False)
        response = client_for(seeker).post(
            f"{API}{vacancy.slug}/applications/", {"cv": str(cv_for(seeker).pk)}, format="json"
        )
        assert response.status_code == 403 and "Confirm your email" in response.json()["detail"]
        assert not Application.objects.exists()

    @pytest.mark.parametrize("case", ["someone_elses_cv", "no_cv", "bad_file", "long_letter"])
    def test_a_bad_application_is_a_400_naming_the_field(self, acme, case):
        vacancy = published_vacancy(organization=acme)
        seeker = UserFactory()
        data, expected_field, format_ = {
            "someone_elses_cv": ({"cv": str(cv_for(UserFactory()).pk)}, "cv", "json"),
            "no_cv": ({"cover_letter": "Hi"}, "cv", "json"),
            "bad_file": ({"file": upload("cv.pdf", b"<html>x</html>")}, "file", "multipart"),
            "long_letter": (
                {"cv": str(cv_for(seeker).pk), "cover_letter": "x" * 10001},
                "cover_letter",
                "json",
            ),
        }[case]
        response = client_for(seeker).post(
            f"{API}{vacancy.slug}/applications/", data, format=format_
        )
        assert response.status_code == 400, response.content
        assert expected_field in response.json()
        assert not Application.objects.exists()

    def test_a_recruiter_cannot_touch_another_organizations_vacancy_or_application(self, acme):
        theirs = published_vacancy(organization=acme)
        their_draft = VacancyFactory(organization=acme)
        application = ApplicationFactory(vacancy=theirs)
        outsider = client_for(MembershipFactory(organization__verified=True).user)
        assert outsider.patch(f"{API}{theirs.slug}/", {"city": "X"}, format="json").status_code in (
            403,
            404,
        )
        assert outsider.patch(f"{API}{their_draft.slug}/", {"city": "X"}).status_code == 404
        assert outsider.delete(f"{API}{their_draft.slug}/").status_code == 404
        assert outsider.post(f"{API}{theirs.slug}/close/").status_code == 403
        assert outsider.get(f"{API}{theirs.slug}/applications/").status_code == 403
        assert (
            outsider.patch(
                f"{APPLICATIONS}{application.pk}/", {"status": "rejected"}, format="json"
            ).status_code
            == 404
        )
        assert Vacancy.objects.get(pk=theirs.pk).status == "published"
        assert Vacancy.objects.get(pk=their_draft.pk).city == "Ghent"
        assert Application.objects.get(pk=application.pk).status == "submitted"

    @pytest.mark.parametrize(
        ("current", "new", "code"),
        [
            ("submitted", "hired", 409),
            ("rejected", "in_review", 409),
            ("hired", "rejected", 409),
            ("withdrawn", "in_review", 409),
            ("in_review", "submitted", 409),
            ("submitted", "withdrawn", 400),
            ("submitted", "promoted", 400),
        ],
    )
    def test_a_status_change_the_workflow_does_not_allow(self, acme, recruiter, current, new, code):
        application = ApplicationFactory(vacancy__organization=acme, status=current)
        response = client_for(recruiter).patch(
            f"{APPLICATIONS}{application.pk}/", {"status": new}, format="json"
        )
        assert response.status_code == code
        assert "status" in response.json()
        assert Application.objects.get(pk=application.pk).status == current
        assert not ApplicationStatusChange.objects.exists()

    @pytest.mark.parametrize(
        ("state", "action"),
        [
            ("draft", "approve"),
            ("published", "approve"),
            ("published", "reject"),
            ("closed", "submit"),
            ("draft", "close"),
            ("expired", "extend"),
            ("published", "delete"),
        ],
    )
    def test_a_vacancy_move_the_workflow_does_not_allow_is_a_409(
        self, acme, recruiter, staff, state, action
    ):
        vacancy = published_vacancy(organization=acme, status=state)
        client = client_for(staff if action in ("approve", "reject") else recruiter)
        if action == "delete":
            response = client.delete(f"{API}{vacancy.slug}/")
        else:
            response = client.post(f"{API}{vacancy.slug}/{action}/", {"reason": "x"})
        assert response.status_code == 409
        assert "detail" in response.json()
        assert Vacancy.objects.get(pk=vacancy.pk).status == state

    def test_a_rejection_without_a_reason_is_a_400(self, acme, staff):
        vacancy = VacancyFactory(organization=acme, pending=True)
        response = client_for(staff).post(f"{API}{vacancy.slug}/reject/", {"reason": ""})
        assert response.status_code == 400 and "reason" in response.json()
        assert Vacancy.objects.get(pk=vacancy.pk).status == "pending_review"


# --- Search, filters, ordering ------------------------------------------------------------


@pytest.fixture
def board():
    return job_board()


ALL = {"bioinformatician", "process-engineer", "phd-plant-genomics", "data-steward"}


class TestFilters:
    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("", ALL),
            ("organization=vib", {"bioinformatician", "phd-plant-genomics"}),
            ("sector=digital", {"bioinformatician", "data-steward"}),
            ("sector=agrifood", {"phd-plant-genomics", "data-steward"}),
            ("sector=medtech", set()),
            ("contract=phd", {"phd-plant-genomics"}),
            ("contract=fixed_term", {"process-engineer"}),
            ("experience=junior", {"data-steward"}),
            ("experience=senior", {"bioinformatician"}),
            ("workplace=onsite", {"process-engineer", "phd-plant-genomics"}),
            ("workplace=remote", {"data-steward"}),
            ("city=ghent", {"bioinformatician", "phd-plant-genomics", "data-steward"}),
            ("city=Beerse", {"process-engineer"}),
            ("discipline=bioinformatics", {"bioinformatician", "data-steward"}),
            ("posted_after=DATE5", {"process-engineer", "phd-plant-genomics"}),
            ("organization=vib&sector=agrifood", {"phd-plant-genomics"}),
            ("sector=digital&workplace=remote&city=Ghent", {"data-steward"}),
            ("q=engineer", {"process-engineer"}),
            ("q=vaccines", {"process-engineer"}),
            ("q=bioinformatician", {"bioinformatician"}),
            ("q=maize&organization=vib", {"phd-plant-genomics"}),
            ("q=maize&organization=basf", set()),
        ],
    )
    def test_each_filter(self, api_client, board, query, expected):
        query = query.replace("DATE5", (timezone.now() - timedelta(days=5)).date().isoformat())
        assert set(slugs(api_client.get(f"{API}?{query}"))) == expected

    @pytest.mark.parametrize(
        ("query", "parameter"),
        [
            ("organization=nope", "organization"),
            ("sector=space", "sector"),
            ("contract=forever", "contract"),
            ("experience=guru", "experience"),
            ("workplace=moon", "workplace"),
            ("discipline=alchemy", "discipline"),
            ("posted_after=yesterday", "posted_after"),
            ("ordering=random", "ordering"),
            ("q=" + "x" * 201, "q"),
        ],
    )
    def test_an_unknown_value_is_a_400_naming_the_parameter(
        self, api_client, board, query, parameter
    ):
        response = api_client.get(f"{API}?{query}")
        assert response.status_code == 400
        assert parameter in response.json()

    def test_ordering(self, api_client, board):
        newest = ["phd-plant-genomics", "process-engineer", "bioinformatician", "data-steward"]
        assert slugs(api_client.get(API)) == newest
        assert slugs(api_client.get(f"{API}?ordering=newest")) == newest
        assert slugs(api_client.get(f"{API}?ordering=relevance")) == newest  # nothing to rank

    def test_the_list_is_paginated(self, api_client, board):
        body = api_client.get(f"{API}?page_size=3").json()
        assert body["count"] == 4 and len(body["results"]) == 3 and body["next"]
        assert len(api_client.get(f"{API}?page_size=3&page=2").json()["results"]) == 1


class TestSearch:
    @pytest.fixture
    def ranked(self):
        hub = OrganizationFactory(name="Scheldt Antibodies", verified=True)
        now = timezone.now()
        published_vacancy(
            title="Bioinformatician",
            slug="title-match",
            description="<p>Pipelines.</p>",
            published_at=now - timedelta(days=5),
        )
        published_vacancy(
            title="Lab technician",
            slug="description-match",
            description="<p>Support our bioinformatician in the sequencing core.</p>",
            published_at=now - timedelta(days=1),
        )
        published_vacancy(
            title="Technician",
            slug="organization-match",
            organization=hub,
            description="<p>Cell culture.</p>",
        )
        published_vacancy(title="Accountant", slug="unrelated", description="<p>Ledgers.</p>")

    def test_a_title_match_ranks_above_a_description_match(self, api_client, ranked):
        found = slugs(api_client.get(f"{API}?q=bioinformatician"))
        assert found == ["title-match", "description-match"]
        assert slugs(api_client.get(f"{API}?q=bioinformatician&ordering=relevance")) == found

    def test_title_then_organization_then_description(self, api_client):
        now = timezone.now()
        partners = OrganizationFactory(name="Proteomics Partners", verified=True)
        published_vacancy(
            title="Lab manager",
            slug="in-description",
            description="<p>Run our proteomics platform.</p>",
            published_at=now,
        )
        published_vacancy(
            title="Lab manager",
            slug="in-organization",
            organization=partners,
            published_at=now - timedelta(days=1),
        )
        published_vacancy(
            title="Proteomics scientist", slug="in-title", published_at=now - timedelta(days=2)
        )
        assert slugs(api_client.get(f"{API}?q=proteomics")) == [
            "in-title",
            "in-organization",
            "in-description",
        ]

    def test_ordering_by_newest_overrides_the_rank(self, api_client, ranked):
        found = slugs(api_client.get(f"{API}?q=bioinformatician&ordering=newest"))
        assert found == ["description-match", "title-match"]

    def test_the_organization_name_matches(self, api_client, ranked):
        assert slugs(api_client.get(f"{API}?q=scheldt")) == ["organization-match"]
        assert slugs(api_client.get(f"{API}?q=Scheldt%20Antibodies")) == ["organization-match"]

    def test_words_are_stemmed_and_web_syntax_works(self, api_client, ranked):
        assert set(slugs(api_client.get(f"{API}?q=technicians"))) == {
            "organization-match",
            "description-match",
        }
        assert slugs(api_client.get(f"{API}?q=technician%20-scheldt")) == ["description-match"]
        assert slugs(api_client.get(f"{API}?q=%22sequencing%20core%22")) == ["description-match"]

    def test_punctuation_in_the_query_is_no_error(self, api_client, ranked):
        for query in ["'", "!!", "a & b", "(", "<script>", ":*"]:
            assert api_client.get(API, {"q": query}).status_code == 200

    def test_a_search_vector_uses_the_gin_index(self):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE tablename = 'vacancies_vacancy' "
                "AND indexname = 'vacancy_search_vector_gin'"
            )
            (definition,) = cursor.fetchone()
        assert "gin" in definition.lower() and "search_vector" in definition


# --- Expiry -------------------------------------------------------------------------------


def test_expiry_hides_at_once_before_the_task_runs(api_client, client, acme, recruiter):
    vacancy = published_vacancy(organization=acme, title="Fading job", slug="fading")
    assert slugs(api_client.get(API)) == ["fading"]
    Vacancy.objects.filter(pk=vacancy.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert Vacancy.objects.get(pk=vacancy.pk).status == VacancyStatus.PUBLISHED
    assert slugs(api_client.get(API)) == []
    assert slugs(api_client.get(f"{API}?q=fading")) == []
    assert api_client.get(f"{API}fading/").status_code == 404
    assert "Fading job" not in client.get(reverse("vacancies:list")).content.decode()
    assert client.get(reverse("vacancies:detail", kwargs={"slug": "fading"})).status_code == 404
    assert "Fading job" not in client.get("/jobs/feed/").content.decode()
    assert (
        "Fading job"
        not in client.get(
            reverse("organizations:detail", kwargs={"slug": acme.slug})
        ).content.decode()
    )
    # Its own members still see it, marked as no longer live.
    assert client_for(recruiter).get(f"{API}fading/").status_code == 200


# --- Moderation queue ---------------------------------------------------------------------


class TestModerationQueue:
    def test_staff_only_oldest_first(self, acme, recruiter, staff):
        now = timezone.now()
        newer = VacancyFactory(organization=acme, pending=True, submitted_at=now)
        older = VacancyFactory(pending=True, submitted_at=now - timedelta(days=2))
        VacancyFactory(organization=acme)  # a draft waits for no one
        published_vacancy(organization=acme)
        response = client_for(staff).get("/api/v1/moderation/vacancies/")
        assert response.status_code == 200
        assert slugs(response) == [older.slug, newer.slug]
        assert client_for(None).get("/api/v1/moderation/vacancies/").status_code == 401
        assert client_for(recruiter).get("/api/v1/moderation/vacancies/").status_code == 403
        assert client_for(UserFactory()).get("/api/v1/moderation/vacancies/").status_code == 403

    def test_staff_see_any_vacancy_but_do_not_edit_it(self, acme, staff):
        vacancy = VacancyFactory(organization=acme, pending=True)
        assert client_for(staff).get(f"{API}{vacancy.slug}/").status_code == 200
        response = client_for(staff).patch(f"{API}{vacancy.slug}/", {"city": "X"}, format="json")
        assert response.status_code == 403


# --- Applications lists -------------------------------------------------------------------


class TestApplicationLists:
    def test_the_seeker_sees_all_and_only_their_applications(self, acme, recruiter):
        seeker = UserFactory()
        first = ApplicationFactory(applicant=seeker, vacancy__organization=acme)
        second = ApplicationFactory(applicant=seeker, status="shortlisted")
        ApplicationFactory()  # someone else's
        rows = client_for(seeker).get(APPLICATIONS).json()["results"]
        assert {(row["id"], row["status"]) for row in rows} == {
            (str(first.pk), "submitted"),
            (str(second.pk), "shortlisted"),
        }
        assert rows[0]["vacancy"]["organization"]
        assert client_for(None).get(APPLICATIONS).status_code == 401

    def test_members_see_the_applications_to_their_organization_only(self, acme, recruiter):
        ours = ApplicationFactory(vacancy__organization=acme)
        ApplicationFactory()  # to another organization
        rows = client_for(recruiter).get(APPLICATIONS).json()["results"]
        assert [row["id"] for row in rows] == [str(ours.pk)]
        per_vacancy = client_for(recruiter).get(f"{API}{ours.vacancy.slug}/applications/")
        assert [row["id"] for row in per_vacancy.json()["results"]] == [str(ours.pk)]

    def test_an_application_of_someone_else_is_a_404(self):
        application = ApplicationFactory()
        response = client_for(UserFactory()).get(f"{APPLICATIONS}{application.pk}/")
        assert response.status_code == 404

    def test_members_open_the_applicants_profile_even_when_private(self, acme, recruiter):
        application = ApplicationFactory(vacancy__organization=acme)
        application.cv.profile.visibility = "private"
        application.cv.profile.save()
        row = client_for(recruiter).get(APPLICATIONS).json()["results"][0]
        assert row["profile_url"] == f"/api/v1/talent/{application.cv.profile_id}/"
        assert client_for(recruiter).get(row["profile_url"]).status_code == 200
        stranger = MembershipFactory(organization__verified=True).user
        assert client_for(stranger).get(row["profile_url"]).status_code == 404

    def test_members_download_the_cv_applied_with_and_it_is_logged(self, acme, recruiter):
        application = ApplicationFactory(vacancy__organization=acme)
        profile = application.cv.profile
        profile.visibility = "private"
        profile.save()
        url = client_for(recruiter).get(APPLICATIONS).json()["results"][0]["cv"]["download_url"]
        response = client_for(recruiter).get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"%PDF-")
        access = CVAccess.objects.get()
        assert access.reason == "application"
        assert access.accessed_by == recruiter and access.organization == acme
        assert access.cv == application.cv
        # Another verified organization still cannot see the private CV.
        outsider = MembershipFactory(organization__verified=True).user
        assert client_for(outsider).get(url).status_code == 404
        assert CVAccess.objects.count() == 1


# --- Query counts -------------------------------------------------------------------------


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        assert response.status_code == 200, response.content
    return len(queries)


def test_the_list_query_count_is_constant(api_client, acme, recruiter):
    for index in range(30):
        published_vacancy(
            organization=OrganizationFactory(verified=True) if index % 2 else acme,
            sectors=["health", "digital", "agrifood"],
        )
    VacancyFactory(organization=acme)
    member = client_for(recruiter)
    for client in (api_client, member):
        _count(client, f"{API}?page_size=2")
        few = _count(client, f"{API}?page_size=2")
        assert few == _count(client, f"{API}?page_size=30") <= 5
        assert _count(client, f"{API}?q=scientist&page_size=2") == _count(
            client, f"{API}?q=scientist&page_size=30"
        )


def test_the_applications_list_query_count_is_constant(acme, recruiter):
    vacancy = published_vacancy(organization=acme)
    seeker = UserFactory()
    ApplicationFactory(vacancy=vacancy)
    ApplicationFactory(applicant=seeker)
    member = client_for(recruiter)
    urls = [APPLICATIONS, f"{API}{vacancy.slug}/applications/"]
    for url in urls:  # the member's roles are looked up once per user object
        _count(member, url)
    few = {url: _count(member, url) for url in urls}
    seeker_few = _count(client_for(seeker), APPLICATIONS)
    for _ in range(15):
        ApplicationFactory(vacancy=vacancy)
        ApplicationFactory(applicant=seeker)
    for url in urls:
        assert _count(member, f"{url}?page_size=50") == few[url]
    assert _count(client_for(seeker), f"{APPLICATIONS}?page_size=50") == seeker_few


def test_withdrawing_an_application_withdraws_access_to_the_cv_and_profile():
    from rest_framework.test import APIClient

    from apps.accounts.tests.factories import UserFactory
    from apps.organizations.tests.factories import MembershipFactory
    from apps.talent.tests.factories import CVFactory
    from apps.vacancies import services
    from apps.vacancies.tests.factories import published_vacancy

    member = MembershipFactory(organization__verified=True)
    vacancy = published_vacancy(organization=member.organization)
    seeker = UserFactory()
    cv = CVFactory(profile__user=seeker, profile__visibility="private")
    application = services.application_create(applicant=seeker, vacancy=vacancy, cv=cv)
    recruiter = APIClient()
    recruiter.force_authenticate(member.user)
    assert recruiter.get(f"/api/v1/cvs/{cv.pk}/download/").status_code == 200
    services.application_withdraw(actor=seeker, application=application)
    assert recruiter.get(f"/api/v1/cvs/{cv.pk}/download/").status_code == 404
    assert recruiter.get(f"/api/v1/talent/{cv.profile.pk}/").status_code == 404


def test_a_vacancy_past_its_date_cannot_be_extended_back_online():
    from datetime import timedelta

    from django.utils import timezone

    from apps.core.exceptions import ConflictError
    from apps.organizations.tests.factories import MembershipFactory
    from apps.vacancies import services
    from apps.vacancies.tests.factories import published_vacancy

    member = MembershipFactory(organization__verified=True)
    vacancy = published_vacancy(organization=member.organization)
    vacancy.expires_at = timezone.now() - timedelta(minutes=1)
    vacancy.save(update_fields=["expires_at"])
    with pytest.raises(ConflictError):
        services.vacancy_extend(actor=member.user, vacancy=vacancy)


def test_an_edit_racing_a_deletion_is_a_404(acme, recruiter, monkeypatch):
    """The fuzzer sends a PATCH and a DELETE of one draft at once: the loser answers 404."""
    from apps.vacancies import services

    draft = VacancyFactory(organization=acme, status=VacancyStatus.DRAFT)
    real_update = services.vacancy_update

    def deleted_meanwhile(**kwargs):
        Vacancy.objects.filter(pk=kwargs["vacancy"].pk).delete()
        return real_update(**kwargs)

    monkeypatch.setattr(services, "vacancy_update", deleted_meanwhile)
    response = client_for(recruiter).patch(f"{API}{draft.slug}/", {}, format="json")
    assert response.status_code == 404, response.content
    assert response.json() == {"detail": "Not found."}
