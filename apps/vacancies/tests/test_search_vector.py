"""PostgreSQL keeps each vacancy's search vector, whatever writes the row."""

import pytest
from django.db import connection
from django.utils import timezone

from apps.accounts.tests.factories import UserFactory
from apps.organizations.tests.factories import OrganizationFactory
from apps.vacancies.alerts import job_alerts_match
from apps.vacancies.models import JobAlert, JobAlertMatch, Vacancy, VacancyStatus
from apps.vacancies.selectors import live_vacancies, vacancy_search
from apps.vacancies.tests.factories import published_vacancy

pytestmark = pytest.mark.django_db


def found(words: str) -> list[str]:
    return sorted(vacancy_search(live_vacancies(), words).values_list("slug", flat=True))


def bulk_vacancies(organization, titles: list[str]) -> list[Vacancy]:
    now = timezone.now()
    return Vacancy.objects.bulk_create(
        Vacancy(
            organization=organization,
            title=title,
            slug=f"bulk-{index}",
            description="<p>Work in <strong>our</strong> lab &amp; the cleanroom.</p>",
            city="Ghent",
            workplace="onsite",
            contract="permanent",
            experience="medior",
            discipline="chemistry",
            status=VacancyStatus.PUBLISHED,
            published_at=now,
            expires_at=now + timezone.timedelta(days=30),
        )
        for index, title in enumerate(titles)
    )


def test_a_bulk_insert_is_searchable_at_once():
    organization = OrganizationFactory(name="Kempen Peptides", verified=True)
    bulk_vacancies(organization, ["Peptide chemist", "Cleanroom operator"])
    assert Vacancy.objects.filter(search_vector__isnull=True).count() == 0
    assert found("peptide chemist") == ["bulk-0"]
    assert found("cleanroom") == ["bulk-0", "bulk-1"]  # the description, tags left out
    assert found("kempen") == ["bulk-0", "bulk-1"]  # the organization's name
    assert found("strong") == []  # HTML tags are not words


def test_a_raw_update_refreshes_the_vector():
    vacancy = published_vacancy(title="Lab technician")
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE vacancies_vacancy SET title = %s WHERE id = %s",
            ["Cryo-EM specialist", vacancy.pk],
        )
    assert found("cryo-em") == [vacancy.slug]
    assert found("technician") == []


def test_a_status_change_keeps_the_vector():
    vacancy = published_vacancy(title="Flow cytometry scientist")
    Vacancy.objects.filter(pk=vacancy.pk).update(status=VacancyStatus.CLOSED)
    assert Vacancy.objects.get(pk=vacancy.pk).search_vector is not None


def test_renaming_the_organization_renames_it_in_the_search():
    organization = OrganizationFactory(name="Old Name Biotech", verified=True)
    vacancy = published_vacancy(organization=organization, title="Technician")
    OrganizationFactory._meta.model.objects.filter(pk=organization.pk).update(
        name="Scheldt Antibodies"
    )
    assert found("scheldt") == [vacancy.slug]
    assert found("old name") == []


def test_an_admin_edit_refreshes_the_vector(client):
    vacancy = published_vacancy(title="Lab technician")
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = f"/admin/vacancies/vacancy/{vacancy.pk}/change/"
    response = client.get(url)
    form = response.context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    for formset in response.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        for name in management.fields:
            data[f"{management.prefix}-{name}"] = management[name].value()
    data["title"] = "Mass spectrometry expert"
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert found("spectrometry") == [vacancy.slug]
    assert found("technician") == []


def test_job_alert_matching_searches_the_same_vector():
    organization = OrganizationFactory(name="Leie Vaccines", verified=True)
    created = bulk_vacancies(organization, ["mRNA formulation scientist", "Warehouse lead"])
    alert = JobAlert.objects.create(user=UserFactory(), name="mRNA", filters={"q": "mrna"})
    job_alerts_match(vacancy_ids=[v.pk for v in created])
    assert list(JobAlertMatch.objects.filter(alert=alert).values_list("vacancy_id", flat=True)) == [
        created[0].pk
    ]


def test_the_vector_has_a_gin_index():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'vacancies_vacancy'"
            " AND indexdef ILIKE '%%gin%%search_vector%%'"
        )
        assert cursor.fetchone() is not None
