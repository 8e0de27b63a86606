"""The embedded default's full-text search: safe FTS5 queries and indexes kept by triggers."""

import pytest
from django.db import connection

from apps.core.sqlite_search import ensure_indexes, match_expression, registered


class TestMatchExpression:
    @pytest.mark.parametrize(
        ("typed", "expression"),
        [
            ("antibody", '"antibody"'),
            ("antibody engineer", '"antibody" AND "engineer"'),
            ('"single cell" python', '"single cell" AND "python"'),
            ("imec or VITO", '("imec" OR "VITO")'),
            ("hospital -Leuven", '("hospital") NOT "Leuven"'),
            ('say "hi', '"say" AND "hi"'),
            ("VIB.AI", '"VIB.AI"'),
        ],
    )
    def test_websearch_rules(self, typed, expression):
        assert match_expression(typed) == expression

    @pytest.mark.parametrize("typed", ["", "   ", '"', "* ^ (", "-only", "--"])
    def test_nothing_searchable_gives_none(self, typed):
        assert match_expression(typed) is None

    def test_fts5_syntax_is_always_quoted(self):
        expression = match_expression('NEAR(a b) title:x a* "b""c')
        assert expression == '"NEAR(a" AND "b)" AND "title:x" AND "a*" AND "b" AND "c"'


@pytest.mark.sqlite
@pytest.mark.django_db
class TestIndexes:
    def _objects(self) -> set[str]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
            return {row[0] for row in cursor.fetchall()}

    def test_migrate_builds_every_registered_index(self):
        objects = self._objects()
        for index in registered():
            assert {index.name, *index.trigger_names()} <= objects

    def test_a_lost_trigger_is_rebuilt_with_the_index(self):
        from apps.organizations.tests.factories import OrganizationFactory

        OrganizationFactory(name="Ghent Antibodies", slug="ghent-antibodies")
        with connection.cursor() as cursor:
            # What Django's table rebuild on SQLite does to a table's triggers.
            cursor.execute("DROP TRIGGER organizations_organization_fts_insert")
        assert ensure_indexes() == ["organizations_organization_fts"]
        assert ensure_indexes() == []
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM organizations_organization_fts "
                "WHERE organizations_organization_fts MATCH 'antibodies'"
            )
            assert cursor.fetchone()[0] == 1
