"""API docs at /api/docs, rendered here from the OpenAPI schema.

FastAPI's bundled Swagger UI loads scripts from a CDN and runs inline code, which the CSP (and the
no-CDN rule) forbid, so the same schema (/api/openapi.json) is rendered as a plain server-side page.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from counterclaim.web.render import NAV, templates

router = APIRouter(tags=["docs"])


@router.get("/api/docs", include_in_schema=False, response_class=HTMLResponse)
def api_docs(request: Request) -> Response:
    schema = request.app.openapi()
    endpoints: list[dict[str, Any]] = []
    for path, methods in schema.get("paths", {}).items():
        for method, op in methods.items():
            params = [
                {"name": p["name"], "in": p["in"], "required": p.get("required", False),
                 "type": _type(p.get("schema", {})), "description": p.get("description") or p.get("schema", {}).get("description", "")}
                for p in op.get("parameters", [])
            ]
            body = op.get("requestBody", {}).get("content", {})
            form = next(iter(body.values()), {}).get("schema", {}) if body else {}
            if "$ref" in form:
                form = schema["components"]["schemas"][form["$ref"].rsplit("/", 1)[1]]
            for name, prop in form.get("properties", {}).items():
                params.append({"name": name, "in": "form", "required": name in form.get("required", []),
                               "type": _type(prop), "description": prop.get("description", "")})
            endpoints.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                              "tag": (op.get("tags") or [""])[0], "params": params})
    context = {"title": "API docs", "nav": NAV, "path": request.url.path, "data": {}, "view": {"endpoints": endpoints,
               "version": schema.get("info", {}).get("version")}, "api_path": "/api/openapi.json", "query_string": "",
               "allow_ingest": request.app.state.allow_ingest}
    return templates.TemplateResponse(request, "api_docs.html", context)


def _type(schema: dict[str, Any]) -> str:
    if "anyOf" in schema:
        return " | ".join(_type(s) for s in schema["anyOf"])
    if "enum" in schema:
        return " | ".join(repr(v) for v in schema["enum"])
    return str(schema.get("type", schema.get("format", "any")))
