"""Boilerplate marking on an original scraped fixture: the right lines, valid ranges, nothing deleted."""

from __future__ import annotations

from pathlib import Path

import pytest

from counterclaim.clean import clean_text
from counterclaim.clean.boilerplate import RULES, detect

DATA = Path(__file__).resolve().parents[1] / "data" / "clean"
SCRAPED = (DATA / "scraped.txt").read_text(encoding="utf-8")


def marked() -> dict[str, str]:
    return {line.range.slice(SCRAPED): line.kind for line in detect(SCRAPED)}


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Skip to content", "navigation"),
        ("Accessibility links", "navigation"),
        ("Breaking News", "navigation"),
        ("Share this", "share"),
        ("Tweet", "share"),
        ("XS", "share"),
        ("LG", "share"),
        ("A tugboat guides a cargo ship into Portvale harbour, February 9, 2024.", "caption"),
        ("Dock workers wait beside an idle crane on Friday. Picture: Supplied", "caption"),
        ("Photo: Harbour office archive", "caption"),
        ("More news: Check Out These Five Stocks Set to Soar This Week", "spam"),
        ("Leave a Reply", "comments"),
        ("Your email address will not be published. Required fields are marked *", "comments"),
        ("You May Also Like", "related"),
        ("Ferry Timetable Changes Announced for Spring", "related"),
        ("Ten Lighthouses You Should Visit…", "related"),
        ("title: Harbour Authority Disputes Count of Stranded Ships", "metadata"),
        ("date 2024-02-11", "metadata"),
    ],
)
def test_furniture_is_marked(line: str, kind: str) -> None:
    assert marked().get(line) == kind
    assert "We use cookies" in " ".join(k for k, v in marked().items() if v == "cookie")


@pytest.mark.parametrize(
    "prefix",
    [
        "PORTVALE, Feb. 10 (Reuters)",
        '"We have counted every hull',
        "The union's spokesman, Teodor Lind",
        "Union members say the backlog",
        "The authority said repairs",
    ],
)
def test_article_lines_are_not_marked(prefix: str) -> None:
    assert not any(text.startswith(prefix) for text in marked())


def test_ranges_index_the_unchanged_text() -> None:
    article = clean_text(SCRAPED, source="scraped.txt")
    assert article.text == SCRAPED
    ends = [0]
    for rng in article.boilerplate:
        assert ends[-1] <= rng.start < rng.end <= len(SCRAPED)
        assert rng.slice(SCRAPED) == rng.slice(SCRAPED).strip()
        ends.append(rng.end)
    start = SCRAPED.index("Ferry Timetable")
    assert article.is_boilerplate(start, start + 10)
    quote = SCRAPED.index('"We have counted')
    assert not article.is_boilerplate(quote, quote + 20)


def test_link_list_ends_at_prose() -> None:
    text = "Related\nFirst Teaser Headline Here\nSecond Teaser\n" + (
        "The mayor said on Friday that the new tram line would open in May and carry 20,000 passengers a day.\n"
    )
    lines = {line.range.slice(text): line.kind for line in detect(text)}
    assert lines == {"Related": "related", "First Teaser Headline Here": "related", "Second Teaser": "related"}


def test_repeated_line_is_a_caption_but_short_repeats_are_not() -> None:
    text = "Soldiers stand guard at the border crossing.\nBody.\nSoldiers stand guard at the border crossing.\nYes.\nYes.\n"
    assert {line.range.slice(text) for line in detect(text)} == {"Soldiers stand guard at the border crossing."}


def test_rules_are_data() -> None:
    kinds = {kind for kind, *_ in RULES}
    assert {"navigation", "share", "caption", "comments", "related", "spam", "cookie", "metadata"} <= kinds
