"""The facet counts of the board with one value chosen, kept by PostgreSQL as the listing changes.

After the bare board, the most frequent page is the board with one facet value chosen (a
visitor clicks "PhD" or "Ghent"). Its other facets count the listings that value keeps: about
a tenth of the board, read from an index of every live listing (100 ms at 100,000 vacancies,
up to 700 ms at 1,000,000). PostgreSQL now keeps, for each value of each facet, how many of
its listings have each value of every other facet, in the statement of every change to the
listing, as it keeps the counts of the whole board (the `board_facet_counts` migration).
Reading them is one indexed query whatever the size of the board.

An organization is not kept as the chosen value: it keeps a few dozen listings, which its
own index finds. As for the whole board, the listings past their date that the nightly task
has not yet marked are subtracted by the board, in the same query.
"""

from django.db import migrations

from apps.core.migration_operations import PostgresOnlySQL


def _delta(rows: str, sign: str) -> str:
    return (
        f"SELECT pair.facet, pair.value, pair.other_facet, pair.other_value, {sign}1 AS change"
        f" FROM {rows} AS listing, vacancies_board_facet_pairs(listing) AS pair"
    )


def _apply(changes: str) -> str:
    # In the order of the key, so concurrent writers lock the counts in the same order.
    return f"""
        INSERT INTO vacancies_board_facet_pair_count AS kept
            (facet, value, other_facet, other_value, listings)
        SELECT facet, value, other_facet, other_value, sum(change) FROM ({changes}) AS changes
        GROUP BY facet, value, other_facet, other_value HAVING sum(change) <> 0
        ORDER BY facet, value, other_facet, other_value
        ON CONFLICT (facet, value, other_facet, other_value)
        DO UPDATE SET listings = kept.listings + EXCLUDED.listings;
    """


PAIR_COUNTS = f"""
CREATE TABLE vacancies_board_facet_pair_count (
    facet varchar(16) NOT NULL,
    value varchar(100) NOT NULL,
    other_facet varchar(16) NOT NULL,
    other_value varchar(100) NOT NULL,
    listings integer NOT NULL,
    PRIMARY KEY (facet, value, other_facet, other_value)
);

-- What a listing counts for once a value of one of its facets is chosen: the board with that
-- value ('' and ''), and each of its values of every other facet.
CREATE FUNCTION vacancies_board_facet_pairs(listing vacancies_board_listing)
RETURNS TABLE (facet varchar, value varchar, other_facet varchar, other_value varchar)
LANGUAGE sql IMMUTABLE AS $$
    SELECT chosen.facet, chosen.value, counted.facet, counted.value
    FROM vacancies_board_facet_values(listing) AS chosen,
         vacancies_board_facet_values(listing) AS counted
    WHERE chosen.facet NOT IN ('', 'organization') AND counted.facet <> chosen.facet
$$;

CREATE FUNCTION vacancies_board_facet_pair_count_refresh() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        DELETE FROM vacancies_board_facet_pair_count;
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

CREATE TRIGGER board_listing_facet_pair_count_insert AFTER INSERT ON vacancies_board_listing
REFERENCING NEW TABLE AS new_listings
FOR EACH STATEMENT EXECUTE FUNCTION vacancies_board_facet_pair_count_refresh();
CREATE TRIGGER board_listing_facet_pair_count_update AFTER UPDATE ON vacancies_board_listing
REFERENCING OLD TABLE AS old_listings NEW TABLE AS new_listings
FOR EACH STATEMENT EXECUTE FUNCTION vacancies_board_facet_pair_count_refresh();
CREATE TRIGGER board_listing_facet_pair_count_delete AFTER DELETE ON vacancies_board_listing
REFERENCING OLD TABLE AS old_listings
FOR EACH STATEMENT EXECUTE FUNCTION vacancies_board_facet_pair_count_refresh();
CREATE TRIGGER board_listing_facet_pair_count_truncate AFTER TRUNCATE ON vacancies_board_listing
FOR EACH STATEMENT EXECUTE FUNCTION vacancies_board_facet_pair_count_refresh();

-- The listings there already.
INSERT INTO vacancies_board_facet_pair_count
    (facet, value, other_facet, other_value, listings)
SELECT pair.facet, pair.value, pair.other_facet, pair.other_value, count(*)
FROM vacancies_board_listing AS listing, vacancies_board_facet_pairs(listing) AS pair
GROUP BY pair.facet, pair.value, pair.other_facet, pair.other_value;
"""

PAIR_COUNTS_REVERSE = """
DROP TRIGGER IF EXISTS board_listing_facet_pair_count_truncate ON vacancies_board_listing;
DROP TRIGGER IF EXISTS board_listing_facet_pair_count_delete ON vacancies_board_listing;
DROP TRIGGER IF EXISTS board_listing_facet_pair_count_update ON vacancies_board_listing;
DROP TRIGGER IF EXISTS board_listing_facet_pair_count_insert ON vacancies_board_listing;
DROP FUNCTION IF EXISTS vacancies_board_facet_pair_count_refresh();
DROP FUNCTION IF EXISTS vacancies_board_facet_pairs(vacancies_board_listing);
DROP TABLE IF EXISTS vacancies_board_facet_pair_count;
"""


class Migration(migrations.Migration):
    dependencies = [("vacancies", "0016_vacancy_language")]

    operations = [PostgresOnlySQL(PAIR_COUNTS, PAIR_COUNTS_REVERSE)]
