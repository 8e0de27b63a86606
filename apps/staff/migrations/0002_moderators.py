from django.db import migrations

from apps.staff.migrations._moderators import create_moderators

class Migration(migrations.Migration):
    dependencies = [
        ("staff", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("accounts", "0001_initial"),
        ("organizations", "0002_sectors"),
        ("vacancies", "0002_search_index"),
        ("events", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_moderators, migrations.RunPython.noop)]
