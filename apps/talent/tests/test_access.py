import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from apps.accounts.tests.factories import UserFactory
from apps.organizations.tests.factories import MembershipFactory
from apps.talent.models import CVAccess
from apps.talent.tests.factories import CVFactory, TalentProfileFactory

pytestmark = pytest.mark.django_db
TALENT = "/api/v1/talent/"
VISIBILITIES = ["private", "verified_companies", "public"]
ROLES = ["anonymous", "stranger", "unverified_recruiter", "verified_recruiter", "staff", "owner"]


def client_for(user) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def people():
    verified = MembershipFactory(organization__verified=True, organization__name="Leie Biologics")
    unverified = MembershipFactory(organization__verified=False)
    return {
        "anonymous": None,
        "stranger": UserFactory(),
        "unverified_recruiter": unverified.user,
        "verified_recruiter": verified.user,
        "staff": UserFactory(is_staff=True),
    }


@pytest.fixture
def cvs():
    return {visibility: CVFactory(profile__visibility=visibility) for visibility in VISIBILITIES}


SEARCH = {
    "anonymous": 401,
    "stranger": 403,
    "unverified_recruiter": 403,
    "verified_recruiter": 200,
    "staff": 403,
}


@pytest.mark.parametrize("role", list(SEARCH))
def test_search_matrix(people, cvs, role):
    response = client_for(people[role]).get(TALENT)
    assert response.status_code == SEARCH[role]
    if response.status_code == 200:
        found = {row["id"] for row in response.json()["results"]}
        assert found == {str(cvs["verified_companies"].profile.pk), str(cvs["public"].profile.pk)}
        assert "email" not in str(response.json())
    else:
        assert response.json()["detail"]


def test_the_refusal_tells_an_unverified_recruiter_why(people):
    detail = client_for(people["unverified_recruiter"]).get(TALENT).json()["detail"]
    assert "verified" in detail and "ask staff" in detail


#                 private  verified_companies  public
DOWNLOAD = {
    "anonymous": (401, 401, 401),
    "stranger": (404, 404, 403),
    "unverified_recruiter": (404, 404, 403),
    "verified_recruiter": (404, 200, 200),
    "staff": (404, 404, 403),
    "owner": (200, 200, 200),
}


@pytest.mark.parametrize("visibility", VISIBILITIES)
@pytest.mark.parametrize("role", ROLES)
def test_download_matrix(people, cvs, role, visibility):
    cv = cvs[visibility]
    user = cv.profile.user if role == "owner" else people[role]
    response = client_for(user).get(f"/api/v1/cvs/{cv.pk}/download/")
    expected = DOWNLOAD[role][VISIBILITIES.index(visibility)]
    assert response.status_code == expected
    logged = CVAccess.objects.filter(cv=cv).count()
    if expected == 200 and role != "owner":
        assert logged == 1
        access = CVAccess.objects.get(cv=cv)
        assert access.accessed_by == user and access.organization.name == "Leie Biologics"
    else:
        assert logged == 0


def test_the_download_is_an_attachment_that_is_never_sniffed(people, cvs):
    response = client_for(people["verified_recruiter"]).get(
        f"/api/v1/cvs/{cvs['public'].pk}/download/"
    )
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_downloading_for_an_organization_one_is_not_in_is_refused(people, cvs):
    other = MembershipFactory(organization__verified=True, organization__slug="other-org")
    response = client_for(people["verified_recruiter"]).get(
        f"/api/v1/cvs/{cvs['public'].pk}/download/?organization=other-org"
    )
    assert response.status_code == 403
    assert not CVAccess.objects.exists()
    response = client_for(other.user).get(
        f"/api/v1/cvs/{cvs['public'].pk}/download/?organization=other-org"
    )
    assert response.status_code == 200
    assert CVAccess.objects.get().organization.slug == "other-org"


def test_an_unknown_cv_id_is_a_404(people):
    response = client_for(people["verified_recruiter"]).get(
        "/api/v1/cvs/00000000-0000-0000-0000-000000000000/download/"
    )
    assert response.status_code == 404


def test_the_seeker_sees_who_downloaded(people, cvs, client):
    cv = cvs["verified_companies"]
    client_for(people["verified_recruiter"]).get(f"/api/v1/cvs/{cv.pk}/download/")
    rows = client_for(cv.profile.user).get("/api/v1/me/cv-downloads/").json()["results"]
    assert len(rows) == 1
    assert rows[0]["organization"] == "Leie Biologics"
    assert rows[0]["by"] == people["verified_recruiter"].display_name
    client.force_login(cv.profile.user)
    assert "Leie Biologics" in client.get(reverse("dashboard")).content.decode()
    # Nobody else sees that log.
    assert client_for(people["stranger"]).get("/api/v1/me/cv-downloads/").json()["count"] == 0


class TestSearchFilters:
    @pytest.fixture
    def pool(self):
        recruiter = MembershipFactory(organization__verified=True).user
        TalentProfileFactory(
            headline="Bioinformatician",
            skills=["python", "rna-seq"],
            disciplines=["bioinformatics"],
            education_level="master",
            city="Leuven",
            languages=["en"],
            available_from="2027-06-01",
            summary="Single-cell transcriptomics pipelines.",
        )
        TalentProfileFactory(
            headline="Plant scientist",
            skills=["crispr", "phenotyping"],
            disciplines=["plant_science"],
            education_level="phd",
            city="Ghent",
            languages=["nl", "en", "fr"],
            available_from=None,
            summary="Gene editing of maize.",
        )
        TalentProfileFactory(headline="Hidden", visibility="private", skills=["python"])
        return client_for(recruiter)

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("", {"Bioinformatician", "Plant scientist"}),
            ("q=transcriptomics", {"Bioinformatician"}),
            ("q=CRISPR", {"Plant scientist"}),
            ("skills=python", {"Bioinformatician"}),
            ("skills=crispr,phenotyping", {"Plant scientist"}),
            ("skills=crispr,python", set()),
            ("discipline=plant_science", {"Plant scientist"}),
            ("education=master", {"Bioinformatician"}),
            ("city=ghent", {"Plant scientist"}),
            ("languages=nl,fr", {"Plant scientist"}),
            ("languages=en", {"Bioinformatician", "Plant scientist"}),
            ("available_before=2027-01-01", {"Plant scientist"}),
            ("available_before=2027-12-31", {"Bioinformatician", "Plant scientist"}),
        ],
    )
    def test_filters(self, pool, query, expected):
        response = pool.get(f"{TALENT}?{query}")
        assert response.status_code == 200
        assert {row["headline"] for row in response.json()["results"]} == expected

    @pytest.mark.parametrize(
        ("query", "parameter"),
        [
            ("languages=xx", "languages"),
            ("discipline=alchemy", "discipline"),
            ("education=wizard", "education"),
            ("available_before=someday", "available_before"),
        ],
    )
    def test_unknown_values_are_a_400_naming_the_parameter(self, pool, query, parameter):
        response = pool.get(f"{TALENT}?{query}")
        assert response.status_code == 400
        assert parameter in response.json()


def test_search_query_count_is_constant_in_the_page_size():
    recruiter = MembershipFactory(organization__verified=True).user
    client = client_for(recruiter)
    for _ in range(30):
        CVFactory(profile__visibility="public")

    def count(page_size):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"{TALENT}?page_size={page_size}")
            assert response.status_code == 200
            assert len(response.json()["results"]) == page_size
        return len(queries)

    count(2)
    assert count(3) == count(25)


class TestPages:
    def test_search_page_for_verified_members_only(self, client, people, cvs):
        client.force_login(people["unverified_recruiter"])
        response = client.get(reverse("talent:search"))
        assert response.status_code == 403
        assert "ask staff to verify" in response.content.decode()
        client.force_login(people["verified_recruiter"])
        response = client.get(reverse("talent:search"))
        assert response.status_code == 200
        html = response.content.decode()
        assert cvs["public"].profile.user.display_name in html
        assert cvs["private"].profile.user.display_name not in html
        assert client.get(reverse("talent:search") + "?languages=xx").status_code == 400

    def test_profile_page_and_download(self, client, people, cvs):
        profile = cvs["verified_companies"].profile
        assert client.get(profile.get_absolute_url()).status_code == 404
        client.force_login(people["verified_recruiter"])
        page = client.get(profile.get_absolute_url())
        assert page.status_code == 200
        assert profile.user.email not in page.content.decode()
        response = client.get(
            reverse("talent:cv_download", kwargs={"cv_id": cvs["verified_companies"].pk})
        )
        assert response.status_code == 200 and response["X-Content-Type-Options"] == "nosniff"
        assert CVAccess.objects.count() == 1
        assert (
            client.get(
                reverse("talent:cv_download", kwargs={"cv_id": cvs["private"].pk})
            ).status_code
            == 404
        )

    def test_a_public_profile_page_is_open_but_its_cvs_are_not(self, client, cvs):
        profile = cvs["public"].profile
        page = client.get(profile.get_absolute_url())
        assert page.status_code == 200
        assert "/download/" not in page.content.decode()


def test_the_admin_shows_cv_metadata_but_never_the_file(client):
    cv = CVFactory()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    for url in [
        "/admin/talent/cv/",
        f"/admin/talent/cv/{cv.pk}/change/",
        f"/admin/talent/talentprofile/{cv.profile.pk}/change/",
        "/admin/talent/cvaccess/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert cv.file.name not in html and "/download/" not in html
    assert "cv.pdf" in client.get("/admin/talent/cv/").content.decode()


def test_search_page_query_count_is_constant():
    from django.test import Client

    recruiter = MembershipFactory(organization__verified=True).user
    client = Client()
    client.force_login(recruiter)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("talent:search")).status_code == 200
        return len(queries)

    for _ in range(3):
        CVFactory(profile__visibility="public")
    few = count()
    for _ in range(15):
        CVFactory(profile__visibility="public")
    assert count() == few


def test_search_page_takes_languages_as_checkboxes_and_the_api_as_a_list(client):
    recruiter = MembershipFactory(organization__verified=True).user
    TalentProfileFactory(headline="Polyglot", languages=["nl", "fr", "en"], visibility="public")
    TalentProfileFactory(headline="English only", languages=["en"], visibility="public")
    client.force_login(recruiter)
    page = client.get(reverse("talent:search") + "?languages=nl&languages=fr")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Polyglot" in html and "English only" not in html
    import re

    assert re.search(r'value="nl"[^>]*checked', html)
    assert re.search(r'value="fr"[^>]*checked', html)
    assert not re.search(r'value="de"[^>]*checked', html)
    api = client_for(recruiter)
    found = {r["headline"] for r in api.get(f"{TALENT}?languages=nl,fr").json()["results"]}
    assert found == {"Polyglot"}
    assert client.get(reverse("talent:search") + "?languages=xx").status_code == 400
