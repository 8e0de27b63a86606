"""Every vacancy has a language (en, nl or fr), and PostgreSQL stems its words in it.

The vector's trigger builds the title and description with the text-search configuration of
the vacancy's language (english, dutch or french); the organization's name stays `simple`.
The job board's query matches the words as each of the three languages stems them
(`apps.vacancies.selectors.vacancy_search_query`).

French needs one more step. Its Snowball stemmer leaves the feminine of a job title apart
from the masculine: "chercheuses" stems to "chercheux" and "chercheur" to "chercheur",
"directrice" to "directric" and "directeur" to "directeur", "active" to "activ" and "actif"
to "actif". `vacancies_french_words` rewrites those feminine endings (-euse, -trice, -ive,
singular and plural) to the masculine before stemming, in the vectors and in the queries
alike, so either form finds both. A synonym or thesaurus dictionary would need files in the
database server's own directory; a function travels with the migrations.

The board's listing carries the language too, as a facet: its counts, the covering index
that counts and facets read, and the counts PostgreSQL keeps of the whole board.

Existing vacancies were all written for an English board: they become English, which is
also what their vectors were built with.
"""

from django.db import migrations, models

from apps.core.migration_operations import PostgresOnlySQL

FRENCH_WORDS = r"""
CREATE FUNCTION vacancies_french_words(words text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT regexp_replace(regexp_replace(regexp_replace(words,
        '(\w\w)euses?\M', '\1eur', 'gi'),
        '(\w\w)trices?\M', '\1teur', 'gi'),
        '(\w\w)ives?\M', '\1if', 'gi')
$$;
"""

VECTOR_BY_LANGUAGE = """
CREATE OR REPLACE FUNCTION vacancy_search_vector_refresh() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    config regconfig := CASE NEW.language
        WHEN 'nl' THEN 'dutch'::regconfig
        WHEN 'fr' THEN 'french'::regconfig
        ELSE 'english'::regconfig
    END;
    title text := coalesce(NEW.title, '');
    description text := coalesce(NEW.description, '');
BEGIN
    IF NEW.language = 'fr' THEN
        title := vacancies_french_words(title);
        description := vacancies_french_words(description);
    END IF;
    -- The default parser skips HTML tags and entities, so the sanitised description
    -- needs no stripping here.
    NEW.search_vector :=
        setweight(to_tsvector(config, title), 'A')
        || setweight(to_tsvector('simple', coalesce(
            (SELECT name FROM organizations_organization WHERE id = NEW.organization_id), ''
        )), 'B')
        || setweight(to_tsvector(config, description), 'C');
    RETURN NEW;
END
$$;

DROP TRIGGER vacancy_search_vector ON vacancies_vacancy;
CREATE TRIGGER vacancy_search_vector
BEFORE INSERT OR UPDATE OF title, description, language, organization_id, search_vector
ON vacancies_vacancy FOR EACH ROW EXECUTE FUNCTION vacancy_search_vector_refresh();
"""

VECTOR_ENGLISH_ONLY = """
CREATE OR REPLACE FUNCTION vacancy_search_vector_refresh() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector('english', coalesce(NEW.title, '')), 'A')
        || setweight(to_tsvector('simple', coalesce(
            (SELECT name FROM organizations_organization WHERE id = NEW.organization_id), ''
        )), 'B')
        || setweight(to_tsvector('english', coalesce(NEW.description, '')), 'C');
    RETURN NEW;
END
$$;

DROP TRIGGER vacancy_search_vector ON vacancies_vacancy;
CREATE TRIGGER vacancy_search_vector
BEFORE INSERT OR UPDATE OF title, description, organization_id, search_vector
ON vacancies_vacancy FOR EACH ROW EXECUTE FUNCTION vacancy_search_vector_refresh();
"""

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


def _listing_refresh(listed: list[str]) -> str:
    """The listing's trigger function (the `board_listing` migration) over these columns."""

    def columns(prefix: str = "") -> str:
        return ", ".join(f"{prefix}{column}" for column in listed)

    upsert = ",\n        ".join(f"{c} = EXCLUDED.{c}" for c in [*listed, "sectors"])
    return f"""
CREATE OR REPLACE FUNCTION vacancies_board_listing_refresh() RETURNS trigger
LANGUAGE plpgsql AS $$
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
        DELETE FROM vacancies_board_listing AS listing
        USING old_vacancies AS previous
        WHERE listing.vacancy_id = previous.id
          AND NOT EXISTS (
              SELECT 1 FROM new_vacancies AS vacancy
              WHERE vacancy.id = previous.id AND vacancy.status = 'published'
          );
        INSERT INTO vacancies_board_listing (vacancy_id, {columns()}, sectors)
        SELECT vacancy.id, {columns("vacancy.")}, vacancies_board_listing_sectors(vacancy.id)
        FROM new_vacancies AS vacancy
        LEFT JOIN old_vacancies AS previous ON previous.id = vacancy.id
        WHERE vacancy.status = 'published'
          AND (previous.id IS NULL OR previous.status <> 'published'
               OR ({columns("previous.")}) IS DISTINCT FROM ({columns("vacancy.")}))
        ON CONFLICT (vacancy_id) DO UPDATE SET
        {upsert};
        RETURN NULL;
    END IF;
    INSERT INTO vacancies_board_listing (vacancy_id, {columns()}, sectors)
    SELECT vacancy.id, {columns("vacancy.")}, vacancies_board_listing_sectors(vacancy.id)
    FROM new_vacancies AS vacancy
    WHERE vacancy.status = 'published'
    ON CONFLICT (vacancy_id) DO UPDATE SET
        {upsert};
    RETURN NULL;
END
$$;
"""


def _facet_values(with_language: bool) -> str:
    """What a listing counts for in the kept counts (the `board_facet_counts` migration)."""
    facet = ", 'language'" if with_language else ""
    value = ", listing.language" if with_language else ""
    return f"""
CREATE OR REPLACE FUNCTION vacancies_board_facet_values(listing vacancies_board_listing)
RETURNS TABLE (facet varchar, value varchar) LANGUAGE sql IMMUTABLE AS $$
    SELECT * FROM unnest(
        ARRAY['', 'contract', 'experience', 'workplace', 'city', 'organization'{facet}]::varchar[]
            || array_fill('sector'::varchar, ARRAY[cardinality(listing.sectors)]),
        ARRAY[
            '', listing.contract, listing.experience, listing.workplace, listing.city,
            listing.organization_id::varchar{value}
        ]::varchar[] || listing.sectors::varchar[]
    )
$$;

DELETE FROM vacancies_board_facet_count;
INSERT INTO vacancies_board_facet_count (facet, value, listings)
SELECT counted.facet, counted.value, count(*)
FROM vacancies_board_listing AS listing, vacancies_board_facet_values(listing) AS counted
GROUP BY counted.facet, counted.value;
"""


def _facets_index(with_language: bool) -> str:
    extra = ", language" if with_language else ""
    return f"""
DROP INDEX IF EXISTS board_listing_facets;
CREATE INDEX board_listing_facets ON vacancies_board_listing (expires_at)
    INCLUDE (vacancy_id, published_at, contract, experience, workplace, discipline, city,
             organization_id, sectors{extra});
"""


LANGUAGE_FORWARD = (
    FRENCH_WORDS
    + VECTOR_BY_LANGUAGE
    + """
ALTER TABLE vacancies_board_listing ADD COLUMN language varchar(2) NOT NULL DEFAULT 'en';
"""
    + _listing_refresh([*LISTED, "language"])
    + _facets_index(with_language=True)
    + _facet_values(with_language=True)
)

LANGUAGE_BACKWARD = (
    _facet_values(with_language=False)
    + _facets_index(with_language=False)
    + _listing_refresh(LISTED)
    + """
ALTER TABLE vacancies_board_listing DROP COLUMN language;
"""
    + VECTOR_ENGLISH_ONLY
    + """
UPDATE vacancies_vacancy SET search_vector = NULL WHERE language <> 'en';
DROP FUNCTION IF EXISTS vacancies_french_words(text);
"""
)


class Migration(migrations.Migration):
    dependencies = [("vacancies", "0015_board_facet_counts")]

    operations = [
        migrations.AddField(
            model_name="vacancy",
            name="language",
            field=models.CharField(
                choices=[("en", "English"), ("nl", "Dutch"), ("fr", "French")],
                db_default="en",
                default="en",
                help_text="The language the vacancy is written in.",
                max_length=2,
                verbose_name="language",
            ),
        ),
        migrations.AddField(
            model_name="boardlisting",
            name="language",
            field=models.CharField(default="en", max_length=2),
            preserve_default=False,
        ),
        PostgresOnlySQL(LANGUAGE_FORWARD, LANGUAGE_BACKWARD),
    ]
