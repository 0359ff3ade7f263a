"""The same ingest → ledger → search path on a live PostgreSQL, when one is given.

Set ``COUNTERCLAIM_TEST_POSTGRES_URL`` to a *scratch* database (its counterclaim tables are dropped
first), e.g. ``postgresql+psycopg://cc@/cc?host=/tmp/pg&port=5544``; without it the module is
skipped, since CI machines have no server. Needs the ``postgres`` extra (psycopg).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from counterclaim.pipeline import ingest
from counterclaim.store import Store
from counterclaim.store.models import ArticleRow, StatementRow

URL = os.environ.get("COUNTERCLAIM_TEST_POSTGRES_URL")
pytestmark = pytest.mark.skipif(not URL, reason="set COUNTERCLAIM_TEST_POSTGRES_URL to a scratch PostgreSQL database")

DEMO = Path(__file__).resolve().parents[2] / "src" / "counterclaim" / "data" / "demo"


@pytest.fixture()
def pg_store():  # type: ignore[no-untyped-def]
    pytest.importorskip("psycopg")
    store = Store(URL)
    with store.engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    store.close()
    store = Store(URL)  # migrations run again on the empty schema
    yield store
    store.close()


def test_ingest_is_idempotent_and_the_ledger_and_search_work(pg_store) -> None:  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from counterclaim.link import queries
    from counterclaim.web import create_app

    sources = sorted(str(p) for p in DEMO.glob("0[1-4]_*"))
    first = ingest(sources, pg_store)
    assert sum(o.status == "ingested" for o in first) >= 3
    again = ingest(sources, pg_store)
    assert not any(o.status == "ingested" for o in again)
    with pg_store.session() as session:
        n_articles = session.scalar(select(func.count()).select_from(ArticleRow))
        n_statements = session.scalar(select(func.count()).select_from(StatementRow))
        assert n_articles == sum(o.status == "ingested" for o in first)
        assert n_statements and n_statements > 5
        assert queries.list_propositions(session, limit=5)
    client = TestClient(create_app(pg_store))
    found = client.get("/api/search", params={"q": "dam"}).json()
    assert found["ok"] and found["articles"]
    for page in ("/", "/propositions", "/numbers", "/actors", "/sources", "/entities", "/search?q=dam"):
        assert client.get(page).status_code == 200, page
