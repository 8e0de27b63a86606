"""PostgreSQL keeps the talent search vector itself, GIN-indexed, whatever writes the row.

Before, the search recomputed `to_tsvector` over every visible profile on every request and
filtered on the rank, which no index can serve.
"""

import django.contrib.postgres.search
from django.db import migrations

from apps.core.migration_operations import PostgresOnlySQL

PROFILE_VECTOR = """
CREATE FUNCTION talent_profile_search_vector_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector('english', coalesce(NEW.headline, '')), 'A')
        || setweight(to_tsvector('simple', coalesce(NEW.skills::text, '')), 'A')
        || setweight(to_tsvector('english', coalesce(NEW.summary, '')), 'B');
    RETURN NEW;
END
$$;

CREATE TRIGGER talent_profile_search_vector
BEFORE INSERT OR UPDATE OF headline, skills, summary, search_vector
ON talent_talentprofile FOR EACH ROW EXECUTE FUNCTION talent_profile_search_vector_refresh();

UPDATE talent_talentprofile SET search_vector = NULL;

CREATE INDEX talent_profile_search_vector_gin ON talent_talentprofile USING gin (search_vector);
"""

PROFILE_VECTOR_REVERSE = """
DROP INDEX IF EXISTS talent_profile_search_vector_gin;
DROP TRIGGER IF EXISTS talent_profile_search_vector ON talent_talentprofile;
DROP FUNCTION IF EXISTS talent_profile_search_vector_refresh();
"""


class Migration(migrations.Migration):
    dependencies = [("talent", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="talentprofile",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        PostgresOnlySQL(PROFILE_VECTOR, PROFILE_VECTOR_REVERSE),
    ]
