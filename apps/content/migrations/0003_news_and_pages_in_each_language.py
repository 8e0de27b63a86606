"""News items and pages in each language (django-modeltranslation); what was written so far
becomes the English text."""

from django.db import migrations, models
from django.db.models import F


def copy_the_originals(apps, schema_editor):
    """What was written before is the English text (the source language)."""
    apps.get_model('content', 'NewsItem').objects.update(
        title_en=F('title'),
        summary_en=F('summary'),
        body_en=F('body'),
    )
    apps.get_model('content', 'Page').objects.update(
        title_en=F('title'),
        body_en=F('body'),
    )


class Migration(migrations.Migration):

    dependencies = [
        ('content', '0002_default_pages'),
    ]

    operations = [
        migrations.AddField(
            model_name='newsitem',
            name='body_en',
            field=models.TextField(help_text='Formatting is kept; scripts and styles are removed.', null=True, verbose_name='text'),
        ),
        migrations.AddField(
            model_name='newsitem',
            name='body_fr',
            field=models.TextField(help_text='Formatting is kept; scripts and styles are removed.', null=True, verbose_name='text'),
        ),
        migrations.AddField(
            model_name='newsitem',
            name='body_nl',
            field=models.TextField(help_text='Formatting is kept; scripts and styles are removed.', null=True, verbose_name='text'),
        ),
        migrations.AddField(
            model_name='newsitem',
            name='summary_en',
            field=models.CharField(help_text='One or two sentences, shown in lists, on the home page and in the feed.', max_length=400, null=True, verbose_name='summary'),
        ),
        migrations.AddField(
            model_name='newsitem',
            name='summary_fr',
            field=models.CharField(help_text='One or two sentences, shown in lists, on the home page and in the feed.', max_length=400, null=True, verbose_name='summary'),
        ),
        migrations.AddField(
            model_name='newsitem',
            name='summary_nl',
            field=models.CharField(help_text='One or two sentences, shown in lists, on the home page and in the feed.', max_length=400, null=True, verbose_name='summary'),
        ),
        migrations.AddField(
            model_name='newsitem',
            name='title_en',
            field=models.CharField(max_length=200, null=True, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='newsitem',
            name='title_fr',
            field=models.CharField(max_length=200, null=True, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='newsitem',
            name='title_nl',
            field=models.CharField(max_length=200, null=True, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='page',
            name='body_en',
            field=models.TextField(help_text='Formatting is kept; scripts and styles are removed.', null=True, verbose_name='text'),
        ),
        migrations.AddField(
            model_name='page',
            name='body_fr',
            field=models.TextField(help_text='Formatting is kept; scripts and styles are removed.', null=True, verbose_name='text'),
        ),
        migrations.AddField(
            model_name='page',
            name='body_nl',
            field=models.TextField(help_text='Formatting is kept; scripts and styles are removed.', null=True, verbose_name='text'),
        ),
        migrations.AddField(
            model_name='page',
            name='title_en',
            field=models.CharField(max_length=200, null=True, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='page',
            name='title_fr',
            field=models.CharField(max_length=200, null=True, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='page',
            name='title_nl',
            field=models.CharField(max_length=200, null=True, verbose_name='title'),
        ),
        migrations.RunPython(copy_the_originals, migrations.RunPython.noop),
    ]
