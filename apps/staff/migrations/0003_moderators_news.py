from django.db import migrations

from apps.staff.migrations._moderators import create_moderators


class Migration(migrations.Migration):
    """Give moderators the news and page permissions once those models exist."""

    dependencies = [("staff", "0002_moderators"), ("content", "0002_default_pages")]

    operations = [migrations.RunPython(create_moderators, migrations.RunPython.noop)]
