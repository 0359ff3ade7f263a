"""``counterclaim articles`` and ``counterclaim show``: what is in the store."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape

from counterclaim.cli import app
from counterclaim.cli.output import open_store_from, print_json, print_table, stderr, stdout


@app.command()
def articles(
    ctx: typer.Context,
    limit: Annotated[int, typer.Option("--limit", "-n", help="How many to list.")] = 50,
    offset: Annotated[int, typer.Option("--offset", help="Skip this many first.")] = 0,
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """List stored articles, newest first, with their statement and quantity counts.

    Example:
        counterclaim --db news.db articles --limit 20
    """
    from counterclaim.store.repository import list_articles

    store = open_store_from(ctx)
    with store.session() as session:
        rows = list_articles(session, limit=limit, offset=offset)
    if json_out:
        print_json(rows)
        return
    print_table(
        rows,
        [("id", "id"), ("published", "date"), ("publisher", "publisher"), ("title", "title"),
         ("statements", "stmts"), ("quantities", "qty"), ("appearances", "copies")],
        title=f"{len(rows)} articles",
    )


@app.command()
def show(
    ctx: typer.Context,
    article_id: Annotated[int, typer.Argument(help="Article id (see `counterclaim articles`).")],
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
) -> None:
    """Show one article: metadata, appearances, statements and quantities, each with its offsets.

    Example:
        counterclaim --db news.db show 3 --json
    """
    from counterclaim.store.repository import analysis_from_row, get_article

    store = open_store_from(ctx)
    with store.session() as session:
        row = get_article(session, article_id)
        if row is None:
            stderr.print(f"[red]error:[/red] no article {article_id}. List ids with `counterclaim articles`.")
            raise typer.Exit(1)
        analysis = analysis_from_row(row)
        appearances = [
            {"source": a.source, "relation": a.relation, "publisher": a.publisher, "title": a.title, "published": a.published}
            for a in row.appearances
        ]
        record = {"id": row.id, "story_id": row.story_id, "appearances": appearances, **analysis.to_dict()}
    if json_out:
        print_json(record)
        return
    stdout.print(f"[bold]{escape(record['title'] or '(untitled)')}[/bold]")
    stdout.print(f"{record['published'] or 'undated'} · {record['publisher'] or 'unknown publisher'} · {record['source']}",
                 markup=False)
    for a in appearances:
        if a["relation"] != "original":
            stdout.print(f"  also: {a['source']} ({a['relation']})", markup=False)
    stdout.print(f"\n[bold]{len(analysis.statements)} statements[/bold]")
    for s in analysis.statements:
        who = (s.speaker.name or s.speaker.mention.text) if s.speaker else "(unattributed)"
        cue = s.cue.text if s.cue else ""
        stdout.print(f"  [{s.stance}] {who} — {cue}: {s.content.text[:200]}", markup=False)
    stdout.print(f"\n[bold]{len(analysis.quantities)} quantities[/bold]")
    for q in analysis.quantities:
        value = q.value if q.value is not None else f"{q.low}–{q.high}"
        stdout.print(f"  {q.qualifier} {value} {q.unit or ''} ({q.concept or '?'}): {q.text}", markup=False)
