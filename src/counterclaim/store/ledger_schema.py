"""Ledger tables (propositions, claim links, stories, learned demonyms) and their migration.

The core tables already carry the ledger's foreign keys (``statements.proposition_id``,
``statements.speaker_entity_id``, ``quantities.proposition_id``, ``articles.story_id``,
``mentions.entity_id``); the tables here hold what only the ledger knows: a proposition's canonical
wording and index signature, *how* each statement was linked to it (role, method, score) so the
web UI can show why, and each story's running centroid so new articles can join it incrementally.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Connection,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from counterclaim.store.migrations import create_tables, migration
from counterclaim.store.models import Base


class PropositionRow(Base):
    """A claim that statements from many articles support, dispute, report or concede."""

    __tablename__ = "propositions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    canonical: Mapped[str] = mapped_column(Text)  # wording shown to users: the first assertion, trimmed
    canonical_statement_id: Mapped[int | None] = mapped_column(Integer)
    canonical_role: Mapped[str] = mapped_column(String(10), default="supports")  # role of that statement
    first_article_id: Mapped[int | None] = mapped_column(Integer)
    first_date: Mapped[str | None] = mapped_column(String(10), index=True)
    last_date: Mapped[str | None] = mapped_column(String(10))
    terms: Mapped[list] = mapped_column(JSON, default=list)  # blocking keys of the candidate index
    numbers: Mapped[list] = mapped_column(JSON, default=list)  # figures its statements carry
    entity_ids: Mapped[list] = mapped_column(JSON, default=list)
    side_keys: Mapped[list] = mapped_column(JSON, default=list)  # sides of its supporters
    embedding: Mapped[bytes | None] = mapped_column(LargeBinary)  # float32 centroid of its statements
    n_members: Mapped[int] = mapped_column(Integer, default=0)
    support_sources: Mapped[int] = mapped_column(Integer, default=0, index=True)  # independent articles
    dispute_sources: Mapped[int] = mapped_column(Integer, default=0, index=True)
    story_id: Mapped[int | None] = mapped_column(Integer, index=True)


class ClaimLinkRow(Base):
    """Why a statement belongs to a proposition: its role there, how it was matched and how well."""

    __tablename__ = "claim_links"
    __table_args__ = (UniqueConstraint("statement_id", name="uq_claim_link_statement"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    proposition_id: Mapped[int] = mapped_column(ForeignKey("propositions.id", ondelete="CASCADE"), index=True)
    statement_id: Mapped[int] = mapped_column(ForeignKey("statements.id", ondelete="CASCADE"))
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(10))  # supports | disputes | reports | concedes | hedges
    method: Mapped[str] = mapped_column(String(16))  # new | similar | target | figure | preceding
    score: Mapped[float] = mapped_column(Float, default=0.0)
    side: Mapped[str | None] = mapped_column(String(200))  # the speaker's country or side


class StoryRow(Base):
    """Articles about one event: a running centroid of their embeddings plus their main entities."""

    __tablename__ = "stories"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str | None] = mapped_column(Text)
    first_date: Mapped[str | None] = mapped_column(String(10))
    last_date: Mapped[str | None] = mapped_column(String(10))
    centroid: Mapped[bytes | None] = mapped_column(LargeBinary)
    entity_ids: Mapped[list] = mapped_column(JSON, default=list)
    n_articles: Mapped[int] = mapped_column(Integer, default=0)


class LearnedNameRow(Base):
    """Names learned from the articles that are not entities themselves (demonyms → country).

    Kept so a later article saying "Korvenian officials" resolves to the country learned earlier.
    """

    __tablename__ = "learned_names"
    __table_args__ = (UniqueConstraint("kind", "key", name="uq_learned_name"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # demonym
    key: Mapped[str] = mapped_column(String(200))
    value: Mapped[str] = mapped_column(String(300))


@migration("0002_ledger")
def _ledger(conn: Connection) -> None:
    create_tables(conn, "propositions", "claim_links", "stories", "learned_names")
