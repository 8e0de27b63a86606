"""The job board's listing: the narrow copy of every published vacancy that the board reads.

A vacancy row is wide (its description and search vector fill most of a page), so a search
for a common word, which must count and facet every match, read tens of thousands of wide
rows. The listing holds only what the board searches, counts and facets: the facet columns,
the sectors as an array, the dates and the search vector. It is a third of the size and
stays in memory.

PostgreSQL keeps it, in the statement of every write to a vacancy or to its sectors: the
ORM, the admin, COPY and raw SQL alike (statement triggers with transition tables, so a bulk
load is one INSERT). It holds published vacancies only; the board filters expired ones by
their date, as before. The embedded default (SQLite) has no listing and searches the
vacancy table.
"""

import django.contrib.postgres.fields
import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

from apps.core.migration_operations import PostgresOnlySQL

# What the board reads of a vacancy besides its id and sectors.
LISTED = [
    "organization_id",
    "published_at",
    "expires_at",
    "contract",
    "experience",
    "workplace",
    "discipline",
    "city",
    "search_vector",
]


def _columns(prefix: str = "") -> str:
    return ", ".join(f"{prefix}{column}" for column in LISTED)


BOARD_LISTING = """
-- A filter's value as a word no text can contain (the parser splits at "_"): the kind of
-- filter, then 8 hex digits of the value as the filter compares it (upper case, as
-- `iexact` does). Different values may share a token: the filters still compare the
-- columns, and the tokens only let the GIN index narrow the words' matches first.
CREATE FUNCTION vacancies_board_filter_token(kind text, value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT kind || '_' || left(md5(upper(value)), 8)
$$;

CREATE FUNCTION vacancies_board_filter_tokens(
    contract text, experience text, workplace text, discipline text, city text,
    organization bigint, sectors varchar(32)[]
) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT array_to_tsvector(ARRAY[
        vacancies_board_filter_token('contract', contract),
        vacancies_board_filter_token('experience', experience),
        vacancies_board_filter_token('workplace', workplace),
        vacancies_board_filter_token('discipline', discipline),
        vacancies_board_filter_token('city', city),
        vacancies_board_filter_token('organization', organization::text)
    ] || ARRAY(
        SELECT vacancies_board_filter_token('sector', sector) FROM unnest(sectors) AS sector
    ))
$$;

-- The filters chosen with the words, as one query of tokens ("a & b").
CREATE FUNCTION vacancies_board_filter_query(kinds text[], filter_values text[])
RETURNS tsquery LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT array_to_string(ARRAY(
        SELECT vacancies_board_filter_token(kind, value)
        FROM unnest(kinds, filter_values) AS chosen(kind, value)
    ), ' & ')::tsquery
$$;

CREATE TABLE vacancies_board_listing (
    vacancy_id bigint PRIMARY KEY,
    organization_id bigint NOT NULL,
    published_at timestamp with time zone,
    expires_at timestamp with time zone,
    contract varchar(16) NOT NULL,
    experience varchar(16) NOT NULL,
    workplace varchar(16) NOT NULL,
    discipline varchar(32) NOT NULL,
    city varchar(100) NOT NULL,
    sectors varchar(32)[] NOT NULL DEFAULT '{{}}',
    search_vector tsvector
);

-- The list, newest first; an organization's list; the words, the filters with words; a city.
CREATE INDEX board_listing_newest
    ON vacancies_board_listing (published_at DESC, vacancy_id DESC);
CREATE INDEX board_listing_organization
    ON vacancies_board_listing (organization_id, published_at DESC, vacancy_id DESC);
CREATE INDEX board_listing_search_vector_gin
    ON vacancies_board_listing USING gin (search_vector);
-- An index on the tokens computed from the row, not a column: the rows stay narrow.
CREATE INDEX board_listing_filter_tokens_gin ON vacancies_board_listing USING gin (
    vacancies_board_filter_tokens(
        contract, experience, workplace, discipline, city, organization_id, sectors
    )
);
-- The city filter (case-insensitive).
CREATE INDEX board_listing_city ON vacancies_board_listing (upper(city::text));
-- Counts and facets without words read this index alone (index-only scans).
CREATE INDEX board_listing_facets ON vacancies_board_listing (expires_at)
    INCLUDE (vacancy_id, published_at, contract, experience, workplace, discipline, city,
             organization_id, sectors);

CREATE FUNCTION vacancies_board_listing_sectors(vacancy bigint) RETURNS varchar(32)[]
LANGUAGE sql STABLE AS $$
    SELECT coalesce(array_agg(sector_id ORDER BY sector_id), '{{}}')
    FROM vacancies_vacancy_sectors WHERE vacancy_id = vacancy
$$;

-- One function for the four events; each branch reads only the transition tables its event
-- has (PL/pgSQL prepares a statement when it first runs it).
CREATE FUNCTION vacancies_board_listing_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        DELETE FROM vacancies_board_listing;
        RETURN NULL;
    END IF;
    IF TG_OP = 'DELETE' THEN
        DELETE FROM vacancies_board_listing AS listing
        USING old_vacancies AS previous WHERE listing.vacancy_id = previous.id;
        RETURN NULL;
    END IF;
    IF TG_OP = 'UPDATE' THEN
        -- No longer published (or no longer there under this id).
        DELETE FROM vacancies_board_listing AS listing
        USING old_vacancies AS previous
        WHERE listing.vacancy_id = previous.id
          AND NOT EXISTS (
              SELECT 1 FROM new_vacancies AS vacancy
              WHERE vacancy.id = previous.id AND vacancy.status = 'published'
          );
        INSERT INTO vacancies_board_listing (vacancy_id, {LISTED}, sectors)
        SELECT vacancy.id, {NEW_LISTED}, vacancies_board_listing_sectors(vacancy.id)
        FROM new_vacancies AS vacancy
        LEFT JOIN old_vacancies AS previous ON previous.id = vacancy.id
        WHERE vacancy.status = 'published'
          -- A write that leaves every listed column as it was leaves the listing alone.
          AND (previous.id IS NULL OR previous.status <> 'published'
               OR ({OLD_LISTED}) IS DISTINCT FROM ({NEW_LISTED}))
        ON CONFLICT (vacancy_id) DO UPDATE SET
            {UPSERT};
        RETURN NULL;
    END IF;
    INSERT INTO vacancies_board_listing (vacancy_id, {LISTED}, sectors)
    SELECT vacancy.id, {NEW_LISTED}, vacancies_board_listing_sectors(vacancy.id)
    FROM new_vacancies AS vacancy
    WHERE vacancy.status = 'published'
    ON CONFLICT (vacancy_id) DO UPDATE SET
        {UPSERT};
    RETURN NULL;
END
$$;

CREATE TRIGGER vacancy_board_listing_insert AFTER INSERT ON vacancies_vacancy
REFERENCING NEW TABLE AS new_vacancies
FOR EACH STATEMENT EXECUTE FUNCTION vacancies_board_listing_refresh();
CREATE TRIGGER vacancy_board_listing_update AFTER UPDATE ON vacancies_vacancy
REFERENCING OLD TABLE AS old_vacancies NEW TABLE AS new_vacancies
FOR EACH STATEMENT EXECUTE FUNCTION vacancies_board_listing_refresh();
CREATE TRIGGER vacancy_board_listing_delete AFTER DELETE ON vacancies_vacancy
REFERENCING OLD TABLE AS old_vacancies
FOR EACH STATEMENT EXECUTE FUNCTION vacancies_board_listing_refresh();
CREATE TRIGGER vacancy_board_listing_truncate AFTER TRUNCATE ON vacancies_vacancy
FOR EACH STATEMENT EXECUTE FUNCTION vacancies_board_listing_refresh();

CREATE FUNCTION vacancies_board_listing_sectors_refresh() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        UPDATE vacancies_board_listing SET sectors = '{{}}' WHERE sectors <> '{{}}';
        RETURN NULL;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        UPDATE vacancies_board_listing
        SET sectors = vacancies_board_listing_sectors(vacancy_id)
        WHERE vacancy_id IN (SELECT vacancy_id FROM new_links);
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        UPDATE vacancies_board_listing
        SET sectors = vacancies_board_listing_sectors(vacancy_id)
        WHERE vacancy_id IN (SELECT vacancy_id FROM old_links);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER vacancy_sectors_board_listing_insert AFTER INSERT ON vacancies_vacancy_sectors
REFERENCING NEW TABLE AS new_links
FOR EACH STATEMENT EXECUTE FUNCTION vacancies_board_listing_sectors_refresh();
CREATE TRIGGER vacancy_sectors_board_listing_update AFTER UPDATE ON vacancies_vacancy_sectors
REFERENCING OLD TABLE AS old_links NEW TABLE AS new_links
FOR EACH STATEMENT EXECUTE FUNCTION vacancies_board_listing_sectors_refresh();
CREATE TRIGGER vacancy_sectors_board_listing_delete AFTER DELETE ON vacancies_vacancy_sectors
REFERENCING OLD TABLE AS old_links
FOR EACH STATEMENT EXECUTE FUNCTION vacancies_board_listing_sectors_refresh();
CREATE TRIGGER vacancy_sectors_board_listing_truncate
AFTER TRUNCATE ON vacancies_vacancy_sectors
FOR EACH STATEMENT EXECUTE FUNCTION vacancies_board_listing_sectors_refresh();

-- The vacancies published before this migration.
INSERT INTO vacancies_board_listing (vacancy_id, {LISTED}, sectors)
SELECT vacancy.id, {NEW_LISTED}, vacancies_board_listing_sectors(vacancy.id)
FROM vacancies_vacancy AS vacancy WHERE vacancy.status = 'published';
ANALYZE vacancies_board_listing;
"""

BOARD_LISTING = BOARD_LISTING.format(
    LISTED=_columns(),
    NEW_LISTED=_columns("vacancy."),
    OLD_LISTED=_columns("previous."),
    UPSERT=",\n        ".join(f"{c} = EXCLUDED.{c}" for c in [*LISTED, "sectors"]),
)

BOARD_LISTING_REVERSE = """
DROP TRIGGER IF EXISTS vacancy_sectors_board_listing_truncate ON vacancies_vacancy_sectors;
DROP TRIGGER IF EXISTS vacancy_sectors_board_listing_delete ON vacancies_vacancy_sectors;
DROP TRIGGER IF EXISTS vacancy_sectors_board_listing_update ON vacancies_vacancy_sectors;
DROP TRIGGER IF EXISTS vacancy_sectors_board_listing_insert ON vacancies_vacancy_sectors;
DROP FUNCTION IF EXISTS vacancies_board_listing_sectors_refresh();
DROP TRIGGER IF EXISTS vacancy_board_listing_truncate ON vacancies_vacancy;
DROP TRIGGER IF EXISTS vacancy_board_listing_delete ON vacancies_vacancy;
DROP TRIGGER IF EXISTS vacancy_board_listing_update ON vacancies_vacancy;
DROP TRIGGER IF EXISTS vacancy_board_listing_insert ON vacancies_vacancy;
DROP FUNCTION IF EXISTS vacancies_board_listing_refresh();
DROP FUNCTION IF EXISTS vacancies_board_listing_sectors(bigint);
DROP TABLE IF EXISTS vacancies_board_listing;
DROP FUNCTION IF EXISTS vacancies_board_filter_query(text[], text[]);
DROP FUNCTION IF EXISTS vacancies_board_filter_tokens(
    text, text, text, text, text, bigint, varchar(32)[]
);
DROP FUNCTION IF EXISTS vacancies_board_filter_token(text, text);
"""


class Migration(migrations.Migration):
    dependencies = [("vacancies", "0013_retention_and_consents")]

    operations = [
        migrations.CreateModel(
            name="BoardListing",
            fields=[
                (
                    "vacancy",
                    models.OneToOneField(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="vacancies.vacancy",
                    ),
                ),
                ("published_at", models.DateTimeField(null=True)),
                ("expires_at", models.DateTimeField(null=True)),
                ("contract", models.CharField(max_length=16)),
                ("experience", models.CharField(max_length=16)),
                ("workplace", models.CharField(max_length=16)),
                ("discipline", models.CharField(max_length=32)),
                ("city", models.CharField(max_length=100)),
                (
                    "sectors",
                    django.contrib.postgres.fields.ArrayField(
                        base_field=models.CharField(max_length=32), default=list, size=None
                    ),
                ),
                (
                    "search_vector",
                    django.contrib.postgres.search.SearchVectorField(null=True),
                ),
                (
                    "organization",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="organizations.organization",
                    ),
                ),
            ],
            options={"db_table": "vacancies_board_listing", "managed": False},
        ),
        PostgresOnlySQL(BOARD_LISTING, BOARD_LISTING_REVERSE),
    ]
