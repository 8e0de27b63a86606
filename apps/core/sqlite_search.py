"""Ranked full-text search on the embedded default (SQLite), with FTS5.

PostgreSQL ranks searches with weighted tsvectors. SQLite, which runs the portal on a fresh
machine, has FTS5 built in: an app describes a `SqliteFullTextIndex` (a virtual table whose
rowid is the row's primary key, and the triggers that keep it in step with its table) and
registers it in its `AppConfig.ready()`. After every `migrate` on SQLite, `ensure_indexes`
creates what is missing and fills it. It runs after migrations rather than in one because
Django rebuilds a SQLite table to alter it, and that drops the table's triggers.

`fts_filter` keeps the rows the index matches, and `fts_rank` ranks them (higher is better,
as `SearchRank` on PostgreSQL) with FTS5's bm25 and one weight per column; `fts_search`
does both.
"""

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import connections
from django.db.models import Case, Expression, FloatField, Model, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL

logger = logging.getLogger(__name__)

# Stems English words like PostgreSQL's english configuration, and ignores accents.
TOKENIZER = "porter unicode61 remove_diacritics 2"
MAX_TERMS = 16
# Far above any bm25 score: what the caller marks as an exact hit comes first.
EXACT_BONUS = 1000.0


@dataclass(frozen=True)
class SqliteFullTextIndex:
    """An FTS5 table named `name`, kept by `triggers` from the rows that `source_sql` selects.

    `source_sql` selects `rowid` and then one value per column, in order, from the source
    table; the triggers refer to the FTS table by name and must be `CREATE TRIGGER`
    statements whose names start with `name`.
    """

    name: str
    columns: tuple[str, ...]
    source_sql: str
    triggers: tuple[str, ...]

    def trigger_names(self) -> list[str]:
        names = []
        for sql in self.triggers:
            found = re.search(r"CREATE TRIGGER (\w+)", sql)
            if found is None:
                raise ValueError(f"Not a CREATE TRIGGER statement: {sql[:60]}")
            names.append(found.group(1))
        return names


_indexes: dict[str, SqliteFullTextIndex] = {}


def register(index: SqliteFullTextIndex) -> None:
    _indexes[index.name] = index


def registered() -> list[SqliteFullTextIndex]:
    return list(_indexes.values())


def ensure_indexes(*, using: str = "default", rebuild: bool = False) -> list[str]:
    """Create every registered index that is missing or incomplete, and fill it.

    Returns the names of the indexes (re)built. Does nothing on other databases.
    """
    connection = connections[using]
    if connection.vendor != "sqlite":
        return []
    built = []
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
        existing = {row[0] for row in cursor.fetchall()}
        for index in _indexes.values():
            wanted = {index.name, *index.trigger_names()}
            if not rebuild and wanted <= existing:
                continue
            for trigger in index.trigger_names():
                cursor.execute(f"DROP TRIGGER IF EXISTS {trigger}")
            cursor.execute(f"DROP TABLE IF EXISTS {index.name}")
            columns = ", ".join(index.columns)
            cursor.execute(
                f"CREATE VIRTUAL TABLE {index.name} USING fts5({columns}, tokenize='{TOKENIZER}')"
            )
            for trigger in index.triggers:
                cursor.execute(trigger)
            cursor.execute(
                f"INSERT INTO {index.name} (rowid, {columns}) {index.source_sql}"  # noqa: S608
            )
            built.append(index.name)
            logger.info("Full-text index %s built", index.name)
    return built


_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')


def match_expression(query: str) -> str | None:
    """A safe FTS5 query with PostgreSQL's websearch rules, or None when nothing is left.

    Words must all match; "quoted words" match as a phrase; `or` between two terms matches
    either; a leading `-` excludes a term. Every term is quoted, so no input is FTS5 syntax.
    """
    positive: list[str] = []
    negative: list[str] = []
    join_with_or = False
    for sign, phrase, word in _TOKEN.findall(query or ""):
        text = phrase if phrase or not word else word
        if word and not phrase:
            if word.lower() == "or" and positive:
                join_with_or = True
                continue
            if word.startswith("-") and len(word) > 1:
                sign, text = "-", word[1:]
        if not re.search(r"\w", text):
            continue
        term = '"' + text.replace('"', '""') + '"'
        if sign:
            negative.append(term)
        elif join_with_or:
            positive[-1] = f"({positive[-1]} OR {term})"
            join_with_or = False
        else:
            positive.append(term)
    positive, negative = positive[:MAX_TERMS], negative[:MAX_TERMS]
    if not positive:
        return None
    expression = " AND ".join(positive)
    for term in negative:
        expression = f"({expression}) NOT {term}"
    return expression


def _sql(index: str) -> str:
    if index not in _indexes:
        raise ValueError(f"No full-text index named {index!r} is registered.")
    # The identifier comes from a registered index, never from input; the search text is
    # always a parameter.
    return f"SELECT rowid FROM {index} WHERE {index} MATCH %s"  # noqa: S608


def fts_filter(queryset: QuerySet, *, index: str, query: str, also: Q | None = None) -> QuerySet:
    """The rows matching `query` in the FTS5 `index` (or matching `also`)."""
    expression = match_expression(query)
    if expression is None:
        # Nothing searchable: no row, as a filter that still compiles to SQL (callers run
        # the query inside raw SQL, where an empty queryset cannot go).
        return queryset.filter(also if also is not None else Q(pk__isnull=True))
    matches = Q(pk__in=RawSQL(_sql(index), (expression,)))  # noqa: S611
    return queryset.filter(matches if also is None else matches | also)


def fts_rank(
    model: type[Model],
    *,
    index: str,
    query: str,
    weights: Sequence[float],
    first: Q | None = None,
) -> Expression:
    """Relevance of each row of `model` for `query`, higher first, as `SearchRank` sorts.

    bm25() with one weight per column; 0 for a row the index does not match. Rows matching
    `first` (such as the exact name typed) rank above all others.
    """
    expression = match_expression(query)
    if expression is None:
        rank: Expression = Value(0.0, output_field=FloatField())
    else:
        row = f'"{model._meta.db_table}"."{model._meta.pk.column}"'
        weight_list = ", ".join(f"{float(weight):g}" for weight in weights)
        # bm25() is lower for better matches; its negation sorts like SearchRank, descending.
        rank_sql = (
            f"COALESCE((SELECT -bm25({index}, {weight_list}) "
            f"{_sql(index)[len('SELECT rowid ') :]} AND rowid = {row}), 0)"
        )
        rank = RawSQL(rank_sql, (expression,), output_field=FloatField())  # noqa: S611
    if first is not None:
        rank = rank + Case(When(first, then=Value(EXACT_BONUS)), default=Value(0.0))
    return rank


def fts_search(
    queryset: QuerySet,
    *,
    index: str,
    query: str,
    weights: Sequence[float],
    also: Q | None = None,
    first: Q | None = None,
) -> QuerySet:
    """The rows matching `query` (or `also`), annotated with `rank` (higher first)."""
    rank = fts_rank(queryset.model, index=index, query=query, weights=weights, first=first)
    return fts_filter(queryset, index=index, query=query, also=also).annotate(rank=rank)
