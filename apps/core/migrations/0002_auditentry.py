import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    """The audit log, formerly the staff app's: the table and its rows are taken over as
    they are (staff's migration 0004 renamed the table), so only the state is created."""

    dependencies = [
        ("core", "0001_site"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("staff", "0004_auditentry_to_core"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="AuditEntry",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("actor_email", models.CharField(blank=True, max_length=254)),
                        ("action", models.CharField(db_index=True, max_length=64)),
                        ("target_type", models.CharField(max_length=64)),
                        ("target_id", models.CharField(max_length=64)),
                        ("target_label", models.CharField(blank=True, max_length=255)),
                        ("note", models.TextField(blank=True)),
                        (
                            "created_at",
                            models.DateTimeField(
                                db_index=True, default=django.utils.timezone.now
                            ),
                        ),
                        (
                            "actor",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "audit entry",
                        "verbose_name_plural": "audit log",
                        "ordering": ["-created_at"],
                    },
                )
            ],
            database_operations=[],
        )
    ]
