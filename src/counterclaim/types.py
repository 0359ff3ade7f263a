"""Typed objects that flow between the pipeline's stages.

ingest → ``RawDocument`` → clean → ``Article`` → analyse → ``Analysis`` (statements, quantities,
mentions) → link → ledger. Offsets are always code-point indices into ``Article.text``, so every item
can be traced back to its exact source sentence. ``to_dict`` field order is output order: the
``extract --jsonl`` lines are produced from these methods and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

SourceKind = Literal["text", "html"]
StatementKind = Literal["direct", "indirect", "mixed"]
Stance = Literal["asserts", "disputes", "reports", "concedes", "hedges"]
Qualifier = Literal["=", "~", "<", ">", "up", "down"]
EntityType = Literal["person", "organisation", "place", "country", "side", "other"]


@dataclass(frozen=True, slots=True)
class TextRange:
    """A half-open ``[start, end)`` range of code points into an article's text."""

    start: int
    end: int

    def slice(self, text: str) -> str:
        return text[self.start : self.end]

    def __len__(self) -> int:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class Span:
    """A range plus the text it covers, as the JSON contract shows spans."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        return cls(start, end, text[start:end])

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Span:
        return cls(int(d["start"]), int(d["end"]), str(d["text"]))


@dataclass(frozen=True, slots=True)
class RawDocument:
    """What a source yields before cleaning: bytes or text, plus any metadata the source carried.

    ``hints`` holds metadata that came with the item (a feed entry's title and date, a JSONL record's
    publisher, a WARC record's target URI); cleaning prefers what it finds in the document itself.
    """

    source: str
    content: bytes
    kind: SourceKind
    url: str | None = None
    hints: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Skipped:
    """A per-item outcome that is not a result: why an input was not used, and what to do next."""

    source: str
    code: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "error": f"{self.code}: {self.reason}"}


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article. For plain text, ``text`` is the decoded input; boilerplate is only marked."""

    source: str
    text: str
    kind: SourceKind
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD
    date_confidence: Literal["high", "medium", "low"] | None = None
    publisher: str | None = None
    url: str | None = None
    language: str = "en"
    boilerplate: tuple[TextRange, ...] = ()
    content_hash: str = ""

    def is_boilerplate(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` lies wholly inside a marked boilerplate range."""
        return any(r.start <= start and end <= r.end for r in self.boilerplate)


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who made a statement: the mention as written and who it resolves to within the article."""

    mention: Span
    name: str | None = None  # canonical name, e.g. "Sean Robertson"
    kind: Literal["person", "organisation", "group", "unknown"] = "unknown"
    role: str | None = None  # "Pentagon spokesman"
    affiliation: str | None = None  # organisation, e.g. "Pentagon"
    country: str | None = None  # country or side, e.g. "US"
    named: bool = True  # False for anonymous sources ("U.S. officials")

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.mention.to_dict(),
            "name": self.name,
            "kind": self.kind,
            "role": self.role,
            "affiliation": self.affiliation,
            "country": self.country,
            "named": self.named,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Speaker:
        return cls(
            mention=Span.from_dict(d),
            name=d.get("name"),
            kind=d.get("kind", "unknown"),
            role=d.get("role"),
            affiliation=d.get("affiliation"),
            country=d.get("country"),
            named=bool(d.get("named", True)),
        )


@dataclass(frozen=True, slots=True)
class Statement:
    """An attributed statement: speaker, cue, content, kind and the stance of the cue."""

    content: Span
    speaker: Speaker | None
    cue: Span | None
    kind: StatementKind
    stance: Stance
    cue_lemma: str | None = None
    target: Span | None = None  # what a dispute disputes, where the sentence says so
    sentence: TextRange | None = None  # the source sentence(s) the statement comes from

    def to_dict(self) -> dict[str, Any]:
        return {
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "cue": self.cue.to_dict() if self.cue else None,
            "content": self.content.to_dict(),
            "kind": self.kind,
            "stance": self.stance,
            "cue_lemma": self.cue_lemma,
            "target": self.target.to_dict() if self.target else None,
            "sentence": [self.sentence.start, self.sentence.end] if self.sentence else None,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Statement:
        sent = d.get("sentence")
        return cls(
            content=Span.from_dict(d["content"]),
            speaker=Speaker.from_dict(d["speaker"]) if d.get("speaker") else None,
            cue=Span.from_dict(d["cue"]) if d.get("cue") else None,
            kind=d["kind"],
            stance=d["stance"],
            cue_lemma=d.get("cue_lemma"),
            target=Span.from_dict(d["target"]) if d.get("target") else None,
            sentence=TextRange(sent[0], sent[1]) if sent else None,
        )


@dataclass(frozen=True, slots=True)
class Quantity:
    """A quantitative claim: value or range, qualifier, unit and what is counted."""

    start: int
    end: int
    text: str
    value: float | None
    low: float | None = None
    high: float | None = None
    qualifier: Qualifier = "="
    unit: str | None = None  # unit or counted noun, singular lower-case
    concept: str | None = None  # what is measured, e.g. "IS fighters"
    vague: bool = False  # "hundreds", "dozens"
    currency: str | None = None  # ISO code for money
    per: str | None = None  # rate period: "day" for "10 people every day"
    place: str | None = None  # scope in place, "in Hajin"
    time: str | None = None  # scope in time, "in 2019"
    sentence: TextRange | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "value": self.value,
            "low": self.low,
            "high": self.high,
            "qualifier": self.qualifier,
            "unit": self.unit,
            "concept": self.concept,
            "vague": self.vague,
            "currency": self.currency,
            "per": self.per,
            "place": self.place,
            "time": self.time,
            "sentence": [self.sentence.start, self.sentence.end] if self.sentence else None,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Quantity:
        sent = d.get("sentence")
        keys = ("value", "low", "high", "qualifier", "unit", "concept", "vague", "currency", "per", "place", "time")
        return cls(
            start=int(d["start"]),
            end=int(d["end"]),
            text=d["text"],
            sentence=TextRange(sent[0], sent[1]) if sent else None,
            **{k: d[k] for k in keys if k in d},
        )


@dataclass(frozen=True, slots=True)
class Mention:
    """A named-entity mention in an article, resolved to a canonical name within the article."""

    start: int
    end: int
    text: str
    label: str  # spaCy label: PERSON, ORG, GPE, NORP, LOC, FAC
    canonical: str  # in-article canonical form ("Sean Robertson" for "Robertson")

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "label": self.label, "canonical": self.canonical}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Mention:
        return cls(int(d["start"]), int(d["end"]), d["text"], d["label"], d["canonical"])


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything extracted from one article."""

    article: Article
    statements: tuple[Statement, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    mentions: tuple[Mention, ...] = ()
    sentences: tuple[TextRange, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The ``extract --jsonl`` record (see ../shared/eval/CONTRACT.md and docs/json.md)."""
        a = self.article
        return {
            "source": a.source,
            "text": a.text,
            "title": a.title,
            "published": a.published,
            "publisher": a.publisher,
            "url": a.url,
            "boilerplate": [[r.start, r.end] for r in a.boilerplate],
            "statements": [s.to_dict() for s in self.statements],
            "quantities": [q.to_dict() for q in self.quantities],
            "mentions": [m.to_dict() for m in self.mentions],
        }


@dataclass(frozen=True, slots=True)
class IngestOutcome:
    """What happened to one input item during ``ingest``; the summary counts these."""

    source: str
    status: Literal["ingested", "duplicate", "syndicated", "skipped"]
    article_id: int | None = None
    code: str | None = None
    reason: str | None = None
    title: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "status": self.status,
            "article_id": self.article_id,
            "code": self.code,
            "reason": self.reason,
            "title": self.title,
        }
