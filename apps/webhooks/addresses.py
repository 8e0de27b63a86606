"""Where a webhook may go: never into the portal's own network.

A receiver's name is resolved when the endpoint is registered and again before every
delivery, and the delivery connects to the very address that was checked, so a name that
resolves to a public address at first and to 127.0.0.1 later (DNS rebinding) gets nowhere.
`WEBHOOK_ALLOW_LOOPBACK` lets development and tests deliver to 127.0.0.1 and ::1.
"""

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class UnsafeAddress(Exception):
    """The URL or the address its name resolves to may not receive webhooks."""


def address_refusal(address: IPAddress) -> str | None:
    """Why the portal will not connect to this address, or None when it may."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if address.is_loopback:
        if settings.WEBHOOK_ALLOW_LOOPBACK:
            return None
        return _("%(address)s is a loopback address.") % {"address": address}
    if address.is_link_local:
        return _("%(address)s is a link-local address.") % {"address": address}
    if (
        address.is_private
        or address.is_reserved
        or address.is_multicast
        or address.is_unspecified
        or not address.is_global
    ):
        return _("%(address)s is a private or reserved address.") % {"address": address}
    return None


def resolve(host: str, port: int) -> list[IPAddress]:
    """Every address the name resolves to; UnsafeAddress when any of them is refused."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        raise UnsafeAddress(_("%(host)s cannot be resolved.") % {"host": host}) from error
    addresses: list[IPAddress] = []
    for _family, _type, _proto, _name, sockaddr in infos:
        address = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
        refusal = address_refusal(address)
        if refusal:
            raise UnsafeAddress(
                _("%(host)s resolves to %(refusal)s") % {"host": host, "refusal": refusal}
            )
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise UnsafeAddress(_("%(host)s cannot be resolved.") % {"host": host})
    return addresses


def url_refusal(url: str) -> str | None:
    """Why this URL may not receive webhooks, or None: checked when an endpoint is saved."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return _("Enter a valid URL.")
    allowed = ("https",) if settings.WEBHOOK_REQUIRE_HTTPS else ("https", "http")
    if parts.scheme not in allowed:
        return _("The address must start with https://.")
    if not parts.hostname:
        return _("Enter a valid URL.")
    if parts.username or parts.password:
        return _("Put no user name or password in the address; check the signature instead.")
    host = parts.hostname
    try:
        literal = ipaddress.ip_address(host)
    except ValueError:
        literal = None
    if literal is not None:
        return address_refusal(literal)
    try:
        resolve(host, port or (443 if parts.scheme == "https" else 80))
    except UnsafeAddress as error:
        if "resolves to" in str(error):
            return str(error)
        # A name that does not resolve yet is accepted; every delivery resolves it again.
    return None
