from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("events", "0002_review_participation_and_limits")]

    operations = [
        migrations.AddField(
            model_name="registration",
            name="visible_to_exhibitors",
            field=models.BooleanField(
                db_default=False, default=False, verbose_name="visible to exhibitors"
            ),
        ),
    ]
