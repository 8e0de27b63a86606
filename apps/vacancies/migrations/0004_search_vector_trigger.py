"""PostgreSQL keeps the search vector of every vacancy itself, whatever writes the row.

A trigger, not a generated column: the vector holds the organization's name, which lives in
another table. Renaming an organization touches its vacancies, which recomputes theirs. The
ORM, bulk inserts, COPY, raw SQL and the admin all get the same vector, and the GIN index
serves the search. Job alert matching searches the same column.
"""

from django.db import migrations

from apps.core.migration_operations import PostgresOnlySQL

VACANCY_VECTOR = """
CREATE FUNCTION vacancy_search_vector_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- The default parser skips HTML tags and entities, so the sanitised description
    -- needs no stripping here.
    NEW.search_vector :=
        setweight(to_tsvector('english', coalesce(NEW.title, '')), 'A')
        || setweight(to_tsvector('simple', coalesce(
            (SELECT name FROM organizations_organization WHERE id = NEW.organization_id), ''
        )), 'B')
        || setweight(to_tsvector('english', coalesce(NEW.description, '')), 'C');
    RETURN NEW;
END
$$;

-- Only when a searched column is written: a status change leaves the vector alone.
CREATE TRIGGER vacancy_search_vector
BEFORE INSERT OR UPDATE OF title, description, organization_id, search_vector
ON vacancies_vacancy FOR EACH ROW EXECUTE FUNCTION vacancy_search_vector_refresh();

CREATE FUNCTION organization_vacancies_search_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Writing the column fires the vacancy trigger, which recomputes the vector.
    UPDATE vacancies_vacancy SET search_vector = NULL WHERE organization_id = NEW.id;
    RETURN NULL;
END
$$;

CREATE TRIGGER organization_name_vacancy_search
AFTER UPDATE OF name ON organizations_organization FOR EACH ROW
WHEN (OLD.name IS DISTINCT FROM NEW.name)
EXECUTE FUNCTION organization_vacancies_search_refresh();

UPDATE vacancies_vacancy SET search_vector = NULL;
"""

VACANCY_VECTOR_REVERSE = """
DROP TRIGGER IF EXISTS organization_name_vacancy_search ON organizations_organization;
DROP FUNCTION IF EXISTS organization_vacancies_search_refresh();
DROP TRIGGER IF EXISTS vacancy_search_vector ON vacancies_vacancy;
DROP FUNCTION IF EXISTS vacancy_search_vector_refresh();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("vacancies", "0003_job_alerts"),
        ("organizations", "0003_invitation"),
    ]

    operations = [PostgresOnlySQL(VACANCY_VECTOR, VACANCY_VECTOR_REVERSE)]
