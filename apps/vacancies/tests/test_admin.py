"""The vacancy admin corrects vacancies through vacancy_update, with its rules."""

import pytest

from apps.accounts.tests.factories import UserFactory
from apps.core.models import AuditEntry
from apps.vacancies.tests.factories import published_vacancy

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def change_form(vacancy, **changes) -> dict:
    data = {
        "title": vacancy.title,
        "description": vacancy.description,
        "city": vacancy.city,
        "workplace": vacancy.workplace,
        "contract": vacancy.contract,
        "experience": vacancy.experience,
        "discipline": vacancy.discipline,
        "language": vacancy.language,
        "sectors": ["health"],
        "salary_min": "",
        "salary_max": "",
        "apply_url": "",
        "application_email": "",
        "status_changes-TOTAL_FORMS": "0",
        "status_changes-INITIAL_FORMS": "0",
        "status_changes-MIN_NUM_FORMS": "0",
        "status_changes-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


def test_a_correction_keeps_the_status_and_is_audited(admin_client):
    vacancy = published_vacancy(title="Lab tech")
    response = admin_client.post(
        f"/admin/vacancies/vacancy/{vacancy.pk}/change/", change_form(vacancy, city="Leuven")
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    vacancy.refresh_from_db()
    assert (vacancy.city, vacancy.status) == ("Leuven", "published")
    assert AuditEntry.objects.get(action="vacancy.correct").target_id == str(vacancy.pk)


def test_the_services_rules_show_next_to_the_fields(admin_client):
    vacancy = published_vacancy()
    response = admin_client.post(
        f"/admin/vacancies/vacancy/{vacancy.pk}/change/",
        change_form(vacancy, salary_min="60000", salary_max="50000", description="<script>"),
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "The minimum salary is above the maximum." in errors["salary_min"]
    assert "description" in errors
    vacancy.refresh_from_db()
    assert vacancy.salary_min is None


def test_vacancies_are_not_added_in_the_admin(admin_client):
    assert admin_client.get("/admin/vacancies/vacancy/add/").status_code == 403
