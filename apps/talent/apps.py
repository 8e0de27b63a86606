from django.apps import AppConfig


class TalentConfig(AppConfig):
    name = "apps.talent"
    label = "talent"
    verbose_name = "Talent"
