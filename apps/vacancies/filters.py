"""The job board's filters, shared by /jobs/, /jobs/feed/ and `GET /api/v1/vacancies/`."""

import django_filters
from django.utils.translation import gettext_lazy as _

from apps.core.filters import ChangedSinceFilter
from apps.organizations.models import Organization, Sector
from apps.talent.models import ContractType, Discipline
from apps.vacancies.language import VacancyLanguage
from apps.vacancies.models import Experience, Vacancy, Workplace

FACET_PARAMETERS = (
    "sector",
    "contract",
    "experience",
    "workplace",
    "city",
    "organization",
    "language",
)


class VacancyFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"), max_length=200)
    organization = django_filters.ModelChoiceFilter(
        queryset=Organization.objects.all(), to_field_name="slug", label=_("Organization")
    )
    sector = django_filters.ModelChoiceFilter(
        field_name="sectors",
        queryset=Sector.objects.all(),
        to_field_name="slug",
        method="in_sector",
        label=_("Sector"),
    )
    contract = django_filters.ChoiceFilter(choices=ContractType.choices, label=_("Contract"))
    experience = django_filters.ChoiceFilter(choices=Experience.choices, label=_("Experience"))
    workplace = django_filters.ChoiceFilter(choices=Workplace.choices, label=_("Workplace"))
    discipline = django_filters.ChoiceFilter(choices=Discipline.choices, label=_("Discipline"))
    city = django_filters.CharFilter(field_name="city", lookup_expr="iexact", label=_("City"))
    language = django_filters.ChoiceFilter(
        choices=VacancyLanguage.choices, label=_("Language of the vacancy")
    )
    posted_after = django_filters.DateFilter(
        field_name="published_at", lookup_expr="date__gte", label=_("Posted after")
    )
    updated_since = ChangedSinceFilter()
    ordering = django_filters.ChoiceFilter(
        choices=(("relevance", _("Relevance")), ("newest", _("Newest"))),
        method="order",
        label=_("Order by"),
        empty_label=None,
    )

    class Meta:
        model = Vacancy
        fields = [
            "q",
            "organization",
            "sector",
            "contract",
            "experience",
            "workplace",
            "city",
            "language",
        ]

    def search(self, queryset, name, value):
        from apps.vacancies.selectors import vacancy_search

        return vacancy_search(queryset, value, filters=self.form.cleaned_data)

    def in_sector(self, queryset, name, value):
        from apps.vacancies.selectors import sector_condition

        return queryset.filter(sector_condition(queryset.model, value))

    def order(self, queryset, name, value):
        # The page orders (and ranks) its rows itself: `vacancy_board_page`.
        return queryset
