"""The job board's full-text index on SQLite (see apps/core/sqlite_search.py).

Columns weighted as the PostgreSQL vector: title, then organization name, then description.
"""

from apps.core.sqlite_search import SqliteFullTextIndex

VACANCY_INDEX = SqliteFullTextIndex(
    name="vacancies_vacancy_fts",
    columns=("title", "organization", "description"),
    source_sql=(
        "SELECT v.id, v.title, o.name, v.description_markdown FROM vacancies_vacancy v "
        "JOIN organizations_organization o ON o.id = v.organization_id"
    ),
    triggers=(
        """CREATE TRIGGER vacancies_vacancy_fts_insert AFTER INSERT ON vacancies_vacancy BEGIN
            INSERT INTO vacancies_vacancy_fts (rowid, title, organization, description)
            VALUES (new.id, new.title,
                (SELECT name FROM organizations_organization WHERE id = new.organization_id),
                new.description_markdown);
        END""",
        """CREATE TRIGGER vacancies_vacancy_fts_update
        AFTER UPDATE OF title, organization_id, description_markdown ON vacancies_vacancy BEGIN
            DELETE FROM vacancies_vacancy_fts WHERE rowid = old.id;
            INSERT INTO vacancies_vacancy_fts (rowid, title, organization, description)
            VALUES (new.id, new.title,
                (SELECT name FROM organizations_organization WHERE id = new.organization_id),
                new.description_markdown);
        END""",
        """CREATE TRIGGER vacancies_vacancy_fts_delete AFTER DELETE ON vacancies_vacancy BEGIN
            DELETE FROM vacancies_vacancy_fts WHERE rowid = old.id;
        END""",
        """CREATE TRIGGER vacancies_vacancy_fts_organization
        AFTER UPDATE OF name ON organizations_organization BEGIN
            UPDATE vacancies_vacancy_fts SET organization = new.name
            WHERE rowid IN (SELECT id FROM vacancies_vacancy WHERE organization_id = new.id);
        END""",
    ),
)
# Title counts most, as weight A does on PostgreSQL (A 1.0, B 0.4, C 0.2).
VACANCY_WEIGHTS = (10.0, 4.0, 2.0)
