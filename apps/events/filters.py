"""Event list filters, shared by /events/ and `GET /api/v1/events/`."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.filters import ChangedSinceFilter, StrictBooleanFilter
from apps.core.languages import in_every_language
from apps.events.models import Event, EventKind
from apps.organizations.models import Organization


class EventFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"), max_length=200)
    kind = django_filters.ChoiceFilter(choices=EventKind.choices, label=_("Kind"))
    city = django_filters.CharFilter(field_name="city", lookup_expr="iexact", label=_("City"))
    organizer = django_filters.ModelChoiceFilter(
        queryset=Organization.objects.all(), to_field_name="slug", label=_("Organizer")
    )
    upcoming = StrictBooleanFilter(method="filter_upcoming", label=_("Upcoming"))
    updated_since = ChangedSinceFilter()

    class Meta:
        model = Event
        fields = ["q", "kind", "city", "organizer", "upcoming", "updated_since"]

    def search(self, queryset, name, value):
        # The title and description in every language they are written in.
        written = in_every_language("title", "description")
        for word in value.split():
            found = Q(city__icontains=word) | Q(organizer__name__icontains=word)
            for field in written:
                found |= Q(**{f"{field}__icontains": word})
            queryset = queryset.filter(found)
        return queryset

    def filter_upcoming(self, queryset, name, value):
        from apps.events.selectors import past, upcoming

        return upcoming(queryset) if value else past(queryset)

    @property
    def qs(self):
        queryset = super().qs
        if self.form.cleaned_data.get("updated_since") is not None:
            # A sync: every event that changed, past and upcoming unless `upcoming` says, the
            # oldest change first, so the last row is where the next sync starts.
            return queryset.order_by("updated_at", "pk")
        # Upcoming unless the caller asked for past events.
        if "upcoming" not in self.data or self.data.get("upcoming") in ("", None):
            from apps.events.selectors import upcoming

            queryset = upcoming(queryset)
        return queryset
