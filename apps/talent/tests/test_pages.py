import pytest
from django.urls import reverse

from apps.accounts.tests.factories import UserFactory
from apps.talent.models import CV, TalentProfile
from apps.talent.tests.factories import CVFactory, odt_bytes, upload

pytestmark = pytest.mark.django_db


def test_seeker_fills_in_the_profile(client):
    user = UserFactory()
    client.force_login(user)
    assert client.get(reverse("talent:my_profile")).status_code == 200
    response = client.post(
        reverse("talent:my_profile"),
        {
            "headline": "Process engineer",
            "summary": "GMP manufacturing.",
            "skills": "GMP, Upstream; DSP",
            "disciplines": ["bioprocess"],
            "education_level": "master",
            "years_of_experience": "6",
            "city": "Geel",
            "languages": ["nl", "en"],
            "contract_types": ["permanent"],
            "visibility": "verified_companies",
            "available_from": "",
        },
    )
    assert response.status_code == 302
    profile = TalentProfile.objects.get(user=user)
    assert profile.skills == ["gmp", "upstream", "dsp"]
    assert profile.visibility == "verified_companies"


def test_bad_profile_input_shows_errors_and_changes_nothing(client):
    user = UserFactory()
    TalentProfile.objects.create(user=user, headline="Before")
    client.force_login(user)
    response = client.post(
        reverse("talent:my_profile"),
        {
            "headline": "After",
            "years_of_experience": "-4",
            "languages": ["xx"],
            "visibility": "private",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_years_of_experience_error"' in html and 'id="id_languages_error"' in html
    assert TalentProfile.objects.get(user=user).headline == "Before"


def test_upload_rename_primary_and_delete_on_the_page(client):
    user = UserFactory()
    client.force_login(user)
    assert (
        client.post(
            reverse("talent:my_cvs"), {"file": upload("Mijn CV.odt", odt_bytes())}
        ).status_code
        == 302
    )
    assert (
        client.post(
            reverse("talent:my_cvs"), {"file": upload("second.pdf"), "make_primary": "on"}
        ).status_code
        == 302
    )
    first, second = CV.objects.order_by("uploaded_at")
    assert second.is_primary and not CV.objects.get(pk=first.pk).is_primary
    client.post(
        reverse("talent:my_cv_update", kwargs={"cv_id": first.pk}),
        {"action": "rename", "name": "CV Dutch"},
    )
    assert CV.objects.get(pk=first.pk).original_name == "CV Dutch.odt"
    client.post(reverse("talent:my_cv_update", kwargs={"cv_id": first.pk}), {"action": "delete"})
    assert not CV.objects.filter(pk=first.pk).exists()


def test_a_disguised_file_on_the_page_is_a_400_with_the_error(client):
    client.force_login(UserFactory())
    response = client.post(
        reverse("talent:my_cvs"), {"file": upload("cv.pdf", b"<html><script>x</script>")}
    )
    assert response.status_code == 400
    assert "PDF, Word (DOCX) or OpenDocument" in response.content.decode()
    assert not CV.objects.exists()


def test_another_users_cv_cannot_be_touched_from_the_page(client):
    cv = CVFactory()
    client.force_login(UserFactory())
    assert (
        client.post(
            reverse("talent:my_cv_update", kwargs={"cv_id": cv.pk}), {"action": "delete"}
        ).status_code
        == 404
    )
    assert CV.objects.filter(pk=cv.pk).exists()
