"""Filters shared by every app's FilterSets."""

from datetime import UTC, datetime
from typing import Any

import django_filters
import django_filters.fields
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

BOOLEAN_CHOICES = (("true", "true"), ("false", "false"))


@extend_schema_field(OpenApiTypes.BOOL)
class StrictBooleanFilter(django_filters.TypedChoiceFilter):
    """`true` or `false`, and anything else is an error naming the parameter, not ignored."""

    def __init__(self, *args: Any, **kwargs: Any):
        kwargs.setdefault("choices", BOOLEAN_CHOICES)
        kwargs.setdefault("coerce", lambda value: value == "true")
        super().__init__(*args, **kwargs)


class UtcIsoDateTimeField(django_filters.fields.IsoDateTimeField):
    """An ISO 8601 moment, with any offset, turned to UTC; one out of range is an error."""

    def to_python(self, value: Any) -> datetime | None:
        moment = super().to_python(value)
        if moment is None:
            return None
        try:
            # The database accepts offsets up to 16 hours only; UTC it always accepts.
            return moment.astimezone(UTC)
        except (OverflowError, ValueError) as error:
            raise ValidationError(
                _("Enter a moment between the years 1 and 9999."), code="invalid"
            ) from error


class ChangedSinceFilter(django_filters.IsoDateTimeFilter):
    """`updated_since`: what changed at or after this moment (ISO 8601 with its offset)."""

    field_class = UtcIsoDateTimeField

    def __init__(self, *args: Any, **kwargs: Any):
        kwargs.setdefault("field_name", "updated_at")
        kwargs.setdefault("lookup_expr", "gte")
        kwargs.setdefault("label", _("Changed since"))
        super().__init__(*args, **kwargs)
