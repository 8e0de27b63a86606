import factory

from apps.accounts.tests.factories import UserFactory
from apps.notifications.models import (
    AlertFrequency,
    DeliveryStatus,
    JobAlert,
    Notification,
    NotificationKind,
)


class JobAlertFactory(factory.django.DjangoModelFactory):
    """An active alert; `filters={"q": "antibody"}`, `frequency="instant"` as needed."""

    class Meta:
        model = JobAlert

    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Alert {n}")
    filters = factory.LazyFunction(dict)
    frequency = AlertFrequency.DAILY
    is_active = True


class NotificationFactory(factory.django.DjangoModelFactory):
    """An inbox row written directly (no email is queued); pending unless told otherwise."""

    class Meta:
        model = Notification

    recipient = factory.SubFactory(UserFactory)
    kind = NotificationKind.APPLICATION_STATUS
    subject = factory.Sequence(lambda n: f"Notice {n}")
    body = "Something happened."
    html_body = "<p>Something happened.</p>"
    url = "/dashboard/"
    status = DeliveryStatus.PENDING
