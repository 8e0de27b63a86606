import uuid

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    """Job alerts, formerly the notifications app's: notifications' migration 0004 renamed
    their tables, so the rows stay where they are and only the state is created here."""

    dependencies = [
        ("vacancies", "0002_search_index"),
        ("notifications", "0004_job_alerts_to_vacancies"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="JobAlert",
                    fields=[
                        (
                            "id",
                            models.UUIDField(
                                default=uuid.uuid4,
                                editable=False,
                                primary_key=True,
                                serialize=False,
                            ),
                        ),
                        ("name", models.CharField(max_length=120, verbose_name="name")),
                        ("filters", models.JSONField(blank=True, default=dict)),
                        (
                            "frequency",
                            models.CharField(
                                choices=[
                                    ("instant", "At once"),
                                    ("daily", "Daily digest"),
                                    ("weekly", "Weekly digest"),
                                ],
                                default="daily",
                                max_length=8,
                                verbose_name="frequency",
                            ),
                        ),
                        ("is_active", models.BooleanField(default=True)),
                        (
                            "created_at",
                            models.DateTimeField(
                                default=django.utils.timezone.now, editable=False
                            ),
                        ),
                        ("last_run_at", models.DateTimeField(blank=True, null=True)),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="job_alerts",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "ordering": ["-created_at"],
                        "indexes": [
                            models.Index(
                                fields=["is_active", "frequency"],
                                name="notificatio_is_acti_7c9638_idx",
                            )
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="JobAlertMatch",
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
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                        (
                            "alert",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="matches",
                                to="vacancies.jobalert",
                            ),
                        ),
                        (
                            "vacancy",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="alert_matches",
                                to="vacancies.vacancy",
                            ),
                        ),
                        (
                            "notification",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="notifications.notification",
                            ),
                        ),
                    ],
                    options={
                        "indexes": [
                            models.Index(
                                fields=["alert", "notification"],
                                name="notificatio_alert_i_a024c8_idx",
                            )
                        ],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("alert", "vacancy"), name="one_match_per_alert"
                            )
                        ],
                    },
                ),
            ],
        )
    ]
