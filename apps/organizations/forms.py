from django import forms
from django.utils.translation import gettext_lazy as _

from apps.organizations.models import (
    DUPLICATE_NAME_MESSAGE,
    MembershipRole,
    Organization,
    Sector,
    normalize_organization_name,
)
from apps.organizations.selectors import organization_name_taken


class UniqueNameMixin:
    """A taken name is an error next to the name field (the rule: organization_name_key)."""

    def clean_name(self) -> str:
        name = normalize_organization_name(self.cleaned_data["name"])
        if organization_name_taken(name=name, exclude_pk=self.instance.pk):
            raise forms.ValidationError(DUPLICATE_NAME_MESSAGE, code="unique")
        return name


class OrganizationForm(UniqueNameMixin, forms.ModelForm):
    website = forms.URLField(
        label=_("Website"), required=False, assume_scheme="https", max_length=200
    )
    sectors = forms.ModelMultipleChoiceField(
        label=_("Sectors"),
        queryset=Sector.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    parent = forms.ModelChoiceField(
        queryset=Organization.objects.order_by("name"),
        required=False,
        label=_("Part of"),
        help_text=_("The university, institute or group this organization belongs to, if any."),
    )

    class Meta:
        model = Organization
        fields = [
            "name",
            "kind",
            "sectors",
            "description",
            "website",
            "city",
            "address",
            "founded_year",
            "size_band",
            "logo",
            "parent",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8, "maxlength": 10000}),
            "logo": forms.ClearableFileInput(
                attrs={"accept": "image/png,image/jpeg,image/gif,image/webp"}
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["parent"].queryset = Organization.objects.exclude(pk=self.instance.pk)


class AddMemberForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    role = forms.ChoiceField(
        label=_("Role"), choices=MembershipRole.choices, initial=MembershipRole.RECRUITER
    )


class MessageForm(forms.Form):
    message = forms.CharField(
        label=_("Message (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DecisionForm(forms.Form):
    note = forms.CharField(
        label=_("Note to them"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
