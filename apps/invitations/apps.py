from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InvitationsConfig(AppConfig):
    name = "apps.invitations"
    label = "invitations"
    verbose_name = _("Invitations to apply")

    def ready(self) -> None:
        from apps.core import panels, personal_data
        from apps.invitations import selectors, views
        from apps.invitations.models import InvitationNotice
        from apps.notifications import kinds as notice_kinds

        notice_kinds.register(InvitationNotice)
        personal_data.register("invitations", export=selectors.personal_data_export)
        panels.register(
            "talent:profile_detail",
            "invitations",
            template="invitations/panels/profile.html",
            context=views.profile_panel,
        )
