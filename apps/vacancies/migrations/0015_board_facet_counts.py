"""The facet counts of the whole board, kept by PostgreSQL as the listing changes.

The most frequent page of the board is also its most expensive one to count: /jobs/ with no
words and at most one facet chosen, whose facets count every live vacancy. PostgreSQL keeps
how many listings have each value of each facet (and how many there are), in the statement
of every change to the listing; reading them is one small query.

The counts cover the whole listing, expired vacancies that the nightly task has not yet
marked included: the board subtracts those, counted on the spot from the listing's index
on the expiry date, in the same query. So the clock alone takes a vacancy out of the
counts, as it takes it out of every list.
"""

from django.db import migrations

from apps.core.migration_operations import PostgresOnlySQL


def _delta(rows: str, sign: str) -> str:
    return (
        f"SELECT counted.facet, counted.value, {sign}1 AS change FROM {rows} AS listing,"
        " vacancies_board_facet_values(listing) AS counted"
    )


def _apply(changes: str) -> str:
    # In the order of the key, so concurrent writers lock the counts in the same order.
    return f"""
        INSERT INTO vacancies_board_facet_count AS kept (facet, value, listings)
        SELECT facet, value, sum(change) FROM ({changes}) AS changes
        GROUP BY facet, value HAVING sum(change) <> 0
        ORDER BY facet, value
        ON CONFLICT (facet, value) DO UPDATE SET listings = kept.listings + EXCLUDED.listings;
    """


FACET_COUNTS = f"""
CREATE TABLE vacancies_board_facet_count (
    facet varchar(16) NOT NULL,
    value varchar(100) NOT NULL,
    listings integer NOT NULL,
    PRIMARY KEY (facet, value)
);

-- What a listing counts for: the board ('' and ''), and each of its facet values.
CREATE FUNCTION vacancies_board_facet_values(listing vacancies_board_listing)
RETURNS TABLE (facet varchar, value varchar) LANGUAGE sql IMMUTABLE AS $$
    SELECT * FROM unnest(
        ARRAY['', 'contract', 'experience', 'workplace', 'city', 'organization']::varchar[]
            || array_fill('sector'::varchar, ARRAY[cardinality(listing.sectors)]),
        ARRAY[
            '', listing.contract, listing.experience, listing.workplace, listing.city,
            listing.organization_id::varchar
        ]::varchar[] || listing.sectors::varchar[]
    )
$$;

CREATE FUNCTION vacancies_board_facet_count_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        DELETE FROM vacancies_board_facet_count;
    ELSIF TG_OP = 'INSERT' THEN
        {_apply(_delta("new_listings", "+"))}
    ELSIF TG_OP = 'DELETE' THEN
        {_apply(_delta("old_listings", "-"))}
    ELSE
        {_apply(_delta("new_listings", "+") + " UNION ALL " + _delta("old_listings", "-"))}
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER board_listing_facet_count_insert AFTER INSERT ON vacancies_board_listing
REFERENCING NEW TABLE AS new_listings
FOR EACH STATEMENT EXECUTE FUNCTION vacancies_board_facet_count_refresh();
CREATE TRIGGER board_listing_facet_count_update AFTER UPDATE ON vacancies_board_listing
REFERENCING OLD TABLE AS old_listings NEW TABLE AS new_listings
FOR EACH STATEMENT EXECUTE FUNCTION vacancies_board_facet_count_refresh();
CREATE TRIGGER board_listing_facet_count_delete AFTER DELETE ON vacancies_board_listing
REFERENCING OLD TABLE AS old_listings
FOR EACH STATEMENT EXECUTE FUNCTION vacancies_board_facet_count_refresh();
CREATE TRIGGER board_listing_facet_count_truncate AFTER TRUNCATE ON vacancies_board_listing
FOR EACH STATEMENT EXECUTE FUNCTION vacancies_board_facet_count_refresh();

-- The listings there already.
INSERT INTO vacancies_board_facet_count (facet, value, listings)
SELECT counted.facet, counted.value, count(*)
FROM vacancies_board_listing AS listing, vacancies_board_facet_values(listing) AS counted
GROUP BY counted.facet, counted.value;
"""

FACET_COUNTS_REVERSE = """
DROP TRIGGER IF EXISTS board_listing_facet_count_truncate ON vacancies_board_listing;
DROP TRIGGER IF EXISTS board_listing_facet_count_delete ON vacancies_board_listing;
DROP TRIGGER IF EXISTS board_listing_facet_count_update ON vacancies_board_listing;
DROP TRIGGER IF EXISTS board_listing_facet_count_insert ON vacancies_board_listing;
DROP FUNCTION IF EXISTS vacancies_board_facet_count_refresh();
DROP FUNCTION IF EXISTS vacancies_board_facet_values(vacancies_board_listing);
DROP TABLE IF EXISTS vacancies_board_facet_count;
"""


class Migration(migrations.Migration):
    dependencies = [("vacancies", "0014_board_listing")]

    operations = [PostgresOnlySQL(FACET_COUNTS, FACET_COUNTS_REVERSE)]
