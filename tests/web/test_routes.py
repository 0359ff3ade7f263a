"""Every route and its JSON twin over a hand-built store: status, headers, escaping, gates, errors."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from counterclaim.web.app import CSP

from .conftest import new_web_store
from .helpers import assert_error

# Every GET page; ``{id}`` is filled from the store. test_every_route_is_covered keeps this complete.
PAGES = [
    "/",
    "/propositions",
    "/propositions/{berths}",
    "/stories",
    "/stories/{story}",
    "/numbers",
    "/numbers/{concept}",
    "/actors",
    "/entities",
    "/entities?q=varga&type=person",
    "/entities/{varga}",
    "/articles",
    "/articles?page=1&publisher=Kell Reach Courier",
    "/articles/{payload}",
    "/sources",
    "/search?q=berths",
    "/search?q=fiction&kind=statements",
    "/ingest",
]


def fill(path: str, ids: dict[str, int]) -> str:
    return path.format(**ids)


def api(path: str) -> str:
    return "/api/dashboard" if path == "/" else "/api" + path


@pytest.mark.parametrize("path", PAGES)
def test_html_page(client: TestClient, web_store, path: str) -> None:
    r = client.get(fill(path, web_store.ids))
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/html")
    assert re.search(r"<title>[^<]+ · Counterclaim</title>", r.text)
    assert 'href="/static/app.css"' in r.text


@pytest.mark.parametrize("path", PAGES)
def test_json_twin(client: TestClient, web_store, path: str) -> None:
    r = client.get(api(fill(path, web_store.ids)))
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/json")
    assert r.json()["ok"] is True


def test_every_route_is_covered() -> None:
    """A new page without a test here fails: compare the routers' GET pages with PAGES."""
    from counterclaim.web.routes import ROUTERS

    tested = {re.sub(r"\{\w+\}", "{}", re.sub(r"\?.*", "", p)) for p in PAGES}
    routes = {re.sub(r"\{[\w:]+\}", "{}", r.path) for router in ROUTERS for r in router.routes
              if "GET" in r.methods and not r.path.startswith("/api")}
    assert len(routes) >= 8
    assert routes <= tested, f"pages without a test: {routes - tested}"


@pytest.mark.parametrize("path", ["/", "/api/dashboard", "/articles/999", "/api/nope", "/static/app.css", "/api/docs"])
def test_security_headers_on_every_response(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.headers["content-security-policy"] == CSP
    assert "script-src 'self'" in CSP and "'unsafe-inline'" not in CSP
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "no-referrer"


def test_no_inline_script_or_style(client: TestClient, web_store) -> None:
    for path in [*PAGES, "/api/docs"]:
        html = client.get(fill(path, web_store.ids)).text
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), path
        assert "<style" not in html and " style=" not in html, path
        tags = re.findall(r"<[a-zA-Z][^>]*>", html)  # real tags only: article text is escaped (&lt;)
        assert not [t for t in tags if re.search(r"\son[a-z]+\s*=", t)], path


@pytest.mark.parametrize(
    ("path", "status"),
    [("/api/articles/999", 404), ("/api/articles/abc", 422), ("/api/nope", 404), ("/api/search?kind=bogus", 422),
     ("/api/articles?page=0", 422)],
)
def test_error_envelope(client: TestClient, path: str, status: int) -> None:
    assert_error(client.get(path), status)


def test_html_errors_are_pages(client: TestClient) -> None:
    r = client.get("/articles/999")
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("text/html")
    assert "no article 999" in r.text


def test_api_method_not_allowed(client: TestClient) -> None:
    assert_error(client.delete("/api/articles"), 405)


def test_openapi_lists_api_routes_only(client: TestClient) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    assert "/api/articles/{article_id}" in paths
    assert all(p.startswith("/api/") for p in paths)


# ---------------------------------------------------------------- untrusted text stays text


def test_article_payloads_are_escaped(client: TestClient, web_store) -> None:
    html = client.get(f"/articles/{web_store.ids['payload']}").text
    body = html.split("<body", 1)[1]
    assert "<script>window.__xss" not in body
    assert "&lt;script&gt;window.__xss = 1; alert(&#34;xss-title&#34;)&lt;/script&gt;" in body
    assert "<img src=x" not in body and "&lt;img src=x onerror=alert(&#39;xss-img&#39;)&gt;" in body
    assert "<svg onload" not in body
    assert "Marlow &lt;b&gt;Bay&lt;/b&gt; Gazette" in body
    assert "javascript:" not in body  # the article's javascript: URL is not made a link


def test_title_tag_escaped(client: TestClient, web_store) -> None:
    html = client.get(f"/articles/{web_store.ids['payload']}").text
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert "<script>" not in title and "&lt;script&gt;" in title


def test_search_snippets_escape_and_mark(client: TestClient) -> None:
    html = client.get("/search?q=fiction").text
    assert "<mark>fiction</mark>" in html
    assert "<img src=x" not in html and "&lt;img src=x" in html
    data = client.get("/api/search?q=fiction").json()
    assert data["statements"][0]["parts"][1] == ["fiction", True]


def test_article_json_has_offsets_into_text(client: TestClient, web_store) -> None:
    data = client.get(f"/api/articles/{web_store.ids['harbour']}").json()
    text = data["article"]["text"]
    for s in data["statements"]:
        assert text[s["content_start"]:s["content_end"]] == s["content"]
        assert s["sentence_start"] <= s["content_start"] < s["content_end"] <= s["sentence_end"]
    for q in data["quantities"]:
        assert text[q["start"]:q["end"]] == q["text"]


def test_article_page_marks_and_anchors(client: TestClient, web_store) -> None:
    data = client.get(f"/api/articles/{web_store.ids['harbour']}").json()
    html = client.get(f"/articles/{web_store.ids['harbour']}").text
    for s in data["statements"]:
        assert f'id="s-{s["sentence_start"]}"' in html
        assert f'href="/articles/{web_store.ids["harbour"]}#s-{s["sentence_start"]}"' in html
    assert 'class="boiler"' in html
    assert "speaker anon" in html  # "Officials at the authority" is anonymous
    assert 'class="sent qty"' in html or "qty" in html
    assert "stance-disputes" in html


def test_sources_shares(client: TestClient) -> None:
    pubs = {p["publisher"]: p for p in client.get("/api/sources").json()["publishers"]}
    kell = pubs["Kell Reach Courier"]
    assert kell["articles"] == 1 and kell["statements"] == 2
    assert kell["named"] == 1 and kell["anonymous"] == 1 and kell["named_share"] == 0.5
    assert kell["boilerplate_share"] == round(55 / len(kell_text(client, pubs)), 3)
    assert kell["dateless"] == 0 and kell["latest"][0]["title"].startswith("Harbour fees")


def kell_text(client: TestClient, pubs: dict) -> str:
    article_id = pubs["Kell Reach Courier"]["latest"][0]["id"]
    return client.get(f"/api/articles/{article_id}").json()["article"]["text"]


def test_articles_filter_by_publisher(client: TestClient) -> None:
    data = client.get("/api/articles", params={"publisher": "Kell Reach Courier"}).json()
    assert [a["publisher"] for a in data["articles"]] == ["Kell Reach Courier"]
    assert data["pagination"]["total"] == 1
    assert client.get("/api/articles", params={"publisher": ""}).json()["pagination"]["total"] == 0


def test_articles_paginate() -> None:
    from counterclaim.store import repository as repo
    from counterclaim.web import create_app

    from .conftest import HARBOUR, make_analysis, new_web_store

    web_store = new_web_store()

    with web_store.session() as session:
        for i in range(60):
            repo.add_analysis(session, make_analysis(HARBOUR + f"\nCopy {i}.", title=f"Copy {i}", publisher="Bulk",
                                                     published=None, source=f"bulk{i}.txt"))
    client = TestClient(create_app(web_store))
    first = client.get("/api/articles?page=1").json()
    last = client.get("/api/articles?page=3").json()
    assert first["pagination"] == {"page": 1, "per_page": 25, "total": 62, "pages": 3}
    assert len(first["articles"]) == 25 and len(last["articles"]) == 12
    assert not {a["id"] for a in first["articles"]} & {a["id"] for a in last["articles"]}
    html = client.get("/articles?page=2").text
    assert 'href="/articles?page=1"' in html and 'href="/articles?page=3"' in html
    bulk = next(p for p in client.get("/api/sources").json()["publishers"] if p["publisher"] == "Bulk")
    assert bulk["dateless_share"] == 1.0 and len(bulk["latest"]) == 3


def test_whole_store_pages_are_recomputed_when_the_store_changes() -> None:
    from counterclaim.store.models import EntityRow
    from counterclaim.web import ledger

    store = new_web_store()
    try:
        with store.session() as session:
            before = ledger.actors(session)
            assert ledger.actors(session) is before  # unchanged store: the kept graph
            version = ledger.data_version(session)
            session.add(EntityRow(canonical="Harbour Authority", type="organisation"))
            session.commit()
            assert ledger.data_version(session) != version
            assert ledger.actors(session) is not before
    finally:
        store.close()
