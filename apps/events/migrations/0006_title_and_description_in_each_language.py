"""An event's title and description in each language (django-modeltranslation); what was
written so far becomes the English text."""

import django.core.validators
from django.db import migrations, models
from django.db.models import F


def copy_the_originals(apps, schema_editor):
    """What was written before is the English text (the source language)."""
    apps.get_model('events', 'Event').objects.update(
        title_en=F('title'),
        description_en=F('description'),
    )


class Migration(migrations.Migration):

    dependencies = [
        ('events', '0005_registration_anonymised_and_consent'),
    ]

    operations = [
        migrations.AddField(
            model_name='event',
            name='description_en',
            field=models.TextField(blank=True, max_length=10000, null=True, validators=[django.core.validators.MaxLengthValidator(10000)], verbose_name='description'),
        ),
        migrations.AddField(
            model_name='event',
            name='description_fr',
            field=models.TextField(blank=True, max_length=10000, null=True, validators=[django.core.validators.MaxLengthValidator(10000)], verbose_name='description'),
        ),
        migrations.AddField(
            model_name='event',
            name='description_nl',
            field=models.TextField(blank=True, max_length=10000, null=True, validators=[django.core.validators.MaxLengthValidator(10000)], verbose_name='description'),
        ),
        migrations.AddField(
            model_name='event',
            name='title_en',
            field=models.CharField(max_length=200, null=True, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='event',
            name='title_fr',
            field=models.CharField(max_length=200, null=True, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='event',
            name='title_nl',
            field=models.CharField(max_length=200, null=True, verbose_name='title'),
        ),
        migrations.RunPython(copy_the_originals, migrations.RunPython.noop),
    ]
