"""The bundled demo corpus (``counterclaim/data/demo``) is present, well-formed and deduplicable.

The corpus is fictional and written for the project (see its README.md); EXPECTED.md describes what a
good ledger shows for it. These tests only check the files themselves, with the standard library: the
article count, encoding, headline and date of every article, word counts, the README's file table,
and that exactly one pair of articles (a syndicated wire copy) is a near-duplicate.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from html.parser import HTMLParser
from importlib.resources import files
from importlib.resources.abc import Traversable

import pytest

ARTICLE_SUFFIXES = (".txt", ".html")
SYNDICATED_PAIR = frozenset({"05_2026-03-09_continental-wire.txt", "06_2026-03-09_evening-courier.txt"})
NEAR_DUPLICATE_MIN = 0.7
DISTINCT_MAX = 0.3

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DATE_LINE = re.compile(r"^date (\d{4}-\d{2}-\d{2})$")
# "ALSGRAD, March 3, 2026 (Continental Wire) - ..."
DATELINE = re.compile(rf"^[A-Z][A-Z .'-]+, ((?:{MONTHS}) \d{{1,2}}, \d{{4}}) \([^)]+\) - \S")
BOILERPLATE = re.compile(r"^(share this article|leave a reply|you may also like|more news:)", re.I)


def demo_dir() -> Traversable:
    return files("counterclaim") / "data" / "demo"


def article_files() -> list[Traversable]:
    return sorted(
        (f for f in demo_dir().iterdir() if f.is_file() and f.name.endswith(ARTICLE_SUFFIXES)),
        key=lambda f: f.name,
    )


VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)


class _HtmlPage(HTMLParser):
    """Collects <title>, <h1>, <meta property> values and the text of the <p>s inside <article>.

    Paragraphs inside a share bar (an element whose class mentions "share") are left out.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.title = ""
        self.h1 = ""
        self.paragraphs: list[str] = []
        self._open: list[tuple[str, str]] = []  # (tag, class attribute) of the open elements
        self._paragraph: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "meta" and "property" in a:
            self.meta[a["property"]] = a.get("content", "")
        if tag in VOID_TAGS:
            return
        in_article = any(t == "article" for t, _ in self._open)
        in_share = any("share" in c for _, c in self._open)
        if tag == "p" and in_article and not in_share:
            self._paragraph = []
        self._open.append((tag, a.get("class", "")))

    def handle_endtag(self, tag: str) -> None:
        if tag not in (t for t, _ in self._open):
            return
        while self._open:
            open_tag, _ = self._open.pop()
            if open_tag == "p" and self._paragraph is not None:
                self.paragraphs.append(" ".join("".join(self._paragraph).split()))
                self._paragraph = None
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        tags = [t for t, _ in self._open]
        if tags and tags[-1] == "title":
            self.title += data
        elif "h1" in tags:
            self.h1 += data
        if self._paragraph is not None:
            self._paragraph.append(data)


def parse_html(text: str) -> _HtmlPage:
    page = _HtmlPage()
    page.feed(text)
    page.close()
    return page


def read(f: Traversable) -> str:
    return f.read_bytes().decode("utf-8")


def headline_and_date(f: Traversable) -> tuple[str, dt.date]:
    text = read(f)
    if f.name.endswith(".html"):
        page = parse_html(text)
        published = page.meta["article:published_time"]
        return " ".join(page.h1.split()), dt.datetime.fromisoformat(published).date()
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    headline = lines[0]
    for line in lines[1:4]:
        if m := DATE_LINE.match(line):
            return headline, dt.date.fromisoformat(m.group(1))
        if m := DATELINE.match(line):
            return headline, dt.datetime.strptime(m.group(1), "%B %d, %Y").date()
    raise AssertionError(f"{f.name}: no 'date YYYY-MM-DD' line or dateline after the headline")


def article_text(f: Traversable) -> str:
    """The article as a reader sees it: <article> paragraphs for HTML, the whole file for text."""
    text = read(f)
    return "\n".join(parse_html(text).paragraphs) if f.name.endswith(".html") else text


def shingles(text: str, n: int = 5) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def jaccard(a: set[tuple[str, ...]], b: set[tuple[str, ...]]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def test_corpus_is_packaged_with_docs() -> None:
    d = demo_dir()
    assert d.is_dir()
    assert (d / "README.md").is_file()
    assert (d / "EXPECTED.md").is_file()


def test_article_count() -> None:
    assert 8 <= len(article_files()) <= 12
    assert sum(f.name.endswith(".html") for f in article_files()) == 2


@pytest.mark.parametrize("f", article_files(), ids=lambda f: f.name)
def test_article_is_utf8_with_headline_and_date(f: Traversable) -> None:
    text = read(f)
    assert "\ufffd" not in text
    headline, date = headline_and_date(f)
    assert 20 <= len(headline) <= 120, headline
    assert not BOILERPLATE.match(headline)
    assert dt.date(2026, 3, 1) <= date <= dt.date(2026, 3, 31)
    assert f.name.startswith(f"{f.name[:2]}_{date.isoformat()}_"), "file names carry the date"


@pytest.mark.parametrize("f", article_files(), ids=lambda f: f.name)
def test_article_length(f: Traversable) -> None:
    assert 250 <= len(article_text(f).split()) <= 600


def test_html_pages_carry_metadata() -> None:
    for f in article_files():
        if f.name.endswith(".html"):
            page = parse_html(read(f))
            assert page.meta.get("og:site_name"), f.name
            assert page.h1 and " ".join(page.h1.split()) in page.title, f.name
            assert len(page.paragraphs) >= 8, f.name


def test_dates_span_about_three_weeks() -> None:
    dates = sorted(headline_and_date(f)[1] for f in article_files())
    assert 14 <= (dates[-1] - dates[0]).days <= 28


def test_readme_lists_every_article() -> None:
    readme = read(demo_dir() / "README.md")
    listed = dict(re.findall(r"^\| `([^`]+)` \| (\d{4}-\d{2}-\d{2}) \|", readme, flags=re.M))
    assert set(listed) == {f.name for f in article_files()}
    for f in article_files():
        assert listed[f.name] == headline_and_date(f)[1].isoformat(), f.name


def test_boilerplate_is_present_for_the_cleaner() -> None:
    texts = "\n".join(read(f) for f in article_files())
    for marker in (
        "Share this article",
        "Picture: Supplied",
        "You May Also Like",
        "Leave a Reply",
        "More news:",
    ):
        assert marker in texts, marker


def test_only_the_syndicated_pair_is_near_duplicate() -> None:
    sh = {f.name: shingles(article_text(f)) for f in article_files()}
    assert sh.keys() >= SYNDICATED_PAIR
    for a, b in itertools.combinations(sorted(sh), 2):
        score = jaccard(sh[a], sh[b])
        if {a, b} == SYNDICATED_PAIR:
            assert score > NEAR_DUPLICATE_MIN, (a, b, score)
        else:
            assert score < DISTINCT_MAX, (a, b, score)
