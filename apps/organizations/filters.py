"""The directory's filters, shared by /organizations/ and `GET /api/v1/organizations/`."""

import django_filters
from django.utils.translation import gettext_lazy as _

from apps.core.filters import StrictBooleanFilter
from apps.organizations.models import Organization, OrganizationKind, Sector


class OrganizationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"), max_length=200)
    kind = django_filters.ChoiceFilter(choices=OrganizationKind.choices, label=_("Kind"))
    sector = django_filters.ModelChoiceFilter(
        field_name="sectors",
        queryset=Sector.objects.all(),
        to_field_name="slug",
        label=_("Sector"),
    )
    city = django_filters.CharFilter(field_name="city", lookup_expr="iexact", label=_("City"))
    is_member = StrictBooleanFilter(field_name="is_member", label=_("Cluster member"))
    verified = StrictBooleanFilter(field_name="verified", label=_("Verified"))
    ordering = django_filters.OrderingFilter(
        fields=(("name", "name"), ("created_at", "created"), ("founded_year", "founded")),
        label=_("Order by"),
    )

    class Meta:
        model = Organization
        fields = ["q", "kind", "sector", "city", "is_member", "verified"]

    def search(self, queryset, name, value):
        from apps.organizations.selectors import organization_search

        return organization_search(queryset, value)
