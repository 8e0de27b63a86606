"""Moving job alerts from notifications to vacancies keeps every alert and match."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from apps.vacancies.models import JobAlert, JobAlertMatch

BEFORE = [("notifications", "0003_notification_to_an_address"), ("vacancies", "0002_search_index")]
AFTER = [("notifications", "0004_job_alerts_to_vacancies"), ("vacancies", "0003_job_alerts")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_alerts_and_matches_keep_their_rows_when_they_move_to_vacancies():
    old = migrate(BEFORE)
    user = old.get_model("accounts", "User").objects.create(email="seeker@example.org")
    organization = old.get_model("organizations", "Organization").objects.create(
        name="Leie Biologics", slug="leie-biologics", kind="company"
    )
    vacancy = old.get_model("vacancies", "Vacancy").objects.create(
        organization=organization,
        title="Antibody engineer",
        slug="antibody-engineer",
        description="<p>Phage display.</p>",
        city="Ghent",
        workplace="onsite",
        contract="permanent",
        experience="junior",
        discipline="immunology",
    )
    alert = old.get_model("notifications", "JobAlert").objects.create(
        user=user, name="Antibodies", filters={"q": "antibody"}, frequency="instant"
    )
    old.get_model("notifications", "JobAlertMatch").objects.create(alert=alert, vacancy=vacancy)

    new = migrate(AFTER)
    moved = new.get_model("vacancies", "JobAlert").objects.get()
    assert (moved.pk, moved.name, moved.filters) == (alert.pk, "Antibodies", {"q": "antibody"})
    match = new.get_model("vacancies", "JobAlertMatch").objects.get()
    assert (match.alert_id, match.vacancy_id) == (alert.pk, vacancy.pk)
    content_type = new.get_model("contenttypes", "ContentType").objects
    assert not content_type.filter(app_label="notifications", model="jobalert").exists()

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert JobAlert.objects.get().user.email == "seeker@example.org"
    assert JobAlertMatch.objects.get().vacancy.slug == "antibody-engineer"
