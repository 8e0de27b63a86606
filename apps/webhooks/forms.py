from django import forms
from django.utils.translation import gettext_lazy as _

from apps.webhooks import events


class EndpointForm(forms.Form):
    url = forms.URLField(
        label=_("Address"),
        max_length=500,
        assume_scheme="https",
        help_text=_("Where we POST the events, e.g. https://ats.example.com/hooks/portal."),
    )
    events = forms.MultipleChoiceField(
        label=_("Events"), widget=forms.CheckboxSelectMultiple, choices=()
    )
    description = forms.CharField(label=_("Description"), max_length=200, required=False)

    def __init__(self, *args, portal_wide: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["events"].choices = [
            (event.name, f"{event.name}: {event.description}")
            for event in events.registered()
            if event.public or not portal_wide
        ]
