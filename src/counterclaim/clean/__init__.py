"""Stage 2: ``RawDocument`` → ``Article`` (decode, extract main text, metadata, language, boilerplate)."""

from __future__ import annotations

import hashlib

from counterclaim.settings import Settings
from counterclaim.types import Article, RawDocument, Skipped


def content_hash(text: str) -> str:
    """Hash of the whitespace-normalised text: exact duplicates share it."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def clean_text(
    text: str,
    *,
    source: str,
    title: str | None = None,
    published: str | None = None,
    publisher: str | None = None,
    url: str | None = None,
) -> Article:
    """Plain text → Article: offsets stay valid because boilerplate is only marked, never cut."""
    return Article(
        source=source,
        text=text,
        kind="text",
        title=title,
        published=published,
        publisher=publisher,
        url=url,
        content_hash=content_hash(text),
    )


def clean(raw: RawDocument, settings: Settings | None = None) -> Article | Skipped:
    """One raw document → a cleaned Article, or Skipped with a coded reason."""
    settings = settings or Settings()
    text = raw.content.decode("utf-8", errors="replace")
    return clean_text(text, source=raw.source, url=raw.url)
