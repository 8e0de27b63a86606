"""The talent pool's version, bumped by PostgreSQL in the transaction of every write that a
search result shows (profiles, CVs, people's names), and the index of the newest profiles.

Cached counts and pages of the talent search are stored under this version, so a profile
made private, edited or erased leaves every cached answer the moment it commits.
"""

from django.db import migrations, models

from apps.core.migration_operations import PostgresOnlySQL

POOL_VERSION = """
CREATE TABLE talent_pool_version (
    id smallint PRIMARY KEY CHECK (id = 1),
    version bigint NOT NULL
);
INSERT INTO talent_pool_version (id, version) VALUES (1, 1);

CREATE FUNCTION talent_pool_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE talent_pool_version SET version = version + 1 WHERE id = 1;
    RETURN NULL;
END
$$;

CREATE TRIGGER talent_profile_pool_version
AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON talent_talentprofile
FOR EACH STATEMENT EXECUTE FUNCTION talent_pool_version_bump();

CREATE TRIGGER talent_cv_pool_version
AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON talent_cv
FOR EACH STATEMENT EXECUTE FUNCTION talent_pool_version_bump();

-- The search shows a person's name; a sign-in (last_login) changes nothing shown.
CREATE TRIGGER user_talent_pool_version
AFTER UPDATE OF first_name, last_name, email, is_active OR DELETE ON accounts_user
FOR EACH STATEMENT EXECUTE FUNCTION talent_pool_version_bump();
"""

POOL_VERSION_REVERSE = """
DROP TRIGGER IF EXISTS user_talent_pool_version ON accounts_user;
DROP TRIGGER IF EXISTS talent_cv_pool_version ON talent_cv;
DROP TRIGGER IF EXISTS talent_profile_pool_version ON talent_talentprofile;
DROP FUNCTION IF EXISTS talent_pool_version_bump();
DROP TABLE IF EXISTS talent_pool_version;
"""


class Migration(migrations.Migration):
    dependencies = [("talent", "0002_search_vector"), ("accounts", "0001_initial")]

    operations = [
        PostgresOnlySQL(POOL_VERSION, POOL_VERSION_REVERSE),
        migrations.AddIndex(
            model_name="talentprofile",
            index=models.Index(
                models.F("updated_at").desc(),
                models.F("id").desc(),
                condition=models.Q(visibility__in=["verified_companies", "public"]),
                name="talent_pool_newest",
            ),
        ),
    ]
