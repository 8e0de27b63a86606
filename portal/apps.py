from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The top of the app graph: the pages and commands that gather every app."""

    name = "portal"
    verbose_name = "Portal"
