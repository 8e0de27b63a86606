"""The directory's full-text index on SQLite (see apps/core/sqlite_search.py).

Columns weighted as the PostgreSQL vector: name, then city, then description, the last in
every language it is written in (one column of the index).
"""

from apps.core.sqlite_search import SqliteFullTextIndex

# The description in English, Dutch and French (see translation.py), as one text.
_LANGUAGES = ("en", "nl", "fr")
DESCRIPTIONS = " || ' ' || ".join(f"coalesce(description_{code}, '')" for code in _LANGUAGES)
NEW_DESCRIPTIONS = " || ' ' || ".join(
    f"coalesce(new.description_{code}, '')" for code in _LANGUAGES
)

ORGANIZATION_INDEX = SqliteFullTextIndex(
    name="organizations_organization_fts",
    columns=("name", "city", "description"),
    # The description in English, Dutch and French (translation.py), as one text.
    source_sql=(
        "SELECT id, name, city, coalesce(description_en, '') || ' ' || "
        "coalesce(description_nl, '') || ' ' || coalesce(description_fr, '') "
        "FROM organizations_organization"
    ),
    triggers=(
        """CREATE TRIGGER organizations_organization_fts_insert
        AFTER INSERT ON organizations_organization BEGIN
            INSERT INTO organizations_organization_fts (rowid, name, city, description)
            VALUES (new.id, new.name, new.city, coalesce(new.description_en, '') || ' '
                || coalesce(new.description_nl, '') || ' ' || coalesce(new.description_fr, ''));
        END""",
        """CREATE TRIGGER organizations_organization_fts_update
        AFTER UPDATE OF name, city, description_en, description_nl, description_fr
        ON organizations_organization BEGIN
            DELETE FROM organizations_organization_fts WHERE rowid = old.id;
            INSERT INTO organizations_organization_fts (rowid, name, city, description)
            VALUES (new.id, new.name, new.city, coalesce(new.description_en, '') || ' '
                || coalesce(new.description_nl, '') || ' ' || coalesce(new.description_fr, ''));
        END""",
        """CREATE TRIGGER organizations_organization_fts_delete
        AFTER DELETE ON organizations_organization BEGIN
            DELETE FROM organizations_organization_fts WHERE rowid = old.id;
        END""",
    ),
)
# Name counts most, as weight A does on PostgreSQL (A 1.0, B 0.4, C 0.2).
ORGANIZATION_WEIGHTS = (10.0, 4.0, 2.0)
