from django.db import migrations

from apps.core.migration_operations import PostgresOnlySQL


class Migration(migrations.Migration):
    dependencies = [("vacancies", "0001_initial")]

    operations = [
        PostgresOnlySQL(
            "CREATE INDEX vacancy_search_vector_gin ON vacancies_vacancy USING gin (search_vector);",
            "DROP INDEX IF EXISTS vacancy_search_vector_gin;",
        )
    ]
