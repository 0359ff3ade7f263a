"""Articles: the paginated list and one article's text with statements, speakers and quantities marked."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Query, Request
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from counterclaim.store.models import AppearanceRow, ArticleRow, QuantityRow, StatementRow
from counterclaim.store.repository import get_article
from counterclaim.web.fmt import describe_quantity
from counterclaim.web.highlight import Mark, highlight
from counterclaim.web.render import DbSession, Page, Pager, page_links
from counterclaim.web.render import page as twin
from counterclaim.web.rows import row_dict

router = APIRouter(tags=["articles"])

PER_PAGE = 25
SUMMARY_COLUMNS = (ArticleRow.id, ArticleRow.title, ArticleRow.published, ArticleRow.publisher, ArticleRow.source,
                   ArticleRow.url, ArticleRow.story_id, ArticleRow.ingested_at)


def article_summaries(session: Session, stmt: Any) -> list[dict[str, Any]]:
    """Summaries with statement/quantity/copy counts, counted only for the listed ids (not the whole table)."""
    rows = [dict(r._mapping) for r in session.execute(stmt)]
    ids = [r["id"] for r in rows]
    if not ids:
        return []

    def counts(column: Any, *where: Any) -> dict[int, int]:
        q = select(column, func.count()).where(column.in_(ids), *where).group_by(column)
        return dict(session.execute(q).all())  # type: ignore[arg-type]

    stmts = counts(StatementRow.article_id)
    qtys = counts(QuantityRow.article_id)
    copies = counts(AppearanceRow.article_id, AppearanceRow.relation != "original")
    for r in rows:
        r["ingested_at"] = r["ingested_at"].isoformat(sep=" ", timespec="seconds") if r["ingested_at"] else None
        r.update(statements=stmts.get(r["id"], 0), quantities=qtys.get(r["id"], 0), copies=copies.get(r["id"], 0))
    return rows


@twin(router, "/articles", "articles.html")
def articles(
    request: Request,
    session: DbSession,
    page: int = Query(1, ge=1, description="Page number, from 1."),
    publisher: str | None = Query(None, description="Only this publisher's articles; empty for unknown publisher."),
) -> Page:
    """Stored articles, newest first, with statement, quantity and copy counts."""
    where = []
    if publisher is not None:
        where.append(ArticleRow.publisher.is_(None) if publisher == "" else ArticleRow.publisher == publisher)
    total = session.scalar(select(func.count()).select_from(ArticleRow).where(*where)) or 0
    pager = Pager(page, PER_PAGE, total)
    stmt = (select(*SUMMARY_COLUMNS).where(*where)
            .order_by(ArticleRow.published.desc().nulls_last(), ArticleRow.id.desc())
            .limit(PER_PAGE).offset(pager.offset))
    data = {"publisher": publisher, "pagination": pager.to_dict(), "articles": article_summaries(session, stmt)}
    heading = "Articles" if publisher is None else f"Articles · {publisher or 'unknown publisher'}"
    return Page(data, heading, {"links": page_links(request, data["pagination"])})


@twin(router, "/articles/{article_id}", "article.html")
def article(request: Request, article_id: int, session: DbSession) -> Page:
    """One article: its text, boilerplate ranges, appearances, statements, quantities and mentions (with offsets)."""
    row = get_article(session, article_id)
    if row is None:
        raise HTTPException(404, f"no article {article_id}; see /articles for the list")
    statements = [row_dict(s) for s in sorted(row.statements, key=lambda s: s.content_start)]
    quantities = [row_dict(q) for q in sorted(row.quantities, key=lambda q: q.start)]
    mentions = [row_dict(m) for m in sorted(row.mentions, key=lambda m: m.start)]
    data = {
        "article": row_dict(row, exclude=("minhash",)),
        "appearances": [row_dict(a) for a in sorted(row.appearances, key=lambda a: a.id)],
        "statements": statements,
        "quantities": quantities,
        "mentions": mentions,
    }
    marks, anchors = article_marks(row.text, row.boilerplate or [], row.sentences or [], statements, quantities, mentions)
    view = {
        "html": highlight(row.text, marks, anchors),
        "named": sum(1 for s in statements if s["speaker"] and s["speaker_named"]),
        "anonymous": sum(1 for s in statements if s["speaker"] and not s["speaker_named"]),
    }
    return Page(data, row.title or f"Article {row.id}", view)


def sentence_anchor(item: dict[str, Any], start_key: str = "content_start") -> int:
    """The ``#s-N`` anchor of an item: its sentence start, else its own start (older rows lack sentences)."""
    start = item.get("sentence_start")
    return int(start) if start is not None else int(item[start_key])


def article_marks(text: str, boilerplate: list[list[int]], sentences: list[list[int]],
                  statements: list[dict[str, Any]], quantities: list[dict[str, Any]],
                  mentions: list[dict[str, Any]]) -> tuple[list[Mark], set[int]]:
    """Every styled range of the article, plus the sentence anchors statements and figures link to."""
    marks: list[Mark] = [Mark(a, b, "boiler", "boilerplate (not analysed)") for a, b in boilerplate]
    anchors: set[int] = set()
    for a, b in sentences:
        marks.append(Mark(a, b, "sent", None, a))
        anchors.add(a)
    for s in statements:
        anchor = sentence_anchor(s)
        anchors.add(anchor)
        if s["sentence_start"] is None or [s["sentence_start"], s["sentence_end"]] not in sentences:
            end = s["sentence_end"] if s["sentence_end"] is not None else s["content_end"]
            marks.append(Mark(anchor, end, "sent", None, anchor))
        who = s["speaker_name"] or s["speaker"] or "no speaker"
        tip = f"statement · {s['stance']} · {s['kind']} · speaker: {who}" + (f" · cue: {s['cue']}" if s["cue"] else "")
        marks.append(Mark(s["content_start"], s["content_end"], f"stmt stance-{s['stance']}", tip))
        if s["speaker_start"] is not None and s["speaker_end"] is not None:
            role = ", ".join(x for x in (s["speaker_role"], s["speaker_affiliation"], s["speaker_country"]) if x)
            named = "named" if s["speaker_named"] else "anonymous"
            marks.append(Mark(s["speaker_start"], s["speaker_end"], f"speaker {'' if s['speaker_named'] else 'anon'}",
                              f"speaker: {who}" + (f" ({role})" if role else "") + f" · {named}"))
        if s["cue_start"] is not None and s["cue_end"] is not None:
            marks.append(Mark(s["cue_start"], s["cue_end"], "cue", f"cue: {s['cue_lemma'] or s['cue']} → {s['stance']}"))
    for q in quantities:
        anchors.add(sentence_anchor(q, "start"))
        marks.append(Mark(q["start"], q["end"], "qty", "quantity: " + describe_quantity(q)))
    for m in mentions:
        marks.append(Mark(m["start"], m["end"], "ment", f"{m['label']}: {m['canonical']}"))
    return marks, anchors
