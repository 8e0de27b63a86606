import factory

from apps.organizations.tests.factories import OrganizationFactory
from apps.webhooks import signing
from apps.webhooks.models import WebhookEndpoint


class WebhookEndpointFactory(factory.django.DjangoModelFactory):
    """An endpoint written directly: its address is not checked (tests set it)."""

    class Meta:
        model = WebhookEndpoint

    organization = factory.SubFactory(OrganizationFactory, verified=True)
    url = "https://hooks.example.com/portal"
    events = factory.LazyFunction(lambda: ["vacancy.published"])
    secret = factory.LazyFunction(signing.new_secret)
