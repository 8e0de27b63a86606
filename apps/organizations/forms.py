from django import forms
from django.utils.translation import gettext_lazy as _

from apps.organizations.models import MembershipRole, Organization, Sector


class OrganizationForm(forms.ModelForm):
    website = forms.URLField(
        label=_("Website"), required=False, assume_scheme="https", max_length=200
    )
    sectors = forms.ModelMultipleChoiceField(
        queryset=Sector.objects.all(), widget=forms.CheckboxSelectMultiple, required=False
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
    role = forms.ChoiceField(choices=MembershipRole.choices, initial=MembershipRole.RECRUITER)


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
