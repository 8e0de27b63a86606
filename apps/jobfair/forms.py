from django import forms
from django.utils.translation import gettext_lazy as _

from apps.jobfair import services
from apps.talent.models import CV


class SlotOpenForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("First slot starts"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Brussels time, during the event."),
    )
    duration_minutes = forms.IntegerField(
        label=_("Length of each slot (minutes)"),
        min_value=services.MIN_DURATION_MINUTES,
        max_value=services.MAX_DURATION_MINUTES,
        initial=20,
    )
    count = forms.IntegerField(
        label=_("Number of consecutive slots"),
        min_value=1,
        max_value=services.MAX_SLOTS_AT_ONCE,
        initial=6,
    )
    location = forms.CharField(
        label=_("Where"),
        max_length=200,
        required=False,
        help_text=_("A table, a stand or a room. Slots at different places may run in parallel."),
    )


class BookForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the organization"),
        max_length=services.MAX_MESSAGE_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": services.MAX_MESSAGE_LENGTH}),
        help_text=_("What you would like to talk about."),
    )
    cv = forms.ModelChoiceField(
        label=_("Share a CV for this meeting"),
        queryset=CV.objects.none(),
        required=False,
        empty_label=_("No CV"),
        help_text=_(
            "Only this organization may open it, and only while the meeting stands; "
            "every download is shown to you."
        ),
    )

    def __init__(self, *args, cvs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cv"].queryset = CV.objects.filter(pk__in=[cv.pk for cv in cvs])
        self.fields["cv"].label_from_instance = lambda cv: cv.original_name


class CancelMeetingForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional), shown to the other person"),
        max_length=services.MAX_MESSAGE_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
