"""URLs and feeds against a local server: limits, content types, redirects, address refusal."""

from __future__ import annotations

from pathlib import Path

import pytest

from counterclaim.errors import Code
from counterclaim.ingest import iter_documents, urls
from counterclaim.ingest.urls import refused_address
from counterclaim.settings import Settings
from counterclaim.types import RawDocument, Skipped

DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"
PAGE = (DATA / "article.html").read_bytes()
HTML = "text/html; charset=utf-8"


def fetch_all(*urls: str, **overrides: object) -> list[RawDocument | Skipped]:
    settings = Settings(**{"allow_private": True, "fetch_timeout": 5.0, **overrides})  # type: ignore[arg-type]
    return list(iter_documents(list(urls), settings))


def test_page_is_fetched_with_a_polite_user_agent(http_server) -> None:  # type: ignore[no-untyped-def]
    url = http_server.add("/story", PAGE, content_type=HTML)
    (doc,) = fetch_all(url, user_agent="counterclaim-test/1.0 (+mailto:test@example.org)")
    assert isinstance(doc, RawDocument) and doc.kind == "html" and doc.url == url and doc.content == PAGE
    assert doc.hints["charset"] == "utf-8"
    assert http_server.requests[0][1]["User-Agent"] == "counterclaim-test/1.0 (+mailto:test@example.org)"


def test_loopback_is_refused_unless_allowed(http_server) -> None:  # type: ignore[no-untyped-def]
    url = http_server.add("/story", PAGE, content_type=HTML)
    (refused,) = fetch_all(url, allow_private=False)
    assert isinstance(refused, Skipped) and refused.code == Code.REFUSED_ADDRESS.value
    assert "--allow-private" in refused.reason
    assert http_server.requests == []  # refused before connecting
    (allowed,) = fetch_all(url, allow_private=True)
    assert isinstance(allowed, RawDocument)


@pytest.mark.parametrize("host", ["127.0.0.1", "10.1.2.3", "192.168.0.1", "169.254.169.254", "::1", "0.0.0.0"])
def test_non_public_addresses_are_flagged(host: str) -> None:
    assert refused_address(host, 80) is not None


def test_public_address_passes() -> None:
    assert refused_address("93.184.216.34", 80) is None


def test_every_redirect_hop_is_counted_and_followed(http_server) -> None:  # type: ignore[no-untyped-def]
    http_server.add("/story", PAGE, content_type=HTML)
    for i in range(3):
        http_server.add(f"/r{i}", status=302, location=f"/r{i + 1}" if i < 2 else "/story")
    (doc,) = fetch_all(http_server.url("/r0"), max_redirects=3)
    assert isinstance(doc, RawDocument) and doc.url == http_server.url("/story")
    assert doc.source == http_server.url("/r0")
    (too_many,) = fetch_all(http_server.url("/r0"), max_redirects=2)
    assert isinstance(too_many, Skipped) and too_many.code == Code.FETCH_FAILED.value
    assert "more than 2 redirects" in too_many.reason


def test_redirect_to_a_private_address_is_refused(http_server, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    # Treat the test server as public so that only the redirect target is private: every hop is checked.
    real = urls.refused_address
    monkeypatch.setattr(urls, "refused_address", lambda host, port: None if host == "127.0.0.1" else real(host, port))
    url = http_server.add("/jump", status=301, location="http://10.0.0.1/admin")
    (skipped,) = fetch_all(url, allow_private=False)
    assert isinstance(skipped, Skipped) and skipped.code == Code.REFUSED_ADDRESS.value
    assert "10.0.0.1" in skipped.reason and skipped.source == url


def test_size_cap_stops_the_download(http_server) -> None:  # type: ignore[no-untyped-def]
    big = b"<html><body><p>" + b"word " * 50_000 + b"</p></body></html>"
    declared = http_server.add("/big", big, content_type=HTML)
    (skipped,) = fetch_all(declared, max_bytes=10_000)
    assert isinstance(skipped, Skipped) and skipped.code == Code.TOO_LARGE.value
    # no Content-Length: the stream itself is cut at the cap
    streamed_url = http_server.add("/streamed", big, content_type=HTML, content_length="")
    (streamed,) = fetch_all(streamed_url, max_bytes=10_000)
    assert isinstance(streamed, Skipped) and streamed.code == Code.TOO_LARGE.value
    assert "stopped reading" in streamed.reason
    (whole,) = fetch_all(streamed_url, max_bytes=len(big))
    assert isinstance(whole, RawDocument) and whole.content == big


@pytest.mark.parametrize("content_type", ["application/pdf", "image/png", "application/octet-stream", "video/mp4"])
def test_wrong_content_type_is_refused(http_server, content_type: str) -> None:  # type: ignore[no-untyped-def]
    url = http_server.add("/file", b"%PDF-1.4 ...", content_type=content_type)
    (skipped,) = fetch_all(url)
    assert isinstance(skipped, Skipped) and skipped.code == Code.BAD_CONTENT_TYPE.value
    assert content_type in skipped.reason


def test_plain_text_and_http_errors(http_server) -> None:  # type: ignore[no-untyped-def]
    text_url = http_server.add("/note.txt", "The ferry left at noon with 40 passengers aboard.", content_type="text/plain")
    (doc, missing) = fetch_all(text_url, http_server.url("/nothing-here"))
    assert isinstance(doc, RawDocument) and doc.kind == "text"
    assert isinstance(missing, Skipped) and missing.code == Code.FETCH_FAILED.value and "HTTP 404" in missing.reason


def test_unreachable_host_is_a_fetch_failure() -> None:
    (skipped,) = fetch_all("http://127.0.0.1:9/", fetch_timeout=2.0)
    assert isinstance(skipped, Skipped) and skipped.code == Code.FETCH_FAILED.value


def _feed(base: str, links: list[str]) -> str:
    items = "".join(
        f"<item><title>Entry {i}</title><link>{base}{link}</link><pubDate>Mon, 0{i + 1} Apr 2024 09:00:00 GMT</pubDate></item>"
        for i, link in enumerate(links)
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Riverton Ledger</title>{items}</channel></rss>'


def test_feed_url_yields_each_entry_page_with_hints(http_server) -> None:  # type: ignore[no-untyped-def]
    http_server.add("/a", PAGE, content_type=HTML)
    http_server.add("/b", "A short plain note about the weather in Riverton.", content_type="text/plain")
    feed_url = http_server.add("/feed", _feed(http_server.base, ["/a", "/b", "/gone"]), content_type="application/rss+xml")
    a, b, gone = fetch_all(feed_url)
    assert isinstance(a, RawDocument) and a.url == http_server.url("/a")
    assert (a.hints["title"], a.hints["published"], a.hints["publisher"]) == ("Entry 0", "2024-04-01", "Riverton Ledger")
    assert isinstance(b, RawDocument) and b.kind == "text" and b.hints["published"] == "2024-04-02"
    assert isinstance(gone, Skipped) and gone.code == Code.FETCH_FAILED.value


def test_feed_file_is_read_and_its_entries_fetched(http_server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    http_server.add("/a", PAGE, content_type=HTML)
    path = tmp_path / "saved-feed.xml"
    path.write_text(_feed(http_server.base, ["/a"]))
    (doc,) = fetch_all(str(path))
    assert isinstance(doc, RawDocument) and doc.hints["title"] == "Entry 0"


def test_feed_entries_are_refused_on_loopback_without_allow_private(http_server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    http_server.add("/a", PAGE, content_type=HTML)
    path = tmp_path / "feed.rss"
    path.write_text(_feed(http_server.base, ["/a"]))
    (doc,) = fetch_all(str(path), allow_private=False)
    assert isinstance(doc, Skipped) and doc.code == Code.REFUSED_ADDRESS.value


def test_empty_feed_is_malformed(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>')
    (doc,) = fetch_all(str(path))
    assert isinstance(doc, Skipped) and doc.code == Code.MALFORMED.value


def test_atom_entry_without_link_uses_its_content(tmp_path: Path) -> None:
    atom = (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Canal Trust</title>'
        "<entry><title>Trees planted</title><updated>2024-04-07T10:00:00Z</updated>"
        '<content type="html">&lt;p&gt;Volunteers planted about 3,000 saplings along the towpath.&lt;/p&gt;</content>'
        "</entry></feed>"
    )
    path = tmp_path / "trust.atom"
    path.write_text(atom)
    (doc,) = fetch_all(str(path))
    assert isinstance(doc, RawDocument) and doc.kind == "html" and doc.source.endswith("trust.atom#1")
    assert b"3,000 saplings" in doc.content
    assert (doc.hints["title"], doc.hints["published"], doc.hints["publisher"]) == ("Trees planted", "2024-04-07", "Canal Trust")
