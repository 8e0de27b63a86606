from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _ensure_full_text_indexes(sender: object, using: str = "default", **kwargs: object) -> None:
    from apps.core.sqlite_search import ensure_indexes

    ensure_indexes(using=using)


class CoreConfig(AppConfig):
    name = "apps.core"
    verbose_name = _("Portal core")

    def ready(self) -> None:
        from apps.core import personal_data, services

        # Decisions stay on record; the person who made them does not.
        personal_data.register("core", erase=services.audit_forget_actor)
        # Sent for each app once every migration has run: the first call builds what is
        # missing, the others find everything in place (SQLite only).
        post_migrate.connect(_ensure_full_text_indexes, dispatch_uid="core.full_text_indexes")
