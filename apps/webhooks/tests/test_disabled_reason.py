"""Why a webhook is off is written in the reader's language, whoever or whatever turned it
off: the task that turns a failing endpoint off runs in no one's language."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient

from apps.organizations.tests.factories import MembershipFactory
from apps.webhooks import services
from apps.webhooks.models import DisabledReason, WebhookEndpoint
from apps.webhooks.tests.factories import WebhookEndpointFactory

pytestmark = pytest.mark.usefixtures("public_dns")
FAILING = "Every delivery failed for about a day."
BY_HAND = "Turned off by hand."


def words(language: str, message: str) -> str:
    with translation.override(language):
        return translation.gettext(message)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "nl", "fr"])
def test_the_reason_is_read_in_the_language_of_the_page_and_the_api(client, language):
    owner = MembershipFactory(role="owner", organization__verified=True)
    endpoint = WebhookEndpointFactory(organization=owner.organization)
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(
        is_active=False, disabled_reason=DisabledReason.FAILING
    )
    expected = words(language, FAILING)
    assert language == "en" or expected != FAILING

    api = APIClient()
    api.force_authenticate(owner.user)
    body = api.get(
        f"/api/v1/organizations/{owner.organization.slug}/webhooks/{endpoint.pk}/",
        HTTP_ACCEPT_LANGUAGE=language,
    ).json()
    assert body["disabled_reason"] == expected

    client.force_login(owner.user)
    with translation.override(language):
        page = reverse(
            "webhooks:detail",
            kwargs={"slug": owner.organization.slug, "endpoint_id": endpoint.pk},
        )
    assert expected in client.get(page).content.decode()


@pytest.mark.django_db
def test_turning_it_off_by_hand_keeps_the_code_and_on_again_clears_it():
    owner = MembershipFactory(role="owner", organization__verified=True)
    endpoint = WebhookEndpointFactory(organization=owner.organization)
    with translation.override("nl"):
        services.webhook_endpoint_update(actor=owner.user, endpoint=endpoint, is_active=False)
    endpoint.refresh_from_db()
    assert endpoint.disabled_reason == DisabledReason.BY_HAND
    services.webhook_endpoint_update(actor=owner.user, endpoint=endpoint, is_active=True)
    endpoint.refresh_from_db()
    assert endpoint.disabled_reason == ""


def migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([target])
    return executor.loader.project_state([target]).apps


@pytest.mark.django_db(transaction=True)
def test_reasons_stored_as_words_become_codes():
    old = migrate(("webhooks", "0001_initial"))
    endpoint = old.get_model("webhooks", "WebhookEndpoint")
    stored = {
        "on": "",
        "english": FAILING,
        "by-hand-english": BY_HAND,
        "by-hand-dutch": words("nl", BY_HAND),
        "by-hand-french": words("fr", BY_HAND),
    }
    for name, reason in stored.items():
        endpoint.objects.create(
            url=f"https://ats.example.com/{name}", description=name, disabled_reason=reason
        )

    new = migrate(("webhooks", "0002_disabled_reason_code"))
    codes = dict(
        new.get_model("webhooks", "WebhookEndpoint").objects.values_list(
            "description", "disabled_reason"
        )
    )
    assert codes == {
        "on": "",
        "english": "failing",
        "by-hand-english": "by_hand",
        "by-hand-dutch": "by_hand",
        "by-hand-french": "by_hand",
    }
