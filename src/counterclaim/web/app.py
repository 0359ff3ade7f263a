"""The FastAPI application: routers, static files, security headers and one error envelope.

``create_app`` takes an open ``Store`` so tests and the benchmark can serve any store; the
``serve`` command opens one from ``--db``. Write endpoints (ingest) are off unless ``allow_ingest``.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from counterclaim import __version__
from counterclaim.settings import Settings
from counterclaim.web.render import NAV, is_api, templates

log = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).resolve().parent / "static"

# No inline script or style anywhere: templates use /static files only (#7).
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def error_envelope(status: int, error: str) -> dict[str, Any]:
    """The one shape every API error has (checked by one helper in tests/web)."""
    return {"ok": False, "error": error, "status": status}


def create_app(store: Any, *, allow_ingest: bool = False, allow_private: bool = False,
               settings: Settings | None = None) -> FastAPI:
    """Build the workbench over ``store``. ``allow_private`` is passed to URL ingestion as a setting."""
    from counterclaim.web.routes import ROUTERS

    app = FastAPI(
        title="Counterclaim",
        version=__version__,
        description="The ledger of contested claims as JSON: every HTML page has a twin under /api.",
        docs_url=None,  # our own page at /api/docs: Swagger UI needs a CDN and inline script (CSP)
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.store = store
    app.state.allow_ingest = allow_ingest
    base = settings or Settings.load(db=getattr(store, "db", None))
    app.state.settings = replace(base, allow_private=allow_private)
    app.state.write_lock = threading.Lock()  # one writer at a time, as the store expects
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    for router in ROUTERS:
        app.include_router(router)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers[name] = value
        return response

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return error_response(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:]) or 'request'}: {e['msg']}" for e in exc.errors())
        return error_response(request, 422, f"invalid request: {problems}")

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> Response:
        log.exception("request failed: %s", request.url.path)
        return error_response(request, 500, "internal error; see the server log")

    return app


def error_response(request: Request, status: int, error: str) -> Response:
    """JSON envelope under /api, an HTML error page elsewhere; both carry the status code."""
    # Set the headers here too: a 500 is answered outside the http middleware.
    if is_api(request):
        return JSONResponse(error_envelope(status, error), status_code=status, headers=SECURITY_HEADERS)
    context = {"title": f"{status} · {_reason(status)}", "status": status, "error": error, "nav": NAV,
               "path": request.url.path, "data": {}, "view": {}, "api_path": None,
               "allow_ingest": request.app.state.allow_ingest}
    return templates.TemplateResponse(request, "error.html", context, status_code=status, headers=SECURITY_HEADERS)


def _reason(status: int) -> str:
    return {400: "Bad request", 403: "Forbidden", 404: "Not found", 405: "Method not allowed",
            413: "Too large", 422: "Invalid request", 500: "Server error"}.get(status, "Error")
