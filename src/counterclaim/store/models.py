"""Typed SQLAlchemy 2 models. They stay apart from the stage dataclasses; ``repository.py`` translates.

Offsets in statements, quantities and mentions index ``Article.text`` so every stored item links back
to its exact source sentence.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Migration(Base):
    """Named migrations applied to this store, in order (see ``migrations.py``)."""

    __tablename__ = "cc_migrations"
    name: Mapped[str] = mapped_column(String(200), primary_key=True)
    applied_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())


class ArticleRow(Base):
    """One independent article. Syndicated and duplicate copies are extra ``AppearanceRow``s."""

    __tablename__ = "articles"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    source: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(8))
    url: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(String(10), index=True)
    date_confidence: Mapped[str | None] = mapped_column(String(8))
    publisher: Mapped[str | None] = mapped_column(String(200), index=True)
    language: Mapped[str] = mapped_column(String(8), default="en")
    text: Mapped[str] = mapped_column(Text)
    boilerplate: Mapped[list] = mapped_column(JSON, default=list)
    sentences: Mapped[list] = mapped_column(JSON, default=list)
    minhash: Mapped[bytes | None] = mapped_column(LargeBinary)
    story_id: Mapped[int | None] = mapped_column(Integer, index=True)
    ingested_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())

    appearances: Mapped[list[AppearanceRow]] = relationship(back_populates="article", cascade="all, delete-orphan")
    statements: Mapped[list[StatementRow]] = relationship(back_populates="article", cascade="all, delete-orphan")
    quantities: Mapped[list[QuantityRow]] = relationship(back_populates="article", cascade="all, delete-orphan")
    mentions: Mapped[list[MentionRow]] = relationship(back_populates="article", cascade="all, delete-orphan")


class AppearanceRow(Base):
    """Where an article was seen: the original, exact copies and near-duplicate (syndicated) copies."""

    __tablename__ = "appearances"
    __table_args__ = (UniqueConstraint("article_id", "source", name="uq_appearance_source"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    source: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    publisher: Mapped[str | None] = mapped_column(String(200))
    published: Mapped[str | None] = mapped_column(String(10))
    relation: Mapped[str] = mapped_column(String(12))  # original | exact | near
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    seen_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())

    article: Mapped[ArticleRow] = relationship(back_populates="appearances")


class StatementRow(Base):
    __tablename__ = "statements"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    content_start: Mapped[int] = mapped_column(Integer)
    content_end: Mapped[int] = mapped_column(Integer)
    content: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(10))
    stance: Mapped[str] = mapped_column(String(10), index=True)
    cue: Mapped[str | None] = mapped_column(Text)
    cue_start: Mapped[int | None] = mapped_column(Integer)
    cue_end: Mapped[int | None] = mapped_column(Integer)
    cue_lemma: Mapped[str | None] = mapped_column(String(80))
    speaker: Mapped[str | None] = mapped_column(Text)  # the mention as written
    speaker_start: Mapped[int | None] = mapped_column(Integer)
    speaker_end: Mapped[int | None] = mapped_column(Integer)
    speaker_name: Mapped[str | None] = mapped_column(Text)  # resolved within the article
    speaker_kind: Mapped[str | None] = mapped_column(String(16))
    speaker_role: Mapped[str | None] = mapped_column(Text)
    speaker_affiliation: Mapped[str | None] = mapped_column(Text)
    speaker_country: Mapped[str | None] = mapped_column(Text)
    speaker_named: Mapped[bool] = mapped_column(Boolean, default=True)
    speaker_entity_id: Mapped[int | None] = mapped_column(ForeignKey("entities.id", ondelete="SET NULL"), index=True)
    target: Mapped[str | None] = mapped_column(Text)
    target_start: Mapped[int | None] = mapped_column(Integer)
    target_end: Mapped[int | None] = mapped_column(Integer)
    sentence_start: Mapped[int | None] = mapped_column(Integer)
    sentence_end: Mapped[int | None] = mapped_column(Integer)
    proposition_id: Mapped[int | None] = mapped_column(Integer, index=True)

    article: Mapped[ArticleRow] = relationship(back_populates="statements")


class QuantityRow(Base):
    __tablename__ = "quantities"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    value: Mapped[float | None] = mapped_column(Float)
    low: Mapped[float | None] = mapped_column(Float)
    high: Mapped[float | None] = mapped_column(Float)
    qualifier: Mapped[str] = mapped_column(String(4))
    unit: Mapped[str | None] = mapped_column(String(80), index=True)
    concept: Mapped[str | None] = mapped_column(Text)
    concept_key: Mapped[str | None] = mapped_column(String(200), index=True)  # normalised concept for grouping
    vague: Mapped[bool] = mapped_column(Boolean, default=False)
    currency: Mapped[str | None] = mapped_column(String(8))
    per: Mapped[str | None] = mapped_column(String(20))
    place: Mapped[str | None] = mapped_column(Text)
    time: Mapped[str | None] = mapped_column(Text)
    sentence_start: Mapped[int | None] = mapped_column(Integer)
    sentence_end: Mapped[int | None] = mapped_column(Integer)
    statement_id: Mapped[int | None] = mapped_column(Integer, index=True)  # the statement that carries it
    proposition_id: Mapped[int | None] = mapped_column(Integer, index=True)

    article: Mapped[ArticleRow] = relationship(back_populates="quantities")


class EntityRow(Base):
    """A canonical entity across articles, with its aliases in ``AliasRow``."""

    __tablename__ = "entities"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    canonical: Mapped[str] = mapped_column(String(300), index=True)
    type: Mapped[str] = mapped_column(String(16))  # person | organisation | place | country | side | other
    affiliation_id: Mapped[int | None] = mapped_column(ForeignKey("entities.id", ondelete="SET NULL"))
    country: Mapped[str | None] = mapped_column(String(200))
    role: Mapped[str | None] = mapped_column(Text)
    mention_count: Mapped[int] = mapped_column(Integer, default=0)
    source: Mapped[str] = mapped_column(String(12), default="learned")  # learned | user

    aliases: Mapped[list[AliasRow]] = relationship(back_populates="entity", cascade="all, delete-orphan")


class AliasRow(Base):
    __tablename__ = "aliases"
    __table_args__ = (UniqueConstraint("key", name="uq_alias_key"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(String(300))
    key: Mapped[str] = mapped_column(String(300))  # normalised form used for lookup

    entity: Mapped[EntityRow] = relationship(back_populates="aliases")


class MentionRow(Base):
    __tablename__ = "mentions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    label: Mapped[str] = mapped_column(String(12))
    canonical: Mapped[str] = mapped_column(Text)
    entity_id: Mapped[int | None] = mapped_column(ForeignKey("entities.id", ondelete="SET NULL"), index=True)

    article: Mapped[ArticleRow] = relationship(back_populates="mentions")


Index("ix_statements_article_content", StatementRow.article_id, StatementRow.content_start)
