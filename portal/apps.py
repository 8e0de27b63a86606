from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The top of the app graph: the pages and commands that gather every app."""

    name = "portal"
    verbose_name = _("Portal")
