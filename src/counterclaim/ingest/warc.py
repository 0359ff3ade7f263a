"""WARC files (Common Crawl News style) → one document per HTML response record.

A WARC is a container, often of a gigabyte or more, so it is streamed record by record and the
size cap applies to each record, not to the file. Non-response records (requests, metadata,
warcinfo) are not articles and pass silently; a response that is not an HTML page is reported.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from counterclaim.errors import Code, message
from counterclaim.ingest.sniff import human_size
from counterclaim.settings import Settings
from counterclaim.types import RawDocument, Skipped

HTML_TYPES = ("text/html", "application/xhtml+xml")


def _charset(content_type: str) -> str | None:
    for param in content_type.split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def _starts_like_warc(path: Path) -> bool:
    # warcio reads almost anything leniently (stray lines become records), so check the magic first
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    with opener(path, "rb") as handle:
        return handle.read(5) == b"WARC/"


def iter_warc(path: Path, source: str, settings: Settings) -> Iterator[RawDocument | Skipped]:
    """Yield each HTML response as a RawDocument whose url is the record's WARC-Target-URI."""
    number = 0
    try:
        if not _starts_like_warc(path):
            yield Skipped(source, Code.MALFORMED.value, message(Code.MALFORMED, what="WARC (the file does not start with a WARC header)"))
            return
        with path.open("rb") as handle:
            for record in ArchiveIterator(handle):
                if record.rec_type != "response":
                    continue
                number += 1
                uri = record.rec_headers.get_header("WARC-Target-URI") or ""
                item = f"{source}#{number}"
                http = record.http_headers
                status = http.get_statuscode() if http else None
                content_type = (http.get_header("Content-Type") or "") if http else ""
                if status and not status.startswith("2"):
                    yield Skipped(item, Code.FETCH_FAILED.value, message(Code.FETCH_FAILED, what=f"{uri} (archived HTTP {status})"))
                    continue
                if not content_type.split(";")[0].strip().lower().startswith(HTML_TYPES):
                    yield Skipped(item, Code.BAD_CONTENT_TYPE.value, message(Code.BAD_CONTENT_TYPE, what=f"{content_type or 'missing'!r} for {uri}"))
                    continue
                body = record.content_stream().read(settings.max_bytes + 1)
                if len(body) > settings.max_bytes:
                    yield Skipped(item, Code.TOO_LARGE.value, message(Code.TOO_LARGE, what=f"over {human_size(settings.max_bytes)}", limit=human_size(settings.max_bytes)))
                    continue
                if not body.strip():
                    yield Skipped(item, Code.EMPTY.value, message(Code.EMPTY))
                    continue
                hints = {"url": uri}
                if charset := _charset(content_type):
                    hints["charset"] = charset
                date = record.rec_headers.get_header("WARC-Date")
                if date:
                    hints["crawled"] = date
                yield RawDocument(source=item, content=body, kind="html", url=uri or None, hints=hints)
    except (ArchiveLoadFailed, OSError, EOFError, ValueError, gzip.BadGzipFile) as exc:
        what = f"WARC after {number} responses ({type(exc).__name__}: {exc})"
        yield Skipped(source, Code.MALFORMED.value, message(Code.MALFORMED, what=what))
