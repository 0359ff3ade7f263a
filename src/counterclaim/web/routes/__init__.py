"""One router per resource; ``ROUTERS`` is what ``create_app`` includes, in navigation order."""

from __future__ import annotations

from counterclaim.web.routes import articles, dashboard, docs, ingest, search, sources

ROUTERS = [
    dashboard.router,
    articles.router,
    sources.router,
    search.router,
    ingest.router,
    docs.router,
]
