"""Exports of the ledger's propositions: JSONL, CSV, and ClaimReview-style JSON-LD.

- **jsonl**: one line per proposition, exactly what ``link.queries.get_proposition`` returns (the
  same shape as ``/api/propositions/{id}``), so scripts can use either.
- **csv**: one row per statement in a proposition (its side, speaker, cue, words, article and
  offsets): the flat view a spreadsheet wants.
- **claimreview**: schema.org ``ClaimReview`` items in one JSON-LD document. The rating reflects how
  many independent sources support vs dispute the claim; it is a measure of contestation, **not** a
  verdict on truth (see ``RATINGS``), and ``ratingExplanation`` says so in words.

Propositions are read a page at a time so a large ledger is never held in memory at once.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import date
from typing import Any, Literal, TextIO
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from counterclaim import __version__
from counterclaim.store.models import ArticleRow

Format = Literal["jsonl", "csv", "claimreview"]
FORMATS: tuple[str, ...] = ("jsonl", "csv", "claimreview")
PAGE = 200

CSV_COLUMNS = [
    "proposition_id", "proposition", "contested", "support_sources", "dispute_sources", "group", "role", "stance",
    "speaker", "speaker_entity_id", "speaker_named", "side", "cue", "content", "article_id", "title", "publisher",
    "published", "url", "content_start", "content_end", "sentence_start", "sentence_end",
]

# (alternateName, ratingValue) on a 1–5 scale of support among independent sources: 1 = only
# disputed, 5 = only supported. "Contested" sits in the middle whatever the exact balance.
RATINGS = {
    "disputed": ("Disputed", 1),
    "mostly-disputed": ("Mostly disputed", 2),
    "contested": ("Contested", 3),
    "mostly-supported": ("Mostly supported", 4),
    "supported": ("Supported", 5),
    "unrated": ("Reported, not rated", 3),
}


def iter_propositions(session: Session, *, limit: int | None = None) -> Iterator[dict[str, Any]]:
    """Every proposition in full (most contested first), fetched a page at a time."""
    from counterclaim.link import queries

    offset = 0
    seen = 0
    while True:
        page = queries.list_propositions(session, limit=PAGE, offset=offset)
        if not page:
            return
        for summary in page:
            full = queries.get_proposition(session, summary["id"])
            if full is None:
                continue
            yield full
            seen += 1
            if limit is not None and seen >= limit:
                return
        offset += PAGE


def statements_of(prop: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for group, items in prop.get("statements", {}).items():
        for item in items:
            yield group, item


def article_info(session: Session, ids: set[int]) -> dict[int, dict[str, Any]]:
    if not ids:
        return {}
    rows = session.execute(select(ArticleRow.id, ArticleRow.url, ArticleRow.source, ArticleRow.title,
                                  ArticleRow.publisher, ArticleRow.published).where(ArticleRow.id.in_(ids)))
    return {r.id: dict(r._mapping) for r in rows}


# ---------------------------------------------------------------- writers


def write_jsonl(session: Session, out: TextIO, *, limit: int | None = None) -> int:
    n = 0
    for prop in iter_propositions(session, limit=limit):
        out.write(json.dumps(prop, ensure_ascii=False) + "\n")
        n += 1
    return n


def write_csv(session: Session, out: TextIO, *, limit: int | None = None) -> int:
    """One row per statement; returns the number of propositions written."""
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    n = 0
    for prop in iter_propositions(session, limit=limit):
        items = list(statements_of(prop))
        urls = article_info(session, {s["article_id"] for _, s in items})
        for group, s in items:
            speaker = s.get("speaker") or {}
            art = urls.get(s["article_id"], {})
            writer.writerow({
                "proposition_id": prop["id"], "proposition": prop["canonical"], "contested": prop.get("contested"),
                "support_sources": prop.get("support_sources"), "dispute_sources": prop.get("dispute_sources"),
                "group": group, "role": s.get("role"), "stance": s.get("stance"),
                "speaker": speaker.get("name") or speaker.get("text"), "speaker_entity_id": speaker.get("entity_id"),
                "speaker_named": speaker.get("named"), "side": s.get("side"), "cue": s.get("cue"),
                "content": s.get("content"), "article_id": s["article_id"], "title": s.get("title"),
                "publisher": s.get("publisher"), "published": s.get("published"), "url": art.get("url"),
                "content_start": s.get("content_start"), "content_end": s.get("content_end"),
                "sentence_start": s.get("sentence_start"), "sentence_end": s.get("sentence_end"),
            })
        n += 1
    return n


def write_claimreview(session: Session, out: TextIO, *, base_url: str | None = None,
                      limit: int | None = None) -> int:
    """One JSON-LD document: ``{"@context": "https://schema.org", "@graph": [ClaimReview, ...]}``."""
    out.write('{\n  "@context": "https://schema.org",\n  "@graph": [')
    n = 0
    reviewed = date.today().isoformat()
    for prop in iter_propositions(session, limit=limit):
        item = claim_review(prop, article_info(session, {s["article_id"] for _, s in statements_of(prop)}),
                            base_url=base_url, reviewed=reviewed)
        out.write(("," if n else "") + "\n    " + json.dumps(item, ensure_ascii=False))
        n += 1
    out.write("\n  ]\n}\n")
    return n


def export(session: Session, fmt: Format, out: TextIO, *, base_url: str | None = None, limit: int | None = None) -> int:
    """Write every proposition in ``fmt`` to ``out``; returns how many were written."""
    if fmt == "jsonl":
        return write_jsonl(session, out, limit=limit)
    if fmt == "csv":
        return write_csv(session, out, limit=limit)
    if fmt == "claimreview":
        return write_claimreview(session, out, base_url=base_url, limit=limit)
    raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")


# ---------------------------------------------------------------- ClaimReview


def rating(support: int, dispute: int) -> dict[str, Any]:
    """A schema.org Rating from independent source counts (contestation, not truth)."""
    if support and not dispute:
        key = "supported"
    elif dispute and not support:
        key = "disputed"
    elif support and dispute:
        share = support / (support + dispute)
        key = "mostly-supported" if share >= 2 / 3 else "mostly-disputed" if share <= 1 / 3 else "contested"
    else:
        key = "unrated"
    name, value = RATINGS[key]
    return {
        "@type": "Rating",
        "ratingValue": value,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": name,
        "ratingExplanation": (
            f"{support} independent source(s) support this claim and {dispute} dispute it "
            "(syndicated copies count once). This rates how contested the claim is in the coverage, "
            "not whether it is true."
        ),
    }


def claim_review(prop: dict[str, Any], articles: dict[int, dict[str, Any]], *, base_url: str | None = None,
                 reviewed: str | None = None) -> dict[str, Any]:
    supporters = []
    seen: set[str] = set()
    for group, s in statements_of(prop):
        speaker = s.get("speaker")
        if group != "supports" or not speaker or not speaker.get("name") or speaker["name"] in seen:
            continue
        seen.add(speaker["name"])
        kind = "Person" if speaker.get("type") == "person" else "Organization"
        supporters.append({"@type": kind, "name": speaker["name"]})
    appearances = [_appearance(articles[a]) for a in sorted(articles, key=lambda i: (articles[i]["published"] or "", i))]
    claim: dict[str, Any] = {"@type": "Claim", "name": prop["canonical"], "appearance": appearances}
    if supporters:
        claim["author"] = supporters if len(supporters) > 1 else supporters[0]
    if prop.get("first_date"):
        claim["datePublished"] = prop["first_date"]
    first = prop.get("first_appearance")
    if first and first.get("article_id") in articles:
        claim["firstAppearance"] = _appearance(articles[first["article_id"]])
    review: dict[str, Any] = {
        "@type": "ClaimReview",
        "identifier": f"counterclaim:proposition:{prop['id']}",
        "claimReviewed": prop["canonical"],
        "itemReviewed": claim,
        "reviewRating": rating(int(prop.get("support_sources") or 0), int(prop.get("dispute_sources") or 0)),
        "author": {"@type": "Organization", "name": f"Counterclaim {__version__} (automated ledger)"},
        "datePublished": reviewed or date.today().isoformat(),
    }
    if base_url:
        review["url"] = f"{base_url.rstrip('/')}/propositions/{prop['id']}"
    return review


def _appearance(article: dict[str, Any]) -> dict[str, Any]:
    url = article.get("url")
    out: dict[str, Any] = {"@type": "CreativeWork"}
    if url and urlsplit(url).scheme in ("http", "https"):
        out["url"] = url
    else:
        out["identifier"] = article.get("source")
    if article.get("title"):
        out["headline"] = article["title"]
    if article.get("publisher"):
        out["publisher"] = {"@type": "Organization", "name": article["publisher"]}
    if article.get("published"):
        out["datePublished"] = article["published"]
    return out
