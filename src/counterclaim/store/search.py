"""Full-text search: SQLite FTS5 (PostgreSQL full-text search on PostgreSQL) and its migration.

On SQLite, two FTS5 tables index article titles/texts and statement contents/speakers.
Triggers created by the ``0003_search`` migration keep them in sync with ``articles`` and
``statements``, so the ingest pipeline needs no extra call; ``index_articles`` exists to repair or
backfill an index by hand. On PostgreSQL, GIN expression indexes over ``to_tsvector`` are always in
sync by construction and queries go through ``websearch_to_tsquery``.

Snippets come back as ``parts``: ``[text, is_hit]`` pairs, so a template can escape every piece and
wrap only the hits in ``<mark>``: no markup from the database is ever trusted.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

from counterclaim.store.migrations import migration

log = logging.getLogger(__name__)

# Control characters never occur in stored text (cleaning drops them), so they are safe hit markers.
HIT_START = "\x02"
HIT_END = "\x03"
PG_CONFIG = "english"
PG_ARTICLE_DOC = "to_tsvector('english', coalesce(title, '') || ' ' || text)"
PG_STATEMENT_DOC = "to_tsvector('english', coalesce(speaker, '') || ' ' || content)"

_SQLITE_DDL = [
    # The FTS tables keep their own copy of the text (not external-content): a row can then be
    # deleted by rowid alone, so re-indexing is idempotent and can never corrupt the index, at the
    # price of storing titles/texts twice. Porter stemming: "disputes" finds "disputed";
    # unicode61 folds diacritics ("Zôr" ~ "Zor").
    """CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
        title, text, tokenize='porter unicode61 remove_diacritics 2')""",
    """CREATE VIRTUAL TABLE IF NOT EXISTS statements_fts USING fts5(
        content, speaker, tokenize='porter unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER IF NOT EXISTS articles_fts_ai AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END""",
    """CREATE TRIGGER IF NOT EXISTS articles_fts_ad AFTER DELETE ON articles BEGIN
        DELETE FROM articles_fts WHERE rowid = old.id; END""",
    # Only text changes touch the index: the ledger updates story_id on every article it links.
    """CREATE TRIGGER IF NOT EXISTS articles_fts_au AFTER UPDATE OF title, text ON articles BEGIN
        DELETE FROM articles_fts WHERE rowid = old.id;
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END""",
    """CREATE TRIGGER IF NOT EXISTS statements_fts_ai AFTER INSERT ON statements BEGIN
        INSERT INTO statements_fts(rowid, content, speaker) VALUES (new.id, new.content, new.speaker); END""",
    """CREATE TRIGGER IF NOT EXISTS statements_fts_ad AFTER DELETE ON statements BEGIN
        DELETE FROM statements_fts WHERE rowid = old.id; END""",
    """CREATE TRIGGER IF NOT EXISTS statements_fts_au AFTER UPDATE OF content, speaker ON statements BEGIN
        DELETE FROM statements_fts WHERE rowid = old.id;
        INSERT INTO statements_fts(rowid, content, speaker) VALUES (new.id, new.content, new.speaker); END""",
    # Backfill whatever was stored before this migration ran.
    "INSERT INTO articles_fts(rowid, title, text) SELECT id, title, text FROM articles",
    "INSERT INTO statements_fts(rowid, content, speaker) SELECT id, content, speaker FROM statements",
]

_POSTGRES_DDL = [
    f"CREATE INDEX IF NOT EXISTS ix_articles_fts ON articles USING GIN (({PG_ARTICLE_DOC}))",
    f"CREATE INDEX IF NOT EXISTS ix_statements_fts ON statements USING GIN (({PG_STATEMENT_DOC}))",
]


@migration("0003_search")
def _search(conn: Connection) -> None:
    """Create the full-text index for this dialect (other dialects fall back to LIKE, unindexed)."""
    ddl = {"sqlite": _SQLITE_DDL, "postgresql": _POSTGRES_DDL}.get(conn.dialect.name, [])
    for statement in ddl:
        conn.exec_driver_sql(statement)


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def index_articles(session: Session, ids: Iterable[int]) -> int:
    """Re-index the given articles and their statements; returns how many articles were indexed.

    Triggers keep the SQLite index in sync, so this is only for repairs and backfills (an index
    built by another tool, rows written with triggers disabled). PostgreSQL needs nothing.
    """
    ids = sorted(set(ids))
    if not ids or _dialect(session) != "sqlite":
        return len(ids)
    for chunk in _chunks(ids, 500):
        marks = ", ".join(str(int(i)) for i in chunk)
        session.execute(text(f"DELETE FROM articles_fts WHERE rowid IN ({marks})"))
        session.execute(text(f"INSERT INTO articles_fts(rowid, title, text) SELECT id, title, text FROM articles WHERE id IN ({marks})"))
        session.execute(text(f"DELETE FROM statements_fts WHERE rowid IN (SELECT id FROM statements WHERE article_id IN ({marks}))"))
        session.execute(
            text(
                "INSERT INTO statements_fts(rowid, content, speaker) "
                f"SELECT id, content, speaker FROM statements WHERE article_id IN ({marks})"
            )
        )
    return len(ids)


def rebuild_index(session: Session) -> None:
    """Rebuild the whole SQLite index from the tables (after a bulk load with triggers off)."""
    if _dialect(session) == "sqlite":
        session.execute(text("DELETE FROM articles_fts"))
        session.execute(text("DELETE FROM statements_fts"))
        session.execute(text("INSERT INTO articles_fts(rowid, title, text) SELECT id, title, text FROM articles"))
        session.execute(text("INSERT INTO statements_fts(rowid, content, speaker) SELECT id, content, speaker FROM statements"))


def _chunks(items: list[int], size: int) -> Iterable[list[int]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


_TOKEN = re.compile(r'"([^"]+)"|(-?)([\w][\w\'’.-]*)', re.UNICODE)


def fts5_query(q: str) -> str | None:
    """Turn what a user typed into a safe FTS5 query: words ANDed, "quoted phrases" kept, -word excluded.

    User input never reaches FTS5 syntax raw (a stray quote or ``AND`` would be a syntax error or
    an operator), so each term is re-quoted. The last bare word also matches as a prefix, so a
    half-typed word still finds something.
    """
    include: list[str] = []
    exclude: list[str] = []
    matches = list(_TOKEN.finditer(q))
    for i, m in enumerate(matches):
        phrase, neg, word = m.group(1), m.group(2), m.group(3)
        if phrase:
            words = re.findall(r"\w+", phrase)
            if words:
                include.append('"' + " ".join(words) + '"')
            continue
        parts = re.findall(r"\w+", word or "")
        if not parts or word in ("AND", "OR", "NOT"):  # operators typed out of habit, not terms
            continue
        term = '"' + " ".join(parts) + '"'
        if neg:
            exclude.append(term)
        elif i == len(matches) - 1 and len(parts) == 1 and len(parts[0]) >= 3 and not q.rstrip().endswith('"'):
            include.append(term + "*")
        else:
            include.append(term)
    if not include:
        return None
    query = " AND ".join(include)
    for term in exclude:
        query = f"{query} NOT {term}"
    return query


def split_snippet(snippet: str) -> list[list[Any]]:
    """``"a \\x02b\\x03 c"`` → ``[["a ", False], ["b", True], [" c", False]]``; markers never leak."""
    parts: list[list[Any]] = []
    hit = False
    for piece in re.split(f"([{HIT_START}{HIT_END}])", snippet):
        if piece == HIT_START:
            hit = True
        elif piece == HIT_END:
            hit = False
        elif piece:
            if parts and parts[-1][1] == hit:
                parts[-1][0] += piece
            else:
                parts.append([piece, hit])
    return parts


def search(
    session: Session, q: str, *, kind: str = "all", limit: int = 20, offset: int = 0
) -> dict[str, Any]:
    """Search articles and statements; each result carries snippet ``parts`` and its offsets.

    ``kind`` is ``all``, ``articles`` or ``statements``. Results are ranked by relevance (BM25 on
    SQLite, ``ts_rank`` on PostgreSQL); ``limit``/``offset`` page each list separately.
    """
    limit = max(1, min(int(limit), 100))
    offset = max(0, int(offset))
    out: dict[str, Any] = {"query": q, "kind": kind, "limit": limit, "offset": offset,
                           "articles": [], "statements": [], "total_articles": 0, "total_statements": 0}
    if not q.strip():
        return out
    dialect = _dialect(session)
    if dialect == "sqlite":
        fn = _search_sqlite
    elif dialect == "postgresql":
        fn = _search_postgres
    else:
        fn = _search_like
    if kind in ("all", "articles"):
        out["total_articles"], out["articles"] = fn(session, q, "articles", limit, offset)
    if kind in ("all", "statements"):
        out["total_statements"], out["statements"] = fn(session, q, "statements", limit, offset)
    return out


def _article_result(row: Any) -> dict[str, Any]:
    return {"article_id": row.id, "title": row.title, "publisher": row.publisher, "published": row.published,
            "parts": split_snippet(row.snip or "")}


def _statement_result(row: Any) -> dict[str, Any]:
    return {"id": row.id, "article_id": row.article_id, "title": row.title, "publisher": row.publisher,
            "published": row.published, "speaker": row.speaker_name or row.speaker, "stance": row.stance,
            "content_start": row.content_start, "content_end": row.content_end,
            "sentence_start": row.sentence_start, "sentence_end": row.sentence_end,
            "parts": split_snippet(row.snip or ""),
            "speaker_parts": split_snippet(row.speaker_snip or "")}


_STATEMENT_COLS = ("s.id, s.article_id, a.title, a.publisher, a.published, s.speaker, s.speaker_name, s.stance, "
                   "s.content_start, s.content_end, s.sentence_start, s.sentence_end")


def _search_sqlite(session: Session, q: str, what: str, limit: int, offset: int) -> tuple[int, list[dict[str, Any]]]:
    match = fts5_query(q)
    if match is None:
        return 0, []
    params = {"q": match, "limit": limit, "offset": offset, "s": HIT_START, "e": HIT_END}
    if what == "articles":
        total = session.execute(text("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH :q"), params).scalar()
        rows = session.execute(
            text(
                "SELECT a.id, a.title, a.publisher, a.published, "
                "snippet(articles_fts, 1, :s, :e, '…', 28) AS snip "
                "FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
                "WHERE articles_fts MATCH :q ORDER BY bm25(articles_fts, 5.0, 1.0) LIMIT :limit OFFSET :offset"
            ),
            params,
        )
        return int(total or 0), [_article_result(r) for r in rows]
    total = session.execute(text("SELECT count(*) FROM statements_fts WHERE statements_fts MATCH :q"), params).scalar()
    rows = session.execute(
        text(
            f"SELECT {_STATEMENT_COLS}, highlight(statements_fts, 0, :s, :e) AS snip, "
            "highlight(statements_fts, 1, :s, :e) AS speaker_snip "
            "FROM statements_fts JOIN statements s ON s.id = statements_fts.rowid "
            "JOIN articles a ON a.id = s.article_id "
            "WHERE statements_fts MATCH :q ORDER BY bm25(statements_fts, 1.0, 2.0) LIMIT :limit OFFSET :offset"
        ),
        params,
    )
    return int(total or 0), [_statement_result(r) for r in rows]


def _search_postgres(session: Session, q: str, what: str, limit: int, offset: int) -> tuple[int, list[dict[str, Any]]]:
    opts = f"StartSel={HIT_START}, StopSel={HIT_END}, MaxFragments=2, MaxWords=30, MinWords=12, FragmentDelimiter=…"
    params = {"q": q, "limit": limit, "offset": offset, "opts": opts}
    tsq = "websearch_to_tsquery('english', :q)"
    if what == "articles":
        total = session.execute(text(f"SELECT count(*) FROM articles WHERE {PG_ARTICLE_DOC} @@ {tsq}"), params).scalar()
        rows = session.execute(
            text(
                f"SELECT id, title, publisher, published, ts_headline('english', text, {tsq}, :opts) AS snip "
                f"FROM articles WHERE {PG_ARTICLE_DOC} @@ {tsq} "
                f"ORDER BY ts_rank({PG_ARTICLE_DOC}, {tsq}) DESC, id LIMIT :limit OFFSET :offset"
            ),
            params,
        )
        return int(total or 0), [_article_result(r) for r in rows]
    doc = PG_STATEMENT_DOC.replace("speaker", "s.speaker").replace("content)", "s.content)")
    total = session.execute(text(f"SELECT count(*) FROM statements s WHERE {doc} @@ {tsq}"), params).scalar()
    rows = session.execute(
        text(
            f"SELECT {_STATEMENT_COLS}, ts_headline('english', s.content, {tsq}, "
            "'HighlightAll=true, ' || :opts) AS snip, "
            f"ts_headline('english', coalesce(s.speaker, ''), {tsq}, 'HighlightAll=true, ' || :opts) AS speaker_snip "
            "FROM statements s JOIN articles a ON a.id = s.article_id "
            f"WHERE {doc} @@ {tsq} ORDER BY ts_rank({doc}, {tsq}) DESC, s.id LIMIT :limit OFFSET :offset"
        ),
        params,
    )
    return int(total or 0), [_statement_result(r) for r in rows]


def _search_like(session: Session, q: str, what: str, limit: int, offset: int) -> tuple[int, list[dict[str, Any]]]:
    """Unindexed fallback for other databases: every word must occur (case-insensitive)."""
    words = re.findall(r"\w+", q)[:8]
    if not words:
        return 0, []
    params: dict[str, Any] = {f"w{i}": f"%{w.lower()}%" for i, w in enumerate(words)} | {"limit": limit, "offset": offset}
    if what == "articles":
        cond = " AND ".join(f"lower(coalesce(title, '') || ' ' || text) LIKE :w{i}" for i in range(len(words)))
        total = session.execute(text(f"SELECT count(*) FROM articles WHERE {cond}"), params).scalar()
        rows = session.execute(
            text(f"SELECT id, title, publisher, published, substr(text, 1, 200) AS snip FROM articles "
                 f"WHERE {cond} ORDER BY id LIMIT :limit OFFSET :offset"), params)
        return int(total or 0), [_article_result(r) for r in rows]
    cond = " AND ".join(f"lower(coalesce(s.speaker, '') || ' ' || s.content) LIKE :w{i}" for i in range(len(words)))
    total = session.execute(text(f"SELECT count(*) FROM statements s WHERE {cond}"), params).scalar()
    rows = session.execute(
        text(f"SELECT {_STATEMENT_COLS}, s.content AS snip, s.speaker AS speaker_snip FROM statements s JOIN articles a ON a.id = s.article_id "
             f"WHERE {cond} ORDER BY s.id LIMIT :limit OFFSET :offset"), params)
    return int(total or 0), [_statement_result(r) for r in rows]


__all__ = ["fts5_query", "index_articles", "rebuild_index", "search", "split_snippet"]
