"""The README's short receiver, run as written against deliveries from the portal."""

import re
import threading
from http.server import HTTPServer
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from apps.webhooks import services
from apps.webhooks.models import DeliveryStatus
from apps.webhooks.tests.factories import WebhookEndpointFactory
from apps.webhooks.tests.receiver import free_port

pytestmark = pytest.mark.django_db


def readme_receiver(secret: str):
    """The receiver class the README defines, with the secret put in its place."""
    readme = (Path(django_settings.BASE_DIR) / "README.md").read_text()
    code = re.search(r"<!-- receiver -->\n```python\n(.*?)```", readme, re.S).group(1)
    lines = [line for line in code.strip().splitlines() if line.strip()]
    assert len(lines) <= 12 and lines[-1].startswith("web.HTTPServer(")
    assert code.count('"whsec_…"') == 1
    namespace: dict = {}
    # Everything but the last line, which would serve forever on port 8080.
    exec("\n".join(lines[:-1]).replace('"whsec_…"', repr(secret)), namespace)  # noqa: S102
    return namespace["Receiver"]


@pytest.fixture
def readme_server(db, settings):
    settings.WEBHOOK_ALLOW_LOOPBACK = True
    settings.WEBHOOK_REQUIRE_HTTPS = False
    port = free_port()
    endpoint = WebhookEndpointFactory(url=f"http://127.0.0.1:{port}/", events=["vacancy.closed"])
    server = HTTPServer(("127.0.0.1", port), readme_receiver(endpoint.secret))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield endpoint
    finally:
        server.shutdown()
        server.server_close()


def test_the_readme_receiver_accepts_a_real_delivery(readme_server):
    [delivery] = services.webhooks_dispatch(
        organization=readme_server.organization, event_type="vacancy.closed", data={"slug": "x"}
    )
    assert services.delivery_attempt(delivery_id=delivery.pk) == DeliveryStatus.SUCCEEDED
    delivery.refresh_from_db()
    assert delivery.response_status == 204


def test_the_readme_receiver_refuses_a_delivery_signed_with_another_secret(readme_server):
    readme_server.secret = WebhookEndpointFactory().secret
    readme_server.save()
    [delivery] = services.webhooks_dispatch(
        organization=readme_server.organization, event_type="vacancy.closed", data={"slug": "x"}
    )
    assert services.delivery_attempt(delivery_id=delivery.pk) == DeliveryStatus.PENDING
    delivery.refresh_from_db()
    assert delivery.response_status == 400
