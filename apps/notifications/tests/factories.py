import factory
from django.urls import reverse

from apps.accounts.tests.factories import UserFactory
from apps.notifications.kinds import kind_values
from apps.notifications.models import DeliveryStatus, Notification


class NotificationFactory(factory.django.DjangoModelFactory):
    """An inbox row written directly (no email is queued); pending unless told otherwise."""

    class Meta:
        model = Notification

    recipient = factory.SubFactory(UserFactory)
    kind = factory.LazyFunction(lambda: kind_values()[0])
    subject = factory.Sequence(lambda n: f"Notice {n}")
    body = "Something happened."
    html_body = "<p>Something happened.</p>"
    url = reverse("dashboard")
    status = DeliveryStatus.PENDING
