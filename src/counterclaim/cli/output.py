"""Output options defined once: every listing command prints JSON with ``--json`` or a rich table."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

# Data goes to stdout, messages and progress to stderr.
stdout = Console(soft_wrap=False)
stderr = Console(stderr=True)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def print_table(rows: Sequence[dict[str, Any]], columns: Sequence[tuple[str, str]], *, title: str | None = None) -> None:
    """Render ``rows`` with ``columns`` as (key, header) pairs; long text cells wrap."""
    table = Table(title=title, show_lines=False, header_style="bold")
    for _, header in columns:
        table.add_column(header, overflow="fold")
    for row in rows:
        # cells are data, never rich markup: a name like "[/b]" must print, not raise
        table.add_row(*[Text("" if row.get(k) is None else str(row.get(k))) for k, _ in columns])
    stdout.print(table)


def read_alias_file(path: str) -> Any:
    """The user alias file at ``path`` (an ``AliasFile``); a missing or malformed file stops the command."""
    from counterclaim.link.aliases import AliasFile

    try:
        return AliasFile.load(path)
    except (OSError, ValueError) as exc:
        stderr.print(f"[red]error:[/red] cannot read the alias file {path}: {exc}. Fix it or leave out --aliases.")
        raise typer.Exit(2) from exc


def open_store_from(ctx: typer.Context) -> Any:
    """The store named by ``--db`` / ``COUNTERCLAIM_DB``; errors say what to do next."""
    from counterclaim.store import open_store

    db = (ctx.obj or {}).get("db")
    try:
        return open_store(db)
    except Exception as exc:
        stderr.print(f"[red]error:[/red] cannot open the store {db or '(default)'}: {exc}\n"
                     "Check --db (an SQLite path or an SQLAlchemy URL) or COUNTERCLAIM_DB.")
        raise typer.Exit(2) from exc


JsonOption = typer.Option(False, "--json", help="Print JSON instead of a table.")
