"""The talent search filters, shared by /talent/ and `GET /api/v1/talent/`."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from apps.talent.models import LANGUAGE_CHOICES, Discipline, EducationLevel, TalentProfile


class CommaSeparatedCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """Checkboxes on the page, `a,b` in the API: both reach the filter as one string."""

    def value_from_datadict(self, data, files, name):
        values = data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]
        return ",".join(value for value in values if value)

    def format_value(self, value):
        if isinstance(value, str):
            return [item.strip() for item in value.split(",") if item.strip()]
        return super().format_value(value)


class CommaSeparatedField(forms.CharField):
    """`a, b,c` → ["a", "b", "c"]; with `choices`, every item must be one of them."""

    def __init__(self, *args, choices=None, **kwargs):
        self.allowed = dict(choices) if choices else None
        super().__init__(*args, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        items = [
            " ".join(item.split()).lower() for item in (value or "").split(",") if item.strip()
        ]
        if self.allowed is not None:
            unknown = [item for item in items if item not in self.allowed]
            if unknown:
                raise forms.ValidationError(
                    _("Unknown value: %(values)s."), params={"values": ", ".join(unknown)}
                )
        return items


class AllOfListFilter(django_filters.Filter):
    """Profiles whose JSON list holds every value given."""

    field_class = CommaSeparatedField

    def filter(self, queryset, value):
        from apps.talent.selectors import json_list_contains

        for item in value or []:
            queryset = queryset.filter(json_list_contains(self.field_name, item))
        return queryset


class TalentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"), max_length=200)
    skills = AllOfListFilter(
        field_name="skills", label=_("Skills (comma-separated)"), max_length=500
    )
    discipline = django_filters.ChoiceFilter(
        choices=Discipline.choices, method="filter_discipline", label=_("Discipline")
    )
    education = django_filters.ChoiceFilter(
        field_name="education_level", choices=EducationLevel.choices, label=_("Education")
    )
    city = django_filters.CharFilter(field_name="city", lookup_expr="iexact", label=_("City"))
    languages = AllOfListFilter(
        field_name="languages",
        choices=LANGUAGE_CHOICES,
        label=_("Speaks all of"),
        widget=CommaSeparatedCheckboxSelectMultiple(choices=LANGUAGE_CHOICES),
    )
    available_before = django_filters.DateFilter(
        method="filter_available_before", label=_("Available before")
    )

    class Meta:
        model = TalentProfile
        fields = ["q", "skills", "discipline", "education", "city", "languages", "available_before"]

    def search(self, queryset, name, value):
        from apps.talent.selectors import talent_search

        return talent_search(queryset, value)

    def filter_discipline(self, queryset, name, value):
        from apps.talent.selectors import json_list_contains

        return queryset.filter(json_list_contains("disciplines", value))

    def filter_available_before(self, queryset, name, value):
        # No date means "available now".
        from django.db.models import Q

        return queryset.filter(Q(available_from__isnull=True) | Q(available_from__lte=value))
