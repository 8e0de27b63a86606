from django.apps import AppConfig


class JobfairConfig(AppConfig):
    name = "apps.jobfair"
    label = "jobfair"
    verbose_name = "Job fair and meetings"

    def ready(self) -> None:
        from apps.core import api_fields, personal_data
        from apps.events import hooks
        from apps.jobfair import api, selectors, services

        personal_data.register("jobfair", export=selectors.personal_data_export)
        # A place given up, or an event cancelled, takes its meetings with it.
        hooks.register(
            "jobfair",
            registration_cancelled=services.meetings_cancel_for_registration,
            event_cancelled=services.meetings_cancel_for_event,
        )
        api_fields.register("events:detail", "hiring", api.HiringField)
