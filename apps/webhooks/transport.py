"""One HTTP POST to a receiver, connected to the address that was checked."""

import http.client
import socket
import ssl
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

from apps.webhooks.addresses import UnsafeAddress, resolve

RESPONSE_BODY_LIMIT = 2000


@dataclass(frozen=True)
class Answer:
    status: int | None
    body: str
    duration_ms: int
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


def _pinned(connection: http.client.HTTPConnection, address: str) -> None:
    """Connect to `address` whatever the name: TLS still checks the certificate of the name."""

    def create_connection(host_port, timeout=None, source_address=None):
        return socket.create_connection((address, host_port[1]), timeout, source_address)

    connection._create_connection = create_connection  # type: ignore[attr-defined]


def post(url: str, *, body: str, headers: dict[str, str]) -> Answer:
    """POST the body; never raises for what the receiver or the network does."""
    started = time.monotonic()

    def took() -> int:
        return int((time.monotonic() - started) * 1000)

    parts = urlsplit(url)
    https = parts.scheme == "https"
    port = parts.port or (443 if https else 80)
    try:
        address = resolve(parts.hostname or "", port)[0]
    except UnsafeAddress as error:
        return Answer(status=None, body="", duration_ms=took(), error=str(error))
    timeout = settings.WEBHOOK_TIMEOUT_SECONDS
    if https:
        connection: http.client.HTTPConnection = http.client.HTTPSConnection(
            parts.hostname, port, timeout=timeout, context=ssl.create_default_context()
        )
    else:
        connection = http.client.HTTPConnection(parts.hostname, port, timeout=timeout)
    _pinned(connection, str(address))
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        connection.request(
            "POST",
            path,
            body=body.encode(),
            headers={
                "Content-Type": "application/json",
                "User-Agent": f"{settings.SITE_NAME} webhooks",
                **headers,
            },
        )
        response = connection.getresponse()
        excerpt = response.read(RESPONSE_BODY_LIMIT).decode("utf-8", "replace")
        return Answer(status=response.status, body=excerpt, duration_ms=took())
    except (OSError, http.client.HTTPException) as error:
        return Answer(
            status=None, body="", duration_ms=took(), error=f"{type(error).__name__}: {error}"
        )
    finally:
        connection.close()
