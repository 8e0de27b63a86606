from django.db import migrations

MOVED = ("jobalert", "jobalertmatch")


def move_content_types(apps, schema_editor):
    """The admin log and any permissions of the alert models follow them to vacancies."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        old = ContentType.objects.filter(app_label="notifications", model=model).first()
        if old is None:
            continue
        if ContentType.objects.filter(app_label="vacancies", model=model).exists():
            old.delete()
        else:
            old.app_label = "vacancies"
            old.save(update_fields=["app_label"])


def move_content_types_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="vacancies", model__in=MOVED).update(
        app_label="notifications"
    )


class Migration(migrations.Migration):
    """Job alerts move to the job board, keeping their rows: only the tables are renamed.

    Notifications only delivers; vacancies' migration 0003 takes the models over.
    """

    dependencies = [
        ("notifications", "0003_notification_to_an_address"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable(name="jobalert", table="vacancies_jobalert"),
                migrations.AlterModelTable(name="jobalertmatch", table="vacancies_jobalertmatch"),
            ],
            state_operations=[
                migrations.DeleteModel(name="JobAlertMatch"),
                migrations.DeleteModel(name="JobAlert"),
            ],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
