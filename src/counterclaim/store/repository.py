"""Translates between the stage dataclasses and the rows; the one place that writes analyses."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from counterclaim.store.models import AppearanceRow, ArticleRow, MentionRow, QuantityRow, StatementRow
from counterclaim.types import Analysis, Article, Mention, Quantity, Span, Speaker, Statement, TextRange


def concept_key(concept: str | None, unit: str | None) -> str | None:
    """A normalised grouping key for a quantity's concept: lower-case words, plural 's' dropped."""
    words = (concept or unit or "").lower().replace("-", " ").split()
    words = [w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in words]
    key = " ".join(w for w in words if w.isalnum())
    return key[:200] or None


def find_article_by_hash(session: Session, content_hash: str) -> ArticleRow | None:
    return session.scalar(select(ArticleRow).where(ArticleRow.content_hash == content_hash))


def has_appearance(session: Session, article_id: int, source: str) -> bool:
    stmt = select(func.count()).select_from(AppearanceRow).where(
        AppearanceRow.article_id == article_id, AppearanceRow.source == source
    )
    return bool(session.scalar(stmt))


def add_appearance(session: Session, article_id: int, article: Article, relation: str) -> AppearanceRow:
    row = AppearanceRow(
        article_id=article_id,
        source=article.source,
        url=article.url,
        title=article.title,
        publisher=article.publisher,
        published=article.published,
        relation=relation,
        content_hash=article.content_hash,
    )
    session.add(row)
    return row


def add_analysis(session: Session, analysis: Analysis, minhash: bytes | None = None) -> ArticleRow:
    """Insert a new article with everything extracted from it, and its original appearance."""
    a = analysis.article
    row = ArticleRow(
        content_hash=a.content_hash,
        source=a.source,
        kind=a.kind,
        url=a.url,
        title=a.title,
        published=a.published,
        date_confidence=a.date_confidence,
        publisher=a.publisher,
        language=a.language,
        text=a.text,
        boilerplate=[[r.start, r.end] for r in a.boilerplate],
        sentences=[[r.start, r.end] for r in analysis.sentences],
        minhash=minhash,
    )
    row.statements = [_statement_row(s) for s in analysis.statements]
    row.quantities = [_quantity_row(q) for q in analysis.quantities]
    row.mentions = [
        MentionRow(start=m.start, end=m.end, text=m.text, label=m.label, canonical=m.canonical) for m in analysis.mentions
    ]
    session.add(row)
    session.flush()
    add_appearance(session, row.id, a, "original")
    _link_quantities_to_statements(row)
    return row


def _link_quantities_to_statements(row: ArticleRow) -> None:
    """A quantity inside a statement's content is that speaker's figure (Putin's 700, not the article's)."""
    for q in row.quantities:
        for s in row.statements:
            if s.content_start <= q.start and q.end <= s.content_end:
                q.statement_id = s.id
                break


def _statement_row(s: Statement) -> StatementRow:
    sp = s.speaker
    return StatementRow(
        content_start=s.content.start,
        content_end=s.content.end,
        content=s.content.text,
        kind=s.kind,
        stance=s.stance,
        cue=s.cue.text if s.cue else None,
        cue_start=s.cue.start if s.cue else None,
        cue_end=s.cue.end if s.cue else None,
        cue_lemma=s.cue_lemma,
        speaker=sp.mention.text if sp else None,
        speaker_start=sp.mention.start if sp else None,
        speaker_end=sp.mention.end if sp else None,
        speaker_name=sp.name if sp else None,
        speaker_kind=sp.kind if sp else None,
        speaker_role=sp.role if sp else None,
        speaker_affiliation=sp.affiliation if sp else None,
        speaker_country=sp.country if sp else None,
        speaker_named=sp.named if sp else False,
        target=s.target.text if s.target else None,
        target_start=s.target.start if s.target else None,
        target_end=s.target.end if s.target else None,
        sentence_start=s.sentence.start if s.sentence else None,
        sentence_end=s.sentence.end if s.sentence else None,
    )


def _quantity_row(q: Quantity) -> QuantityRow:
    return QuantityRow(
        start=q.start,
        end=q.end,
        text=q.text,
        value=q.value,
        low=q.low,
        high=q.high,
        qualifier=q.qualifier,
        unit=q.unit,
        concept=q.concept,
        concept_key=concept_key(q.concept, q.unit),
        vague=q.vague,
        currency=q.currency,
        per=q.per,
        place=q.place,
        time=q.time,
        sentence_start=q.sentence.start if q.sentence else None,
        sentence_end=q.sentence.end if q.sentence else None,
    )


# ---------------------------------------------------------------- rows → dataclasses


def article_from_row(row: ArticleRow) -> Article:
    return Article(
        source=row.source,
        text=row.text,
        kind=row.kind,  # type: ignore[arg-type]
        title=row.title,
        published=row.published,
        date_confidence=row.date_confidence,  # type: ignore[arg-type]
        publisher=row.publisher,
        url=row.url,
        language=row.language,
        boilerplate=tuple(TextRange(a, b) for a, b in row.boilerplate or []),
        content_hash=row.content_hash,
    )


def statement_from_row(row: StatementRow) -> Statement:
    speaker = None
    if row.speaker is not None and row.speaker_start is not None and row.speaker_end is not None:
        speaker = Speaker(
            mention=Span(row.speaker_start, row.speaker_end, row.speaker),
            name=row.speaker_name,
            kind=row.speaker_kind or "unknown",  # type: ignore[arg-type]
            role=row.speaker_role,
            affiliation=row.speaker_affiliation,
            country=row.speaker_country,
            named=row.speaker_named,
        )
    return Statement(
        content=Span(row.content_start, row.content_end, row.content),
        speaker=speaker,
        cue=Span(row.cue_start, row.cue_end, row.cue) if row.cue is not None and row.cue_start is not None else None,  # type: ignore[arg-type]
        kind=row.kind,  # type: ignore[arg-type]
        stance=row.stance,  # type: ignore[arg-type]
        cue_lemma=row.cue_lemma,
        target=Span(row.target_start, row.target_end, row.target)  # type: ignore[arg-type]
        if row.target is not None and row.target_start is not None
        else None,
        sentence=TextRange(row.sentence_start, row.sentence_end)
        if row.sentence_start is not None and row.sentence_end is not None
        else None,
    )


def quantity_from_row(row: QuantityRow) -> Quantity:
    return Quantity(
        start=row.start,
        end=row.end,
        text=row.text,
        value=row.value,
        low=row.low,
        high=row.high,
        qualifier=row.qualifier,  # type: ignore[arg-type]
        unit=row.unit,
        concept=row.concept,
        vague=row.vague,
        currency=row.currency,
        per=row.per,
        place=row.place,
        time=row.time,
        sentence=TextRange(row.sentence_start, row.sentence_end)
        if row.sentence_start is not None and row.sentence_end is not None
        else None,
    )


def analysis_from_row(row: ArticleRow) -> Analysis:
    return Analysis(
        article=article_from_row(row),
        statements=tuple(statement_from_row(s) for s in sorted(row.statements, key=lambda s: s.content_start)),
        quantities=tuple(quantity_from_row(q) for q in sorted(row.quantities, key=lambda q: q.start)),
        mentions=tuple(
            Mention(m.start, m.end, m.text, m.label, m.canonical) for m in sorted(row.mentions, key=lambda m: m.start)
        ),
        sentences=tuple(TextRange(a, b) for a, b in row.sentences or []),
    )


# ---------------------------------------------------------------- listings


def article_summary(row: ArticleRow, counts: dict[str, int] | None = None) -> dict[str, Any]:
    return {
        "id": row.id,
        "title": row.title,
        "published": row.published,
        "publisher": row.publisher,
        "source": row.source,
        "url": row.url,
        "kind": row.kind,
        "story_id": row.story_id,
        "appearances": len(row.appearances),
        **(counts or {}),
    }


def list_articles(session: Session, *, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    stmt_counts = dict(
        session.execute(select(StatementRow.article_id, func.count()).group_by(StatementRow.article_id)).all()
    )
    qty_counts = dict(session.execute(select(QuantityRow.article_id, func.count()).group_by(QuantityRow.article_id)).all())
    rows = session.scalars(
        select(ArticleRow)
        .options(selectinload(ArticleRow.appearances))
        .order_by(ArticleRow.published.desc().nulls_last(), ArticleRow.id)
        .limit(limit)
        .offset(offset)
    )
    return [
        article_summary(r, {"statements": stmt_counts.get(r.id, 0), "quantities": qty_counts.get(r.id, 0)}) for r in rows
    ]


def get_article(session: Session, article_id: int) -> ArticleRow | None:
    return session.get(
        ArticleRow,
        article_id,
        options=[
            selectinload(ArticleRow.statements),
            selectinload(ArticleRow.quantities),
            selectinload(ArticleRow.mentions),
            selectinload(ArticleRow.appearances),
        ],
    )
