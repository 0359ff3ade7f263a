"""Named migrations, recorded in ``cc_migrations`` and applied in order, each in a transaction.

A later stage that needs new tables or columns adds a function here with ``@migration("NNNN_name")``;
existing stores pick it up the next time they are opened.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy import Connection, Engine, inspect, select

from counterclaim.store.models import Base, Migration

log = logging.getLogger(__name__)

MIGRATIONS: list[tuple[str, Callable[[Connection], None]]] = []


def migration(name: str) -> Callable[[Callable[[Connection], None]], Callable[[Connection], None]]:
    def register(fn: Callable[[Connection], None]) -> Callable[[Connection], None]:
        if any(n == name for n, _ in MIGRATIONS):
            raise ValueError(f"duplicate migration name: {name}")
        MIGRATIONS.append((name, fn))
        return fn

    return register


def create_tables(conn: Connection, *names: str) -> None:
    """Create the named tables from the models (idempotent)."""
    tables = [Base.metadata.tables[n] for n in names]
    Base.metadata.create_all(conn, tables=tables)


@migration("0001_core")
def _core(conn: Connection) -> None:
    create_tables(conn, "articles", "appearances", "entities", "aliases", "statements", "quantities", "mentions")


def migrate(engine: Engine) -> list[str]:
    """Apply pending migrations; returns the names applied."""
    # Import the modules that register later migrations (ledger tables, full-text search).
    from counterclaim.store import ledger_schema, search  # noqa: F401

    Base.metadata.create_all(engine, tables=[Migration.__table__])
    with engine.connect() as conn:
        done = set(conn.scalars(select(Migration.name)))
    applied = []
    for name, fn in MIGRATIONS:
        if name in done:
            continue
        with engine.begin() as conn:
            fn(conn)
            conn.execute(Migration.__table__.insert().values(name=name))
        log.info("applied migration: %s", name)
        applied.append(name)
    return applied


def table_names(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names())
