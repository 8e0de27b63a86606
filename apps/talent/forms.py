from django import forms
from django.utils.translation import gettext_lazy as _

from apps.talent.models import (
    LANGUAGE_CHOICES,
    ContractType,
    Discipline,
    EducationLevel,
    TalentProfile,
    Visibility,
)
from apps.talent.services import skills_from_text


class ProfileForm(forms.ModelForm):
    skills = forms.CharField(
        label=_("Skills"),
        required=False,
        max_length=2000,
        help_text=_("Separated by commas, e.g. CRISPR, RNA-seq, Python, GMP."),
    )
    disciplines = forms.MultipleChoiceField(
        label=_("Disciplines"),
        choices=Discipline.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=LANGUAGE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    contract_types = forms.MultipleChoiceField(
        label=_("Open to"),
        choices=ContractType.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    education_level = forms.ChoiceField(
        label=_("Education"), choices=[("", "—"), *EducationLevel.choices], required=False
    )
    years_of_experience = forms.IntegerField(
        label=_("Years of experience"), min_value=0, max_value=60
    )
    available_from = forms.DateField(
        label=_("Available from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty if you are available now."),
    )
    visibility = forms.ChoiceField(
        label=_("Who may see my profile and CVs"),
        choices=Visibility.choices,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = TalentProfile
        fields = [
            "headline",
            "summary",
            "skills",
            "disciplines",
            "education_level",
            "years_of_experience",
            "city",
            "languages",
            "available_from",
            "contract_types",
            "visibility",
            "accepts_invitations",
        ]
        widgets = {"summary": forms.Textarea(attrs={"rows": 6, "maxlength": 5000})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["skills"] = ", ".join(self.instance.skills)

    def clean_skills(self):
        return skills_from_text(self.cleaned_data["skills"])


class CVUploadForm(forms.Form):
    file = forms.FileField(
        label=_("CV file (PDF, DOCX or ODT, at most 10 MB)"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".pdf,.docx,.odt,application/pdf,"
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document,"
                "application/vnd.oasis.opendocument.text"
            }
        ),
    )
    make_primary = forms.BooleanField(label=_("Make this my primary CV"), required=False)


class CVRenameForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
