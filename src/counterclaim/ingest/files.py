"""Files and directories → documents, dispatched by extension and checked by content.

Directories are walked recursively in sorted order, skipping hidden files and folders, so the same
folder always ingests in the same order; files of unsupported types are reported, not passed over. Sizes are checked with ``stat`` before reading, and reads
stop one byte past the cap, so a 50 MB file is refused without being loaded.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from pathlib import Path

from counterclaim.errors import Code, message
from counterclaim.ingest.feeds import iter_feed
from counterclaim.ingest.jsonl import iter_json, iter_jsonl
from counterclaim.ingest.sniff import binary_reason, human_size, is_empty, looks_like_feed, looks_like_html
from counterclaim.ingest.urls import fetch_page
from counterclaim.ingest.warc import iter_warc
from counterclaim.settings import Settings
from counterclaim.types import RawDocument, Skipped

log = logging.getLogger(__name__)

# Extension → reader. Containers (.jsonl, .warc) are streamed and capped per record instead.
TEXT_SUFFIXES = frozenset({".txt", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml"})
JSON_SUFFIXES = frozenset({".json"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
WARC_SUFFIXES = frozenset({".warc", ".warc.gz"})


def _suffix(path: Path) -> str:
    name = path.name.lower()
    return ".warc.gz" if name.endswith(".warc.gz") else path.suffix.lower()


def is_supported(path: Path) -> bool:
    suffix = _suffix(path)
    return any(suffix in group for group in (TEXT_SUFFIXES, HTML_SUFFIXES, FEED_SUFFIXES, JSON_SUFFIXES, JSONL_SUFFIXES, WARC_SUFFIXES))


def walk(directory: Path) -> Iterator[Path]:
    """Every non-hidden file under ``directory``, recursively, in sorted order."""
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(root) / name


def _skip(source: str, code: Code, **kw: object) -> Skipped:
    return Skipped(source, code.value, message(code, **kw))


def iter_path(source: str, settings: Settings) -> Iterator[RawDocument | Skipped]:
    """A file or a directory (recursively) → documents; a missing path is one Skipped."""
    path = Path(source)
    if path.is_dir():
        for file in walk(path):
            # reported rather than passed over, so a PDF or a .doc in a folder is never silently lost
            yield from iter_file(file, str(file), settings)
    elif path.exists():
        yield from iter_file(path, source, settings)
    else:
        yield _skip(source, Code.NOT_FOUND, what=source)


def _read_capped(path: Path, source: str, settings: Settings) -> bytes | Skipped:
    limit = settings.max_bytes
    size = path.stat().st_size
    if size > limit:
        return _skip(source, Code.TOO_LARGE, what=human_size(size), limit=human_size(limit))
    with path.open("rb") as handle:
        data = handle.read(limit + 1)  # a file can grow between stat and read
    if len(data) > limit:
        return _skip(source, Code.TOO_LARGE, what=f"over {human_size(limit)}", limit=human_size(limit))
    if is_empty(data):
        return _skip(source, Code.EMPTY)
    if reason := binary_reason(data):
        return _skip(source, Code.BINARY, what=reason)
    return data


def iter_file(path: Path, source: str, settings: Settings) -> Iterator[RawDocument | Skipped]:
    """One file → its documents (several for JSON lists, JSONL, WARC and feeds)."""
    suffix = _suffix(path)
    if not is_supported(path):
        yield _skip(source, Code.UNSUPPORTED, what=repr(suffix or path.name))
        return
    try:
        if suffix in WARC_SUFFIXES:
            yield from iter_warc(path, source, settings)
            return
        if suffix in JSONL_SUFFIXES:
            yield from iter_jsonl(path, source, settings)
            return
        data = _read_capped(path, source, settings)
    except OSError as exc:
        yield _skip(source, Code.NOT_FOUND, what=f"{source} ({exc.strerror or exc})")
        return
    if isinstance(data, Skipped):
        yield data
    elif suffix in JSON_SUFFIXES:
        yield from iter_json(data, source, settings)
    elif suffix in FEED_SUFFIXES or looks_like_feed(data):
        yield from iter_feed(data, source, settings, None, fetch_page)
    else:
        # A .txt saved from a browser is HTML: trust the bytes over the name.
        html = suffix in HTML_SUFFIXES or looks_like_html(data)
        yield RawDocument(source=source, content=data, kind="html" if html else "text")
