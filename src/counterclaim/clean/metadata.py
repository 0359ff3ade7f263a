"""Title, date and publisher from plain text, with how far each can be trusted.

Scraped text has no markup, so metadata comes from conventions: a header line ("title: …",
"date 2018-10-20"), a wire dateline ("MOSCOW, Oct. 19 (Reuters) -"), a "Published: …" line, or
failing those the first headline-like line and the latest date the text mentions. The confidence
tells later stages (and the reader) which of these it was: a header is ``high``, a dateline
``medium``, a date merely found in the text ``low``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from typing import Literal
from urllib.parse import urlsplit

from counterclaim.clean.boilerplate import BoilerplateLine, iter_lines
from counterclaim.types import TextRange

Confidence = Literal["high", "medium", "low"]

MONTHS: dict[str, int] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = (
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_MONTH_UNNAMED = _MONTH.replace("(?P<month>", "(?:")  # the same months, for a pattern that names them once already
# Full dates written in the text, most specific first.
DATE_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>\d{1,2})-(?P<day>\d{1,2})\b"),
    re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?[,.]?\s+(?P<year>(?:19|20)\d\d)\b"),
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<year>(?:19|20)\d\d)\b"),
)
# Phrases that place the article after a year: "compared to this time in 2019", "since the same
# period last year" does not name one. The article is then written in a later year than that.
LATER_THAN_YEAR = re.compile(
    r"\b(?:this time|the same (?:time|period)|this point|compared (?:to|with))\s+(?:in\s+|of\s+)?"
    r"(?P<year>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
# A month and day without a year ("an operation on May 1 resulted ..."): in the article's own year.
BARE_DAY = re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?![,.]?\s*(?:19|20)\d\d)")
# Header lines that state the metadata outright.
HEADER_TITLE = re.compile(r"^(?:title|headline)\s*:\s*(?P<value>\S.*)$", re.IGNORECASE)
HEADER_DATE = re.compile(r"^(?:date|dated)\s*:?\s*(?P<value>\S.*)$", re.IGNORECASE)
HEADER_PUBLISHED = re.compile(r"^(?:published|updated|posted)(?:\s+on)?\s*:?\s*(?P<value>\S.*)$", re.IGNORECASE)
HEADER_PUBLISHER = re.compile(r"^(?:publisher|source|site)\s*:\s*(?P<value>\S.{0,80})$", re.IGNORECASE)
HEADER_URL = re.compile(r"^(?:url|link)\s*:\s*(?P<value>https?://\S+)", re.IGNORECASE)

# Wire credits: the agency named in a dateline is the publisher of the copy.
WIRES: dict[str, str] = {
    "reuters": "Reuters", "ap": "AP", "afp": "AFP", "upi": "UPI", "bloomberg": "Bloomberg",
    "tass": "TASS", "xinhua": "Xinhua", "dpa": "dpa", "ians": "IANS", "pti": "PTI", "cnn": "CNN",
}
DATELINE = re.compile(
    rf"^(?P<place>[A-Z][A-Za-z .'’-]{{1,40}}?)(?:,\s*[A-Za-z .]{{2,30}}?)?"
    rf"(?:,\s*{_MONTH}\s+(?P<day>\d{{1,2}})(?:,\s*(?P<year>(?:19|20)\d\d))?"
    rf"|,\s*\d{{1,2}}\s+{_MONTH_UNNAMED})?\.?\s*"
    r"(?:\((?P<wire>Reuters|AP|AFP|UPI|Bloomberg|TASS|Xinhua|dpa|IANS|PTI|CNN)\)|/(?P<slash>TASS)/\.?"
    # any agency that credits itself the same way: "ALSGRAD, March 3, 2026 (Continental Wire) -"
    r"|\((?P<agency>[A-Z][A-Za-z&.'’ -]{1,40}?)\)(?=\s*[-—–]))\s*[-—–:]?"
)


def wire_dateline(line: str) -> re.Match[str] | None:
    """The dateline opening ``line`` when it credits a wire or agency ("MOSCOW, Oct. 19 (Reuters) -")."""
    m = DATELINE.match(line)
    return m if m is not None and (m["wire"] or m["slash"] or m["agency"]) else None


# A masthead line: "By Marek Selden | Riverline Daily", "Northline Monitor | Analysis | By Petra Lund"
_BYLINE_PART = re.compile(r"^By\s+[A-Z]")
_NAME_PART = re.compile(r"^(?:The\s+)?[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*)+$")
# Publishers by web domain (the registrable part); extend freely.
DOMAINS: dict[str, str] = {
    "voanews.com": "VOA", "reuters.com": "Reuters", "apnews.com": "AP", "tass.com": "TASS",
    "tass.ru": "TASS", "thesun.co.uk": "The Sun", "bbc.co.uk": "BBC", "bbc.com": "BBC",
    "cnn.com": "CNN", "nytimes.com": "The New York Times", "washingtonpost.com": "The Washington Post",
    "theguardian.com": "The Guardian", "aljazeera.com": "Al Jazeera", "rt.com": "RT",
    "foxnews.com": "Fox News", "nbcnews.com": "NBC News", "news.com.au": "news.com.au",
    "france24.com": "France 24", "dw.com": "DW", "afp.com": "AFP", "bloomberg.com": "Bloomberg",
    "telegraph.co.uk": "The Telegraph", "independent.co.uk": "The Independent", "time.com": "Time",
    "nypost.com": "New York Post", "wsj.com": "The Wall Street Journal", "npr.org": "NPR",
    "sputniknews.com": "Sputnik", "xinhuanet.com": "Xinhua", "dailymail.co.uk": "Daily Mail",
}
TITLE_MAX_CHARS = 200
_SENTENCE_BREAK = re.compile(r"(?<=[a-z0-9][.!?])[\"”’]?\s+(?=[A-Z“\"])")


@dataclass(frozen=True, slots=True)
class TextMetadata:
    """What the text itself says about its title, date and publisher."""

    title: str | None = None
    published: str | None = None  # YYYY-MM-DD
    date_confidence: Confidence | None = None
    publisher: str | None = None
    title_from_header: bool = False  # a "title: …" line, rather than a guess from the first line


def _to_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _match_date(match: re.Match[str]) -> date | None:
    parts = match.groupdict()
    month = int(parts["mnum"]) if parts.get("mnum") else MONTHS[parts["month"][:3].lower()]
    return _to_date(int(parts["year"]), month, int(parts["day"]))


def find_dates(text: str) -> list[date]:
    """Every full calendar date written in ``text`` (ISO, "Oct. 18, 2018", "18 October 2018")."""
    found: list[date] = []
    for pattern in DATE_PATTERNS:
        found.extend(d for d in (_match_date(m) for m in pattern.finditer(text)) if d)
    return found


def normalise_date(value: str | None) -> str | None:
    """Any common date string (ISO, RFC 822 as in feeds, "October 20, 2018") → YYYY-MM-DD, else None."""
    if not value or not value.strip():
        return None
    value = value.strip()
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    dates = find_dates(value)
    return dates[0].isoformat() if dates else None


def _masthead_publisher(line: str) -> str | None:
    """The outlet named beside a byline on a short "|"-separated line, if the line is one."""
    if "|" not in line or len(line) > 100:
        return None
    parts = [p.strip() for p in line.split("|")]
    if not any(_BYLINE_PART.match(p) for p in parts):
        return None
    return next((p for p in parts if not _BYLINE_PART.match(p) and _NAME_PART.match(p)), None)


def publisher_from_url(url: str | None) -> str | None:
    """A publisher's name from its web domain, when the domain is one we know."""
    if not url:
        return None
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return None
    parts = host.split(".")
    for i in range(len(parts) - 1):
        name = DOMAINS.get(".".join(parts[i:]))
        if name:
            return name
    return None


def _first_sentence(line: str) -> str:
    sentence = _SENTENCE_BREAK.split(line, maxsplit=1)[0].strip()
    if len(sentence) > TITLE_MAX_CHARS:
        cut = sentence[:TITLE_MAX_CHARS].rsplit(" ", 1)[0]
        sentence = cut.rstrip(",;:") + "…"
    return sentence


def _is_headline_like(line: str) -> bool:
    return len(line.split()) >= 3 and any(c.isalpha() for c in line)


def _guess_date(text: str, mentioned: list[date]) -> date | None:
    """The best low-confidence date: the latest date the text writes, unless it speaks of a later year.

    An article is written after the events it dates, so the latest full date is a floor. When the
    text compares with a year ("down compared to this time in 2019") it was written after that year;
    then the latest month-and-day it writes without a year ("on May 1") is dated in the next one.
    """
    latest = max(mentioned) if mentioned else None
    later_than = [int(m["year"]) for m in LATER_THAN_YEAR.finditer(text)]
    year = max(later_than) + 1 if later_than else None
    if year and (latest is None or latest.year < year):
        days = [_to_date(year, MONTHS[m["month"][:3].lower()], int(m["day"])) for m in BARE_DAY.finditer(text)]
        in_year = [d for d in days if d]
        if in_year:
            return max(in_year)
    return latest


def extract_metadata(text: str, boilerplate: list[BoilerplateLine], url: str | None = None) -> TextMetadata:
    """Read title, date (with confidence) and publisher from plain ``text``.

    ``boilerplate`` is what ``boilerplate.detect`` marked: header lines are read even when marked
    (they are boilerplate *because* they are metadata), but a title is never taken from a caption.
    """
    marked = {b.range: b for b in boilerplate}
    lines: list[tuple[TextRange, str]] = [(r, r.slice(text)) for r in iter_lines(text)]
    title = published = publisher = None
    title_from_header = False
    confidence: Confidence | None = None
    dateline_day: tuple[int, int] | None = None

    for _rng, line in lines[:12]:  # header fields live at the top
        if title is None and (m := HEADER_TITLE.match(line)):
            title, title_from_header = " ".join(m["value"].split()), True
        if confidence != "high" and (m := HEADER_DATE.match(line)):
            value = m["value"]
            found = find_dates(value[:40]) or find_dates(normalise_date(value[:32]) or "")
            if found:
                published, confidence = found[0].isoformat(), "high"
        if confidence is None and (m := HEADER_PUBLISHED.match(line)):
            found = find_dates(m["value"][:40])
            if found:
                published, confidence = found[0].isoformat(), "medium"
        if publisher is None and (m := HEADER_PUBLISHER.match(line)):
            publisher = m["value"].strip()
        if url is None and (m := HEADER_URL.match(line)):
            url = m["value"]
        if publisher is None:
            publisher = _masthead_publisher(line)
        if m := wire_dateline(line):
            publisher = publisher or WIRES.get((m["wire"] or m["slash"] or "").lower()) or m["agency"]
            if m["month"] and confidence is None:
                month = MONTHS[m["month"][:3].lower()]
                if m["year"]:
                    day = _to_date(int(m["year"]), month, int(m["day"]))
                    if day:
                        published, confidence = day.isoformat(), "medium"
                else:
                    dateline_day = (month, int(m["day"]))

    mentioned = find_dates(text)
    if confidence is None and dateline_day:
        # A dateline omits the year: take the latest year the text writes out in full.
        years = sorted({d.year for d in mentioned}, reverse=True)
        for year in years:
            day = _to_date(year, *dateline_day)
            if day:
                published, confidence = day.isoformat(), "medium"
                break
    if confidence is None:
        guess = _guess_date(text, mentioned)
        if guess:
            published, confidence = guess.isoformat(), "low"

    if title is None:
        for rng, line in lines:
            if rng in marked or (DATELINE.match(line) and len(line) < 60):
                continue
            if _is_headline_like(line):
                title = _first_sentence(" ".join(line.split()))
                break
    publisher = publisher or publisher_from_url(url)
    return TextMetadata(
        title=title,
        published=published,
        date_confidence=confidence,
        publisher=publisher,
        title_from_header=title_from_header,
    )
