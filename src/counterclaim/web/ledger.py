"""The web's view of the ledger read API (``counterclaim.link.queries``), adapted to what pages need.

The ledger stage owns the queries and their shapes; this module is the one place that knows those
shapes, so a change there means a change here and nowhere else in ``web/``. When the ledger
tables are empty (nothing linked yet) every function returns an empty result, never an error.
"""

from __future__ import annotations

import importlib
import logging
from types import ModuleType
from typing import Any

from sqlalchemy.orm import Session

log = logging.getLogger(__name__)


def queries() -> ModuleType | None:
    """The ledger's read API, or None while the link stage does not provide it."""
    try:
        return importlib.import_module("counterclaim.link.queries")
    except ImportError:
        return None


def top_stories(session: Session, limit: int) -> list[dict[str, Any]]:
    q = queries()
    if q is None:
        return []
    stories = [story_summary(s) for s in q.list_stories(session)]
    stories.sort(key=lambda s: (-(s["articles"] or 0), s["id"]))
    return stories[:limit]


def story_summary(s: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": s["id"],
        "title": s.get("title"),
        "first_date": s.get("first_date"),
        "last_date": s.get("last_date"),
        "articles": s.get("n_articles", s.get("articles", 0)),
        "propositions": s.get("n_propositions", s.get("propositions")),
    }


def proposition_summary(p: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": p["id"],
        "text": p.get("canonical") or p.get("text") or f"Proposition {p['id']}",
        "supports": p.get("support_sources", p.get("supports", 0)) or 0,
        "disputes": p.get("dispute_sources", p.get("disputes", 0)) or 0,
        "first_date": p.get("first_date"),
        "last_date": p.get("last_date"),
        "statements": p.get("n_members", p.get("statements")),
        "story_id": p.get("story_id"),
    }


def most_contested(session: Session, limit: int) -> list[dict[str, Any]]:
    """Propositions with both sides present, the most evenly and widely contested first."""
    q = queries()
    if q is None:
        return []
    items = [proposition_summary(p) for p in q.list_propositions(session, limit=200, offset=0)["items"]]
    items = [p for p in items if p["disputes"]]
    items.sort(key=lambda p: (-min(p["supports"], p["disputes"]), -p["disputes"], -p["supports"], p["id"]))
    return items[:limit]
