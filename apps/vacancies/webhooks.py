"""What the job board tells webhook receivers: its event types, and their data as the API
shows it. The services call these inside the transaction of the change."""

from django.utils.translation import gettext_lazy as _

from apps.vacancies.models import Application, Vacancy
from apps.vacancies.serializers import ApplicationSerializer, VacancySerializer
from apps.webhooks import events
from apps.webhooks.services import webhooks_dispatch

VACANCY_PUBLISHED = "vacancy.published"
VACANCY_CLOSED = "vacancy.closed"
VACANCY_EXPIRED = "vacancy.expired"
APPLICATION_RECEIVED = "application.received"
APPLICATION_STATUS_CHANGED = "application.status_changed"


def register_events() -> None:
    """Called from the app's `ready()`."""
    events.register(VACANCY_PUBLISHED, description=_("A vacancy was published."), public=True)
    events.register(VACANCY_CLOSED, description=_("A vacancy was closed."), public=True)
    events.register(VACANCY_EXPIRED, description=_("A vacancy expired."), public=True)
    events.register(APPLICATION_RECEIVED, description=_("Someone applied to a vacancy."))
    events.register(
        APPLICATION_STATUS_CHANGED,
        description=_("An application moved on, or the applicant withdrew it."),
    )


def vacancy_changed(*, vacancy: Vacancy, event_type: str) -> None:
    webhooks_dispatch(
        organization=vacancy.organization,
        event_type=event_type,
        data=lambda: VacancySerializer(vacancy).data,
    )


def application_changed(*, application: Application, event_type: str) -> None:
    webhooks_dispatch(
        organization=application.vacancy.organization,
        event_type=event_type,
        data=lambda: ApplicationSerializer(application).data,
        about=application.applicant,
    )
