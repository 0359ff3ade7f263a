"""Entities: people, organisations, places and sides, with their aliases and statements."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Query, Request

from counterclaim.web import ledger
from counterclaim.web.render import DbSession, Page, page_links, probe_pagination
from counterclaim.web.render import page as twin
from counterclaim.web.routes.propositions import add_sentences, marked_sentence

router = APIRouter(tags=["entities"])

PER_PAGE = 40
TYPES = ("person", "organisation", "place", "country", "side", "other")


@twin(router, "/entities", "entities.html")
def entities(
    request: Request,
    session: DbSession,
    q: str | None = Query(None, max_length=200, description="Match any alias."),
    type: str | None = Query(None, description=f"One of {', '.join(TYPES)}."),
    page: int = Query(1, ge=1, description="Page number, from 1."),
) -> Page:
    """Entities, most quoted and most mentioned first."""
    items = ledger.list_entities(session, type=type or None, q=q or None, limit=PER_PAGE + 1,
                                 offset=(page - 1) * PER_PAGE)
    items, pagination = probe_pagination(page, PER_PAGE, items)
    data = {"q": q, "type": type, "types": list(TYPES), "pagination": pagination, "entities": items}
    return Page(data, "Entities", {"links": page_links(request, pagination)})


@twin(router, "/entities/{entity_id}", "entity.html")
def entity(request: Request, session: DbSession, entity_id: int) -> Page:
    """One entity: aliases, affiliation, members, statements by it and statements about it."""
    data = ledger.get_entity(session, entity_id)
    if data is None:
        raise HTTPException(404, f"no entity {entity_id}; see /entities for the list")
    items = data["statements_by"] + data["statements_about"]
    add_sentences(session, items)
    return Page(data, data["canonical"], {"marked": {s["statement_id"]: marked_sentence(s) for s in items}})
