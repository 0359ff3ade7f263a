"""Standard input (``-``): one document, HTML or text by its content, or a feed's entries."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import BinaryIO

from counterclaim.errors import Code, message
from counterclaim.ingest.feeds import iter_feed
from counterclaim.ingest.sniff import binary_reason, human_size, is_empty, looks_like_feed, looks_like_html
from counterclaim.ingest.urls import fetch_page
from counterclaim.settings import Settings
from counterclaim.types import RawDocument, Skipped

SOURCE = "-"


def iter_stdin(settings: Settings, stream: BinaryIO | None = None) -> Iterator[RawDocument | Skipped]:
    """Read standard input up to the size cap (reading one byte more tells that it was over)."""
    stream = stream or sys.stdin.buffer
    data = stream.read(settings.max_bytes + 1)
    if len(data) > settings.max_bytes:
        limit = human_size(settings.max_bytes)
        yield Skipped(SOURCE, Code.TOO_LARGE.value, message(Code.TOO_LARGE, what=f"over {limit}", limit=limit))
        return
    if is_empty(data):
        yield Skipped(SOURCE, Code.EMPTY.value, message(Code.EMPTY))
        return
    if reason := binary_reason(data):
        yield Skipped(SOURCE, Code.BINARY.value, message(Code.BINARY, what=reason))
        return
    if looks_like_feed(data):
        yield from iter_feed(data, SOURCE, settings, None, fetch_page)
        return
    yield RawDocument(source=SOURCE, content=data, kind="html" if looks_like_html(data) else "text")
