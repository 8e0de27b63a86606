"""Fields that higher apps add to a lower app's API answer, so its serializer imports none.

`GET /api/v1/events/<slug>/` tells who is hiring at the event, but the events app sits
below the job board. The app that knows registers a read-only field for the answer in its
`AppConfig.ready()`; the serializer asks for its extra fields here. drf-spectacular reads
the same fields, so the schema describes them.
"""

from collections.abc import Callable

from rest_framework import serializers

# A factory: each serializer instance gets a fresh field, as DRF expects.
FieldFactory = Callable[[], serializers.Field]

_fields: dict[str, dict[str, FieldFactory]] = {}


def register(serializer: str, name: str, field: FieldFactory) -> None:
    """Add (or replace) the field `name` on `serializer`, e.g. "events:detail"."""
    _fields.setdefault(serializer, {})[name] = field


def extra_fields(serializer: str) -> dict[str, serializers.Field]:
    return {name: make() for name, make in _fields.get(serializer, {}).items()}
