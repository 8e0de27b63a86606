from django.apps import AppConfig


class InvitationsConfig(AppConfig):
    name = "apps.invitations"
    label = "invitations"
    verbose_name = "Invitations to apply"

    def ready(self) -> None:
        from apps.core import personal_data
        from apps.invitations import selectors

        personal_data.register("invitations", export=selectors.personal_data_export)
