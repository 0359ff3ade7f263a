"""Stage 1: sources (paths, URLs, feeds, stdin) → ``RawDocument`` or ``Skipped``, one per item.

Sources are expanded in the order given: ``-`` is standard input, ``http(s)://`` a URL (a feed URL
yields its entries' pages), anything else a file or directory. No exception leaves the iterator:
every failure is a ``Skipped`` whose message says what to do next, and the rest go on.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from counterclaim.errors import Code, message
from counterclaim.ingest.feeds import iter_feed
from counterclaim.ingest.files import iter_path
from counterclaim.ingest.stdin import iter_stdin
from counterclaim.ingest.urls import fetch_page, is_url, iter_url
from counterclaim.settings import Settings
from counterclaim.types import RawDocument, Skipped

__all__ = ["iter_documents"]

log = logging.getLogger(__name__)


def _read_feed(data: bytes, source: str, settings: Settings, base_url: str | None) -> Iterator[RawDocument | Skipped]:
    return iter_feed(data, source, settings, base_url, fetch_page)


def _expand(source: str, settings: Settings) -> Iterator[RawDocument | Skipped]:
    if source == "-":
        return iter_stdin(settings)
    if is_url(source):
        return iter_url(source, settings, _read_feed)
    return iter_path(source, settings)


def iter_documents(sources: Iterable[str], settings: Settings | None = None) -> Iterator[RawDocument | Skipped]:
    """Expand each source into documents, in order; a bad item yields Skipped and the rest go on."""
    settings = settings or Settings()
    for source in sources:
        try:
            yield from _expand(source, settings)
        except Exception as exc:  # a reader bug must cost one source, not the batch
            log.warning("reading failed: %s: %s", source, exc)
            code = Code.FETCH_FAILED if is_url(source) else Code.MALFORMED
            what = source if code is Code.FETCH_FAILED else f"input {source} ({type(exc).__name__}: {exc})"
            yield Skipped(source, code.value, message(code, what=what))
