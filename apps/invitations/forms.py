from django import forms
from django.utils.translation import gettext_lazy as _

from apps.invitations import services
from apps.vacancies.models import Vacancy


class InviteForm(forms.Form):
    vacancy = forms.ModelChoiceField(
        label=_("Vacancy"), queryset=Vacancy.objects.none(), empty_label=None
    )
    message = forms.CharField(
        label=_("Message"),
        max_length=services.MAX_MESSAGE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": services.MAX_MESSAGE_LENGTH}),
        help_text=_("Why this person should apply. They see your organization's name, not yours."),
    )

    def __init__(self, *args, vacancies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vacancy"].queryset = Vacancy.objects.filter(
            pk__in=[vacancy.pk for vacancy in vacancies]
        ).select_related("organization")
        self.fields["vacancy"].label_from_instance = lambda vacancy: (
            f"{vacancy.title} ({vacancy.organization.name})"
        )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Why not? (optional, shown to the organization)"),
        max_length=services.MAX_REASON_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
