"""Checking a claim against the store: related articles grouped by their stance towards it.

Candidates come from full-text search (no article is embedded at query time, so this stays fast on
large stores); the trained stance model then labels each candidate and names its decisive sentences.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from counterclaim.clean import body_text
from counterclaim.store.models import AppearanceRow, ArticleRow
from counterclaim.types import TextRange

# Words that carry no topic: a claim's search terms are what is left.
_STOP = frozenset(
    """a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having he
    her here hers him his how i if in into is it its itself just me more most my no nor not now of off on once
    only or other our out over own said same says she should so some such than that the their them then there
    these they this those through to too under until up very was we were what when where which while who whom
    why will with would you your claim claims report reports reported""".split()
)
_WORD = re.compile(r"[\w][\w'’-]*")
STANCES = ("supports", "disputes", "reports")


def claim_terms(claim: str, k: int = 6) -> list[str]:
    """The claim's most telling words: names and numbers first, then longer words."""
    words = [w for w in _WORD.findall(claim) if w.lower() not in _STOP and len(w) > 1]
    seen: dict[str, str] = {}
    for w in words:
        seen.setdefault(w.lower(), w)

    def weight(w: str) -> tuple[int, int]:
        return (2 if w[0].isupper() or w[0].isdigit() else 1, len(w))

    return sorted(seen.values(), key=weight, reverse=True)[:k]


def candidate_articles(session: Session, claim: str, *, limit: int = 40) -> list[int]:
    """Article ids that share the claim's key terms, relaxing the query until something matches."""
    from counterclaim.store.search import search

    terms = claim_terms(claim)
    found: list[int] = []
    for n in range(len(terms), 0, -1):
        if n < min(2, len(terms)):
            break
        result = search(session, " ".join(terms[:n]), kind="articles", limit=limit)
        for hit in result["articles"]:
            if hit["article_id"] not in found:
                found.append(hit["article_id"])
        if len(found) >= limit // 2:
            break
    return found[:limit]


def check_claim(session: Session, claim: str, *, limit: int = 40) -> dict[str, Any]:
    """Related articles grouped by stance (supports / disputes / reports), each with decisive sentences."""
    from counterclaim.link.stance import predict_stance

    ids = candidate_articles(session, claim, limit=limit)
    rows: Sequence[ArticleRow] = (
        list(session.scalars(select(ArticleRow).where(ArticleRow.id.in_(ids)))) if ids else []
    )
    rows = sorted(rows, key=lambda r: ids.index(r.id))
    bodies = [body_text(r.text, tuple(TextRange(a, b) for a, b in r.boilerplate or [])) for r in rows]
    results = predict_stance([(claim, body) for body in bodies])
    copies = _copies(session, [r.id for r in rows])
    groups: dict[str, list[dict[str, Any]]] = {s: [] for s in STANCES}
    for row, res in zip(rows, results, strict=True):
        if res.label == "unrelated":
            continue
        groups[res.label].append(
            {
                "article_id": row.id,
                "title": row.title,
                "publisher": row.publisher,
                "published": row.published,
                "copies": copies.get(row.id, 1),
                "score": res.scores[res.label],
                "scores": res.scores,
                "sentences": [_locate(row.text, s) for s in res.sentences],
            }
        )
    for items in groups.values():
        items.sort(key=lambda item: -item["score"])
    return {
        "claim": claim,
        "terms": claim_terms(claim),
        "candidates": len(rows),
        "counts": {s: len(groups[s]) for s in STANCES},
        **groups,
    }


def _copies(session: Session, ids: list[int]) -> dict[int, int]:
    counts: dict[int, int] = {}
    if ids:
        for article_id in session.scalars(select(AppearanceRow.article_id).where(AppearanceRow.article_id.in_(ids))):
            counts[article_id] = counts.get(article_id, 0) + 1
    return counts


def _locate(text: str, sentence: str) -> dict[str, Any]:
    """The decisive sentence with its offsets in the article, so it links back to the source."""
    start = text.find(sentence)
    if start < 0:  # the stance model normalises whitespace; match loosely
        pattern = r"\s+".join(re.escape(w) for w in sentence.split())
        m = re.search(pattern, text) if pattern else None
        start = m.start() if m else -1
        end = m.end() if m else -1
    else:
        end = start + len(sentence)
    return {"text": sentence, "start": start if start >= 0 else None, "end": end if start >= 0 else None}
