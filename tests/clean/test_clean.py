"""clean(): HTML and plain text end to end, language, length, hints, and the five seed articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from counterclaim.clean import clean
from counterclaim.errors import Code
from counterclaim.settings import Settings
from counterclaim.types import Article, RawDocument, Skipped

DATA = Path(__file__).resolve().parents[1] / "data"
PAGE = (DATA / "ingest" / "article.html").read_bytes()


def text_doc(text: str, **hints: str) -> RawDocument:
    return RawDocument(source="t.txt", content=text.encode("utf-8"), kind="text", hints=hints)


def test_html_page_gives_main_text_and_metadata() -> None:
    article = clean(RawDocument("page.html", PAGE, "html", url="https://ledger.example/bridge"))
    assert isinstance(article, Article) and article.kind == "html"
    assert article.title == "Council Rejects Claim That Bridge Repairs Will Cost 12 Million"
    assert (article.published, article.date_confidence) == ("2023-05-17", "high")
    assert article.publisher == "Riverton Daily Ledger"
    assert "scare number with no engineering behind it" in article.text
    for furniture in ("Storm warning", "All rights reserved", "Sport"):
        assert furniture not in article.text
    assert article.boilerplate == ()


def test_html_without_an_article_is_no_text() -> None:
    page = b"<html><body><nav><a href='/'>Home</a></nav><p>Hi.</p></body></html>"
    skipped = clean(RawDocument("empty.html", page, "html"))
    assert isinstance(skipped, Skipped) and skipped.code == Code.NO_TEXT.value


@pytest.mark.parametrize(
    "sentence",
    [
        "Unemployment fell to 4.1 percent in March.",
        "Sales rose 3% to $1.2 billion.",
        "Robertson added that 700 was too many.",
    ],
)
def test_single_english_sentence_is_kept(sentence: str) -> None:
    article = clean(text_doc(sentence))
    assert isinstance(article, Article) and article.text == sentence and article.language == "en"


def test_only_boilerplate_is_no_text() -> None:
    skipped = clean(text_doc("Accessibility links\n\nBreaking News\n\nXS\nSM\nMD\nLG\n"))
    assert isinstance(skipped, Skipped) and skipped.code == Code.NO_TEXT.value


def test_whitespace_is_empty() -> None:
    skipped = clean(text_doc(" \n\t\n"))
    assert isinstance(skipped, Skipped) and skipped.code == Code.EMPTY.value


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Le conseil municipal a rejeté mardi l'estimation de l'opposition sur le coût des travaux du pont.", "fr"),
        ("Der Stadtrat hat am Dienstag die Schätzung der Opposition zu den Kosten der Brückenreparatur abgelehnt.", "de"),
    ],
)
def test_non_english_is_skipped_with_the_language_named(text: str, lang: str) -> None:
    skipped = clean(text_doc(text))
    assert isinstance(skipped, Skipped) and skipped.code == Code.NOT_ENGLISH.value and repr(lang) in skipped.reason
    kept = clean(text_doc(text), Settings(english_only=False))
    assert isinstance(kept, Article) and kept.language == lang


def test_hints_fill_gaps_but_the_text_header_wins() -> None:
    body = "The port authority said 60 ships were waiting, not 140 as the union claimed on Friday.\n"
    hinted = clean(text_doc(body, title="Feed Title", published="Mon, 01 Apr 2024 09:00:00 GMT", publisher="Feed"))
    assert isinstance(hinted, Article)
    assert (hinted.title, hinted.published, hinted.date_confidence, hinted.publisher) == ("Feed Title", "2024-04-01", "high", "Feed")
    stated = clean(text_doc("title: Own Title\ndate 2024-03-30\n" + body, title="Feed Title", published="2024-04-01"))
    assert isinstance(stated, Article) and (stated.title, stated.published) == ("Own Title", "2024-03-30")


def test_clean_never_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    import counterclaim.clean as clean_module

    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("parser bug")

    monkeypatch.setattr(clean_module, "extract_html", explode)
    skipped = clean(RawDocument("page.html", PAGE, "html"))
    assert isinstance(skipped, Skipped) and "parser bug" in skipped.reason


def test_seed_articles(seeds_dir: Path) -> None:
    """The five seeds: titles and dates where the text gives them, and their furniture marked."""
    articles = {}
    for path in sorted(seeds_dir.glob("*.txt")):
        article = clean(RawDocument(str(path), path.read_bytes(), "text"))
        assert isinstance(article, Article), article
        assert article.text == path.read_text(encoding="utf-8")
        articles[path.name[:3]] = article
    assert len(articles) == 5
    for key in ("000", "002", "003", "004"):  # the headline is the first line that is not navigation
        first = next(line.strip() for line in articles[key].text.splitlines()
                     if line.strip() and line.strip() not in ("Accessibility links", "Breaking News"))
        assert articles[key].title == first
    assert (articles["001"].published, articles["001"].date_confidence) == ("2018-10-20", "high")

    def marked_lines(key: str) -> list[str]:
        return [r.slice(articles[key].text) for r in articles[key].boilerplate]

    assert any(m.startswith("Accessibility links") for m in marked_lines("000"))
    assert any("Picture: Supplied" in m for m in marked_lines("001"))
    joined = "\n".join(marked_lines("002"))
    assert "Leave a Reply" in joined and "You May Also Like" in joined and "Photo Credit" in joined
    assert any(m.endswith("XS\nSM\nMD\nLG") for m in marked_lines("003"))
    assert any(m.startswith("More news:") for m in marked_lines("004"))
    for article in articles.values():  # quoted statements are never furniture
        for line in article.text.splitlines():
            if " said" in line and ('"' in line or "“" in line):
                start = article.text.index(line)
                assert not article.is_boilerplate(start, start + len(line)), line[:40]
