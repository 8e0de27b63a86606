"""Facet counts for list pages: one grouped query per facet, whatever the page size."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet


@dataclass(frozen=True)
class Facet:
    """One facet: the field it groups by, and how its values are named, written and ordered.

    `label` names a value (the value itself when None); `value` writes it as the URL
    parameter does; `position` gives a fixed order (sectors), else the biggest count first.
    """

    field: str
    label: Callable[[Any], str] | None = None
    value: Callable[[Any], str] = str
    position: Callable[[Any], Any] | None = None


def facet_counts(
    *,
    filtered_without: Callable[[str], QuerySet],
    facets: dict[str, Facet],
    selected: dict[str, str],
) -> dict[str, list[dict]]:
    """For each facet parameter, the values and counts under every *other* active filter.

    `filtered_without(parameter)` is the list filtered by everything but that parameter.
    Empty values (NULL or "") are not offered.
    """
    result: dict[str, list[dict]] = {}
    for parameter, facet in facets.items():
        rows = (
            filtered_without(parameter)
            .order_by()
            .exclude(**{f"{facet.field}__isnull": True})
            .values(facet.field)
            .annotate(count=Count("pk", distinct=True))
        )
        chosen = str(selected.get(parameter, ""))
        items = []
        for row in rows:
            raw = row[facet.field]
            if raw == "":
                continue
            value = facet.value(raw)
            items.append(
                {
                    "value": value,
                    "label": facet.label(raw) if facet.label else str(raw),
                    "count": row["count"],
                    "selected": value == chosen,
                    "raw": raw,
                }
            )
        if facet.position is not None:
            position = facet.position
            items.sort(key=lambda item: position(item["raw"]))
        else:
            items.sort(key=lambda item: (-item["count"], str(item["label"])))
        for item in items:
            del item["raw"]
        result[parameter] = items
    return result
