from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobfairConfig(AppConfig):
    name = "apps.jobfair"
    label = "jobfair"
    verbose_name = _("Job fair and meetings")

    def ready(self) -> None:
        from apps.core import api_fields, panels, personal_data, retention
        from apps.events import hooks
        from apps.jobfair import api, selectors, services, views, webhooks
        from apps.jobfair.models import JobfairNotice
        from apps.notifications import kinds as notice_kinds
        from apps.talent import sharing

        notice_kinds.register(JobfairNotice)
        personal_data.register(
            "jobfair",
            export=selectors.personal_data_export,
            holdings=selectors.meeting_holdings,
        )
        retention.register(
            retention.RetentionRule(
                name="jobfair.meetings",
                label=_("One-to-one meetings"),
                period=services.meetings_period,
                run=services.meetings_apply_retention,
                upcoming=services.meetings_upcoming,
            )
        )
        webhooks.register_events()
        # A place given up, or an event cancelled, takes its meetings with it.
        hooks.register(
            "jobfair",
            registration_cancelled=services.meetings_cancel_for_registration,
            event_cancelled=services.meetings_cancel_for_event,
        )
        # Booking shares one's profile, and the CV attached, with the organization met;
        # choosing to be visible shares one's profile with the event's exhibitors.
        sharing.register(
            "jobfair",
            profile_shared_with_member=selectors.profile_shared_with_member,
            organizations_given_cv=selectors.organizations_given_cv,
            purpose="meeting",
        )
        panels.register(
            "events:detail",
            "jobfair",
            template="jobfair/panels/event.html",
            context=views.event_panel,
            order=5,
        )
        api_fields.register("events:detail", "hiring", api.HiringField)
