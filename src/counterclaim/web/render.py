"""One handler, two representations: every page is registered at ``/path`` (HTML) and ``/api/path`` (JSON).

A handler returns a ``Page``: ``data`` is the JSON twin verbatim and also what the template sees as
``data``; ``view`` holds template-only extras (pre-escaped highlighted text, SVG geometry) that have
no place in an API. Keeping both in one function means the HTML can never show something the API
does not have.
"""

from __future__ import annotations

import functools
import inspect
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Depends, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy.orm import Session

from counterclaim.web.fmt import describe_quantity, fmt_number

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
API_PREFIX = "/api"

# Autoescape is forced on for every template (not only *.html): article text is untrusted (#7).
_env = Environment(loader=FileSystemLoader(TEMPLATES_DIR), autoescape=select_autoescape(default=True, default_for_string=True))
templates = Jinja2Templates(env=_env)


def http_url(url: str | None) -> str | None:
    """The URL if it is http(s), else None: an article's ``javascript:`` URL must never become a link."""
    if url and urlsplit(url.strip()).scheme.lower() in ("http", "https"):
        return url.strip()
    return None


def merge(d: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {**d, **extra}


_env.filters.update(http_url=http_url, merge=merge, describe_quantity=describe_quantity, number=fmt_number)

NAV = [
    ("/", "Dashboard"),
    ("/propositions", "Propositions"),
    ("/stories", "Stories"),
    ("/numbers", "Numbers"),
    ("/actors", "Actors"),
    ("/entities", "Entities"),
    ("/articles", "Articles"),
    ("/sources", "Sources"),
    ("/search", "Search"),
    ("/ingest", "Ingest"),
]


@dataclass(slots=True)
class Page:
    """What a handler returns: the JSON twin (``data``) plus template-only extras (``view``)."""

    data: dict[str, Any]
    title: str
    view: dict[str, Any] = field(default_factory=dict)
    status: int = 200


def is_api(request: Request) -> bool:
    return request.url.path == API_PREFIX or request.url.path.startswith(API_PREFIX + "/")


def session_dep(request: Request) -> Iterator[Session]:
    """A read session per request from the app's store (dependency for every page)."""
    with request.app.state.store.session() as session:
        yield session


DbSession = Annotated[Session, Depends(session_dep)]


def render(request: Request, template: str, page: Page) -> Response:
    if is_api(request):
        return JSONResponse(jsonable_encoder({"ok": True, **page.data}), status_code=page.status)
    context = {"data": page.data, "view": page.view, "title": page.title, "nav": NAV,
               "path": request.url.path, "api_path": API_PREFIX + (request.url.path if request.url.path != "/" else "/dashboard"),
               "query_string": request.url.query, "allow_ingest": request.app.state.allow_ingest}
    return templates.TemplateResponse(request, template, context, status_code=page.status)


def page(router: APIRouter, path: str, template: str, *, methods: tuple[str, ...] = ("GET",),
         summary: str | None = None, api_path: str | None = None) -> Callable[[Callable[..., Page]], Callable[..., Response]]:
    """Register ``fn`` at ``path`` (HTML, hidden from OpenAPI) and ``/api`` + ``path`` (JSON, documented).

    ``fn`` must take ``request: Request``; its other parameters are FastAPI parameters as usual
    (``functools.wraps`` keeps the signature visible to FastAPI).
    """

    def register(fn: Callable[..., Page]) -> Callable[..., Response]:
        if inspect.iscoroutinefunction(fn):

            @functools.wraps(fn)
            async def endpoint(**kwargs: Any) -> Response:
                return render(kwargs["request"], template, await fn(**kwargs))
        else:

            @functools.wraps(fn)
            def endpoint(**kwargs: Any) -> Response:  # sync: FastAPI runs it in a worker thread
                return render(kwargs["request"], template, fn(**kwargs))

        doc = summary or (fn.__doc__ or "").strip().splitlines()[0]
        router.add_api_route(path, endpoint, methods=list(methods), include_in_schema=False, name=f"{fn.__name__}_html")
        router.add_api_route(API_PREFIX + (api_path or path), endpoint, methods=list(methods), summary=doc,
                             name=f"{fn.__name__}_api", response_class=JSONResponse)
        return endpoint

    return register


@dataclass(frozen=True, slots=True)
class Pager:
    """Page-number pagination: everything that lists is paginated so 10,000 articles stay fast."""

    page: int
    per_page: int
    total: int

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    def to_dict(self) -> dict[str, int]:
        return {"page": self.page, "per_page": self.per_page, "total": self.total, "pages": self.pages}


def page_links(request: Request, pager: dict[str, int]) -> dict[str, str | None]:
    """Previous/next URLs that keep the other query parameters (search terms, filters)."""
    params = dict(request.query_params)

    def url(n: int) -> str:
        return request.url.path + "?" + urlencode({**params, "page": n})

    p, pages = pager["page"], pager.get("pages")
    more = pager.get("has_next", False) if pages is None else p < pages
    return {"prev": url(p - 1) if p > 1 else None, "next": url(p + 1) if more else None}


def probe_pagination(page: int, per_page: int, items: list[Any]) -> tuple[list[Any], dict[str, Any]]:
    """Pagination when the total is unknown: ask for one item more than a page to learn if there is a next."""
    return items[:per_page], {"page": page, "per_page": per_page, "total": None, "pages": None,
                              "has_next": len(items) > per_page}
