from django import forms
from django.utils.translation import gettext_lazy as _

from apps.organizations.models import Organization, Sector
from apps.vacancies.language import VacancyLanguage
from apps.vacancies.models import AlertFrequency, Vacancy


class VacancyForm(forms.ModelForm):
    organization = forms.ModelChoiceField(
        label=_("Organization"), queryset=Organization.objects.none(), empty_label=None
    )
    sectors = forms.ModelMultipleChoiceField(
        label=_("Sectors"),
        queryset=Sector.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    apply_url = forms.URLField(
        label=_("Apply at this address instead"),
        required=False,
        assume_scheme="https",
        max_length=500,
        help_text=_("Leave empty to receive applications in the portal."),
    )
    language = forms.ChoiceField(
        label=_("Language of the vacancy"),
        choices=[("", _("Detect it from the text")), *VacancyLanguage.choices],
        required=False,
        help_text=_(
            "The language the title and description are written in. Job seekers filter on "
            "it, and the search understands the words of that language."
        ),
    )

    class Meta:
        model = Vacancy
        fields = [
            "organization",
            "title",
            "language",
            "description",
            "city",
            "workplace",
            "contract",
            "experience",
            "discipline",
            "sectors",
            "salary_min",
            "salary_max",
            "apply_url",
            "application_email",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 12})}

    def __init__(self, *args, organizations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.filter(
            pk__in=[o.pk for o in organizations]
        )
        self.fields["description"].help_text = _(
            "Written in Markdown: a blank line starts a new paragraph, a line starting with "
            "“- ” is a list item, **bold**, *italics* and [a link](https://…). "
            "Anything else, such as scripts, is removed."
        )
        if self.instance.pk:
            del self.fields["organization"]
            self.initial["description"] = (
                self.instance.description_markdown or self.instance.description
            )

    def _post_clean(self):
        # The services validate the model (the salary range too); the form checks its fields.
        pass


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("What should the poster change?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ApplyForm(forms.Form):
    cv = forms.ChoiceField(label=_("CV"), required=False)
    file = forms.FileField(
        label=_("…or upload a new CV (PDF, DOCX or ODT, at most 10 MB)"), required=False
    )
    cover_letter = forms.CharField(
        label=_("Cover letter"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    talent_pool = forms.BooleanField(label=_("Also stay in the talent pool"), required=False)

    def __init__(self, *args, cvs=(), consent_text: str = "", talent_pool_text: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        # What applying agrees to, shown above the button; the pool is a separate choice.
        self.consent_text = consent_text
        if talent_pool_text:
            self.fields["talent_pool"].label = talent_pool_text
        self.fields["talent_pool"].help_text = _(
            "Optional. You can withdraw it at any time on your privacy page."
        )
        self.cvs = {str(cv.pk): cv for cv in cvs}
        self.fields["cv"].choices = [("", "—")] + [(str(cv.pk), cv.original_name) for cv in cvs]
        primary = next((cv for cv in cvs if cv.is_primary), None)
        if primary:
            self.fields["cv"].initial = str(primary.pk)

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("cv")) == bool(cleaned.get("file")):
            raise forms.ValidationError(_("Choose one of your CVs or upload a new one."))
        cleaned["cv"] = self.cvs.get(cleaned.get("cv") or "")
        return cleaned


class AlertForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120, required=False)
    frequency = forms.ChoiceField(label=_("How often"), choices=AlertFrequency.choices)
