"""``counterclaim serve``: the web workbench over a store (FastAPI + uvicorn, 127.0.0.1 by default)."""

from __future__ import annotations

from typing import Annotated

import typer

from counterclaim.cli import app
from counterclaim.cli.output import open_store_from, stderr


@app.command()
def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option("--host", help="Address to bind; keep 127.0.0.1 unless you mean to share.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    allow_ingest: Annotated[
        bool, typer.Option("--allow-ingest", help="Enable the ingest forms and POST /api/ingest/* (writes to the store).")
    ] = False,
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Let URL ingestion fetch private and loopback addresses.")
    ] = False,
) -> None:
    """Serve the workbench: dashboard, propositions, numbers, actors, articles, sources, search.

    Every page has a JSON twin under /api (docs at /api/docs). Writes are off unless --allow-ingest.

    Example:
        counterclaim --db news.db serve --port 8000 --allow-ingest
    """
    import uvicorn

    from counterclaim.settings import Settings
    from counterclaim.web import create_app

    store = open_store_from(ctx)
    settings = Settings.load(db=store.db)
    web = create_app(store, allow_ingest=allow_ingest, allow_private=allow_private, settings=settings)
    if host not in ("127.0.0.1", "localhost", "::1"):
        stderr.print(f"[yellow]warning:[/yellow] binding {host}: anyone who can reach it can read the store"
                     + (" and ingest into it" if allow_ingest else "") + ".")
    stderr.print(f"Counterclaim workbench on http://{host}:{port}/ (store: {store.db}); Ctrl+C stops it.")
    try:
        uvicorn.run(web, host=host, port=port, log_level="warning", server_header=False)
    finally:
        store.close()
