"""WARC containers and standard input."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from counterclaim.clean import clean
from counterclaim.errors import Code
from counterclaim.ingest import iter_documents
from counterclaim.ingest.stdin import iter_stdin
from counterclaim.settings import Settings
from counterclaim.types import Article, RawDocument, Skipped

DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"
PAGE = (DATA / "article.html").read_bytes()


def _write_warc(path: Path, gzip: bool) -> None:
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))

        def response(uri: str, status: str, content_type: str, body: bytes) -> None:
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers)
            writer.write_record(record)

        response("https://ledger.example/bridge", "200 OK", "text/html; charset=utf-8", PAGE)
        response("https://ledger.example/logo.png", "200 OK", "image/png", b"\x89PNG....")
        response("https://ledger.example/old", "301 Moved Permanently", "text/html", b"")
        writer.write_record(writer.create_warc_record("https://ledger.example/bridge", "request", payload=io.BytesIO(b"GET /")))


@pytest.mark.parametrize(("name", "gzip"), [("crawl.warc.gz", True), ("crawl.warc", False)])
def test_warc_html_responses_become_documents(tmp_path: Path, name: str, gzip: bool) -> None:
    path = tmp_path / name
    _write_warc(path, gzip)
    items = list(iter_documents([str(path)]))
    assert len(items) == 3  # warcinfo and request records are not items
    page, image, moved = items
    assert isinstance(page, RawDocument) and page.url == "https://ledger.example/bridge" and page.kind == "html"
    assert page.hints["charset"] == "utf-8" and page.content == PAGE
    assert isinstance(image, Skipped) and image.code == Code.BAD_CONTENT_TYPE.value
    assert isinstance(moved, Skipped) and "301" in moved.reason
    article = clean(page)
    assert isinstance(article, Article) and article.url == "https://ledger.example/bridge"


@pytest.mark.parametrize("name", ["not.warc", "not.warc.gz"])
def test_a_file_that_is_not_a_warc_is_malformed_not_a_crash(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"this is not a web archive\n" * 5)
    (item,) = iter_documents([str(path)])
    assert isinstance(item, Skipped) and item.code == Code.MALFORMED.value


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (PAGE, "html"),
        (b"The ferry left at noon with 40 passengers aboard.\n", "text"),
        (b"   \n", Code.EMPTY.value),
        (b"\x00\x01\x02binary" * 10, Code.BINARY.value),
        (b"x" * 2000, Code.TOO_LARGE.value),
    ],
)
def test_stdin(data: bytes, expected: str) -> None:
    (item,) = iter_stdin(Settings(max_bytes=1500 if expected == Code.TOO_LARGE.value else 5_000_000), io.BytesIO(data))
    assert item.source == "-"
    assert (item.kind if isinstance(item, RawDocument) else item.code) == expected


def test_dash_reads_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = io.TextIOWrapper(io.BytesIO(b"Sales rose 3% to $1.2 billion in the first quarter."))
    monkeypatch.setattr("sys.stdin", fake)
    (item,) = iter_documents(["-"])
    assert isinstance(item, RawDocument) and item.kind == "text"
