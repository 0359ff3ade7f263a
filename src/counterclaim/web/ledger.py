"""The web's view of the ledger read API (``counterclaim.link.queries``), adapted to what pages need.

The link stage owns the queries and their shapes; this module is the one place in ``web/`` that
knows those shapes (and the ledger tables' names, for counts the API does not give), so a change
there means a change here and nowhere else. While the link stage provides no read API every
function returns an empty result, never an error, so the store-only pages keep working.
"""

from __future__ import annotations

import importlib
import logging
import weakref
from types import ModuleType
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

log = logging.getLogger(__name__)


def queries() -> ModuleType | None:
    """The ledger's read API, or None while the link stage does not provide it."""
    try:
        return importlib.import_module("counterclaim.link.queries")
    except ImportError:
        return None


def count_rows(session: Session, table: str) -> int:
    """Rows in a ledger table (0 when the table does not exist yet): for page counts."""
    from counterclaim.store.models import Base

    if table not in Base.metadata.tables:
        return 0
    return int(session.scalar(select(func.count()).select_from(Base.metadata.tables[table])) or 0)


# ---------------------------------------------------------------- whole-store aggregates

# Pages that summarise the whole store (the actor graph, the concept list) cost seconds on a large
# one but change only when the store does: they are kept per database and recomputed when its data
# version moves. The version is each ledger table's highest id (an index lookup; ingest adds rows and
# re-linking replaces claim links, so both raise it) plus the row counts of the small tables that
# merges delete from (alias edits merge entities).
_GROWING_TABLES = ("articles", "statements", "quantities", "claim_links", "propositions", "entities", "aliases")
_MERGED_TABLES = ("entities", "aliases", "propositions")
_cache: weakref.WeakKeyDictionary[Any, dict[str, tuple[tuple[int, ...], Any]]] = weakref.WeakKeyDictionary()


def data_version(session: Session) -> tuple[int, ...]:
    """A fingerprint of the store's contents that changes whenever ingest, linking or alias edits do."""
    from counterclaim.store.models import Base

    tables = Base.metadata.tables
    out = [int(session.scalar(select(func.max(tables[n].c.id))) or 0) for n in _GROWING_TABLES if n in tables]
    out += [int(session.scalar(select(func.count()).select_from(tables[n])) or 0) for n in _MERGED_TABLES if n in tables]
    return tuple(out)


def cached(session: Session, name: str, compute: Any) -> Any:
    """``compute()``, kept per store under ``name`` until the store's data version changes."""
    per_store = _cache.setdefault(session.get_bind(), {})  # the engine: in-memory stores share a URL
    version = data_version(session)
    hit = per_store.get(name)
    if hit is not None and hit[0] == version:
        return hit[1]
    value = compute()
    per_store[name] = (version, value)
    return value


# ---------------------------------------------------------------- propositions


def list_propositions(session: Session, *, limit: int, offset: int) -> list[dict[str, Any]]:
    q = queries()
    return q.list_propositions(session, limit=limit, offset=offset) if q else []


def most_contested(session: Session, limit: int) -> list[dict[str, Any]]:
    """The ledger already ranks propositions most contested first; keep those with both sides."""
    return [p for p in list_propositions(session, limit=limit, offset=0) if p.get("contested")]


def get_proposition(session: Session, proposition_id: int) -> dict[str, Any] | None:
    q = queries()
    return q.get_proposition(session, proposition_id) if q else None


# ---------------------------------------------------------------- stories


def list_stories(session: Session, *, limit: int, offset: int) -> list[dict[str, Any]]:
    q = queries()
    return q.list_stories(session, limit=limit, offset=offset) if q else []


def get_story(session: Session, story_id: int) -> dict[str, Any] | None:
    q = queries()
    return q.get_story(session, story_id) if q else None


# ---------------------------------------------------------------- figures


def list_concepts(session: Session) -> list[dict[str, Any]]:
    q = queries()
    return cached(session, "concepts", lambda: q.list_concepts(session)) if q else []


def numbers(session: Session, concept: str) -> dict[str, Any]:
    q = queries()
    if q is None:
        return {"concept": concept, "label": concept, "figures": [], "total": 0, "conflicting": False, "conflicts": []}
    return q.numbers(session, concept)


# ---------------------------------------------------------------- actors and entities


ACTOR_EDGES = 500  # the heaviest "A disputes B" edges the workbench shows (the CLI has them all)


def actors(session: Session) -> dict[str, Any]:
    q = queries()
    if q is None:
        return {"nodes": [], "edges": [], "sides": {"nodes": [], "edges": []}}
    return cached(session, "actors", lambda: q.actors(session, max_edges=ACTOR_EDGES))


def list_entities(session: Session, *, type: str | None, q: str | None, limit: int, offset: int) -> list[dict[str, Any]]:
    api = queries()
    return api.list_entities(session, type=type, q=q, limit=limit, offset=offset) if api else []


def get_entity(session: Session, entity_id: int) -> dict[str, Any] | None:
    q = queries()
    return q.get_entity(session, entity_id) if q else None


# ---------------------------------------------------------------- source sentences


def sentences(session: Session, items: list[dict[str, Any]]) -> dict[tuple[int, int, int], str]:
    """The source sentence of each item, keyed by (article_id, start, end), fetched as substrings.

    Items carry offsets only; one query per article fetches just the needed slices, never whole texts.
    """
    wanted: dict[tuple[int, int, int], None] = {}
    for item in items:
        start, end = item.get("sentence_start"), item.get("sentence_end")
        if start is None or end is None:
            start, end = item.get("content_start"), item.get("content_end")
        if start is not None and end is not None and end > start:
            wanted[(int(item["article_id"]), int(start), int(end))] = None
    out: dict[tuple[int, int, int], str] = {}
    keys = list(wanted)
    for i in range(0, len(keys), 200):
        chunk = keys[i : i + 200]
        clauses = " UNION ALL ".join(
            f"SELECT {a} AS aid, {s} AS s, {e} AS e, substr(text, {s + 1}, {e - s}) AS t FROM articles WHERE id = {a}"
            for a, s, e in chunk
        )
        for aid, s, e, t in session.execute(text(clauses)):
            out[(aid, s, e)] = t
    return out
