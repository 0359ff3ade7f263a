"""Title, date and publisher from plain text, with confidence."""

from __future__ import annotations

import pytest

from counterclaim.clean import clean_text
from counterclaim.clean.metadata import normalise_date, publisher_from_url

BODY = "The port authority said 60 ships were waiting, not 140 as the union claimed.\n"


@pytest.mark.parametrize(
    ("text", "published", "confidence"),
    [
        ("Ships Wait\ndate 2018-10-20\n\n" + BODY, "2018-10-20", "high"),
        ("Ships Wait\ndate: October 20, 2018\n\n" + BODY, "2018-10-20", "high"),
        (" date 2018-10-20 A caption of the scene. Picture: Supplied\n\n" + BODY, "2018-10-20", "high"),
        ("Ships Wait\nPublished: 19 October 2018\n\n" + BODY, "2018-10-19", "medium"),
        ("MOSCOW, Oct. 19 (Reuters) - " + BODY + "The talks of Oct. 2, 2018 failed.\n", "2018-10-19", "medium"),
        ("Ships Wait\n\n" + BODY + "Talks on March 3, 2016 and on Jan. 5, 2017 failed.\n", "2017-01-05", "low"),
        ("Ships Wait\n\n" + BODY, None, None),
        # a comparison with a year dates the article later; its bare "May 1" is then in that year
        ("Ships Wait\n\nA photo issued Nov. 5, 2019.\nTraffic is down compared to this time in 2019. "
         "A strike on May 1 closed the port.\n", "2020-05-01", "low"),
        # without such a comparison a bare month-day is not dated
        ("Ships Wait\n\nTalks on Jan. 5, 2017 failed. A strike on May 1 closed the port.\n", "2017-01-05", "low"),
    ],
)
def test_date_and_confidence(text: str, published: str | None, confidence: str | None) -> None:
    article = clean_text(text, source="t.txt")
    assert (article.published, article.date_confidence) == (published, confidence)


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("title: Ships Wait Outside Portvale\n\n" + BODY, "Ships Wait Outside Portvale"),
        ("Accessibility links\n\nShips Wait Outside Portvale \u00a0\n\n" + BODY, "Ships Wait Outside Portvale"),
        (BODY + "More text follows here.\n", BODY.strip()),
        ("The port said 60 ships waited. The union said 140 did.\n", "The port said 60 ships waited."),
    ],
)
def test_title(text: str, title: str) -> None:
    assert clean_text(text, source="t.txt").title == title


@pytest.mark.parametrize(
    ("text", "publisher"),
    [
        ("LONDON (Reuters) - " + BODY, "Reuters"),
        ("MOSCOW, October 19. /TASS/. " + BODY, "TASS"),
        ("WASHINGTON (AP) — " + BODY, "AP"),
        ("publisher: Portvale Gazette\n" + BODY, "Portvale Gazette"),
        ("ALSGRAD, March 3, 2026 (Continental Wire) - " + BODY, "Continental Wire"),
        ("Ships Wait\ndate 2026-03-04\n\nALSGRAD, 4 March (KNA) - " + BODY, "KNA"),
        ("Ships Wait\n\nBy Marek Selden | Riverline Daily\n\n" + BODY, "Riverline Daily"),
        ("Ships Wait\n\nNorthline Monitor | Analysis | By Petra Lund\n\n" + BODY, "Northline Monitor"),
        ("Ships Wait\n\nPorts | Shipping | Weather\n\n" + BODY, None),  # navigation, no byline
        ("Kostel (Upper Sarne) is flooded, officials said.\n" + BODY, None),  # a parenthesis, no credit
        (BODY, None),
    ],
)
def test_publisher(text: str, publisher: str | None) -> None:
    assert clean_text(text, source="t.txt").publisher == publisher


def test_given_metadata_wins() -> None:
    article = clean_text("title: A\ndate 2001-01-01\n" + BODY, source="t", title="B", published="2020-02-03T10:00:00Z", publisher="P")
    assert (article.title, article.published, article.date_confidence, article.publisher) == ("B", "2020-02-03", "high", "P")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2018-10-20", "2018-10-20"),
        ("2018-10-20T23:59:00Z", "2018-10-20"),
        ("Sat, 20 Oct 2018 10:00:00 GMT", "2018-10-20"),
        ("October 20, 2018", "2018-10-20"),
        ("20th Oct 2018", "2018-10-20"),
        ("2018-02-30", None),
        ("yesterday", None),
        ("", None),
        (None, None),
    ],
)
def test_normalise_date(value: str | None, expected: str | None) -> None:
    assert normalise_date(value) == expected


def test_publisher_from_url() -> None:
    assert publisher_from_url("https://www.voanews.com/a/story.html") == "VOA"
    assert publisher_from_url("https://edition.cnn.com/2020/x") == "CNN"
    assert publisher_from_url("https://unknown.example/x") is None
    assert publisher_from_url("http://[::1") is None
