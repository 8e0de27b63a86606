import re

import pytest
from django.core.files.storage import storages
from rest_framework.test import APIClient

from apps.accounts.tests.factories import UserFactory
from apps.talent import services
from apps.talent.models import CV, TalentProfile
from apps.talent.tests.factories import CVFactory, docx_bytes, odt_bytes, pdf_bytes, upload

pytestmark = pytest.mark.django_db
ME_CVS = "/api/v1/me/cvs/"


def signed_in(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def stored_files() -> list[str]:
    storage = storages["private"]
    if not storage.exists("cvs"):
        return []
    return storage.listdir("cvs")[1]


def raw_multipart(filename: str, content: bytes) -> tuple[bytes, str]:
    """A multipart body with exactly this file name (test clients strip paths)."""
    boundary = "----portal-test-boundary"
    body = (
        (
            f"--{boundary}\r\n"
            f'Content-Disposition: form-data; name="file"; filename="{filename}"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        ).encode()
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return body, f"multipart/form-data; boundary={boundary}"


class TestUpload:
    @pytest.mark.parametrize(
        ("name", "content", "detected"),
        [
            ("cv.pdf", pdf_bytes(), "pdf"),
            ("cv.docx", docx_bytes(), "docx"),
            ("cv.odt", odt_bytes(), "odt"),
            ("no-extension", pdf_bytes(), "pdf"),
            ("misnamed.odt", docx_bytes(), "docx"),
        ],
    )
    def test_real_documents_are_accepted_by_their_content(self, name, content, detected):
        user = UserFactory()
        response = signed_in(user).post(
            ME_CVS, {"file": upload(name, content, "application/octet-stream")}, format="multipart"
        )
        assert response.status_code == 201, response.json()
        body = response.json()
        assert body["type"] == detected
        assert body["name"].endswith(f".{detected}")
        assert body["is_primary"] is True
        cv = CV.objects.get(pk=body["id"])
        assert re.fullmatch(r"cvs/[0-9a-f]{32}\.(pdf|docx|odt)", cv.file.name)
        assert cv.size == len(content)
        assert storages["private"].exists(cv.file.name)

    @pytest.mark.parametrize(
        ("name", "content"),
        [
            ("cv.pdf", b"MZ\x90\x00\x03" + b"\x00" * 200),  # a Windows executable
            ("cv.pdf", b"\x7fELF\x02\x01\x01" + b"\x00" * 200),  # a Linux executable
            ("cv.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>"),
            ("cv.pdf", b"%PDF-1.4 <script>alert(1)</script> but never ends"),
            ("cv.docx", b"PK\x03\x04 not really a zip"),
            ("cv.txt", b"Just some text"),
        ],
    )
    def test_disguised_files_are_refused_and_nothing_is_stored(self, name, content):
        user = UserFactory()
        files_before = stored_files()
        response = signed_in(user).post(ME_CVS, {"file": upload(name, content)}, format="multipart")
        assert response.status_code == 400
        assert "file" in response.json()
        assert not CV.objects.exists()
        assert stored_files() == files_before

    def test_a_zip_that_is_not_a_document_is_refused(self):
        import io
        import zipfile

        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("payload.exe", b"MZ")
        response = signed_in(UserFactory()).post(
            ME_CVS, {"file": upload("cv.docx", buffer.getvalue())}, format="multipart"
        )
        assert response.status_code == 400

    def test_an_empty_file_is_refused(self):
        response = signed_in(UserFactory()).post(
            ME_CVS, {"file": upload("cv.pdf", b"")}, format="multipart"
        )
        assert response.status_code == 400
        assert "empty" in str(response.json()["file"])
        assert not CV.objects.exists()

    def test_an_11_mb_file_is_refused(self):
        content = pdf_bytes()[:-6] + b"\n" * (11 * 1024 * 1024) + b"%%EOF\n"
        files_before = stored_files()
        response = signed_in(UserFactory()).post(
            ME_CVS, {"file": upload("big.pdf", content)}, format="multipart"
        )
        assert response.status_code == 400
        assert "10 MB" in str(response.json()["file"])
        assert stored_files() == files_before

    @pytest.mark.parametrize(
        "filename", ["../../etc/cv.pdf", "..\\\\windows\\\\cv.pdf", "/tmp/cv.pdf"]
    )
    def test_a_file_name_with_a_path_is_refused(self, filename):
        body, content_type = raw_multipart(filename, pdf_bytes())
        response = signed_in(UserFactory()).generic("POST", ME_CVS, body, content_type=content_type)
        assert response.status_code == 400
        assert "path" in response.json()["detail"]
        assert not CV.objects.exists()

    def test_a_name_given_with_a_path_is_refused(self):
        response = signed_in(UserFactory()).post(
            ME_CVS, {"file": upload(), "name": "../secret.pdf"}, format="multipart"
        )
        assert response.status_code == 400 and "name" in response.json()

    def test_needs_sign_in(self):
        assert APIClient().post(ME_CVS, {"file": upload()}, format="multipart").status_code == 401


class TestManage:
    def test_list_rename_primary_delete(self, django_capture_on_commit_callbacks):
        user = UserFactory()
        client = signed_in(user)
        first = client.post(ME_CVS, {"file": upload("first.pdf")}, format="multipart").json()
        second = client.post(
            ME_CVS, {"file": upload("second.docx", docx_bytes())}, format="multipart"
        ).json()
        assert second["is_primary"] is False
        listed = client.get(ME_CVS).json()["results"]
        assert [row["name"] for row in listed] == ["first.pdf", "second.docx"]

        response = client.patch(
            f"{ME_CVS}{second['id']}/", {"name": "Sofie CV 2026", "is_primary": True}
        )
        assert response.status_code == 200
        assert response.json()["name"] == "Sofie CV 2026.docx" and response.json()["is_primary"]
        assert not CV.objects.get(pk=first["id"]).is_primary

        stored = CV.objects.get(pk=second["id"]).file.name
        with django_capture_on_commit_callbacks(execute=True):
            assert client.delete(f"{ME_CVS}{second['id']}/").status_code == 204
        assert not storages["private"].exists(stored)
        assert CV.objects.get(pk=first["id"]).is_primary  # the remaining CV takes over

    def test_another_users_cv_is_a_404_and_unchanged(self):
        cv = CVFactory()
        client = signed_in(UserFactory())
        assert client.patch(f"{ME_CVS}{cv.pk}/", {"name": "mine"}).status_code == 404
        assert client.delete(f"{ME_CVS}{cv.pk}/").status_code == 404
        cv.refresh_from_db()
        assert cv.original_name == "cv.pdf"
        assert storages["private"].exists(cv.file.name)

    def test_rename_with_a_path_is_refused(self):
        cv = CVFactory()
        response = signed_in(cv.profile.user).patch(f"{ME_CVS}{cv.pk}/", {"name": "a/b"})
        assert response.status_code == 400
        cv.refresh_from_db()
        assert cv.original_name == "cv.pdf"


class TestProfile:
    url = "/api/v1/me/profile/"

    def test_get_creates_a_private_profile_and_patch_edits_it(self):
        user = UserFactory()
        client = signed_in(user)
        assert client.get(self.url).json()["visibility"] == "private"
        response = client.patch(
            self.url,
            {
                "headline": "Bioinformatician",
                "skills": [" Python ", "RNA-seq", "python"],
                "languages": ["nl", "en"],
                "disciplines": ["bioinformatics"],
                "years_of_experience": 3,
                "available_from": "2027-02-01",
                "contract_types": ["permanent", "postdoc"],
                "visibility": "verified_companies",
                "education_level": "phd",
                "city": "Leuven",
            },
            format="json",
        )
        assert response.status_code == 200, response.json()
        profile = TalentProfile.objects.get(user=user)
        assert profile.skills == ["python", "rna-seq"]
        assert profile.visibility == "verified_companies"

    @pytest.mark.parametrize(
        ("payload", "field"),
        [
            ({"languages": ["xx"]}, "languages"),
            ({"languages": ["klingon"]}, "languages"),
            ({"years_of_experience": -1}, "years_of_experience"),
            ({"years_of_experience": 99}, "years_of_experience"),
            ({"visibility": "everyone"}, "visibility"),
            ({"education_level": "wizard"}, "education_level"),
            ({"disciplines": ["alchemy"]}, "disciplines"),
            ({"available_from": "soon"}, "available_from"),
            ({"skills": ["x"] * 41}, "skills"),
        ],
    )
    def test_bad_input_is_a_400_and_nothing_changes(self, payload, field):
        user = UserFactory()
        TalentProfile.objects.create(user=user, headline="Before")
        response = signed_in(user).patch(self.url, payload, format="json")
        assert response.status_code == 400
        assert field in response.json()
        profile = TalentProfile.objects.get(user=user)
        assert profile.headline == "Before" and profile.years_of_experience == 0

    def test_the_service_refuses_what_the_api_would(self):
        from apps.core.exceptions import ServiceError

        user = UserFactory()
        with pytest.raises(ServiceError):
            services.talent_profile_update(user=user, languages=["xx"])
        with pytest.raises(ServiceError):
            services.talent_profile_update(user=user, years_of_experience=-2)
