import pytest

from apps.webhooks.tests.receiver import Receiver, start_receiver


@pytest.fixture
def receiver(settings):
    """A receiver on 127.0.0.1, which the portal may reach in tests over http."""
    settings.WEBHOOK_ALLOW_LOOPBACK = True
    settings.WEBHOOK_REQUIRE_HTTPS = False
    receiver = Receiver()
    server = start_receiver(receiver)
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def public_dns(monkeypatch):
    """Every name resolves to a public address (the tests have no internet)."""
    import ipaddress
    import socket

    def getaddrinfo(host, port, *args, **kwargs):
        try:
            address = str(ipaddress.ip_address(host))  # a literal address stays itself
        except ValueError:
            address = "93.184.215.14"
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
