from django import forms
from django.utils.translation import gettext_lazy as _

from apps.events.models import Event
from apps.organizations.models import Organization


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class EventForm(forms.ModelForm):
    organizer = forms.ModelChoiceField(
        label=_("Organizer"), queryset=Organization.objects.none(), empty_label=None
    )
    online_url = forms.URLField(
        label=_("Online link"), required=False, assume_scheme="https", max_length=200
    )

    class Meta:
        model = Event
        fields = [
            "organizer",
            "title",
            "kind",
            "starts_at",
            "ends_at",
            "venue",
            "address",
            "city",
            "online_url",
            "description",
            "agenda",
            "audience",
            "capacity",
            "waitlist_enabled",
            "registration_opens_at",
            "registration_closes_at",
        ]
        widgets = {
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
            "registration_opens_at": DateTimeInput(),
            "registration_closes_at": DateTimeInput(),
            "description": forms.Textarea(attrs={"rows": 6}),
            "agenda": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {"starts_at": _("Brussels time.")}

    def __init__(self, *args, organizers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organizer"].queryset = Organization.objects.filter(
            pk__in=[o.pk for o in organizers]
        ).order_by("name")
        if self.instance.pk:
            del self.fields["organizer"]

    def _post_clean(self):
        # The services validate the event; the form only checks its fields.
        pass


class CancelEventForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason, shown to everyone registered"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
