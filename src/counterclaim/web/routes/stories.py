"""Stories: groups of articles about one event, with the propositions their articles take part in."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Query, Request

from counterclaim.web import ledger
from counterclaim.web.render import DbSession, Page, Pager, page_links
from counterclaim.web.render import page as twin

router = APIRouter(tags=["stories"])

PER_PAGE = 30


@twin(router, "/stories", "stories.html")
def stories(request: Request, session: DbSession, page: int = Query(1, ge=1, description="Page number, from 1.")) -> Page:
    """Stories, largest and most recent first."""
    pager = Pager(page, PER_PAGE, ledger.count_rows(session, "stories"))
    data = {"pagination": pager.to_dict(), "stories": ledger.list_stories(session, limit=PER_PAGE, offset=pager.offset)}
    return Page(data, "Stories", {"links": page_links(request, data["pagination"])})


@twin(router, "/stories/{story_id}", "story.html")
def story(request: Request, session: DbSession, story_id: int) -> Page:
    """One story: its articles and its propositions, most contested first."""
    data = ledger.get_story(session, story_id)
    if data is None:
        raise HTTPException(404, f"no story {story_id}; see /stories for the list")
    return Page(data, data.get("title") or f"Story {story_id}")
