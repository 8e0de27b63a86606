from django import forms
from django.utils.translation import gettext_lazy as _

from apps.notifications.models import AlertFrequency, NotificationKind


class AlertForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120, required=False)
    frequency = forms.ChoiceField(label=_("How often"), choices=AlertFrequency.choices)


class PreferencesForm(forms.Form):
    """A checkbox per kind of notice: also send it by email."""

    def __init__(self, *args, preferences: dict[str, bool], **kwargs):
        super().__init__(*args, **kwargs)
        for kind, label in NotificationKind.choices:
            self.fields[kind] = forms.BooleanField(
                label=label, required=False, initial=preferences.get(kind, True)
            )
