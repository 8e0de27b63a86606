"""The directory's full-text index on SQLite (see apps/core/sqlite_search.py).

Columns weighted as the PostgreSQL vector: name, then city, then description.
"""

from apps.core.sqlite_search import SqliteFullTextIndex

ORGANIZATION_INDEX = SqliteFullTextIndex(
    name="organizations_organization_fts",
    columns=("name", "city", "description"),
    source_sql="SELECT id, name, city, description FROM organizations_organization",
    triggers=(
        """CREATE TRIGGER organizations_organization_fts_insert
        AFTER INSERT ON organizations_organization BEGIN
            INSERT INTO organizations_organization_fts (rowid, name, city, description)
            VALUES (new.id, new.name, new.city, new.description);
        END""",
        """CREATE TRIGGER organizations_organization_fts_update
        AFTER UPDATE OF name, city, description ON organizations_organization BEGIN
            DELETE FROM organizations_organization_fts WHERE rowid = old.id;
            INSERT INTO organizations_organization_fts (rowid, name, city, description)
            VALUES (new.id, new.name, new.city, new.description);
        END""",
        """CREATE TRIGGER organizations_organization_fts_delete
        AFTER DELETE ON organizations_organization BEGIN
            DELETE FROM organizations_organization_fts WHERE rowid = old.id;
        END""",
    ),
)
# Name counts most, as weight A does on PostgreSQL (A 1.0, B 0.4, C 0.2).
ORGANIZATION_WEIGHTS = (10.0, 4.0, 2.0)
