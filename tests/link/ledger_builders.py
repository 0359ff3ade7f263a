"""Builders for small hand-made analyses (original texts), stored through ``repository.add_analysis``."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

from counterclaim.link.ledger import update
from counterclaim.link.propositions import Embedder
from counterclaim.store import repository as repo
from counterclaim.types import Analysis, Article, Mention, Quantity, Span, Speaker, Statement


def span(text: str, sub: str, start: int = 0) -> Span:
    i = text.index(sub, start)
    return Span(i, i + len(sub), sub)


def article(text: str, date: str | None, publisher: str) -> Article:
    return Article(source=f"{publisher}-{date}.txt", text=text, kind="text", title=text.split(".")[0][:80],
                   published=date, publisher=publisher, content_hash=hashlib.sha256(text.encode()).hexdigest())


def statement(text: str, content: str, speaker: str | None, *, stance: str = "asserts", name: str | None = None,
              kind: str = "person", role: str | None = None, affiliation: str | None = None,
              country: str | None = None, named: bool = True, target: str | None = None) -> Statement:
    sp = None
    if speaker is not None:
        sp = Speaker(span(text, speaker), name=name or speaker, kind=kind, role=role,  # type: ignore[arg-type]
                     affiliation=affiliation, country=country, named=named)
    return Statement(content=span(text, content), speaker=sp, cue=None, kind="indirect",
                     stance=stance, target=span(text, target) if target else None)  # type: ignore[arg-type]


def mention(text: str, sub: str, label: str, *, canonical: str | None = None, start: int = 0) -> Mention:
    s = span(text, sub, start)
    return Mention(s.start, s.end, sub, label, canonical or sub)


def quantity(text: str, sub: str, value: float | None, *, concept: str, qualifier: str = "=",
             low: float | None = None, high: float | None = None, place: str | None = None,
             unit: str | None = None) -> Quantity:
    s = span(text, sub)
    return Quantity(start=s.start, end=s.end, text=sub, value=value, low=low, high=high, qualifier=qualifier,  # type: ignore[arg-type]
                    unit=unit, concept=concept, place=place)


def add_articles(store: Any, items: Sequence[tuple], *, embedder: Embedder) -> list[int]:
    """Store (article, statements, mentions[, quantities]) tuples and link them; returns article ids."""
    ids = []
    with store.session() as session:
        for item in items:
            art, stmts, mentions = item[0], item[1], item[2]
            quantities = item[3] if len(item) > 3 else []
            row = repo.add_analysis(session, Analysis(article=art, statements=tuple(stmts),
                                                      quantities=tuple(quantities), mentions=tuple(mentions)))
            ids.append(row.id)
    update(store, ids, embedder=embedder)
    return ids
