from django.db import migrations


def move_content_type(apps, schema_editor):
    """The audit log's permissions (moderators may view it) follow it to its new app."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    old = ContentType.objects.filter(app_label="staff", model="auditentry").first()
    if old is None:
        return
    if ContentType.objects.filter(app_label="core", model="auditentry").exists():
        old.delete()
    else:
        old.app_label = "core"
        old.save(update_fields=["app_label"])


def move_content_type_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="core", model="auditentry").update(app_label="staff")


class Migration(migrations.Migration):
    """The audit log moves down into core, keeping its rows: only the table is renamed."""

    dependencies = [
        ("staff", "0003_moderators_news"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable(name="auditentry", table="core_auditentry")
            ],
            state_operations=[migrations.DeleteModel(name="AuditEntry")],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
