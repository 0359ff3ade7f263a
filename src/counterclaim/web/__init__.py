"""Stage 6: the web workbench. ``create_app(store)`` → a FastAPI app: HTML pages, each with a JSON twin."""

from __future__ import annotations

from counterclaim.web.app import create_app

__all__ = ["create_app"]
