"""The workbench in real headless Chromium over the ingested seed corpus (plus an original payload article).

Each page must load with status 200, a title and no console errors; a screenshot of each goes to
artifacts/screenshots/. A proposition's statement link must land on its highlighted sentence, and
an article full of script payloads must render inert.
"""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest

from .conftest import SCREENSHOTS

pytestmark = pytest.mark.browser


def first_id(live_url: str, api_path: str, key: str, field: str = "id") -> Any:
    items = httpx.get(live_url + api_path, timeout=30).json()[key]
    if not items:
        pytest.fail(f"{api_path} has no {key} on the seed corpus")
    return items[0][field]


@pytest.fixture(scope="module")
def pages(live_url: str) -> dict[str, str]:
    """Every page of the workbench, with ids taken from the JSON twins of the list pages."""
    payload = payload_article_id(live_url)
    return {
        "dashboard": "/",
        "propositions": "/propositions",
        "proposition": f"/propositions/{first_id(live_url, '/api/propositions', 'propositions')}",
        "stories": "/stories",
        "story": f"/stories/{first_id(live_url, '/api/stories', 'stories')}",
        "numbers": "/numbers",
        "number": "/numbers/" + httpx.URL(path=first_id(live_url, "/api/numbers", "concepts", "concept")).raw_path.decode(),
        "actors": "/actors",
        "entities": "/entities",
        "entity": f"/entities/{first_id(live_url, '/api/entities', 'entities')}",
        "articles": "/articles",
        "article": f"/articles/{seed_article_id(live_url, payload)}",
        "article-payloads": f"/articles/{payload}",
        "sources": "/sources",
        "search": "/search?q=hostages",
        "ingest": "/ingest",
        "api-docs": "/api/docs",
    }


def seed_article_id(live_url: str, payload: int) -> int:
    """The seed article with the most statements (the payload article has its own screenshot)."""
    articles = httpx.get(live_url + "/api/articles").json()["articles"]
    return max((a for a in articles if a["id"] != payload), key=lambda a: a["statements"])["id"]


def payload_article_id(live_url: str) -> int:
    found = httpx.get(live_url + "/api/search", params={"q": "Marlow Bay harbour", "kind": "articles"}).json()
    assert found["articles"], "the payload article was not ingested"
    return found["articles"][0]["article_id"]


PAGE_NAMES = ["dashboard", "propositions", "proposition", "stories", "story", "numbers", "number", "actors",
              "entities", "entity", "articles", "article", "article-payloads", "sources", "search", "ingest", "api-docs"]


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_page_loads(page: Any, live_url: str, pages: dict[str, str], name: str) -> None:
    response = page.goto(live_url + pages[name], wait_until="networkidle")
    assert response is not None and response.status == 200, pages[name]
    assert page.title().endswith("· Counterclaim") and len(page.title()) > len(" · Counterclaim")
    assert page.locator("nav[aria-label=Main] a").count() == 10  # the nav bar links every page
    assert page.locator("h1").count() >= 1
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    assert page.problems == [], page.problems
    assert page.dialogs == []


def test_proposition_links_to_highlighted_sentence(page: Any, live_url: str) -> None:
    """Click a statement's link on a proposition page: the article scrolls to and highlights its sentence."""
    props = httpx.get(live_url + "/api/propositions", params={"page": 1}).json()["propositions"]
    prop = next(p for p in props if p["n_statements"] >= 2)
    detail = httpx.get(f"{live_url}/api/propositions/{prop['id']}").json()
    statement = next(s for group in ("disputes", "supports", "reports") for s in detail["statements"][group]
                     if s["sentence_start"] is not None)
    page.goto(f"{live_url}/propositions/{prop['id']}", wait_until="networkidle")
    link = page.locator(f"#st-{statement['statement_id']} a.src-link")
    link.click()
    page.wait_for_url(re.compile(rf"/articles/{statement['article_id']}#s-{statement['sentence_start']}$"))
    page.wait_for_selector(".hl")
    highlighted = page.locator(".hl")
    assert highlighted.count() >= 1
    text = "".join(highlighted.all_inner_texts())
    assert " ".join(statement["sentence"].split()) == " ".join(text.split())
    assert highlighted.first.is_visible()
    box = highlighted.first.bounding_box()
    assert box is not None and 0 <= box["y"] <= page.viewport_size["height"], box  # scrolled into view
    page.screenshot(path=str(SCREENSHOTS / "article-highlighted-sentence.png"))
    assert page.problems == []


def test_search_result_links_to_sentence(page: Any, live_url: str) -> None:
    page.goto(f"{live_url}/search?q=hostages&kind=statements", wait_until="networkidle")
    marks = page.locator(".result .snippet mark")
    assert marks.count() >= 1 and marks.first.inner_text().lower().startswith("hostage")
    page.locator(".result a.src-link").first.click()
    page.wait_for_url(re.compile(r"/articles/\d+#s-\d+$"))
    page.wait_for_selector(".hl")
    assert "hostage" in " ".join(page.locator(".hl").all_inner_texts()).lower()
    assert page.problems == []


def test_payloads_render_inert(page: Any, live_url: str) -> None:
    """An article holding <script>, onerror= and onload= payloads: no dialog, no injected element, text literal."""
    article_id = payload_article_id(live_url)
    for path in (f"/articles/{article_id}", "/search?q=fiction", "/search?q=berth+audit", "/propositions",
                 "/articles", "/"):
        page.goto(live_url + path, wait_until="networkidle")
        page.wait_for_timeout(200)
        assert page.evaluate("window.__xss") is None, path
        assert page.locator("main img, main script, main svg:not(.chart):not(.graph):not(.timeline):not(.bar)").count() == 0, path
    page.goto(f"{live_url}/articles/{article_id}", wait_until="networkidle")
    text = page.locator("#article-text").inner_text()
    assert '<script>window.__xss = 1; alert("xss-title")</script>' in text
    assert "<img src=x onerror=alert('xss-img')>" in text
    assert "<svg onload=alert('xss-svg')></svg>" in text
    assert '<script>window.__xss = 1; alert("xss-title")</script>' in page.locator("h1").inner_text()
    assert page.dialogs == [], page.dialogs
    assert page.problems == [], page.problems
    page.screenshot(path=str(SCREENSHOTS / "article-payloads-inert.png"), full_page=True)


def test_security_headers_reach_the_browser(page: Any, live_url: str) -> None:
    response = page.goto(live_url + "/", wait_until="networkidle")
    headers = response.headers
    assert headers["content-security-policy"].startswith("default-src 'self'")
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
