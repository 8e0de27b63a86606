"""The embedded default's full-text search: safe FTS5 queries and indexes kept by triggers."""

import pytest
from django.db import connection

from apps.core.sqlite_search import match_expression, registered


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
