"""Sources: per publisher, its articles, named vs anonymous attribution, and quality signals.

Signals an analyst weighs before trusting a publisher's figures: how much of its pages is
boilerplate, how many articles carry no date, how many of its items were copies of someone else's
story (syndication), and how many statements have no identifiable speaker.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from fastapi import APIRouter, Query, Request
from sqlalchemy import Integer, and_, case, func, select
from sqlalchemy.orm import Session

from counterclaim.store.models import AppearanceRow, ArticleRow, StatementRow
from counterclaim.web import ledger
from counterclaim.web.render import DbSession, Page, Pager, page_links
from counterclaim.web.render import page as twin

router = APIRouter(tags=["sources"])

PER_PAGE = 30
LATEST = 3  # articles shown inline per publisher; the full list is /articles?publisher=…


def _sum(cond: Any) -> Any:
    return func.sum(case((cond, 1), else_=0)).cast(Integer)


@twin(router, "/sources", "sources.html")
def sources(request: Request, session: DbSession,
            page: int = Query(1, ge=1, description="Page number, from 1.")) -> Page:
    """Publishers by article count, with attribution shares and quality signals."""
    # Whole-store sums (text lengths, boilerplate, attributions): kept until the store changes.
    data = ledger.cached(session, f"sources:{page}", lambda: _sources(session, page))
    return Page(data, "Sources", {"links": page_links(request, data["pagination"])})


def _sources(session: Session, page: int) -> dict[str, Any]:
    total = session.scalar(select(func.count(func.distinct(func.coalesce(ArticleRow.publisher, "")))))
    pager = Pager(page, PER_PAGE, int(total or 0))
    base = (select(ArticleRow.publisher, func.count().label("articles"),
                   _sum(ArticleRow.published.is_(None)).label("dateless"),
                   func.sum(func.length(ArticleRow.text)).label("chars"))
            .group_by(ArticleRow.publisher)
            .order_by(func.count().desc(), ArticleRow.publisher)
            .limit(PER_PAGE).offset(pager.offset))
    publishers = [dict(r._mapping) for r in session.execute(base)]
    names = [p["publisher"] for p in publishers]
    in_page = _publisher_filter(ArticleRow.publisher, names)

    stmt_q = (select(ArticleRow.publisher, func.count(StatementRow.id),
                     _sum(and_(StatementRow.speaker.is_not(None), StatementRow.speaker_named.is_(True))),
                     _sum(and_(StatementRow.speaker.is_not(None), StatementRow.speaker_named.is_(False))),
                     _sum(StatementRow.speaker.is_(None)))
              .join(StatementRow, StatementRow.article_id == ArticleRow.id)
              .where(in_page).group_by(ArticleRow.publisher))
    stmt_counts = {r[0]: r[1:] for r in session.execute(stmt_q)}
    copies_run = dict(session.execute(  # copies of other stories this publisher ran (exact or near)
        select(AppearanceRow.publisher, func.count()).where(AppearanceRow.relation != "original",
                                                            _publisher_filter(AppearanceRow.publisher, names))
        .group_by(AppearanceRow.publisher)).all())
    copied = dict(session.execute(  # its originals seen again elsewhere
        select(ArticleRow.publisher, func.count()).join(AppearanceRow, AppearanceRow.article_id == ArticleRow.id)
        .where(AppearanceRow.relation != "original", in_page).group_by(ArticleRow.publisher)).all())
    boiler = _boilerplate_chars(session, names)
    latest = _latest_articles(session, names)

    for p in publishers:
        name = p["publisher"]
        n_stmt, named, anon, nospeaker = stmt_counts.get(name, (0, 0, 0, 0))
        attributed = (named or 0) + (anon or 0)
        p.update(
            statements=n_stmt, named=named or 0, anonymous=anon or 0, no_speaker=nospeaker or 0,
            named_share=_share(named, attributed), anonymous_share=_share(anon, attributed),
            no_speaker_share=_share(nospeaker, n_stmt),
            boilerplate_share=_share(boiler.get(name, 0), p["chars"] or 0),
            dateless_share=_share(p["dateless"], p["articles"]),
            copies_run=copies_run.get(name, 0), copied_elsewhere=copied.get(name, 0),
            latest=latest.get(name, []),
        )
    return {"pagination": pager.to_dict(), "publishers": publishers}


def _publisher_filter(column: Any, names: list[str | None]) -> Any:
    known = [n for n in names if n is not None]
    cond = column.in_(known)
    return cond | column.is_(None) if None in names else cond


def _share(part: int | None, whole: int | None) -> float | None:
    return round((part or 0) / whole, 3) if whole else None


def _boilerplate_chars(session: Session, names: list[str | None]) -> dict[str | None, int]:
    """Characters inside boilerplate ranges per publisher (ranges are JSON, so summed here, not in SQL)."""
    out: dict[str | None, int] = defaultdict(int)
    rows = session.execute(select(ArticleRow.publisher, ArticleRow.boilerplate)
                           .where(_publisher_filter(ArticleRow.publisher, names)))
    for publisher, ranges in rows:
        out[publisher] += sum(max(0, int(b) - int(a)) for a, b in ranges or [])
    return out


def _latest_articles(session: Session, names: list[str | None]) -> dict[str | None, list[dict[str, Any]]]:
    ranked = (select(ArticleRow.id, ArticleRow.title, ArticleRow.published, ArticleRow.publisher,
                     func.row_number().over(partition_by=ArticleRow.publisher,
                                            order_by=(ArticleRow.published.desc().nulls_last(), ArticleRow.id.desc()))
                     .label("rank"))
              .where(_publisher_filter(ArticleRow.publisher, names)).subquery())
    out: dict[str | None, list[dict[str, Any]]] = defaultdict(list)
    for r in session.execute(select(ranked).where(ranked.c.rank <= LATEST).order_by(ranked.c.rank)):
        out[r.publisher].append({"id": r.id, "title": r.title, "published": r.published})
    return out
