"""Full-text search: the FTS5 index follows inserts/updates/deletes, queries are made safe, snippets split."""

from __future__ import annotations

import pytest

from counterclaim.store import Store
from counterclaim.store.models import ArticleRow, StatementRow
from counterclaim.store.search import HIT_END, HIT_START, fts5_query, index_articles, search, split_snippet


def add_article(store: Store, title: str, text: str, statement: str | None = None) -> int:
    with store.session() as session:
        row = ArticleRow(content_hash=title, source=f"{title}.txt", kind="text", title=title, text=text,
                         boilerplate=[], sentences=[])
        if statement:
            row.statements = [StatementRow(content_start=0, content_end=len(statement), content=statement,
                                           kind="direct", stance="disputes", speaker="Harbour board")]
        session.add(row)
        session.flush()
        return row.id


def test_index_follows_the_tables(store: Store) -> None:
    article_id = add_article(store, "Berths", "The audit counted forty empty berths.", "the berths were never empty")
    with store.session() as session:
        assert search(session, "berth")["total_articles"] == 1  # porter stemming: berth ~ berths
        assert search(session, "never empty")["total_statements"] == 1
        assert search(session, "harbour")["total_statements"] == 1  # the speaker is indexed too
        session.get(ArticleRow, article_id).text = "The audit counted moorings."
    with store.session() as session:
        assert search(session, "forty")["total_articles"] == 0
        assert search(session, "moorings")["total_articles"] == 1
        session.delete(session.get(ArticleRow, article_id))
    with store.session() as session:
        assert search(session, "moorings")["total_articles"] == 0
        assert search(session, "never")["total_statements"] == 0


def test_story_updates_do_not_touch_the_index(store: Store) -> None:
    article_id = add_article(store, "Quay", "A quay was closed.")
    with store.session() as session:
        session.get(ArticleRow, article_id).story_id = 7
    with store.session() as session:
        assert search(session, "quay")["total_articles"] == 1


def test_index_articles_repairs(store: Store) -> None:
    article_id = add_article(store, "Dock", "The dock flooded twice.", "it flooded")
    with store.session() as session:
        session.connection().exec_driver_sql("DELETE FROM articles_fts")
        assert search(session, "flooded")["total_articles"] == 0
        assert index_articles(session, [article_id]) == 1
        assert search(session, "flooded")["total_articles"] == 1
        assert search(session, "flooded")["total_statements"] == 1


@pytest.mark.parametrize("query", ['"', "AND", "NOT", "*", "berth OR", "(", "a:b", "-", "''", "NEAR(", "^"])
def test_user_syntax_never_breaks_a_query(store: Store, query: str) -> None:
    add_article(store, "Syntax", "berth a b")
    with store.session() as session:
        search(session, query)  # must not raise


def test_fts5_query() -> None:
    assert fts5_query('empty "harbour board" -audit') == '"empty" AND "harbour board" NOT "audit"'
    assert fts5_query("berths") == '"berths"*'
    assert fts5_query("AND OR") is None
    assert fts5_query("") is None


def test_split_snippet() -> None:
    assert split_snippet(f"a {HIT_START}b{HIT_END} c") == [["a ", False], ["b", True], [" c", False]]
    assert split_snippet("") == []


def test_pages_and_ranks(store: Store) -> None:
    for i in range(25):
        add_article(store, f"Berth {i}" if i == 3 else f"Other {i}", "berth " * (1 if i != 3 else 5))
    with store.session() as session:
        first = search(session, "berth", kind="articles", limit=10)
        assert first["total_articles"] == 25 and len(first["articles"]) == 10
        assert first["articles"][0]["title"] == "Berth 3"  # title hits weigh more
        last = search(session, "berth", kind="articles", limit=10, offset=20)
        assert len(last["articles"]) == 5 and last["statements"] == []
