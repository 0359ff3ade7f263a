"""http(s) URLs → documents, fetched politely and defensively.

A URL given to a server-side tool is an attack surface: it can point at the machine's own services
(127.0.0.1, the cloud metadata address 169.254.169.254) or redirect there. So each hop's host is
resolved and refused when any address is private, loopback, link-local or otherwise not public,
unless ``allow_private`` is set; redirects are followed by hand so every hop is checked and counted.
Bodies are streamed and cut off at ``max_bytes``; only HTML, plain text and feeds are accepted.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from counterclaim.errors import Code, message
from counterclaim.ingest.sniff import binary_reason, human_size, is_empty, looks_like_feed, looks_like_html
from counterclaim.settings import Settings
from counterclaim.types import RawDocument, Skipped

log = logging.getLogger(__name__)

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain"})
FEED_TYPES = frozenset({
    "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml",
    "application/feed+json",
})
ACCEPT = "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,text/plain;q=0.8"


@dataclass(frozen=True, slots=True)
class Fetched:
    """A fetched body and what the server said about it."""

    url: str  # after redirects
    content: bytes
    media_type: str
    charset: str | None


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def refused_address(host: str, port: int) -> str | None:
    """The first non-public address ``host`` resolves to, or None when all are public.

    Raises ``OSError`` when the name does not resolve.
    """
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%", 1)[0])
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
            address = address.ipv4_mapped
        if not address.is_global or address.is_multicast:
            return str(address)
    return None


def _skip(source: str, code: Code, **kw: object) -> Skipped:
    return Skipped(source, code.value, message(code, **kw))


def _check_host(url: str, source: str, settings: Settings) -> Skipped | None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return _skip(source, Code.FETCH_FAILED, what=f"{url} (only http and https URLs with a host)")
    if settings.allow_private:
        return None
    try:
        bad = refused_address(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80))
    except (OSError, UnicodeError) as exc:
        return _skip(source, Code.FETCH_FAILED, what=f"{url} (host does not resolve: {exc})")
    if bad:
        where = bad if parts.hostname.strip("[]") == bad else f"{parts.hostname} resolves to {bad}"
        return _skip(source, Code.REFUSED_ADDRESS, what=f"{url} ({where})")
    return None


def fetch(url: str, settings: Settings, source: str | None = None) -> Fetched | Skipped:
    """GET ``url`` with the project's limits: timeout, redirects, size cap, content type, address check.

    Note: the address is checked when resolved here, and httpx resolves again to connect; a DNS
    answer that changes between the two (rebinding) is not caught.
    """
    source = source or url
    headers = {"User-Agent": settings.user_agent, "Accept": ACCEPT}
    try:
        with httpx.Client(timeout=settings.fetch_timeout, follow_redirects=False, headers=headers) as client:
            for _hop in range(settings.max_redirects + 1):
                if refused := _check_host(url, source, settings):
                    return refused
                with client.stream("GET", url) as response:
                    if response.is_redirect and "location" in response.headers:
                        url = urljoin(str(response.url), response.headers["location"])
                        continue
                    return _read(response, url, source, settings)
            return _skip(source, Code.FETCH_FAILED, what=f"{source} (more than {settings.max_redirects} redirects)")
    except httpx.TimeoutException:
        return _skip(source, Code.FETCH_FAILED, what=f"{url} (no answer within {settings.fetch_timeout:g} s)")
    except (httpx.HTTPError, httpx.InvalidURL, OSError, UnicodeError) as exc:
        return _skip(source, Code.FETCH_FAILED, what=f"{url} ({type(exc).__name__}: {exc})")


def _read(response: httpx.Response, url: str, source: str, settings: Settings) -> Fetched | Skipped:
    if response.status_code >= 400 or response.status_code < 200:
        return _skip(source, Code.FETCH_FAILED, what=f"{url} (HTTP {response.status_code})")
    media_type, _, params = response.headers.get("content-type", "").partition(";")
    media_type = media_type.strip().lower()
    if media_type and media_type not in HTML_TYPES | TEXT_TYPES | FEED_TYPES:
        return _skip(source, Code.BAD_CONTENT_TYPE, what=f"{media_type!r} at {url}")
    limit = settings.max_bytes
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return _skip(source, Code.TOO_LARGE, what=human_size(int(declared)), limit=human_size(limit))
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:  # stop reading: never hold more than the cap
            return _skip(source, Code.TOO_LARGE, what=f"over {human_size(limit)} (stopped reading)", limit=human_size(limit))
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    return Fetched(url=str(response.url), content=b"".join(chunks), media_type=media_type, charset=charset)


def fetch_page(url: str, settings: Settings, hints: dict[str, str] | None = None, source: str | None = None) -> RawDocument | Skipped:
    """Fetch one page (not a feed) as a RawDocument; used for URLs and for feed entries."""
    source = source or url
    got = fetch(url, settings, source)
    if isinstance(got, Skipped):
        return got
    checked = check_body(got.content, source)
    if checked:
        return checked
    hints = dict(hints or {})
    if got.charset:
        hints["charset"] = got.charset
    html = got.media_type in HTML_TYPES or (got.media_type not in TEXT_TYPES and looks_like_html(got.content))
    return RawDocument(source=source, content=got.content, kind="html" if html else "text", url=got.url, hints=hints)


def check_body(content: bytes, source: str) -> Skipped | None:
    """EMPTY or BINARY for bodies no extractor can use, else None."""
    if is_empty(content):
        return _skip(source, Code.EMPTY)
    reason = binary_reason(content)
    if reason:
        return _skip(source, Code.BINARY, what=reason)
    return None


FeedReader = Callable[[bytes, str, Settings, str | None], Iterator[RawDocument | Skipped]]


def iter_url(url: str, settings: Settings, read_feed: FeedReader) -> Iterator[RawDocument | Skipped]:
    """A URL yields its page, or, when it serves a feed, each entry's page via ``read_feed``."""
    got = fetch(url, settings)
    if isinstance(got, Skipped):
        yield got
        return
    if checked := check_body(got.content, url):
        yield checked
        return
    if got.media_type in FEED_TYPES or (got.media_type not in HTML_TYPES and looks_like_feed(got.content)):
        yield from read_feed(got.content, url, settings, got.url)
        return
    hints = {"charset": got.charset} if got.charset else {}
    html = got.media_type in HTML_TYPES or (got.media_type not in TEXT_TYPES and looks_like_html(got.content))
    yield RawDocument(source=url, content=got.content, kind="html" if html else "text", url=got.url, hints=hints)
