"""An organization's description in each language (django-modeltranslation); the description
written so far becomes the English one. On SQLite the directory's full-text index is
dropped, to be built again over every language's description after the migration."""

from django.db import migrations, models
from django.db.models import F


def copy_the_originals(apps, schema_editor):
    """What was written before is the English text (the source language)."""
    apps.get_model('organizations', 'Organization').objects.update(
        description_en=F('description'),
    )


def drop_the_sqlite_index(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for trigger in ("insert", "update", "delete"):
        schema_editor.execute(f"DROP TRIGGER IF EXISTS organizations_organization_fts_{trigger}")
    schema_editor.execute("DROP TABLE IF EXISTS organizations_organization_fts")


class Migration(migrations.Migration):

    dependencies = [
        ('organizations', '0006_organization_names_unique'),
    ]

    operations = [
        migrations.AddField(
            model_name='organization',
            name='description_en',
            field=models.TextField(blank=True, null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='organization',
            name='description_fr',
            field=models.TextField(blank=True, null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='organization',
            name='description_nl',
            field=models.TextField(blank=True, null=True, verbose_name='description'),
        ),
        migrations.RunPython(copy_the_originals, migrations.RunPython.noop),
        migrations.RunPython(drop_the_sqlite_index, migrations.RunPython.noop),
    ]
