"""``counterclaim export``: propositions as JSONL, CSV or ClaimReview JSON-LD, to stdout or a file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from counterclaim.cli import app
from counterclaim.cli.output import open_store_from, stderr


@app.command()
def export(
    ctx: typer.Context,
    format: Annotated[
        str, typer.Option("--format", "-f", help="jsonl (one proposition per line), csv (one row per statement) "
                          "or claimreview (schema.org JSON-LD).")
    ] = "jsonl",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
    base_url: Annotated[
        str | None, typer.Option("--base-url", help="Where the workbench is served, for ClaimReview 'url' fields.")
    ] = None,
    limit: Annotated[int | None, typer.Option("--limit", help="Export at most this many propositions.")] = None,
) -> None:
    """Export the ledger's propositions, most contested first.

    The ClaimReview rating counts independent sources that support vs dispute each claim: it says how
    contested a claim is, not whether it is true.

    Example:
        counterclaim --db news.db export --format claimreview --output claims.jsonld
    """
    from counterclaim.export import FORMATS
    from counterclaim.export import export as run_export

    if format not in FORMATS:
        stderr.print(f"[red]error:[/red] unknown format {format!r}; use one of {', '.join(FORMATS)}.")
        raise typer.Exit(2)
    store = open_store_from(ctx)
    try:
        with store.session() as session:
            if output is None:
                n = run_export(session, format, sys.stdout, base_url=base_url, limit=limit)  # type: ignore[arg-type]
                sys.stdout.flush()
            else:
                with output.open("w", encoding="utf-8", newline="") as out:
                    n = run_export(session, format, out, base_url=base_url, limit=limit)  # type: ignore[arg-type]
    finally:
        store.close()
    stderr.print(f"exported {n} proposition{'s' if n != 1 else ''} as {format}" + (f" to {output}" if output else ""))
