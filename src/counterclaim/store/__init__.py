"""Stage 5: the store. SQLite (WAL) by default, PostgreSQL by URL; named, recorded migrations.

Writes go through one ``Store`` per process, committing per article, so a crash mid-batch loses
nothing already committed and re-ingesting is a no-op (content hashes are unique).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from counterclaim.store.engine import database_url, make_engine
from counterclaim.store.migrations import migrate


class Store:
    """An open ledger database: an engine plus a session factory."""

    def __init__(self, db: str) -> None:
        self.db = db
        self.url = database_url(db)
        self.engine: Engine = make_engine(db)
        self.applied = migrate(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session that commits on success and rolls back on error."""
        with self._sessions() as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def close(self) -> None:
        self.engine.dispose()


def open_store(db: str | None = None) -> Store:
    """Open (and migrate) the store at ``db``, else ``$COUNTERCLAIM_DB``, else ./counterclaim.db."""
    from counterclaim.settings import Settings

    return Store(db or Settings.load().db)


__all__ = ["Store", "open_store"]
