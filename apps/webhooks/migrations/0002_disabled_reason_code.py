"""A webhook's reason for being off is kept as a code and written in the reader's language.

The reasons were stored as text in whatever language was active when they were set, English
for the task that turns a failing endpoint off. Each text becomes its code: "by_hand" for the
words of turning it off by hand in any of the portal's languages, "failing" for the rest.
"""

from django.conf import settings
from django.db import migrations, models
from django.utils import translation

BY_HAND = "Turned off by hand."
FAILING = "Every delivery failed for about a day."


def _words_by_hand() -> set[str]:
    words = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            words.add(translation.gettext(BY_HAND))
    return words | {BY_HAND}


def to_codes(apps, schema_editor):
    endpoint = apps.get_model("webhooks", "WebhookEndpoint")
    by_hand = _words_by_hand()
    endpoint.objects.filter(disabled_reason__in=by_hand).update(disabled_reason="by_hand")
    endpoint.objects.exclude(disabled_reason__in=["", "by_hand"]).update(
        disabled_reason="failing"
    )


def to_words(apps, schema_editor):
    endpoint = apps.get_model("webhooks", "WebhookEndpoint")
    endpoint.objects.filter(disabled_reason="by_hand").update(disabled_reason=BY_HAND)
    endpoint.objects.filter(disabled_reason="failing").update(disabled_reason=FAILING)


class Migration(migrations.Migration):
    dependencies = [("webhooks", "0001_initial")]

    operations = [
        migrations.RunPython(to_codes, to_words),
        migrations.AlterField(
            model_name="webhookendpoint",
            name="disabled_reason",
            field=models.CharField(
                blank=True,
                choices=[
                    ("by_hand", "Turned off by hand."),
                    ("failing", "Every delivery failed for about a day."),
                ],
                max_length=16,
            ),
        ),
    ]
