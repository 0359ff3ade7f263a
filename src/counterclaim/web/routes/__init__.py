"""One router per resource; ``ROUTERS`` is what ``create_app`` includes, in navigation order."""

from __future__ import annotations

from counterclaim.web.routes import (
    actors,
    articles,
    dashboard,
    docs,
    entities,
    ingest,
    numbers,
    propositions,
    search,
    sources,
    stories,
)

ROUTERS = [
    dashboard.router,
    propositions.router,
    stories.router,
    numbers.router,
    actors.router,
    entities.router,
    articles.router,
    sources.router,
    search.router,
    ingest.router,
    docs.router,
]
