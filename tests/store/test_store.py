"""The store: migrations, round trips from dataclasses to rows and back, PostgreSQL URL handling."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from counterclaim.store import Store
from counterclaim.store.engine import database_url
from counterclaim.store.models import Migration
from counterclaim.store.repository import (
    add_analysis,
    analysis_from_row,
    concept_key,
    find_article_by_hash,
    get_article,
    list_articles,
)
from counterclaim.types import Analysis, Article, Mention, Quantity, Span, Speaker, Statement, TextRange

TEXT = 'Col. Ana Brel said: "We saw about 300 fighters." The ministry denied it.'


def make_analysis() -> Analysis:
    article = Article(
        source="mem.txt",
        text=TEXT,
        kind="text",
        title="Fighters seen",
        published="2026-03-01",
        publisher="Test Wire",
        boilerplate=(TextRange(0, 0),),
        content_hash="h1",
    )
    speaker = Speaker(Span.of(TEXT, 5, 13), name="Ana Brel", kind="person", role="Col.", country="Korvenia")
    stmt = Statement(
        content=Span.of(TEXT, 21, 47),
        speaker=speaker,
        cue=Span.of(TEXT, 14, 18),
        kind="direct",
        stance="asserts",
        cue_lemma="say",
        sentence=TextRange(0, 48),
    )
    qty = Quantity(32, 46, TEXT[32:46], 300.0, qualifier="~", unit="fighter", concept="fighters", sentence=TextRange(0, 48))
    mention = Mention(5, 13, "Ana Brel", "PERSON", "Ana Brel")
    return Analysis(article, (stmt,), (qty,), (mention,), (TextRange(0, 48), TextRange(49, len(TEXT))))


def test_migrations_are_recorded_once(tmp_path: Path) -> None:
    db = str(tmp_path / "x.db")
    first = Store(db)
    assert "0001_core" in first.applied
    first.close()
    again = Store(db)
    assert again.applied == []
    with again.session() as session:
        names = list(session.scalars(select(Migration.name)))
    assert names[0] == "0001_core"
    assert len(names) == len(set(names))
    again.close()


def test_analysis_round_trip(store: Store) -> None:
    analysis = make_analysis()
    with store.session() as session:
        row = add_analysis(session, analysis, b"sig")
        article_id = row.id
    with store.session() as session:
        back = analysis_from_row(get_article(session, article_id))
        assert find_article_by_hash(session, "h1").id == article_id
        listed = list_articles(session)
    assert back.statements == analysis.statements
    assert back.quantities == analysis.quantities
    assert back.mentions == analysis.mentions
    assert back.article.title == "Fighters seen"
    assert listed[0]["statements"] == 1 and listed[0]["quantities"] == 1 and listed[0]["appearances"] == 1


def test_quantity_inside_statement_is_linked_to_it(store: Store) -> None:
    with store.session() as session:
        row = add_analysis(session, make_analysis())
        session.flush()
        assert row.quantities[0].statement_id == row.statements[0].id


def test_concept_key_normalises_plurals_and_case() -> None:
    assert concept_key("IS Fighters", "fighter") == concept_key("is fighter", None) == "is fighter"
    assert concept_key(None, None) is None


def test_database_url_accepts_paths_and_urls(tmp_path: Path) -> None:
    assert database_url(str(tmp_path / "a.db")).startswith("sqlite:////")
    assert database_url("postgresql+psycopg://u:p@localhost/cc") == "postgresql+psycopg://u:p@localhost/cc"
    assert database_url(":memory:") == "sqlite://"
