"""JSON and JSON Lines: one article per record, with its metadata carried as hints.

Dumps from scrapers and datasets name their fields differently (``text``/``body``/``articleBody``,
``date``/``published``/``date_publish``), so the common names are accepted; the first present wins.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from counterclaim.errors import Code, message
from counterclaim.ingest.sniff import human_size
from counterclaim.settings import Settings
from counterclaim.types import RawDocument, Skipped

TEXT_FIELDS = ("text", "body", "content", "articleBody", "article_body", "maintext", "article")
HTML_FIELDS = ("html", "raw_html", "rawHtml", "raw_content")
HINT_FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline", "name"),
    "url": ("url", "link", "uri", "source_url"),
    "published": ("date", "published", "date_publish", "datePublished", "published_at", "pubDate", "publish_date"),
    "publisher": ("publisher", "source", "source_domain", "site_name", "sitename", "outlet"),
}


def _scalar(value: Any) -> str | None:
    """A hint as a string: schema.org-style ``{"name": …}`` objects give their name."""
    if isinstance(value, dict):
        value = value.get("name") or value.get("@id")
    if isinstance(value, list) and value:
        value = value[0]
    if value is None or isinstance(value, (dict, list)):
        return None
    text = str(value).strip()
    return text or None


def _first(record: dict[str, Any], names: tuple[str, ...]) -> tuple[str, str] | None:
    for name in names:
        value = record.get(name)
        if isinstance(value, str) and value.strip():
            return name, value
    return None


def record_to_document(record: Any, source: str, settings: Settings) -> RawDocument | Skipped:
    """One JSON object → a RawDocument (HTML preferred when both are present, as it carries more)."""
    if not isinstance(record, dict):
        return Skipped(source, Code.MALFORMED.value, message(Code.MALFORMED, what=f"record (a JSON {type(record).__name__}, not an object)"))
    hints = {key: v for key, names in HINT_FIELDS.items() for v in [_first_scalar(record, names)] if v}
    found = _first(record, HTML_FIELDS)
    kind = "html"
    if found is None:
        found, kind = _first(record, TEXT_FIELDS), "text"
    if found is None:
        names = ", ".join(TEXT_FIELDS + HTML_FIELDS)
        if any(name in record for name in TEXT_FIELDS + HTML_FIELDS):
            return Skipped(source, Code.EMPTY.value, message(Code.EMPTY))
        return Skipped(source, Code.MALFORMED.value, message(Code.MALFORMED, what=f"record: no text field (looked for {names})"))
    content = found[1].encode("utf-8")
    if len(content) > settings.max_bytes:
        return Skipped(source, Code.TOO_LARGE.value, message(Code.TOO_LARGE, what=human_size(len(content)), limit=human_size(settings.max_bytes)))
    return RawDocument(source=source, content=content, kind=kind, url=hints.get("url"), hints=hints)  # type: ignore[arg-type]


def _first_scalar(record: dict[str, Any], names: tuple[str, ...]) -> str | None:
    for name in names:
        value = _scalar(record.get(name))
        if value:
            return value
    return None


def iter_jsonl(path: Path, source: str, settings: Settings) -> Iterator[RawDocument | Skipped]:
    """Each line of a JSON Lines file is a record; the file is streamed, so its size is not capped."""
    with path.open("rb") as handle:
        for lineno, line in enumerate(handle, start=1):
            item = f"{source}#{lineno}"
            if len(line) > settings.max_bytes:
                yield Skipped(item, Code.TOO_LARGE.value, message(Code.TOO_LARGE, what=human_size(len(line)), limit=human_size(settings.max_bytes)))
                continue
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except ValueError as exc:
                yield Skipped(item, Code.MALFORMED.value, message(Code.MALFORMED, what=f"JSON on line {lineno} ({exc})"))
                continue
            yield record_to_document(record, item, settings)


def iter_json(data: bytes, source: str, settings: Settings) -> Iterator[RawDocument | Skipped]:
    """A JSON file holds one record or a list of them (numbered ``#1``, ``#2`` … in the source)."""
    try:
        parsed = json.loads(data)
    except ValueError as exc:
        yield Skipped(source, Code.MALFORMED.value, message(Code.MALFORMED, what=f"JSON ({exc})"))
        return
    if isinstance(parsed, list):
        for index, record in enumerate(parsed, start=1):
            yield record_to_document(record, f"{source}#{index}", settings)
    else:
        yield record_to_document(parsed, source, settings)
