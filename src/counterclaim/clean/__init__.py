"""Stage 2: ``RawDocument`` → ``Article`` (decode, extract main text, metadata, language, boilerplate).

Plain text keeps every character (boilerplate is only marked), so offsets index the file as given.
HTML is reduced to its main text by trafilatura, which is what the offsets then index.
Every failure is a ``Skipped`` with a coded reason; ``clean`` never raises.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import replace

from counterclaim.clean.boilerplate import boilerplate_ranges, detect, merge
from counterclaim.clean.decode import decode
from counterclaim.clean.dedup import NearDuplicateIndex, estimate_similarity, minhash_signature
from counterclaim.clean.html import extract_html
from counterclaim.clean.language import detect_language, non_english
from counterclaim.clean.metadata import TextMetadata, extract_metadata, normalise_date, publisher_from_url
from counterclaim.errors import Code, message
from counterclaim.settings import Settings
from counterclaim.types import Article, RawDocument, Skipped, TextRange

__all__ = [
    "NearDuplicateIndex",
    "boilerplate_ranges",
    "clean",
    "clean_text",
    "content_hash",
    "estimate_similarity",
    "minhash_signature",
]

log = logging.getLogger(__name__)

# One real sentence ("Unemployment fell to 4.1 percent in March.") is a valid plain-text input, so
# plain text is held to at most this many characters however high min_text_chars is set for pages.
PLAIN_TEXT_MIN_CHARS = 20


def content_hash(text: str) -> str:
    """Hash of the whitespace-normalised text: exact duplicates share it."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def body_text(text: str, boilerplate: tuple[TextRange, ...]) -> str:
    """``text`` without its boilerplate ranges: what language and length checks should look at."""
    parts, pos = [], 0
    for rng in boilerplate:
        parts.append(text[pos : rng.start])
        pos = rng.end
    parts.append(text[pos:])
    return "\n".join(p.strip() for p in parts if p.strip())


def clean_text(
    text: str,
    *,
    source: str,
    title: str | None = None,
    published: str | None = None,
    publisher: str | None = None,
    url: str | None = None,
) -> Article:
    """Plain text → Article: offsets stay valid because boilerplate is only marked, never cut.

    Title, date and publisher given here win over what the text suggests; the rest is read from
    the text (header lines, datelines, wire credits, the first headline-like line).
    """
    return _read_plain(text, source=source, title=title, published=published, publisher=publisher, url=url)[0]


def _read_plain(
    text: str, *, source: str, title: str | None, published: str | None, publisher: str | None, url: str | None
) -> tuple[Article, TextMetadata]:
    lines = detect(text)
    boilerplate = merge(lines, text)
    meta = extract_metadata(text, lines, url)
    given_date = normalise_date(published)
    lang, _ = detect_language(body_text(text, boilerplate))
    article = Article(
        source=source,
        text=text,
        kind="text",
        title=title or meta.title,
        published=given_date or meta.published,
        date_confidence="high" if given_date else meta.date_confidence,
        publisher=publisher or meta.publisher,
        url=url,
        language=lang,
        boilerplate=boilerplate,
        content_hash=content_hash(text),
    )
    return article, meta


def _skip(raw: RawDocument, code: Code, **kw: object) -> Skipped:
    return Skipped(raw.source, code.value, message(code, **kw))


def _check_language(raw: RawDocument, text: str, settings: Settings) -> Skipped | None:
    if not settings.english_only:
        return None
    found = non_english(text)
    if found:
        lang, prob = found
        return _skip(raw, Code.NOT_ENGLISH, what=f"{lang!r} (p={prob:.2f})")
    return None


def _clean_plain(raw: RawDocument, settings: Settings) -> Article | Skipped:
    text, _ = decode(raw.content, raw.hints.get("charset"))
    if not text.strip():
        return _skip(raw, Code.EMPTY)
    url = raw.url or raw.hints.get("url")
    article, meta = _read_plain(text, source=raw.source, title=None, published=None, publisher=None, url=url)
    body = body_text(text, article.boilerplate)
    minimum = min(settings.min_text_chars, PLAIN_TEXT_MIN_CHARS)
    if len(body) < minimum:
        return _skip(raw, Code.NO_TEXT, what=f"{len(body)} characters outside boilerplate, under {minimum}")
    if skipped := _check_language(raw, body, settings):
        return skipped
    # Hints (a feed entry, a JSON record) beat guesses, but not what the text states outright.
    hint_date = normalise_date(raw.hints.get("published"))
    updates: dict[str, object] = {}
    if raw.hints.get("title") and not meta.title_from_header:
        updates["title"] = " ".join(raw.hints["title"].split())
    if hint_date and article.date_confidence != "high":
        updates["published"], updates["date_confidence"] = hint_date, "high"
    if raw.hints.get("publisher") and not article.publisher:
        updates["publisher"] = raw.hints["publisher"]
    return replace(article, **updates) if updates else article


def _clean_html(raw: RawDocument, settings: Settings) -> Article | Skipped:
    html, _ = decode(raw.content, raw.hints.get("charset"))
    if not html.strip():
        return _skip(raw, Code.EMPTY)
    url = raw.url or raw.hints.get("url")
    content = extract_html(html, url=url, favor_precision=settings.favor_precision)
    if len(content.text) < settings.min_text_chars:
        return _skip(raw, Code.NO_TEXT, what=f"{len(content.text)} characters of main text, under {settings.min_text_chars}")
    if skipped := _check_language(raw, content.text, settings):
        return skipped
    hint_date = normalise_date(raw.hints.get("published"))
    published, confidence = content.published, content.date_confidence
    if not published and hint_date:
        published, confidence = hint_date, "high"
    lang, _ = detect_language(content.text)
    return Article(
        source=raw.source,
        text=content.text,
        kind="html",
        title=content.title or raw.hints.get("title"),
        published=published,
        date_confidence=confidence if published else None,
        publisher=content.publisher or raw.hints.get("publisher") or publisher_from_url(url),
        url=url or content.url,
        language=lang,
        content_hash=content_hash(content.text),
    )


def clean(raw: RawDocument, settings: Settings | None = None) -> Article | Skipped:
    """One raw document → a cleaned Article, or Skipped with a coded reason. Never raises."""
    settings = settings or Settings()
    try:
        if raw.kind == "html":
            return _clean_html(raw, settings)
        return _clean_plain(raw, settings)
    except Exception as exc:  # a parser bug on one page must not stop a batch
        log.warning("cleaning failed: %s: %s", raw.source, exc)
        return _skip(raw, Code.NO_TEXT, what=f"cleaning failed: {type(exc).__name__}: {exc}")
