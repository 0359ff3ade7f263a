"""Line-level boilerplate detection for scraped plain text: mark, never delete.

Scraped news text keeps the page furniture around the article: navigation ("Accessibility links"),
text-size toggles ("XS SM MD LG"), photo captions and credits, comment forms, "You May Also Like"
link lists, spam lines and cookie notices. Deleting them would shift every offset, so this module
only returns ``TextRange``s into the original text (``Article.boilerplate``); later stages skip
statements that fall inside them, and the offsets stay valid into the file as it was given.

The heuristics are data (``RULES``), kept apart from the logic (``detect``), as trafilatura keeps
its XPath expressions apart from its extractor: add a pattern, not a branch.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from counterclaim.types import TextRange

_I = re.IGNORECASE
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_SOCIAL = r"(?:facebook|twitter|x|email|e-mail|print|whatsapp|linkedin|reddit|pinterest|share|tweet|messenger|telegram|flipboard|copy link)"

# (kind, name, pattern, flags, starts_block). Patterns are searched in the stripped line.
# ``starts_block``: the short, title-like lines that follow belong to the same block (link lists,
# comment forms), until a line of prose.
RULES: tuple[tuple[str, str, str, int, bool], ...] = (
    # page navigation
    ("navigation", "nav-line",
     r"^(?:accessibility links|skip to (?:main )?content|skip to (?:navigation|search)|breaking news|"
     r"main menu|menu|home|search|sign in|log ?in|sections|top stories|latest news|trending(?: now)?|"
     r"watch live|live tv|advertisement|advertising|sponsored(?: content)?|close|back to top)\s*:?$", _I, False),
    # text-size toggles and share bars
    ("share", "size-toggle", r"^(?:(?:XXS|XS|SM|MD|LG|XL|XXL)\b[\s|]*)+$", 0, False),
    ("share", "share-bar", rf"^(?:{_SOCIAL}\b[\s|,•·/]*)+$", _I, False),
    ("share", "share-prompt", r"^(?:share this(?: article| story| page)?|share on \w+|\d+\s+shares?)\s*:?$", _I, False),
    # photo captions and credits
    ("caption", "credit-tail",
     r"\b(?:picture|photo(?:graph)?|image|video|pic)\s*(?:credit)?\s*[:|]\s*\S.{0,80}$", _I, False),
    ("caption", "photo-credit", r"\|\s*photo credit\b.{0,60}$|^photo credit\b", _I, False),
    ("caption", "caption-prefix",
     r"^(?:image copyright|image caption|media caption|copyright image|getty images|file photo\b|"
     r"file\s+[-–—]\s|photo\s*[:/]|picture\s*:|caption\s*:)", _I, False),
    ("caption", "agency-credit", r"(?:\((?:photo|picture|image)\b[^)]{0,80}\)|\b(?:REUTERS|AFP|AP Photo)/\s?[A-Z]\w+[^.]{0,40})\s*$", 0, False),
    ("caption", "dated-caption", rf"^[^\"“”]{{20,260}},\s+(?:on\s+)?{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}\.?$", 0, False),
    # comment forms
    ("comments", "comment-form",
     r"^(?:leave a (?:reply|comment)|post a comment|add a comment|join the (?:conversation|discussion)|"
     r"\d+\s+comments?|comments?|cancel reply)\s*:?$", _I, True),
    ("comments", "comment-fields",
     r"^(?:your email address will not be published|required fields are marked|save my name, email|"
     r"post comment|notify me of (?:follow-up|new) (?:comments|posts)|name\s*\*|email\s*\*|website\s*$)", _I, False),
    # link lists: the heading, then the short title-like lines after it
    ("related", "related-heading",
     r"^(?:you (?:may|might) also like|related(?: stories| articles| posts| coverage| news| content| topics| links)?|"
     r"read more|read next|more from [\w ]{1,40}|recommended(?: for you)?|most (?:popular|read|viewed)|"
     r"more stories|also read|see also|popular now|what to read next|more on this(?: story)?|"
     r"around the web|from the web|promoted stories|editor'?s picks)\s*:?$", _I, True),
    ("related", "inline-link", r"^(?:read more|related|also read|see also|watch|listen|read next)\s*:\s*\S", _I, False),
    # spam and promotion
    ("spam", "more-news", r"^more news\s*:", _I, False),
    ("spam", "promo",
     r"^(?:check out\b.{0,80}$|click here\b|sign up\b|subscribe (?:now|today|to|for)\b|download (?:our|the) app\b|"
     r"follow us on\b|get our newsletter\b)", _I, False),
    # cookie notices and legal footers
    ("cookie", "cookie-notice",
     r"\b(?:we use cookies|this (?:web)?site uses cookies|cookie (?:policy|settings|preferences)|"
     r"accept (?:all )?cookies|by continuing to (?:use|browse) this)\b", _I, False),
    ("legal", "copyright", r"^(?:©|copyright\s*(?:©|\(c\))?\s*\d{4}|all rights reserved\b)", _I, False),
    # header lines carrying metadata rather than article text ("title: …", "date 2018-10-20 …")
    ("metadata", "header-field", r"^(?:title|headline|source|publisher|author|byline|url|link)\s*:\s*\S", _I, False),
    ("metadata", "date-field", r"^(?:date|dated|published|updated|posted)\s*(?::\s*\S|\s+\d)", _I, False),
)
_COMPILED = tuple((kind, name, re.compile(pattern, flags), block) for kind, name, pattern, flags, block in RULES)

DUPLICATE_MIN_CHARS = 20  # a repeated line shorter than this may be a legitimate refrain ("No.")
PROSE_MIN_WORDS = 15  # a block of links ends at the first line of real prose
PROSE_MIN_CHARS = 200
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*$")


@dataclass(frozen=True, slots=True)
class BoilerplateLine:
    """One marked line: where it is, what kind of furniture it is, and which rule said so."""

    range: TextRange
    kind: str
    rule: str


def iter_lines(text: str) -> list[TextRange]:
    """Each non-blank line as the range of its stripped content (no newline, no edge spaces)."""
    ranges: list[TextRange] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            start = pos + (len(line) - len(line.lstrip()))
            ranges.append(TextRange(start, start + len(stripped)))
        pos += len(line)
    return ranges


def _match(line: str) -> tuple[str, str, bool] | None:
    for kind, name, pattern, block in _COMPILED:
        if pattern.search(line):
            return kind, name, block
    return None


def _is_prose(line: str) -> bool:
    words = len(line.split())
    return len(line) >= PROSE_MIN_CHARS or (words >= PROSE_MIN_WORDS and bool(_SENTENCE_END.search(line)))


def detect(text: str) -> list[BoilerplateLine]:
    """Mark the boilerplate lines of ``text``, in order. Never raises on any string."""
    lines = iter_lines(text)
    contents = [r.slice(text) for r in lines]
    counts = Counter(c for c in contents if len(c) >= DUPLICATE_MIN_CHARS)
    marked: list[BoilerplateLine] = []
    block: str | None = None  # kind of the open link-list/comment block, if any
    for rng, content in zip(lines, contents, strict=True):
        hit = _match(content)
        if hit:
            kind, name, starts_block = hit
            marked.append(BoilerplateLine(rng, kind, name))
            if starts_block:
                block = kind
            continue
        if counts[content] > 1:  # a caption repeated under the photo, or a pull quote
            marked.append(BoilerplateLine(rng, "caption", "duplicate-line"))
            continue
        if block and not _is_prose(content):
            marked.append(BoilerplateLine(rng, block, "block-item"))
            continue
        block = None
    return marked


def merge(lines: list[BoilerplateLine], text: str) -> tuple[TextRange, ...]:
    """Join marked lines separated only by whitespace, so a caption block is one range."""
    merged: list[TextRange] = []
    for line in lines:
        rng = line.range
        if merged and not text[merged[-1].end : rng.start].strip():
            merged[-1] = TextRange(merged[-1].start, rng.end)
        else:
            merged.append(rng)
    return tuple(merged)


def boilerplate_ranges(text: str) -> tuple[TextRange, ...]:
    """The merged boilerplate ranges of ``text``: what ``Article.boilerplate`` holds for plain text."""
    return merge(detect(text), text)
