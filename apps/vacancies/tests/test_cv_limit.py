"""Applying with a new file counts against the 20 CVs a person may keep."""

import pytest
from rest_framework.test import APIClient

from apps.talent.files import CVS_PER_PERSON
from apps.talent.models import CV
from apps.talent.tests.factories import CVFactory, TalentProfileFactory, upload
from apps.vacancies.tests.factories import published_vacancy

pytestmark = pytest.mark.django_db


def test_an_application_with_a_new_file_is_refused_at_the_limit():
    profile = TalentProfileFactory()
    CVFactory.create_batch(CVS_PER_PERSON, profile=profile, is_primary=False)
    vacancy = published_vacancy()
    client = APIClient()
    client.force_authenticate(profile.user)
    response = client.post(
        f"/api/v1/vacancies/{vacancy.slug}/applications/",
        {"file": upload("for-this-job.pdf"), "cover_letter": "Hello"},
        format="multipart",
    )
    assert response.status_code == 400
    assert not vacancy.applications.exists()
    assert CV.objects.filter(profile=profile).count() == CVS_PER_PERSON
    existing = CV.objects.filter(profile=profile).first()
    response = client.post(
        f"/api/v1/vacancies/{vacancy.slug}/applications/", {"cv": str(existing.pk)}
    )
    assert response.status_code == 201, response.json()
