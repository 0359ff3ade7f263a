"""``counterclaim check``: which stored articles support, dispute or just report a claim."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape

from counterclaim.cli import app
from counterclaim.cli.output import open_store_from, print_json, stdout


@app.command()
def check(
    ctx: typer.Context,
    claim: Annotated[str, typer.Argument(help="The claim to check, in quotes.")],
    limit: Annotated[int, typer.Option("--limit", "-n", help="Candidate articles to classify.")] = 40,
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
) -> None:
    """Search the store for articles related to CLAIM and group them by stance, with decisive sentences.

    Example:
        counterclaim --db news.db check "IS took 700 hostages near Deir el-Zour"
    """
    from counterclaim.link.check import STANCES, check_claim

    store = open_store_from(ctx)
    with store.session() as session:
        result = check_claim(session, claim, limit=limit)
    if json_out:
        print_json(result)
        return
    stdout.print(f"[bold]{escape(claim)}[/bold]", markup=True, highlight=False)
    stdout.print(f"{result['candidates']} candidate articles (terms: {', '.join(result['terms'])})", markup=False)
    colours = {"supports": "green", "disputes": "red", "reports": "blue"}
    for stance in STANCES:
        items = result[stance]
        stdout.print(f"\n[bold {colours[stance]}]{stance.upper()}[/] ({len(items)})")
        for item in items:
            copies = f", {item['copies']} copies" if item["copies"] > 1 else ""
            stdout.print(
                f"  #{item['article_id']} {item['published'] or 'undated'} · {item['publisher'] or '?'}{copies} · "
                f"{item['title'] or '(untitled)'} [{item['score']:.2f}]",
                markup=False,
            )
            for sent in item["sentences"][:2]:
                stdout.print(f"      “{sent['text'][:220]}”", markup=False)
    if not any(result[s] for s in STANCES):
        stdout.print("\nNo related articles found. Try fewer or different words, or ingest more articles.")
