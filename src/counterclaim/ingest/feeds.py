"""RSS/Atom/RDF feeds → each entry's page, fetched, with the entry's title and date as hints.

A feed lists articles; it is not one. Each entry's link is fetched like any URL (same limits, same
address checks), and what the feed says about the entry travels along as hints for cleaning.
Entries without a link but with full content (some Atom feeds) are used as they are.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from urllib.parse import urljoin

import feedparser

from counterclaim.errors import Code, message
from counterclaim.settings import Settings
from counterclaim.types import RawDocument, Skipped

PageFetcher = Callable[[str, Settings, dict[str, str], str], RawDocument | Skipped]


def _entry_date(entry: feedparser.FeedParserDict) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            return time.strftime("%Y-%m-%d", parsed)
    return None


def iter_feed(
    data: bytes,
    source: str,
    settings: Settings,
    base_url: str | None,
    fetch_page: PageFetcher,
) -> Iterator[RawDocument | Skipped]:
    """Parse feed bytes and yield one document per entry, in feed order.

    ``data`` is always bytes: given a string that looks like a URL, feedparser would fetch it
    itself, bypassing the limits and address checks in ``urls.py``.
    """
    feed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    entries = feed.get("entries") or []
    if not entries:
        problem = feed.get("bozo_exception")
        what = f"feed ({problem})" if problem else "feed (no entries)"
        yield Skipped(source, Code.MALFORMED.value, message(Code.MALFORMED, what=what))
        return
    publisher = (feed.get("feed") or {}).get("title")
    for index, entry in enumerate(entries, start=1):
        hints = {k: v for k, v in {"title": entry.get("title"), "published": _entry_date(entry), "publisher": publisher}.items() if v}
        link = entry.get("link")
        if link:
            url = urljoin(base_url or "", link)
            hints["url"] = url
            yield fetch_page(url, settings, hints, url)
            continue
        content = entry.get("content") or []
        body = content[0].get("value") if content else None
        item = f"{source}#{index}"
        if body and body.strip():
            yield RawDocument(source=item, content=body.encode("utf-8"), kind="html", url=None, hints=hints)
        else:
            yield Skipped(item, Code.MALFORMED.value, message(Code.MALFORMED, what="feed entry (no link and no content)"))
