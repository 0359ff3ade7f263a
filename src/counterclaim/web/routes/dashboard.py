"""Dashboard: stories, the most contested propositions, and what was ingested last."""

from __future__ import annotations

from fastapi import APIRouter, Request
from sqlalchemy import func, select

from counterclaim.store.models import ArticleRow, EntityRow, QuantityRow, StatementRow
from counterclaim.web import ledger
from counterclaim.web.render import DbSession, Page
from counterclaim.web.render import page as twin
from counterclaim.web.routes.articles import SUMMARY_COLUMNS, article_summaries

router = APIRouter(tags=["dashboard"])

RECENT = 10
TOP = 8


@twin(router, "/", "dashboard.html", api_path="/dashboard")
def dashboard(request: Request, session: DbSession) -> Page:
    """Counts, top stories, the most contested propositions and the latest ingested articles."""
    counts = {
        "articles": session.scalar(select(func.count()).select_from(ArticleRow)) or 0,
        "publishers": session.scalar(select(func.count(func.distinct(ArticleRow.publisher)))) or 0,
        "statements": session.scalar(select(func.count()).select_from(StatementRow)) or 0,
        "quantities": session.scalar(select(func.count()).select_from(QuantityRow)) or 0,
        "entities": session.scalar(select(func.count()).select_from(EntityRow)) or 0,
    }
    recent = article_summaries(
        session, select(*SUMMARY_COLUMNS).order_by(ArticleRow.ingested_at.desc(), ArticleRow.id.desc()).limit(RECENT)
    )
    data = {
        "counts": counts,
        "stories": ledger.list_stories(session, limit=TOP, offset=0),
        "contested": ledger.most_contested(session, TOP),
        "recent": recent,
    }
    return Page(data, "Dashboard")
