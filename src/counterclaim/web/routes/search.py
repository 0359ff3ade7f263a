"""Search: full text over article titles/texts and statements (FTS5 on SQLite, tsvector on PostgreSQL)."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Query, Request

from counterclaim.store.search import search as run_search
from counterclaim.web.render import DbSession, Page, Pager, page_links
from counterclaim.web.render import page as twin

router = APIRouter(tags=["search"])

PER_PAGE = 20


@twin(router, "/search", "search.html")
def search(
    request: Request,
    session: DbSession,
    q: str = Query("", max_length=500, description='Words to find; "quoted phrase", -excluded word.'),
    kind: Literal["all", "articles", "statements"] = Query("all", description="What to search."),
    page: int = Query(1, ge=1, description="Page number, from 1 (pages each result list)."),
) -> Page:
    """Full-text search; each hit has a snippet as [text, is_hit] parts and links to its sentence."""
    result = run_search(session, q, kind=kind, limit=PER_PAGE, offset=(page - 1) * PER_PAGE)
    total = max(result["total_articles"], result["total_statements"])
    pagination = Pager(page, PER_PAGE, total).to_dict()
    data = {**result, "pagination": pagination}
    title = f"Search · {q}" if q.strip() else "Search"
    return Page(data, title, {"links": page_links(request, pagination)})
