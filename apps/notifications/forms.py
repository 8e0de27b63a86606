from django import forms

from apps.notifications.models import CHOOSABLE_KINDS


class PreferencesForm(forms.Form):
    """A checkbox per kind of notice: also send it by email."""

    def __init__(self, *args, preferences: dict[str, bool], **kwargs):
        super().__init__(*args, **kwargs)
        for kind in CHOOSABLE_KINDS:
            self.fields[kind.value] = forms.BooleanField(
                label=kind.label, required=False, initial=preferences.get(kind.value, True)
            )
