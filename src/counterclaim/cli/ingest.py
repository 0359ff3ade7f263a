"""``counterclaim ingest``: sources → store, with a progress bar and a summary of outcomes."""

from __future__ import annotations

from collections import Counter
from importlib.resources import files
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from counterclaim.cli import app
from counterclaim.cli.output import open_store_from, print_json, read_alias_file, stderr


def demo_corpus_paths() -> list[str]:
    """The bundled demo articles, inside the installed package (not its README and EXPECTED.md)."""
    folder = files("counterclaim") / "data" / "demo"
    return sorted(str(f) for f in folder.iterdir() if f.name.endswith((".txt", ".html")))


def demo_aliases_path() -> str:
    """The demo's analyst alias file: what a reader of these articles would add by hand (the capitals
    the articles use for their governments)."""
    return str(files("counterclaim") / "data" / "demo" / "aliases.toml")


@app.command()
def ingest(
    ctx: typer.Context,
    sources: Annotated[
        list[str] | None,
        typer.Argument(help="Files, folders (recursive), http(s) URLs, RSS/Atom feeds, or - for stdin."),
    ] = None,
    demo: Annotated[bool, typer.Option("--demo", help="Ingest the bundled demo corpus.")] = False,
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Allow URLs on private or loopback addresses.")
    ] = False,
    max_bytes: Annotated[int | None, typer.Option("--max-bytes", help="Skip inputs larger than this.")] = None,
    aliases: Annotated[str | None, typer.Option(
        "--aliases", envvar="COUNTERCLAIM_ALIASES",
        help="Alias file (TOML) applied when linking; default ./aliases.toml if present, and with --demo "
             "the demo's own file.")] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print every outcome as JSON.")] = False,
) -> None:
    """Ingest articles into the store: clean, deduplicate, analyse, link.

    Re-ingesting the same input adds nothing. A bad item is reported and the rest go on.

    Example:
        counterclaim --db news.db ingest ./articles https://example.org/feed.xml
    """
    from counterclaim.pipeline import ingest as run_ingest
    from counterclaim.settings import Settings

    items = list(sources or [])
    if demo:
        from counterclaim.link.aliases import user_alias_path

        items.extend(demo_corpus_paths())
        if user_alias_path(aliases) is None:
            aliases = demo_aliases_path()
    if not items:
        stderr.print("[red]error:[/red] nothing to ingest. Give files, folders, URLs or feeds, or --demo.")
        raise typer.Exit(2)
    if aliases is not None:
        read_alias_file(aliases)  # a bad file stops here, before hours of analysis
    settings = Settings.load(db=(ctx.obj or {}).get("db"), allow_private=allow_private or None, max_bytes=max_bytes)
    store = open_store_from(ctx)
    counts: Counter[str] = Counter()
    with Progress(
        SpinnerColumn(),
        TextColumn("[bold]ingest[/bold]"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[last]}", style="dim"),
        TimeElapsedColumn(),
        console=stderr,
        transient=True,
    ) as progress:
        task = progress.add_task("ingest", total=None, last="")

        def on_outcome(outcome) -> None:  # type: ignore[no-untyped-def]
            counts[outcome.status] += 1
            progress.update(task, advance=1, last=outcome.source[-60:])

        outcomes = run_ingest(items, store, settings, on_outcome=on_outcome, aliases_path=aliases)
    if json_out:
        print_json([o.to_dict() for o in outcomes])
        return
    summary = ", ".join(f"{counts[k]} {k}" for k in ("ingested", "duplicate", "syndicated", "skipped"))
    stderr.print(f"[bold]{summary}[/bold] (store: {escape(str(store.url))})")
    skipped = [o for o in outcomes if o.status == "skipped"]
    for o in skipped:
        stderr.print(f"  [yellow]skipped[/yellow] {escape(o.source)}: {escape(o.reason)} [dim]({o.code})[/dim]")
    for o in outcomes:
        if o.status == "syndicated":
            stderr.print(f"  [cyan]syndicated copy[/cyan] {escape(o.source)} → article {o.article_id}")
