"""Exports (JSONL, CSV, ClaimReview JSON-LD) and the ``export`` / ``serve`` commands."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from counterclaim.export import claim_review, export, rating


def test_jsonl_is_the_api_shape(web_store, client) -> None:
    out = io.StringIO()
    with web_store.session() as session:
        assert export(session, "jsonl", out) == 2
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    api = client.get(f"/api/propositions/{web_store.ids['berths']}").json()
    line = next(x for x in lines if x["id"] == web_store.ids["berths"])
    assert line["canonical"] == api["canonical"]
    assert {g: len(v) for g, v in line["statements"].items()} == {g: len(v) for g, v in api["statements"].items()}


def test_csv_has_a_row_per_statement(web_store) -> None:
    out = io.StringIO()
    with web_store.session() as session:
        export(session, "csv", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(rows) == 5
    fiction = next(r for r in rows if r["content"].startswith('"a fiction'))
    assert fiction["group"] == "disputes" and fiction["speaker"] == "Marlow Bay harbour board"
    assert "<img src=x onerror=alert('xss-img')>" in fiction["content"]  # data, kept verbatim
    surplus = next(r for r in rows if r["content"].startswith("the surplus"))
    assert surplus["url"] == "https://example.org/kell-reach/fees" and surplus["speaker_named"] == "False"


def test_claimreview_document(web_store) -> None:
    out = io.StringIO()
    with web_store.session() as session:
        assert export(session, "claimreview", out, base_url="http://127.0.0.1:8000/") == 2
    doc = json.loads(out.getvalue())
    assert doc["@context"] == "https://schema.org"
    review = next(r for r in doc["@graph"] if r["claimReviewed"].startswith("40 berths"))
    assert review["@type"] == "ClaimReview"
    assert review["url"] == f"http://127.0.0.1:8000/propositions/{web_store.ids['berths']}"
    claim = review["itemReviewed"]
    assert claim["@type"] == "Claim" and claim["datePublished"] == "2026-06-04"
    assert claim["author"] == {"@type": "Person", "name": "Tomas Brenner"}
    assert claim["appearance"] == [{"@type": "CreativeWork", "identifier": "payload.txt",
                                    "headline": claim["appearance"][0]["headline"],
                                    "publisher": {"@type": "Organization", "name": "Marlow <b>Bay</b> Gazette"},
                                    "datePublished": "2026-06-04"}]  # a javascript: URL is not an appearance URL
    assert review["reviewRating"]["alternateName"] == "Contested"
    assert "not whether it is true" in review["reviewRating"]["ratingExplanation"]


@pytest.mark.parametrize(("support", "dispute", "name", "value"), [
    (3, 0, "Supported", 5), (0, 2, "Disputed", 1), (1, 1, "Contested", 3), (3, 1, "Mostly supported", 4),
    (1, 3, "Mostly disputed", 2), (0, 0, "Reported, not rated", 3),
])
def test_rating(support: int, dispute: int, name: str, value: int) -> None:
    r = rating(support, dispute)
    assert (r["alternateName"], r["ratingValue"], r["bestRating"], r["worstRating"]) == (name, value, 5, 1)


def test_claim_review_uses_http_urls() -> None:
    prop: dict[str, Any] = {"id": 1, "canonical": "x", "statements": {}, "support_sources": 0, "dispute_sources": 0}
    review = claim_review(prop, {1: {"url": "https://a.example/x", "source": "s", "title": None, "publisher": None,
                                     "published": None}})
    assert review["itemReviewed"]["appearance"] == [{"@type": "CreativeWork", "url": "https://a.example/x"}]
    assert "author" not in review["itemReviewed"]


@pytest.fixture()
def db_file(tmp_path: Path) -> str:
    from counterclaim.store import Store

    from .conftest import fill_store

    path = tmp_path / "web.db"
    store = Store(str(path))
    fill_store(store)
    store.close()
    return str(path)


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "claimreview"])
def test_export_command(db_file: str, tmp_path: Path, fmt: str) -> None:
    from counterclaim.cli import _register, app

    _register()
    target = tmp_path / f"out.{fmt}"
    result = CliRunner().invoke(app, ["--db", db_file, "export", "--format", fmt, "--output", str(target)])
    assert result.exit_code == 0, result.output
    assert "exported 2 propositions" in result.output
    assert target.read_text(encoding="utf-8").strip()


def test_export_command_rejects_unknown_format(db_file: str) -> None:
    from counterclaim.cli import _register, app

    _register()
    result = CliRunner().invoke(app, ["--db", db_file, "export", "--format", "xml"])
    assert result.exit_code == 2 and "unknown format" in result.output


def test_serve_command_defaults(db_file: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """serve binds 127.0.0.1:8000 with writes off unless asked; flags reach the app."""
    import uvicorn

    from counterclaim.cli import _register, app

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda web, **kw: calls.append({"app": web, **kw}))
    _register()
    assert CliRunner().invoke(app, ["--db", db_file, "serve"]).exit_code == 0
    assert CliRunner().invoke(app, ["--db", db_file, "serve", "--port", "8123", "--allow-ingest",
                                    "--allow-private"]).exit_code == 0
    default, flagged = calls
    assert (default["host"], default["port"]) == ("127.0.0.1", 8000)
    assert default["app"].state.allow_ingest is False and default["app"].state.settings.allow_private is False
    assert flagged["port"] == 8123 and flagged["app"].state.allow_ingest is True
    assert flagged["app"].state.settings.allow_private is True
