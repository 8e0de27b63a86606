"""Input that used to reach the database or the renderer and answer 500 is a 400 where it
enters: NUL characters, lone surrogates, deep JSON, and file names that carry a path or a NUL.
"""

import json

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from apps.accounts.tests.factories import UserFactory
from apps.events.models import Event
from apps.events.tests.factories import EventFactory
from apps.organizations.models import Organization
from apps.organizations.tests.factories import MembershipFactory, OrganizationFactory
from apps.staff.models import Report
from apps.talent.models import CV, TalentProfile
from apps.talent.tests.factories import pdf_bytes
from apps.vacancies.models import JobAlert, Vacancy
from apps.vacancies.tests.factories import published_vacancy

pytestmark = pytest.mark.django_db


def signed_in(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def recruiter():
    membership = MembershipFactory(
        organization=OrganizationFactory(slug="leie", verified=True), role="owner"
    )
    return membership.user


def raw_json(client: APIClient, method: str, path: str, text: str):
    """Send the body exactly as written: json.dumps would escape what the test needs raw."""
    return getattr(client, method)(path, text, content_type="application/json")


def multipart(fields: dict[str, str], filename: str, content: bytes) -> tuple[bytes, str]:
    """A multipart body with exactly this file name (test clients strip paths and NULs)."""
    boundary = "----portal-test-boundary"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields.items()
    ]
    parts.append(
        (
            f"--{boundary}\r\n"
            f'Content-Disposition: form-data; name="file"; filename="{filename}"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        ).encode()
        + content
        + b"\r\n"
    )
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), (
        f"multipart/form-data; boundary={boundary}"
    )


class TestNulInReferences:
    def vacancy(self, **changes) -> dict:
        return {
            "organization": "leie",
            "title": "Scientist",
            "description": "<p>Research.</p>",
            "city": "Ghent",
            "workplace": "onsite",
            "contract": "permanent",
            "experience": "medior",
            "discipline": "molecular_biology",
            "sectors": ["health"],
            **changes,
        }

    @pytest.mark.parametrize(
        "changes",
        [{"organization": "le\x00ie"}, {"sectors": ["hea\x00lth"]}],
        ids=["organization", "sectors"],
    )
    def test_vacancy_references(self, recruiter, changes):
        response = signed_in(recruiter).post("/api/v1/vacancies/", self.vacancy(**changes))
        assert response.status_code == 400
        assert "NUL" in json.dumps(response.json())
        assert not Vacancy.objects.exists()

    def test_vacancy_reference_in_a_form_body(self, recruiter):
        response = signed_in(recruiter).post(
            "/api/v1/vacancies/", self.vacancy(organization="le\x00ie"), format="multipart"
        )
        assert response.status_code == 400
        assert not Vacancy.objects.exists()

    @pytest.mark.parametrize(
        "changes",
        [
            {"organizer": "le\x00ie"},
            {"participants": [{"organization": "v\x00ib", "role": "host"}]},
        ],
        ids=["organizer", "participant"],
    )
    def test_event_references(self, recruiter, changes):
        body = {
            "organizer": "leie",
            "title": "Open day",
            "kind": "networking",
            "starts_at": "2031-05-01T10:00:00+02:00",
            "ends_at": "2031-05-01T12:00:00+02:00",
            "venue": "Technologiepark",
            **changes,
        }
        response = signed_in(recruiter).post("/api/v1/events/", body)
        assert response.status_code == 400
        assert not Event.objects.exists()

    def test_query_parameters_and_paths(self, recruiter):
        client = signed_in(recruiter)
        assert client.get("/api/v1/vacancies/?organization=le%00ie").status_code == 400
        cv_download = "/api/v1/cvs/00000000-0000-0000-0000-000000000000/download/"
        assert client.get(f"{cv_download}?organization=a%00b").status_code == 400
        assert Client().get(reverse("vacancies:list") + "?organization=le%00ie").status_code == 400
        assert Client().get("/en/report/vac%00ancy/x/").status_code in (400, 404)


class TestLoneSurrogatesInChoices:
    """Every choice field named in the report; the error never echoes the bad text."""

    @pytest.mark.parametrize(
        "field", ["visibility", "education_level"], ids=["visibility", "education"]
    )
    def test_profile(self, field):
        user = UserFactory()
        response = raw_json(
            signed_in(user), "patch", "/api/v1/me/profile/", f'{{"{field}": "x\\ud800y"}}'
        )
        assert response.status_code == 400
        assert not TalentProfile.objects.filter(user=user).exclude(visibility="private").exists()

    def test_alert_frequency(self):
        user = UserFactory()
        response = raw_json(
            signed_in(user),
            "post",
            "/api/v1/me/alerts/",
            '{"name": "Jobs", "filters": {"q": "python"}, "frequency": "x\\ud800y"}',
        )
        assert response.status_code == 400
        assert not JobAlert.objects.exists()

    @pytest.mark.parametrize("field", ["kind", "size_band"])
    def test_organization(self, field):
        body = {"name": "New Bio", "kind": "company", field: "__SURROGATE__"}
        text = json.dumps(body).replace("__SURROGATE__", "x\\ud800y")
        response = raw_json(signed_in(UserFactory()), "post", "/api/v1/organizations/", text)
        assert response.status_code == 400
        assert not Organization.objects.filter(name="New Bio").exists()

    def test_vacancy_workplace(self, recruiter):
        vacancy = published_vacancy(organization=Organization.objects.get(slug="leie"))
        response = raw_json(
            signed_in(recruiter),
            "patch",
            f"/api/v1/vacancies/{vacancy.slug}/",
            '{"workplace": "x\\ud800y"}',
        )
        assert response.status_code == 400
        vacancy.refresh_from_db()
        assert vacancy.workplace == "onsite"

    def test_report_type(self):
        vacancy = published_vacancy()
        body = {"target_type": "__SURROGATE__", "target": vacancy.slug, "reason": "spam"}
        text = json.dumps(body).replace("__SURROGATE__", "x\\ud800y")
        response = raw_json(signed_in(UserFactory()), "post", "/api/v1/reports/", text)
        assert response.status_code == 400
        assert not Report.objects.exists()


class TestDeepJson:
    DEEP = "[" * 5000 + "]" * 5000
    DEEP_OBJECT = '{"a":' * 5000 + "1" + "}" * 5000

    @pytest.mark.parametrize(
        ("method", "path"),
        [
            ("post", "/api/v1/auth/token/"),
            ("post", "/api/v1/organizations/"),
            ("patch", "/api/v1/me/profile/"),
            ("post", "/api/v1/me/alerts/"),
            ("post", "/api/v1/events/"),
        ],
    )
    def test_any_endpoint_answers_400(self, method, path):
        client = signed_in(UserFactory())
        for body in (self.DEEP, self.DEEP_OBJECT):
            response = raw_json(client, method, path, body)
            assert response.status_code == 400, response.content
            assert "nested" in response.json()["detail"]

    def test_moderate_nesting_is_refused_too(self):
        """Deep enough to parse, still far deeper than any request of the API."""
        body = {"name": "Deep", "filters": {"q": "x"}, "frequency": "daily"}
        for _level in range(100):
            body = {"filters": body}
        response = signed_in(UserFactory()).post("/api/v1/me/alerts/", body)
        assert response.status_code == 400
        assert not JobAlert.objects.exists()

    def test_anonymous_too(self):
        response = raw_json(APIClient(), "post", "/api/v1/auth/token/", self.DEEP)
        assert response.status_code == 400


class TestUploadFileNames:
    """One rule for the web page and the API: a path or a NUL in the name is a 400."""

    @pytest.mark.parametrize("filename", ["../../cv.pdf", "cv\x00.pdf", "..\\cv.pdf", "a/b.pdf"])
    def test_api(self, filename):
        user = UserFactory()
        body, content_type = multipart({}, filename, pdf_bytes())
        response = signed_in(user).generic("POST", "/api/v1/me/cvs/", body, content_type)
        assert response.status_code == 400
        assert not CV.objects.exists()

    @pytest.mark.parametrize("filename", ["../../cv.pdf", "cv\x00.pdf", "..\\cv.pdf"])
    def test_web_page(self, filename):
        user = UserFactory()
        client = Client()
        client.force_login(user)
        body, content_type = multipart({"make_primary": "on"}, filename, pdf_bytes())
        response = client.generic("POST", reverse("talent:my_cvs"), body, content_type)
        assert response.status_code == 400
        assert not CV.objects.exists()

    def test_an_application_upload_follows_the_same_rule(self):
        vacancy = published_vacancy()
        body, content_type = multipart({"cover_letter": "Hello"}, "../cv.pdf", pdf_bytes())
        response = signed_in(UserFactory()).generic(
            "POST", f"/api/v1/vacancies/{vacancy.slug}/applications/", body, content_type
        )
        assert response.status_code == 400
        assert not vacancy.applications.exists()

    def test_a_plain_name_still_uploads_on_both(self):
        user = UserFactory()
        body, content_type = multipart({}, "Mijn CV.pdf", pdf_bytes())
        assert (
            signed_in(user).generic("POST", "/api/v1/me/cvs/", body, content_type).status_code
            == 201
        )
        client = Client()
        client.force_login(user)
        body, content_type = multipart({}, "Tweede CV.pdf", pdf_bytes())
        assert (
            client.generic("POST", reverse("talent:my_cvs"), body, content_type).status_code == 302
        )
        assert sorted(CV.objects.values_list("original_name", flat=True)) == [
            "Mijn CV.pdf",
            "Tweede CV.pdf",
        ]


def test_nul_in_free_text_is_refused_by_the_field():
    """Events with NUL in a free-text field are refused by the field, not the database."""
    event = EventFactory()
    client = signed_in(UserFactory(is_staff=True))
    response = client.patch(f"/api/v1/events/{event.slug}/", {"title": "Open\x00day"})
    assert response.status_code == 400
    event.refresh_from_db()
    assert "\x00" not in event.title
