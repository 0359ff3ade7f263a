"""Propositions: the ranked list, and one proposition's sides, timeline, figures and source sentences."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Query, Request
from sqlalchemy.orm import Session

from counterclaim.web import ledger
from counterclaim.web.charts import figures_chart, timeline
from counterclaim.web.highlight import mark_within
from counterclaim.web.render import DbSession, Page, Pager, page_links
from counterclaim.web.render import page as twin

router = APIRouter(tags=["propositions"])

PER_PAGE = 25
COLUMNS = ("supports", "disputes", "reports", "concedes")


@twin(router, "/propositions", "propositions.html")
def propositions(request: Request, session: DbSession,
                 page: int = Query(1, ge=1, description="Page number, from 1.")) -> Page:
    """Propositions, most contested first, with independent source counts per side."""
    pager = Pager(page, PER_PAGE, ledger.count_rows(session, "propositions"))
    items = ledger.list_propositions(session, limit=PER_PAGE, offset=pager.offset)
    data = {"pagination": pager.to_dict(), "propositions": items}
    return Page(data, "Propositions", {"links": page_links(request, data["pagination"])})


@twin(router, "/propositions/{proposition_id}", "proposition.html")
def proposition(request: Request, session: DbSession, proposition_id: int) -> Page:
    """One proposition: statements by side (supports/disputes/reports/concedes), sides, timeline, figures."""
    data = ledger.get_proposition(session, proposition_id)
    if data is None:
        raise HTTPException(404, f"no proposition {proposition_id}; see /propositions for the list")
    items = [s for group in data["statements"].values() for s in group]
    add_sentences(session, items)
    view = {
        "columns": [c for c in COLUMNS if c != "concedes" or data["statements"].get(c)],
        "marked": {s["statement_id"]: marked_sentence(s) for s in items},
        "timeline": timeline(data.get("timeline", [])),
        "chart": figures_chart(data.get("figures", [])),
    }
    return Page(data, shorten(data.get("canonical") or f"Proposition {proposition_id}"), view)


def add_sentences(session: Session, items: list[dict[str, Any]]) -> None:
    """Give each item its source sentence text (``sentence``), so the API shows what the page shows."""
    found = ledger.sentences(session, items)
    for item in items:
        start, end = item.get("sentence_start"), item.get("sentence_end")
        if start is None or end is None:
            start, end = item.get("content_start"), item.get("content_end")
        item["sentence"] = found.get((item["article_id"], start, end)) if start is not None else None


def marked_sentence(item: dict[str, Any]) -> Any:
    sentence = item.get("sentence") or item.get("content") or ""
    start = item["sentence_start"] if item.get("sentence_start") is not None else item["content_start"]
    return mark_within(sentence, start, item["content_start"], item["content_end"])


def shorten(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
