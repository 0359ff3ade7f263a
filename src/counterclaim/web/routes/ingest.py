"""Ingest from the browser: paste text, give a URL, or upload a file; all go through ``pipeline.ingest``.

Writes are off unless the server was started with ``--allow-ingest`` (a 403 explains the flag).
URL fetching refuses private and loopback addresses unless ``--allow-private``: the refusal lives
in the ingest stage and reads ``Settings.allow_private``, which ``create_app`` sets from the flag.
Pasted and uploaded content is written to a temporary file and ingested like any file.
"""

from __future__ import annotations

import re
import tempfile
import time
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from fastapi import APIRouter, File, Form, HTTPException, Request, UploadFile

from counterclaim.web.render import Page
from counterclaim.web.render import page as twin

router = APIRouter(tags=["ingest"])

UPLOAD_SUFFIXES = (".txt", ".html", ".htm", ".json", ".jsonl", ".warc", ".warc.gz")
OFF = ("ingest is off on this server: restart it with `counterclaim serve --allow-ingest` "
       "to enable the ingest forms and the POST /api/ingest/* endpoints")


@twin(router, "/ingest", "ingest.html")
def ingest_form(request: Request) -> Page:
    """Whether ingesting is enabled here, and what the forms accept."""
    state = request.app.state
    data = {"allowed": state.allow_ingest, "allow_private": state.settings.allow_private,
            "upload_suffixes": list(UPLOAD_SUFFIXES), "max_bytes": state.settings.max_bytes}
    return Page(data, "Ingest")


@twin(router, "/ingest/text", "ingest_result.html", methods=("POST",))
def ingest_text(
    request: Request,
    text: str = Form(..., min_length=1, description="The article text (or HTML)."),
    title: str = Form("", max_length=500, description="Optional title, put on the first line."),
    format: Literal["text", "html"] = Form("text", description="How to read the pasted content."),
) -> Page:
    """Ingest pasted text or HTML."""
    check_write(request)
    if len(text.encode("utf-8")) > request.app.state.settings.max_bytes:
        raise HTTPException(413, f"pasted text is over the {request.app.state.settings.max_bytes} byte limit")
    body = f"{title.strip()}\n\n{text}" if title.strip() and format == "text" else text
    name = f"pasted-{time.strftime('%Y%m%d-%H%M%S')}.{'html' if format == 'html' else 'txt'}"
    return run_ingest(request, name, body.encode("utf-8"), what="pasted text")


@twin(router, "/ingest/url", "ingest_result.html", methods=("POST",))
def ingest_url(request: Request, url: str = Form(..., max_length=2000, description="An http(s) URL to fetch.")) -> Page:
    """Fetch one URL and ingest it (private and loopback addresses need --allow-private)."""
    check_write(request)
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise HTTPException(400, "give an http:// or https:// URL")
    outcomes = _ingest(request, [url.strip()])
    return result_page(outcomes, f"URL {url.strip()}")


@twin(router, "/ingest/file", "ingest_result.html", methods=("POST",))
async def ingest_file(
    request: Request, file: Annotated[UploadFile, File(description="A .txt, .html, .json(l) or .warc file.")]
) -> Page:
    """Ingest an uploaded file."""
    check_write(request)
    name = safe_name(file.filename or "upload.txt")
    if not name.lower().endswith(UPLOAD_SUFFIXES):
        raise HTTPException(400, f"unsupported file type; upload one of {', '.join(UPLOAD_SUFFIXES)}")
    limit = request.app.state.settings.max_bytes
    content = await file.read(limit + 1)
    if len(content) > limit:
        raise HTTPException(413, f"file is over the {limit} byte limit")
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(run_ingest, request, name, content, what=f"file {name}")


def check_write(request: Request) -> None:
    """403 unless ingest is on; also refuse cross-site form posts (the server may run with --allow-ingest)."""
    if not request.app.state.allow_ingest:
        raise HTTPException(403, OFF)
    origin = request.headers.get("origin")
    if origin and origin != "null" and urlsplit(origin).netloc != request.headers.get("host", ""):
        raise HTTPException(403, "cross-site request refused: submit the form from this server's own pages")


def safe_name(filename: str) -> str:
    """A bare, harmless file name: no directories, only [A-Za-z0-9._-], at most 80 characters."""
    base = Path(filename.replace("\\", "/")).name
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "_", base).strip("._") or "upload.txt"
    return cleaned[-80:]


def run_ingest(request: Request, name: str, content: bytes, *, what: str) -> Page:
    with tempfile.TemporaryDirectory(prefix="counterclaim-web-") as tmp:
        path = Path(tmp) / name
        path.write_bytes(content)
        outcomes = _ingest(request, [str(path)])
    return result_page(outcomes, what)


def _ingest(request: Request, sources: list[str]) -> list[dict[str, Any]]:
    from counterclaim.pipeline import ingest

    state = request.app.state
    with state.write_lock:  # one writer at a time (SQLite)
        return [o.to_dict() for o in ingest(sources, state.store, state.settings)]


def result_page(outcomes: list[dict[str, Any]], what: str) -> Page:
    ok = any(o["status"] in ("ingested", "duplicate", "syndicated") for o in outcomes)
    return Page({"what": what, "outcomes": outcomes, "ingested": ok}, f"Ingest · {what}")
