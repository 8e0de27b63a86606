"""Organization names become unique regardless of case and spacing.

Names already in the directory are first stored the way the portal now stores them (one
plain space between words). Names that then still collide keep the oldest organization
as it is; each later one gets its slug in brackets, e.g. "VIB (vib-2)", so the constraint
can be added and staff can find and merge them.
"""

import django.db.models.functions.text
from django.db import migrations, models
from django.db.models import Count, F, Value
from django.db.models.functions import Lower, Replace


def name_key(name):
    return Lower(Replace(name, Value(" "), Value("")))


def tell_duplicate_names_apart(apps, schema_editor):
    Organization = apps.get_model("organizations", "Organization")
    for organization in Organization.objects.only("pk", "name").iterator():
        normalized = " ".join(organization.name.split())
        if normalized != organization.name:
            Organization.objects.filter(pk=organization.pk).update(name=normalized)

    keyed = Organization.objects.annotate(key=name_key(F("name")))
    duplicated = (
        keyed.values("key").annotate(count=Count("pk")).filter(count__gt=1).values_list("key")
    )
    for key in [row[0] for row in duplicated]:
        later = list(keyed.filter(key=key).order_by("created_at", "pk")[1:])
        for organization in later:
            suffix = organization.slug
            while True:
                name = f"{organization.name[: 197 - len(suffix)]} ({suffix})"
                if not keyed.filter(key=name_key(Value(name))).exists():
                    break
                suffix += "-"
            Organization.objects.filter(pk=organization.pk).update(name=name)


class Migration(migrations.Migration):
    dependencies = [
        ("organizations", "0005_founded_year_from_1400"),
    ]

    operations = [
        migrations.RunPython(tell_duplicate_names_apart, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="organization",
            constraint=models.UniqueConstraint(
                django.db.models.functions.text.Lower(
                    django.db.models.functions.text.Replace(
                        models.F("name"), models.Value(" "), models.Value("")
                    )
                ),
                name="organization_name_unique_ignoring_case_and_spaces",
                violation_error_message=(
                    "An organization with this name is already in the directory."
                ),
            ),
        ),
    ]
