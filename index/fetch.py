"""Fetch one web page or PDF for `/add` and `quotebot add`, refusing what could hurt the host.

- http and https only; at most `max_redirects` hops, each one checked again;
- no private, loopback, link-local, multicast or reserved address: an IP written in the URL
  is checked before connecting, a host name's resolved addresses by the connector's resolver
  (the addresses connected to are the ones checked, so DNS cannot change its answer between
  the check and the connection); `allow_hosts` exempts named test hosts;
- a size limit (Content-Length first, then while reading), a total time limit;
- only HTML, XHTML, plain text and PDF content types.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import socket
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import aiohttp
from aiohttp.resolver import ThreadedResolver

from index.errors import QuotebotError

log = logging.getLogger(__name__)

HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain",)
PDF_TYPES = ("application/pdf",)
READ_BLOCK = 64 * 1024
USER_AGENT = "Quotebot/0.1 (+document fetcher for a moderated corpus)"


class FetchRefused(QuotebotError):
    """The link was not fetched, or not kept; the message says why in one line."""


@dataclass(frozen=True, slots=True)
class FetchLimits:
    max_bytes: int = 10 * 2**20
    seconds: float = 20.0
    max_redirects: int = 5
    # Host names or IPs (as written in URLs) allowed even though private: tests, intranets.
    allow_hosts: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str  # after redirects
    content_type: str  # lower-case, without parameters
    charset: str | None
    body: bytes

    @property
    def is_pdf(self) -> bool:
        return self.content_type in PDF_TYPES


def _blocked(ip: str) -> bool:
    addr = ipaddress.ip_address(ip.split("%", 1)[0])
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
        addr = addr.ipv4_mapped
    return (addr.is_private or addr.is_loopback or addr.is_link_local or addr.is_multicast
            or addr.is_reserved or addr.is_unspecified or not addr.is_global)


def _refuse_address(host: str, ip: str) -> FetchRefused:
    return FetchRefused(f"Refused: {host} is a private or local address ({ip}); only public web pages can be added.")


class GuardedResolver(ThreadedResolver):
    """Resolves like aiohttp's default, then refuses a host with any non-public address."""

    def __init__(self, allow_hosts: tuple[str, ...]) -> None:
        super().__init__()
        self.allow_hosts = {h.casefold() for h in allow_hosts}

    async def resolve(self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET):
        results = await super().resolve(host, port, family)
        if host.casefold() not in self.allow_hosts:
            for r in results:
                if _blocked(r["host"]):
                    raise _refuse_address(host, r["host"])
        return results


def check_url(url: str, allow_hosts: tuple[str, ...] = ()) -> str:
    """The URL's host, if the URL may be fetched at all (scheme, host, literal IP)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        raise FetchRefused("That is not a valid link.") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchRefused("Only http:// and https:// links can be added.")
    host = parts.hostname or ""
    if not host:
        raise FetchRefused("That link has no host name.")
    if parts.username or parts.password:
        raise FetchRefused("Links with a user name or password cannot be added.")
    if host.casefold() in {h.casefold() for h in allow_hosts}:
        return host
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return host  # a name ("localhost" too): its addresses are checked when it is resolved
    if _blocked(str(ip)):
        raise _refuse_address(host, str(ip))
    return host


def _kind(content_type: str) -> str | None:
    if content_type in HTML_TYPES or content_type in TEXT_TYPES:
        return "text"
    if content_type in PDF_TYPES:
        return "pdf"
    return None


async def fetch(url: str, limits: FetchLimits = FetchLimits()) -> Fetched:
    """GET `url` within `limits`, following redirects by hand so that each hop is checked."""
    connector = aiohttp.TCPConnector(resolver=GuardedResolver(limits.allow_hosts), force_close=True)
    timeout = aiohttp.ClientTimeout(total=limits.seconds)
    try:
        async with aiohttp.ClientSession(connector=connector, timeout=timeout,
                                         headers={"User-Agent": USER_AGENT}) as session:
            return await asyncio.wait_for(_follow(session, url, limits), limits.seconds)
    except TimeoutError:
        raise FetchRefused(f"The page took longer than {limits.seconds:g} s to download; nothing was added.") from None
    except aiohttp.ClientConnectorError as exc:
        if isinstance(getattr(exc, "os_error", None), FetchRefused):
            raise exc.os_error from None
        raise FetchRefused(f"Could not connect to {urlsplit(url).hostname}: {exc.os_error.strerror or exc}.") from None
    except aiohttp.ClientError as exc:
        raise FetchRefused(f"The download failed ({type(exc).__name__}); nothing was added.") from None


async def _follow(session: aiohttp.ClientSession, url: str, limits: FetchLimits) -> Fetched:
    for _hop in range(limits.max_redirects + 1):
        check_url(url, limits.allow_hosts)
        async with session.get(url, allow_redirects=False) as resp:
            if resp.status in (301, 302, 303, 307, 308):
                location = resp.headers.get("Location", "")
                if not location:
                    raise FetchRefused(f"The page redirects (HTTP {resp.status}) without saying where.")
                url = urljoin(url, location)
                log.info("redirect %s → %s", resp.url, url)
                continue
            if resp.status >= 400:
                raise FetchRefused(f"The page answered HTTP {resp.status}; nothing was added.")
            ctype = (resp.content_type or "").lower()
            if _kind(ctype) is None:
                raise FetchRefused(f"That link is not a web page or a PDF ({ctype or 'no content type'}).")
            if resp.content_length is not None and resp.content_length > limits.max_bytes:
                raise FetchRefused(_too_large(resp.content_length, limits.max_bytes))
            body = bytearray()
            async for block in resp.content.iter_chunked(READ_BLOCK):
                body += block
                if len(body) > limits.max_bytes:
                    raise FetchRefused(_too_large(None, limits.max_bytes))
            return Fetched(str(resp.url), ctype, resp.charset, bytes(body))
    raise FetchRefused(f"The link redirects more than {limits.max_redirects} times; nothing was added.")


def _too_large(size: int | None, limit: int) -> str:
    what = f"{size / 2**20:.1f} MB" if size else "larger than the limit"
    return f"That page is {what}; the limit is {limit / 2**20:.1f} MB. Nothing was added."
