from django import forms

from apps.notifications.kinds import choosable_kind_choices


class PreferencesForm(forms.Form):
    """A checkbox per kind of notice: also send it by email."""

    def __init__(self, *args, preferences: dict[str, bool], **kwargs):
        super().__init__(*args, **kwargs)
        for kind, label in choosable_kind_choices():
            self.fields[kind] = forms.BooleanField(
                label=label, required=False, initial=preferences.get(kind, True)
            )
