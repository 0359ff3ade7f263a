"""Actors: who disputes whom, as a graph of entities (and of sides), drawn server-side as SVG."""

from __future__ import annotations

from fastapi import APIRouter, Request

from counterclaim.web import ledger
from counterclaim.web.charts import circle_graph
from counterclaim.web.render import DbSession, Page
from counterclaim.web.render import page as twin

router = APIRouter(tags=["actors"])

TABLE_ROWS = 100  # the edge table is capped; the JSON twin has the ACTOR_EDGES heaviest


@twin(router, "/actors", "actors.html")
def actors(request: Request, session: DbSession) -> Page:
    """Nodes and edges: an edge A → B means A disputes a proposition that B supports."""
    data = ledger.actors(session)
    names = {n["id"]: n for n in data["nodes"]}
    sides = data.get("sides", {"nodes": [], "edges": []})
    side_nodes = [{**n, "side": n["name"], "disputes": 0, "disputed": 0} for n in sides["nodes"]]
    for e in sides["edges"]:
        for n in side_nodes:
            n["disputes"] += e["weight"] if n["id"] == e["source"] else 0
            n["disputed"] += e["weight"] if n["id"] == e["target"] else 0
    view = {
        "graph": circle_graph(data["nodes"], data["edges"]),
        "side_graph": circle_graph(side_nodes, sides["edges"], size=360, max_nodes=20, label_room=90),
        "table": [{**e, "source_node": names.get(e["source"]), "target_node": names.get(e["target"])}
                  for e in data["edges"][:TABLE_ROWS]],
    }
    return Page(data, "Actors", view)
