"""The job board's version: PostgreSQL bumps it in the transaction of every write.

Cached counts and facets of the job board are stored under this version (and the next
expiry date), so a publication, a closure, an edit, an organization's new name or an expiry
changes the key at the very moment it commits, whatever wrote it: the services, the admin,
a bulk load or raw SQL. A cache entry is never read after the data it was built from changed.
"""

from django.db import migrations, models

from apps.core.migration_operations import PostgresOnlySQL

BOARD_VERSION = """
CREATE TABLE vacancies_board_version (
    id smallint PRIMARY KEY CHECK (id = 1),
    version bigint NOT NULL
);
INSERT INTO vacancies_board_version (id, version) VALUES (1, 1);

CREATE FUNCTION vacancies_board_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE vacancies_board_version SET version = version + 1 WHERE id = 1;
    RETURN NULL;
END
$$;

-- Once per statement: a bulk load of 100,000 rows bumps it once.
CREATE TRIGGER vacancy_board_version
AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON vacancies_vacancy
FOR EACH STATEMENT EXECUTE FUNCTION vacancies_board_version_bump();

CREATE TRIGGER vacancy_sectors_board_version
AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON vacancies_vacancy_sectors
FOR EACH STATEMENT EXECUTE FUNCTION vacancies_board_version_bump();

-- Lists show the organization's name, city and badges.
CREATE TRIGGER organization_board_version
AFTER UPDATE OR DELETE ON organizations_organization
FOR EACH STATEMENT EXECUTE FUNCTION vacancies_board_version_bump();
"""

BOARD_VERSION_REVERSE = """
DROP TRIGGER IF EXISTS organization_board_version ON organizations_organization;
DROP TRIGGER IF EXISTS vacancy_sectors_board_version ON vacancies_vacancy_sectors;
DROP TRIGGER IF EXISTS vacancy_board_version ON vacancies_vacancy;
DROP FUNCTION IF EXISTS vacancies_board_version_bump();
DROP TABLE IF EXISTS vacancies_board_version;
"""


class Migration(migrations.Migration):
    dependencies = [("vacancies", "0004_search_vector_trigger")]

    operations = [
        PostgresOnlySQL(BOARD_VERSION, BOARD_VERSION_REVERSE),
        # The live list, newest first: LIMIT 20 reads 20 index entries instead of sorting.
        migrations.AddIndex(
            model_name="vacancy",
            index=models.Index(
                models.F("published_at").desc(),
                models.F("id").desc(),
                condition=models.Q(status="published"),
                name="vacancy_live_newest",
            ),
        ),
    ]
