"""The ingest forms and their JSON twins: off by default (403), cross-site posts refused, and with
``--allow-ingest`` the paste/upload/URL reach ``pipeline.ingest`` as files or URLs with the settings.

``pipeline.ingest`` is replaced by a recorder here (the real one runs spaCy); the browser tests
ingest through the real pipeline.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from counterclaim.types import IngestOutcome

from .helpers import assert_error

POSTS = [
    ("/ingest/text", {"data": {"text": "Some pasted article text."}}),
    ("/ingest/url", {"data": {"url": "https://example.org/a"}}),
    ("/ingest/file", {"files": {"file": ("a.txt", b"Some uploaded text.", "text/plain")}}),
]


@pytest.fixture()
def recorded(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Replace pipeline.ingest; record each call's sources, file contents and settings."""
    calls: list[dict[str, Any]] = []

    def fake_ingest(sources: list[str], store: Any, settings: Any = None, **_: Any) -> list[IngestOutcome]:
        contents = {s: Path(s).read_bytes() for s in sources if Path(s).exists()}
        calls.append({"sources": list(sources), "contents": contents, "settings": settings})
        return [IngestOutcome(s, "ingested", article_id=1, title="Recorded <b>title</b>") for s in sources]

    monkeypatch.setattr("counterclaim.pipeline.ingest", fake_ingest)
    return calls


@pytest.mark.parametrize(("path", "kwargs"), POSTS)
def test_writes_are_off_by_default(client: TestClient, recorded: list, path: str, kwargs: dict) -> None:
    body = assert_error(client.post("/api" + path, **kwargs), 403)
    assert "--allow-ingest" in body["error"]
    page = client.post(path, **kwargs)
    assert page.status_code == 403 and "counterclaim serve --allow-ingest" in page.text
    assert recorded == []


def test_ingest_page_explains_the_flag(client: TestClient) -> None:
    html = client.get("/ingest").text
    assert "Ingest is off on this server" in html and "<fieldset disabled>" in html
    assert client.get("/api/ingest").json()["allowed"] is False


def test_paste_is_written_to_a_file_and_ingested(ingest_client: TestClient, recorded: list) -> None:
    r = ingest_client.post("/ingest/text", data={"text": "Body <script>x</script>", "title": "A title"})
    assert r.status_code == 200, r.text
    (call,) = recorded
    (source,) = call["sources"]
    assert source.endswith(".txt") and not Path(source).exists()  # the temp file is removed afterwards
    assert call["contents"][source] == b"A title\n\nBody <script>x</script>"
    assert "Recorded &lt;b&gt;title&lt;/b&gt;" in r.text and 'href="/articles/1"' in r.text


def test_paste_html(ingest_client: TestClient, recorded: list) -> None:
    r = ingest_client.post("/api/ingest/text", data={"text": "<p>Hi</p>", "format": "html"})
    assert r.json()["ok"] is True and r.json()["outcomes"][0]["status"] == "ingested"
    assert recorded[0]["sources"][0].endswith(".html")


def test_upload_keeps_a_safe_name(ingest_client: TestClient, recorded: list) -> None:
    files = {"file": ("../../etc/evil name.html", b"<p>uploaded</p>", "text/html")}
    r = ingest_client.post("/api/ingest/file", files=files)
    assert r.status_code == 200, r.text
    source = recorded[0]["sources"][0]
    assert Path(source).name == "evil_name.html" and "/etc/" not in source
    assert recorded[0]["contents"][source] == b"<p>uploaded</p>"


def test_upload_rejects_other_types(ingest_client: TestClient, recorded: list) -> None:
    files = {"file": ("tool.exe", b"MZ", "application/octet-stream")}
    assert "unsupported file type" in assert_error(ingest_client.post("/api/ingest/file", files=files), 400)["error"]
    assert recorded == []


def test_upload_over_the_limit(web_store, recorded: list) -> None:
    from counterclaim.settings import Settings
    from counterclaim.web import create_app

    client = TestClient(create_app(web_store, allow_ingest=True, settings=Settings(max_bytes=10)))
    files = {"file": ("big.txt", b"x" * 11, "text/plain")}
    assert_error(client.post("/api/ingest/file", files=files), 413)
    assert_error(client.post("/api/ingest/text", data={"text": "y" * 11}), 413)
    assert recorded == []


@pytest.mark.parametrize("allow_private", [False, True])
def test_url_passes_allow_private_through(web_store, recorded: list, allow_private: bool) -> None:
    from counterclaim.web import create_app

    client = TestClient(create_app(web_store, allow_ingest=True, allow_private=allow_private))
    r = client.post("/api/ingest/url", data={"url": " http://127.0.0.1/x "})
    assert r.status_code == 200
    assert recorded[0]["sources"] == ["http://127.0.0.1/x"]
    assert recorded[0]["settings"].allow_private is allow_private


@pytest.mark.parametrize("url", ["file:///etc/passwd", "javascript:alert(1)", "ftp://example.org/x", "example.org"])
def test_url_must_be_http(ingest_client: TestClient, recorded: list, url: str) -> None:
    assert_error(ingest_client.post("/api/ingest/url", data={"url": url}), 400)
    assert recorded == []


def test_cross_site_post_refused(ingest_client: TestClient, recorded: list) -> None:
    r = ingest_client.post("/api/ingest/text", data={"text": "x"}, headers={"Origin": "https://evil.example"})
    assert "cross-site" in assert_error(r, 403)["error"]
    ok = ingest_client.post("/api/ingest/text", data={"text": "x"}, headers={"Origin": "http://testserver"})
    assert ok.status_code == 200 and len(recorded) == 1


def test_missing_field_is_a_422_envelope(ingest_client: TestClient) -> None:
    assert_error(ingest_client.post("/api/ingest/text", data={}), 422)
