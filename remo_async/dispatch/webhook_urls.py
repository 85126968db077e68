"""Where a webhook may point: https, and only public addresses (no SSRF into our network).

REMO_WEBHOOK_ALLOW_INSECURE=true (development and tests) allows http and any address.
A URL is checked when saved (every address its host resolves to then) and again when each
webhook is sent, by the resolver of the connection itself, so a name whose DNS changes
after saving (rebinding) still cannot reach a private, loopback or link-local address.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.resolver import DefaultResolver
from yarl import URL

RESOLVE_TIMEOUT = 3.0


class UnsafeWebhook(ValueError):
    """The webhook URL is refused; str(exc) says why, in a phrase fit for a client."""


class UnsafeAddress(OSError):
    """A webhook host resolved to a non-public address at sending time."""


def is_public_address(text: str) -> bool:
    """True for a globally routable unicast address; private, loopback, link-local are not."""
    try:
        address = ipaddress.ip_address(text.partition("%")[0])
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def check_url_form(url: str, *, allow_insecure: bool) -> URL:
    """The URL when its scheme and any literal address are acceptable; no DNS lookup."""
    try:
        parsed = URL(url)
    except (ValueError, TypeError):
        raise UnsafeWebhook("is not a URL") from None
    if parsed.scheme not in ("https", "http") or not parsed.host:
        raise UnsafeWebhook("must be an https URL")
    if allow_insecure:
        return parsed
    if parsed.scheme != "https":
        raise UnsafeWebhook("must be an https URL")
    if _is_literal(parsed.host) and not is_public_address(parsed.host):
        raise UnsafeWebhook(f"must not point to a private or local address ({parsed.host})")
    if not _is_literal(parsed.host) and _is_legacy_numeric(parsed.host):
        raise UnsafeWebhook(f"must not be a numeric address in a legacy form ({parsed.host})")
    return parsed


async def check_webhook_url(url: str, *, allow_insecure: bool) -> None:
    """Refuses a URL that is not https or whose host resolves to any non-public address.

    A name that does not resolve now is let through: DNS may not be set up yet, and every
    sending resolves and checks again.
    """
    parsed = check_url_form(url, allow_insecure=allow_insecure)
    host = parsed.host
    if allow_insecure or host is None or _is_literal(host):
        return
    loop = asyncio.get_running_loop()
    try:
        infos = await asyncio.wait_for(
            loop.getaddrinfo(host, parsed.port, type=socket.SOCK_STREAM),
            timeout=RESOLVE_TIMEOUT,
        )
    except (OSError, TimeoutError):
        return
    if not all(is_public_address(str(info[4][0])) for info in infos):
        raise UnsafeWebhook(f"must not point to a private or local address ({host} is one)")


def _is_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host.partition("%")[0])
    except ValueError:
        return False
    return True


def _is_legacy_numeric(host: str) -> bool:
    """2130706433, 127.1, 0x7f.1: forms the C resolver maps onto an IPv4 address."""
    try:
        socket.inet_aton(host)
    except OSError:
        return False
    return True


class PublicOnlyResolver(AbstractResolver):
    """aiohttp's resolver, refusing any name with a non-public address among its answers."""

    def __init__(self) -> None:
        self._inner = DefaultResolver()

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        """The addresses of host; raises UnsafeAddress when any is not public."""
        answers = await self._inner.resolve(host, port, family)
        unsafe = [answer["host"] for answer in answers if not is_public_address(answer["host"])]
        if unsafe:
            raise UnsafeAddress(f"{host} resolves to a non-public address ({unsafe[0]})")
        return answers

    async def close(self) -> None:
        """Releases the inner resolver."""
        await self._inner.close()


def outbound_session(*, allow_insecure: bool) -> aiohttp.ClientSession:
    """The one HTTP client session of webhooks or Web Push (64 connections at most).

    Each connection's addresses are checked as it resolves them (PublicOnlyResolver), so a
    name that resolves to a private address is refused; with allow_insecure (development)
    loopback and private addresses may be called.
    """
    resolver = None if allow_insecure else PublicOnlyResolver()
    return aiohttp.ClientSession(connector=aiohttp.TCPConnector(resolver=resolver, limit=64))
