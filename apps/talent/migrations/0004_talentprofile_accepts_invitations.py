from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("talent", "0003_talent_pool_version")]

    operations = [
        migrations.AddField(
            model_name="talentprofile",
            name="accepts_invitations",
            field=models.BooleanField(
                db_default=True,
                default=True,
                help_text="Members of verified organizations who find you may invite you to apply.",
                verbose_name="organizations may invite me to apply",
            ),
        ),
    ]
