from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "apps.core"
    verbose_name = "Portal core"

    def ready(self) -> None:
        from apps.core import personal_data, services

        # Decisions stay on record; the person who made them does not.
        personal_data.register("core", erase=services.audit_forget_actor)
