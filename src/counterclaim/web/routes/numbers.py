"""Numbers: every concept with figures, and one concept's figures over time, ranges and conflicts."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request

from counterclaim.web import ledger
from counterclaim.web.charts import figures_chart
from counterclaim.web.render import DbSession, Page
from counterclaim.web.render import page as twin

router = APIRouter(tags=["numbers"])


@twin(router, "/numbers", "numbers.html")
def concepts(request: Request, session: DbSession) -> Page:
    """Concepts that have figures (what is counted), largest first, flagged when their figures conflict."""
    return Page({"concepts": ledger.list_concepts(session)}, "Numbers")


@twin(router, "/numbers/{concept:path}", "number.html")
def concept(request: Request, session: DbSession, concept: str) -> Page:
    """One concept's figures by date: values or ranges, qualifiers, scopes, who said them, conflicts."""
    data = ledger.numbers(session, concept)
    if not data["figures"]:
        raise HTTPException(404, f"no figures for {concept!r}; see /numbers for the concepts")
    return Page(data, f"Numbers · {data.get('label') or concept}", {"chart": figures_chart(data["figures"])})
