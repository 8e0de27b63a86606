import factory

from apps.accounts.tests.factories import UserFactory
from apps.notifications.models import DeliveryStatus, Notification, NotificationKind


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
