"""A change nobody subscribed to costs no serializing: the data is made only for receivers."""

import json

import pytest

from apps.organizations.tests.factories import OrganizationFactory
from apps.webhooks import services
from apps.webhooks.tests.factories import WebhookEndpointFactory

pytestmark = pytest.mark.django_db


def test_the_data_is_made_only_when_an_endpoint_subscribed():
    made = []

    def data() -> dict:
        made.append(1)
        return {"title": "Upstream process engineer"}

    organization = OrganizationFactory(verified=True)
    WebhookEndpointFactory(organization=organization, events=["vacancy.closed"])
    assert (
        services.webhooks_dispatch(
            organization=organization, event_type="vacancy.published", data=data
        )
        == []
    )
    assert made == []

    WebhookEndpointFactory(organization=organization, events=["vacancy.published"])
    [delivery] = services.webhooks_dispatch(
        organization=organization, event_type="vacancy.published", data=data
    )
    assert made == [1]
    assert json.loads(delivery.body)["data"] == {"title": "Upstream process engineer"}
