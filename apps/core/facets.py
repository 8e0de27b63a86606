"""Facet counts for list pages: one grouped query per facet, whatever the page size."""

from collections.abc import Callable

from django.db.models import Count, QuerySet


def facet_counts(
    *,
    filtered_without: Callable[[str], QuerySet],
    facets: dict[str, tuple[str, Callable[[object], str] | None]],
    selected: dict[str, str],
) -> dict[str, list[dict]]:
    """For each facet parameter, the values and counts under every *other* active filter.

    `facets` maps a parameter to the field it groups by and a function giving each value's
    label; `filtered_without(parameter)` is the list filtered by everything but it.
    """
    result: dict[str, list[dict]] = {}
    for parameter, (field, label) in facets.items():
        rows = (
            filtered_without(parameter)
            .order_by()
            .exclude(**{f"{field}__isnull": True})
            .exclude(**{field: ""})
            .values(field)
            .annotate(count=Count("pk", distinct=True))
        )
        items = [
            {
                "value": str(row[field]),
                "label": label(row[field]) if label else str(row[field]),
                "count": row["count"],
                "selected": str(row[field]) == str(selected.get(parameter, "")),
            }
            for row in rows
        ]
        items.sort(key=lambda item: (-item["count"], str(item["label"])))
        result[parameter] = items
    return result
