"""The SSRF guard: a webhook never reaches a private, loopback or link-local address."""

import socket

import pytest

from apps.webhooks import addresses, transport


def resolving_to(monkeypatch, *ips: str) -> None:
    """Make every name resolve to these addresses, as a hostile DNS server could."""

    def getaddrinfo(host, port, *args, **kwargs):
        return [
            (
                socket.AF_INET6 if ":" in ip else socket.AF_INET,
                socket.SOCK_STREAM,
                6,
                "",
                (ip, port),
            )
            for ip in ips
        ]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


@pytest.mark.parametrize(
    "url",
    [
        "https://127.0.0.1/hook",
        "https://[::1]/hook",
        "https://10.1.2.3/hook",
        "https://192.168.0.10/hook",
        "https://172.16.5.4/hook",
        "https://169.254.169.254/latest/meta-data/",
        "https://[fe80::1]/hook",
        "https://[::ffff:127.0.0.1]/hook",
        "https://0.0.0.0/hook",
        "https://100.64.0.1/hook",
        "https://[fd00::1]/hook",
        "https://224.0.0.1/hook",
    ],
)
def test_private_loopback_and_link_local_addresses_are_refused(url, settings):
    settings.WEBHOOK_ALLOW_LOOPBACK = False
    assert addresses.url_refusal(url)


def test_a_name_that_resolves_to_127_0_0_1_is_refused(settings):
    settings.WEBHOOK_ALLOW_LOOPBACK = False
    # localhost really resolves to 127.0.0.1 here: no stand-in for the resolver.
    assert "127.0.0.1" in socket.gethostbyname("localhost")
    refusal = addresses.url_refusal("https://localhost:8443/hook")
    assert refusal and "localhost resolves to" in refusal


def test_a_public_name_that_resolves_to_a_private_address_is_refused(monkeypatch, settings):
    resolving_to(monkeypatch, "93.184.215.14", "10.0.0.7")
    refusal = addresses.url_refusal("https://hooks.example.com/portal")
    assert refusal and "10.0.0.7" in refusal


def test_a_public_address_is_accepted(monkeypatch):
    resolving_to(monkeypatch, "93.184.215.14")
    assert addresses.url_refusal("https://hooks.example.com/portal") is None
    assert addresses.url_refusal("https://93.184.215.14/portal") is None


def test_a_name_that_does_not_resolve_yet_is_accepted_and_checked_at_each_delivery(monkeypatch):
    def fail(*args, **kwargs):
        raise socket.gaierror("no such name")

    monkeypatch.setattr(socket, "getaddrinfo", fail)
    assert addresses.url_refusal("https://not-yet.example.com/portal") is None
    answer = transport.post("https://not-yet.example.com/portal", body="{}", headers={})
    assert answer.status is None and "cannot be resolved" in answer.error


def test_http_and_other_schemes_are_refused_when_https_is_required(settings, monkeypatch):
    resolving_to(monkeypatch, "93.184.215.14")
    settings.WEBHOOK_REQUIRE_HTTPS = True
    assert addresses.url_refusal("http://hooks.example.com/portal")
    assert addresses.url_refusal("ftp://hooks.example.com/portal")
    assert addresses.url_refusal("https://user:pw@hooks.example.com/portal")
    settings.WEBHOOK_REQUIRE_HTTPS = False
    assert addresses.url_refusal("http://hooks.example.com/portal") is None


def test_the_development_setting_allows_loopback_only(settings):
    settings.WEBHOOK_ALLOW_LOOPBACK = True
    assert addresses.url_refusal("https://127.0.0.1/hook") is None
    assert addresses.url_refusal("https://localhost/hook") is None
    assert addresses.url_refusal("https://10.1.2.3/hook")
    assert addresses.url_refusal("https://169.254.169.254/hook")


def test_dns_rebinding_a_delivery_connects_to_the_address_checked_and_never_to_a_private_one(
    monkeypatch, settings
):
    """Public when the endpoint was saved, 127.0.0.1 at delivery time: nothing is sent."""
    settings.WEBHOOK_ALLOW_LOOPBACK = False
    resolving_to(monkeypatch, "93.184.215.14")
    assert addresses.url_refusal("https://rebind.example.com/hook") is None
    resolving_to(monkeypatch, "127.0.0.1")
    connections = []
    monkeypatch.setattr(
        socket, "create_connection", lambda *args, **kwargs: connections.append(args)
    )
    answer = transport.post("https://rebind.example.com/hook", body="{}", headers={})
    assert answer.status is None and "loopback" in answer.error
    assert connections == []


def test_the_connection_goes_to_the_resolved_address_not_to_a_second_lookup(monkeypatch):
    """The name is resolved once and the socket opened to that very address."""
    resolving_to(monkeypatch, "93.184.215.14")
    opened = []

    def create_connection(address, *args, **kwargs):
        opened.append(address)
        raise ConnectionRefusedError("test stops here")

    monkeypatch.setattr(socket, "create_connection", create_connection)
    answer = transport.post("http://hooks.example.com:8080/portal", body="{}", headers={})
    assert opened == [("93.184.215.14", 8080)]
    assert "ConnectionRefusedError" in answer.error
