"""Figures for one concept across articles, and when two of them conflict.

Concepts are grouped by a *family*: the counted head noun folded into a synonym class ("fighters",
"militants", "jihadists" → ``fighter``) plus the entity the concept names, resolved through the
alias table ("IS fighters" = "ISIS fighters" = "Islamic State fighters"). A bare "militants" has no
entity and so is compatible with any entity's fighters of the same class.

Two figures conflict when their concepts are compatible, their scopes overlap (same or overlapping
places, same time when both say one, same rate and unit) and the value intervals their qualifiers
allow do not overlap: "fewer than 1,000" is ``[0, 1000]`` and "28,000 to 32,000" is
``[28000, 32000]``, so they conflict; "about 5,000" (±15%) and "5,200" do not.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from counterclaim.link.aliases import fold

# Synonym classes of counted nouns (singular, as ``repository.concept_key`` leaves them).
HEAD_CLASSES: dict[str, str] = {}
for _cls, _words in {
    "fighter": "fighter militant jihadist combatant insurgent extremist guerrilla rebel terrorist gunman",
    "death": "death dead killed kill executed fatality victim body toll life",
    "hostage": "hostage captive abductee kidnapped abducted",
    "civilian": "civilian",
    "refugee": "refugee displaced evacuee",
    "soldier": "soldier troop serviceman",
    "detainee": "detainee detained arrest arrested held jailed imprisoned prisoner suspect",
    "family": "family",
}.items():
    for _w in _words.split():
        HEAD_CLASSES[_w] = _cls
_MODIFIERS = {"active", "remaining", "estimated", "total", "more", "other", "foreign", "armed", "suspected"}


@dataclass(frozen=True, slots=True)
class ConceptFamily:
    """What a figure counts: a head class and, optionally, whose (an entity id)."""

    head: str
    entity_id: int | None = None
    rest: str = ""  # other words, kept for concepts without a known head

    @property
    def key(self) -> str:
        return f"{self.head}@{self.entity_id}" if self.entity_id is not None else self.head

    def compatible(self, other: ConceptFamily) -> bool:
        if self.head != other.head:
            return False
        return self.entity_id is None or other.entity_id is None or self.entity_id == other.entity_id


def concept_family(concept_key: str | None, lookup: Callable[[str], int | None]) -> ConceptFamily | None:
    """The family of a normalised concept key, resolving entity names with ``lookup``.

    >>> concept_family("isis fighter", {"isis": 7}.get) == concept_family("islamic state militant", {"islamic state": 7}.get)
    True
    """
    if not concept_key:
        return None
    words = fold(concept_key).split()
    if not words:
        return None
    head = None
    head_at = len(words)
    for i in range(len(words) - 1, -1, -1):
        if words[i] in HEAD_CLASSES:
            head, head_at = HEAD_CLASSES[words[i]], i
            break
    entity_id = None
    before = [w for w in words[:head_at] if w not in _MODIFIERS]
    for n in range(len(before), 0, -1):
        for i in range(len(before) - n + 1):
            phrase = " ".join(before[i : i + n])
            # The concept key is singularised word by word, so "ISIS fighters" arrives as "isi fighter".
            eid = lookup(phrase)
            if eid is None:
                eid = lookup(phrase + "s")
            if eid is not None:
                entity_id = eid
                break
        if entity_id is not None:
            break
    if head is None:
        return ConceptFamily(head=" ".join(w for w in words if w not in _MODIFIERS) or words[-1], entity_id=None)
    return ConceptFamily(head=head, entity_id=entity_id)


def interval(value: float | None, low: float | None, high: float | None, qualifier: str | None,
             vague: bool = False) -> tuple[float, float] | None:
    """The values a figure allows, given its qualifier (``None`` for vague or missing values)."""
    if vague:
        return None
    if low is not None and high is not None:
        return (min(low, high), max(low, high))
    if value is None:
        return None
    q = qualifier or "="
    if q == "~":
        return (value * 0.85, value * 1.15)
    if q == "<":
        return (0.0, value)
    if q == ">":
        return (value, math.inf)
    if q == "up":
        return (0.0, value)
    if q == "down":
        return (value, math.inf)
    return (value * 0.98, value * 1.02)


def scope_words(place: str | None) -> set[str]:
    """Place scope as a set of name keys ("Iraq and Syria" → {"iraq", "syria"})."""
    if not place:
        return set()
    text = fold(place)
    for prefix in ("in ", "at ", "near ", "across ", "around ", "inside ", "within "):
        if text.startswith(prefix):
            text = text[len(prefix):]
    parts = [p.strip() for p in text.replace(" and ", ",").replace(" or ", ",").split(",")]
    out = set()
    for p in parts:
        words = [w for w in p.split() if w not in ("the", "of", "province", "region", "area", "town", "city", "alone")]
        if words:
            out.add(" ".join(words))
    return out


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure as the conflict check sees it."""

    id: int
    family: ConceptFamily | None
    span: tuple[float, float] | None
    places: frozenset[str]
    time: str | None
    per: str | None
    unit: str | None
    currency: str | None


def same_scope(a: Figure, b: Figure) -> bool:
    if a.per != b.per or (a.currency or None) != (b.currency or None):
        return False
    if a.places and b.places and not (a.places & b.places):
        return False
    return not (a.time and b.time and fold(a.time) != fold(b.time))


def conflict(a: Figure, b: Figure) -> bool:
    """True when two figures speak of the same thing in the same scope and cannot both be right."""
    if a.family is None or b.family is None or not a.family.compatible(b.family):
        return False
    if a.span is None or b.span is None or not same_scope(a, b):
        return False
    return a.span[1] < b.span[0] or b.span[1] < a.span[0]


def conflicts(figures: Iterable[Figure]) -> dict[int, list[int]]:
    """For each figure id, the ids it conflicts with (pairwise; callers bound the group size)."""
    items = list(figures)
    out: dict[int, list[int]] = {f.id: [] for f in items}
    for i, a in enumerate(items):
        for b in items[i + 1 :]:
            if conflict(a, b):
                out[a.id].append(b.id)
                out[b.id].append(a.id)
    return out


def any_conflict(figures: Iterable[Figure]) -> bool:
    """Whether any two figures conflict (stops at the first pair)."""
    items = list(figures)
    return any(conflict(a, b) for i, a in enumerate(items) for b in items[i + 1 :])
