"""The ledger commands: ``ledger``, ``proposition``, ``numbers``, ``actors``, ``entities``, ``stories``.

Thin shells over :mod:`counterclaim.link.queries`: ``--json`` prints exactly what the read API returns
(the web UI's JSON twin), otherwise a rich table. Data goes to stdout, errors to stderr.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from counterclaim.cli import app
from counterclaim.cli.output import open_store_from, print_json, print_table, read_alias_file, stderr, stdout

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def _names(items: list[str], limit: int = 4) -> str:
    return ", ".join(items[:limit]) + (f" +{len(items) - limit}" if len(items) > limit else "")


def _position(speakers: list[str], sides: list[str], sources: int) -> Text:
    """One side of a proposition as a table cell: "Havrel, Vask [Korvenia] (2)"; no brackets when
    no speaker has a known side. Plain ``Text``, so that names are never read as rich markup."""
    side = f" [{_names(sides, 3)}]" if sides else ""
    return Text(f"{_names(speakers)}{side} ({sources})")


def _figure_value(f: dict[str, Any]) -> str:
    return f["text"] + (f" ({f['qualifier']})" if f.get("qualifier") not in (None, "=") else "")


@app.command()
def ledger(
    ctx: typer.Context,
    limit: Annotated[int, typer.Option("--limit", "-n", help="How many propositions to list.")] = 20,
    offset: Annotated[int, typer.Option("--offset", help="Skip this many first.")] = 0,
    json_out: JsonFlag = False,
) -> None:
    """List propositions, most contested first: supported and disputed by independent sources.

    Example:
        counterclaim --db news.db ledger --limit 10
    """
    from counterclaim.link.queries import list_propositions

    store = open_store_from(ctx)
    with store.session() as session:
        rows = list_propositions(session, limit=limit, offset=offset)
    if json_out:
        print_json(rows)
        return
    table = Table(title=f"{len(rows)} propositions, most contested first", header_style="bold", show_lines=True)
    for header in ("id", "claim", "for (sources)", "against (sources)", "first seen"):
        table.add_column(header, overflow="fold")
    for r in rows:
        table.add_row(
            str(r["id"]),
            Text(r["canonical"]),
            _position(r["supporters"], r["supporting_sides"], r["support_sources"]),
            _position(r["disputers"], r["disputing_sides"], r["dispute_sources"]),
            r["first_date"] or "",
        )
    stdout.print(table)


@app.command()
def proposition(
    ctx: typer.Context,
    proposition_id: Annotated[int, typer.Argument(help="Proposition id (see `counterclaim ledger`).")],
    json_out: JsonFlag = False,
) -> None:
    """Show one proposition: who supports, disputes, reports or concedes it, its timeline and figures.

    Example:
        counterclaim --db news.db proposition 3 --json
    """
    from counterclaim.link.queries import get_proposition

    store = open_store_from(ctx)
    with store.session() as session:
        prop = get_proposition(session, proposition_id)
    if prop is None:
        stderr.print(f"[red]error:[/red] no proposition {proposition_id}. List ids with `counterclaim ledger`.")
        raise typer.Exit(1)
    if json_out:
        print_json(prop)
        return
    stdout.print(f"[bold]#{prop['id']}[/bold] {escape(prop['canonical'])}")
    stdout.print(f"first seen {prop['first_date']} (article {prop['article_id']}), last {prop['last_date']}; "
                 f"{prop['support_sources']} independent source(s) for, {prop['dispute_sources']} against")
    sides = [{**s, "speakers_text": _names([x["name"] for x in s["speakers"]], 6),
              "publishers_text": _names(s["publishers"], 6)} for s in prop["sides"]]
    print_table(sides, [("position", "position"), ("side", "side"), ("sources", "sources"), ("copies", "copies"),
                        ("speakers_text", "speakers"), ("publishers_text", "publishers")], title="Sides")
    rows = []
    for group, items in prop["statements"].items():
        for s in items:
            role = s["role"] if s["role"] != group else group
            if s.get("method") == "trend":  # placed by what it says of the trend, not by a cue
                role += " (same trend)" if s["role"] != "disputes" else " (contrary trend)"
            rows.append({"role": role, "date": s["published"],
                         "speaker": (s["speaker"] or {}).get("name"), "side": s["side"], "content": s["content"],
                         "where": f"a{s['article_id']}:{s['content_start']}-{s['content_end']}"})
    print_table(rows, [("role", "role"), ("date", "date"), ("speaker", "speaker"), ("side", "side"),
                       ("content", "statement"), ("where", "article:offsets")], title="Statements")
    if prop["figures"]:
        figs = [{**f, "value_text": _figure_value(f), "clash": ", ".join(map(str, f["conflicts_with"]))}
                for f in prop["figures"]]
        print_table(figs, [("quantity_id", "id"), ("published", "date"), ("value_text", "figure"),
                           ("concept", "concept"), ("place", "scope"), ("said_by", "said by"),
                           ("clash", "conflicts with")], title="Figures")


@app.command()
def numbers(
    ctx: typer.Context,
    concept: Annotated[str | None, typer.Argument(help="What is counted, e.g. 'IS fighters' (omit to list concepts).")] = None,
    json_out: JsonFlag = False,
) -> None:
    """All figures for a concept across articles, side by side, with conflicting figures flagged.

    Without CONCEPT, lists the concepts that have figures.

    Example:
        counterclaim --db news.db numbers "IS fighters"
    """
    from counterclaim.link import queries

    store = open_store_from(ctx)
    with store.session() as session:
        data: Any = queries.numbers(session, concept) if concept else queries.list_concepts(session)
    if json_out:
        print_json(data)
        return
    if concept is None:
        print_table(data, [("concept", "concept"), ("label", "label"), ("count", "figures"),
                           ("articles", "articles"), ("conflicting", "conflicting")], title="Concepts")
        return
    figs = [{**f, "value_text": _figure_value(f), "scope": " ".join(x for x in (f["place"], f["time"]) if x),
             "clash": "⚠ " + ", ".join(map(str, f["conflicts_with"])) if f["conflicts_with"] else ""}
            for f in data["figures"]]
    title = f"{data['label']}: {len(figs)} figures" + (" — CONFLICTING" if data["conflicting"] else "")
    print_table(figs, [("quantity_id", "id"), ("published", "date"), ("value_text", "figure"),
                       ("concept", "concept"), ("scope", "scope"), ("said_by", "said by"), ("side", "side"),
                       ("publisher", "source"), ("clash", "conflicts with")], title=title)


@app.command()
def actors(ctx: typer.Context, json_out: JsonFlag = False) -> None:
    """Who disputes whom: an edge A → B means A disputes a proposition B supports (weighted).

    Example:
        counterclaim --db news.db actors --json
    """
    from counterclaim.link.queries import actors as actor_graph

    store = open_store_from(ctx)
    with store.session() as session:
        graph = actor_graph(session)
    if json_out:
        print_json(graph)
        return
    names = {n["id"]: n["name"] for n in graph["nodes"]}
    print_table([{"source": s["source"][2:], "target": s["target"][2:], "weight": s["weight"],
                  "propositions": ", ".join(map(str, s["propositions"][:8]))} for s in graph["sides"]["edges"]],
                [("source", "side"), ("target", "disputes side"), ("weight", "weight"), ("propositions", "propositions")],
                title="Sides")
    print_table([{"source": names.get(e["source"], e["source"]), "target": names.get(e["target"], e["target"]),
                  "weight": e["weight"], "propositions": ", ".join(map(str, e["propositions"][:8]))}
                 for e in graph["edges"]],
                [("source", "actor"), ("target", "disputes"), ("weight", "weight"), ("propositions", "propositions")],
                title="Actors")


@app.command()
def entities(
    ctx: typer.Context,
    type_: Annotated[str | None, typer.Option("--type", "-t", help="person, organisation, place, country, side, other.")] = None,
    query: Annotated[str | None, typer.Option("--query", "-q", help="Match any alias (case and accents ignored).")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="How many to list.")] = 50,
    offset: Annotated[int, typer.Option("--offset", help="Skip this many first.")] = 0,
    aliases: Annotated[str | None, typer.Option("--aliases", envvar="COUNTERCLAIM_ALIASES",
                                                help="Apply this alias file (TOML) to the store first.")] = None,
    json_out: JsonFlag = False,
) -> None:
    """List canonical entities with their aliases, type, affiliation and side.

    With --aliases, the user alias file is applied first (merge, split, rename, set type or country).

    Example:
        counterclaim --db news.db entities --type person --query robertson
    """
    from counterclaim.link.queries import list_entities

    store = open_store_from(ctx)
    if aliases:
        from counterclaim.link.entities import EntityResolver

        user = read_alias_file(aliases)
        with store.session() as session:
            EntityResolver(session).apply_user(user)
    with store.session() as session:
        rows = list_entities(session, type=type_, q=query, limit=limit, offset=offset)
    if json_out:
        print_json(rows)
        return
    print_table([{**r, "aliases_text": _names(r["aliases"], 6),
                  "affiliation_text": (r["affiliation"] or {}).get("canonical")} for r in rows],
                [("id", "id"), ("canonical", "entity"), ("type", "type"), ("side", "side"),
                 ("affiliation_text", "affiliation"), ("aliases_text", "aliases"), ("mentions", "mentions"),
                 ("statements", "statements")], title=f"{len(rows)} entities")


@app.command()
def stories(
    ctx: typer.Context,
    story_id: Annotated[int | None, typer.Argument(help="Story id to show (omit to list stories).")] = None,
    json_out: JsonFlag = False,
) -> None:
    """List stories (articles grouped by topic, entities and dates), or show one with its propositions.

    Example:
        counterclaim --db news.db stories 2
    """
    from counterclaim.link.queries import get_story, list_stories

    store = open_store_from(ctx)
    with store.session() as session:
        data: Any = get_story(session, story_id) if story_id is not None else list_stories(session)
    if data is None:
        stderr.print(f"[red]error:[/red] no story {story_id}. List ids with `counterclaim stories`.")
        raise typer.Exit(1)
    if json_out:
        print_json(data)
        return
    if story_id is None:
        print_table([{**s, "entities_text": _names([e["canonical"] for e in s["entities"]], 5)} for s in data],
                    [("id", "id"), ("title", "title"), ("first_date", "from"), ("last_date", "to"),
                     ("n_articles", "articles"), ("propositions", "propositions"), ("entities_text", "entities")],
                    title="Stories")
        return
    stdout.print(f"[bold]story {data['id']}[/bold] {escape(data['title'] or '')} ({data['first_date']} – {data['last_date']})")
    print_table(data["articles"], [("id", "id"), ("published", "date"), ("publisher", "publisher"),
                                   ("title", "title"), ("copies", "copies")], title="Articles")
    print_table(data["proposition_items"][:20], [("id", "id"), ("canonical", "claim"),
                                                 ("support_sources", "for"), ("dispute_sources", "against")],
                title="Propositions")
