"""Coded messages: each says what went wrong and what to try next.

Codes are grouped by stage: ``CC1xx`` ingest, ``CC2xx`` clean, ``CC3xx`` analyse, ``CC4xx`` link,
``CC5xx`` store, ``CC6xx`` web. A per-item problem becomes ``Skipped(source, code, reason)`` and the
batch goes on; the ingest summary counts outcomes by code.
"""

from __future__ import annotations

from enum import StrEnum


class Code(StrEnum):
    # ingest
    NOT_FOUND = "CC101"
    UNSUPPORTED = "CC102"
    TOO_LARGE = "CC103"
    BINARY = "CC104"
    EMPTY = "CC105"
    FETCH_FAILED = "CC106"
    BAD_CONTENT_TYPE = "CC107"
    MALFORMED = "CC108"
    REFUSED_ADDRESS = "CC109"
    # clean
    NO_TEXT = "CC201"
    NOT_ENGLISH = "CC202"
    DUPLICATE = "CC203"
    # analyse
    ANALYSIS_FAILED = "CC301"
    # store
    STORE_FAILED = "CC501"


MESSAGES: dict[Code, str] = {
    Code.NOT_FOUND: "no such file or directory: {what}; check the path",
    Code.UNSUPPORTED: "unsupported file type {what}; give .txt, .html, .json, .jsonl, .warc or .warc.gz",
    Code.TOO_LARGE: "input is {what}, over the {limit} limit; split it, or raise --max-bytes",
    Code.BINARY: "looks binary ({what}); give text, HTML, JSON(L) or WARC",
    Code.EMPTY: "no text in the input; nothing to ingest",
    Code.FETCH_FAILED: "could not fetch {what}; check the URL or your network, then retry",
    Code.BAD_CONTENT_TYPE: "content type {what} is not HTML, text or a feed",
    Code.MALFORMED: "malformed {what}; fix the record or remove it",
    Code.REFUSED_ADDRESS: "refused {what}: private or loopback address; pass --allow-private to fetch it",
    Code.NO_TEXT: "no article text could be extracted ({what}); is it an article page?",
    Code.NOT_ENGLISH: "language looks like {what}, not English; only English is analysed for now",
    Code.DUPLICATE: "same text as article {what}",
    Code.ANALYSIS_FAILED: "analysis failed: {what}; please report this with the input",
    Code.STORE_FAILED: "could not write to the store: {what}; check --db and disk space",
}


def message(code: Code, **kw: object) -> str:
    """Render ``code``'s message; missing placeholders are shown rather than raising."""
    template = MESSAGES[code]
    try:
        return template.format(**kw)
    except (KeyError, IndexError):
        return template


class CounterclaimError(Exception):
    """An error with a code, raised where a whole command cannot go on."""

    def __init__(self, code: Code, **kw: object) -> None:
        self.code = code
        super().__init__(f"{code.value}: {message(code, **kw)}")


class ItemError(CounterclaimError):
    """A per-item problem: the caller turns it into ``Skipped`` and goes on."""
