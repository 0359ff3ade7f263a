"""Canonical entities across articles: aliases, types, affiliations and sides, learned incrementally.

Each article's mentions and speakers are resolved to an entity in ``entities`` through the keys in
``aliases`` (see :func:`counterclaim.link.aliases.name_key`). What is not found exactly is tried as
a surname of a known person ("Robertson" → "Sean Robertson", when only one person has that surname),
then as a transliteration variant ("Deir al-Zor" ~ "Deir el-Zour"), and only then becomes a new entity.
Acronyms are learned from "Syrian Democratic Forces (SDF)" parentheticals, demonyms ("Korvenian") from
the countries the articles name, affiliations and countries from speakers ("Pentagon spokesman Cmdr.
Sean Robertson" → Robertson → Pentagon → United States). The side a statement stands on is its
speaker's country, else its organisation's country, else the speaker itself (an armed group is its
own side).

Precedence: user alias file > learned from articles > built-in seed, so an explicit correction always
wins and the seed only fills gaps.
"""

from __future__ import annotations

import logging
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, delete, not_, select, update
from sqlalchemy.orm import Session

from counterclaim.link.aliases import (
    ORG_HEADS,
    TITLES,
    AliasEntry,
    AliasFile,
    display_name,
    fold,
    fuzzy_block,
    initials,
    name_key,
    seed_aliases,
    similar_keys,
)
from counterclaim.store.ledger_schema import LearnedNameRow
from counterclaim.store.models import AliasRow, ArticleRow, EntityRow, MentionRow, StatementRow

log = logging.getLogger(__name__)

LABEL_TYPES = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place", "FAC": "place", "NORP": "side"}
SPEAKER_TYPES = {"person": "person", "organisation": "organisation", "group": "organisation"}
# Head nouns of in-context references to an organisation ("the terror group", "the militants").
GENERIC_HEADS = {
    "group", "militants", "militant", "jihadists", "jihadist", "terrorists", "terrorist", "rebels", "insurgents",
    "extremists", "fighters", "organisation", "organization", "movement", "front", "ministry", "agency",
    "department", "government", "army", "military", "coalition", "alliance", "force", "forces", "office",
}
_ARMED_HEADS = {"group", "militants", "militant", "jihadists", "jihadist", "terrorists", "terrorist", "rebels",
                "insurgents", "extremists", "fighters", "movement", "front"}
_PARENTHETICAL = re.compile(r"((?:[A-Z][\w'’\-]*|of|the|and|for|al|el|de)(?:\s+(?:[A-Z][\w'’\-]*|of|the|and|for|al|el|de)){1,8})\s*\(([A-Z][A-Za-z]{1,7})\)")
_CAP_RUN = re.compile(r"(?:[A-Z][\w'’\-]*\.?|[a-z]{1,3}-[A-Z][\w'’\-]*)(?:\s+(?:(?:of|the|and|al|el|de|for)\s+)?(?:[A-Z][\w'’\-]*\.?|[a-z]{1,3}-[A-Z][\w'’\-]*))*")
_STATE_WORDS = {"ministry", "government", "army", "military", "navy", "department", "embassy", "defence", "defense",
                "interior", "office", "service", "guard", "guards", "police", "presidency", "parliament", "cabinet",
                "agency", "intelligence", "administration", "authorities", "ministries", "air"}


@dataclass(frozen=True, slots=True)
class Entity:
    """A canonical entity as the read API shows it."""

    id: int
    canonical: str
    type: str
    country: str | None
    affiliation_id: int | None
    role: str | None
    source: str


class EntityResolver:
    """Resolves names to entities in one session, creating and learning as it goes.

    Loads the alias keys once (one query), then keeps its maps in step with every row it adds, so a
    batch of articles costs one load plus the new rows.
    """

    def __init__(self, session: Session) -> None:
        self.session = session
        self.rows: dict[int, EntityRow] = {r.id: r for r in session.scalars(select(EntityRow))}
        self.keys: dict[str, int] = {}
        self.acronyms: set[str] = set()
        self.blocks: dict[str, set[str]] = defaultdict(set)
        self.surnames: dict[str, set[int]] = defaultdict(set)
        self.body_suffixes: dict[str, set[int]] = defaultdict(set)  # "interior ministry" → its full-named bodies
        for alias in session.scalars(select(AliasRow)):
            self._index_key(alias.key, alias.entity_id, alias.alias)
        self.demonyms: dict[str, str] = {}
        for row in session.scalars(select(LearnedNameRow).where(LearnedNameRow.kind == "demonym")):
            self.demonyms[row.key] = row.value

    # ------------------------------------------------------------ index maintenance

    def _index_key(self, key: str, entity_id: int, alias: str) -> None:
        self.keys[key] = entity_id
        if alias.replace(".", "").isupper() and len(key) <= 6:
            self.acronyms.add(key)
        self.blocks[fuzzy_block(key)].add(key)
        tokens = key.split()
        row = self.rows.get(entity_id)
        if len(tokens) >= 2 and row is not None and row.type == "person":
            self.surnames[tokens[-1]].add(entity_id)
        for bare in _bare_bodies(tokens):
            self.body_suffixes[bare].add(entity_id)

    def add_alias(self, entity_id: int, name: str) -> None:
        """Record ``name`` as an alias of the entity, unless its key already means something."""
        key = name_key(name)
        if not key or key in self.keys or not looks_like_name(name):
            return
        self.session.add(AliasRow(entity_id=entity_id, alias=name.strip()[:300], key=key[:300]))
        self._index_key(key, entity_id, name)

    def create(self, name: str, type_: str, *, source: str = "learned") -> int:
        row = EntityRow(canonical=display_name(name)[:300], type=type_, source=source, mention_count=0)
        self.session.add(row)
        self.session.flush()
        self.rows[row.id] = row
        self.add_alias(row.id, name)
        if display_name(name) != name.strip():
            self.add_alias(row.id, display_name(name))
        if type_ == "organisation" and row.country is None:
            row.country = self.country_in_name(name)
        self._absorb_bare_body(row.id)
        return row.id

    def _absorb_bare_body(self, body_id: int) -> None:
        """A bare "Interior Ministry" learned before "Korvenia's Interior Ministry" or "Defence Ministry
        of Korvenia" is now that body, when no other body so named is known."""
        for bare in _bare_bodies(name_key(self.rows[body_id].canonical).split()):
            other = self.keys.get(bare)
            if other is None or other == body_id or self.rows[other].source != "learned":
                continue
            if self.rows[other].type == "organisation" and self._bodies_named(bare) <= {body_id}:
                self.merge(other, body_id)

    def _bodies_named(self, bare: str) -> set[int]:
        """The bodies whose full name ends in (or starts with) ``bare``. Built-in bodies count only once
        an article has named them (no "Russian Defence Ministry" for a Korvenian "Defence Ministry")."""
        return {e for e in self.body_suffixes.get(bare, ()) if e in self.rows
                and (self.rows[e].source != "seed" or (self.rows[e].mention_count or 0) > 0)}

    # ------------------------------------------------------------ seed and user files

    def apply_seed(self, seed: AliasFile | None = None) -> None:
        """Add the built-in entries that are not known yet (never overriding anything learned)."""
        seed = seed or seed_aliases()
        for d, country in seed.demonyms.items():
            self.demonyms.setdefault(d, country)
        for entry in seed.entries:
            names = (entry.name, *entry.aliases)
            found = next((self.keys[name_key(n)] for n in names if name_key(n) in self.keys), None)
            if found is None:
                found = self.create(entry.name, entry.type or "other", source="seed")
                row = self.rows[found]
                row.country = entry.country or row.country
                row.role = entry.role
            for n in names:
                self.add_alias(found, n)

    def apply_user(self, user: AliasFile) -> None:
        """Apply a user's alias file: merge, split, rename, retype and re-side entities.

        Each entry claims its names: a name already owned by another entity moves here (a split),
        and an entity left with no names is merged here with all its statements and mentions.
        """
        for d, country in user.demonyms.items():
            self.demonyms[d] = country
            self._learn(kind="demonym", key=d, value=country)
        for entry in user.entries:
            self._apply_entry(entry)
        self.session.flush()

    def _apply_entry(self, entry: AliasEntry) -> None:
        names = (entry.name, *entry.aliases)
        target = self.keys.get(name_key(entry.name))
        if target is None:
            # Renaming: an alias is some entity's canonical name. Merely sharing a lesser alias
            # ("Robertson") is a split instead: the new entity claims that name.
            target = next((self.keys[name_key(n)] for n in entry.aliases if name_key(n) in self.keys
                           and name_key(self.rows[self.keys[name_key(n)]].canonical) == name_key(n)), None)
        if target is None:
            target = self.create(entry.name, entry.type or "other", source="user")
        row = self.rows[target]
        row.canonical = entry.name
        row.source = "user"
        if entry.type:
            row.type = entry.type
        if entry.country:
            row.country = entry.country
        if entry.role:
            row.role = entry.role
        if entry.affiliation:
            row.affiliation_id = self.resolve(entry.affiliation, type_hint="organisation")
        for n in names:
            key = name_key(n)
            owner = self.keys.get(key)
            if owner is None:
                self.add_alias(target, n)
            elif owner != target:
                self._move_alias(key, owner, target)

    def _move_alias(self, key: str, owner: int, target: int) -> None:
        self.session.execute(update(AliasRow).where(AliasRow.key == key).values(entity_id=target))
        self.keys[key] = target
        for m in self.session.scalars(select(MentionRow).where(MentionRow.entity_id == owner)):
            if name_key(m.canonical) == key or name_key(m.text) == key:
                m.entity_id = target
        for s in self.session.scalars(select(StatementRow).where(StatementRow.speaker_entity_id == owner)):
            if name_key(s.speaker_name or s.speaker or "") == key:
                s.speaker_entity_id = target
        if not any(v == owner for v in self.keys.values()):
            self.merge(owner, target)

    def merge(self, src: int, dst: int) -> None:
        """Fold entity ``src`` into ``dst``: every row that pointed at ``src`` now points at ``dst``."""
        if src == dst:
            return
        s = self.session
        s.execute(update(AliasRow).where(AliasRow.entity_id == src).values(entity_id=dst))
        s.execute(update(MentionRow).where(MentionRow.entity_id == src).values(entity_id=dst))
        s.execute(update(StatementRow).where(StatementRow.speaker_entity_id == src).values(speaker_entity_id=dst))
        s.execute(update(EntityRow).where(EntityRow.affiliation_id == src).values(affiliation_id=dst))
        src_row, dst_row = self.rows.pop(src), self.rows[dst]
        dst_row.mention_count = (dst_row.mention_count or 0) + (src_row.mention_count or 0)
        dst_row.country = dst_row.country or src_row.country
        dst_row.role = dst_row.role or src_row.role
        dst_row.affiliation_id = dst_row.affiliation_id or src_row.affiliation_id
        if dst_row.affiliation_id == dst:
            dst_row.affiliation_id = None
        s.flush()
        s.execute(delete(EntityRow).where(EntityRow.id == src))
        s.expire(dst_row)
        for k, v in list(self.keys.items()):
            if v == src:
                self.keys[k] = dst
        for ids in self.surnames.values():
            if src in ids:
                ids.discard(src)
                ids.add(dst)

    def _learn(self, *, kind: str, key: str, value: str) -> None:
        found = self.session.scalar(select(LearnedNameRow).where(LearnedNameRow.kind == kind, LearnedNameRow.key == key))
        if found is None:
            self.session.add(LearnedNameRow(kind=kind, key=key, value=value))
        else:
            found.value = value

    # ------------------------------------------------------------ resolution

    def lookup(self, name: str) -> int | None:
        """The entity a name means, without creating anything (exact key, surname, variant)."""
        key = name_key(name)
        if not key:
            return None
        if key in self.keys:
            return self.keys[key]
        tokens = key.split()
        if len(tokens) == 1 or (len(tokens) == 2 and tokens[0] == "al"):
            people = {e for e in self.surnames.get(tokens[-1], set()) if e in self.rows}
            if len(people) == 1:
                return next(iter(people))
        for other in self.blocks.get(fuzzy_block(key), ()):
            if other not in self.acronyms and similar_keys(key, other):
                return self.keys[other]
        if len(tokens) == 1 and tokens[0] in GENERIC_HEADS:
            return self._by_head(tokens[0])
        if len(tokens) >= 2 and tokens[-1] in ORG_HEADS:
            # "the Interior Ministry" after "Korvenia's Interior Ministry": the one body so named
            # built-in bodies count only once an article has named them (no "Russian Defence Ministry"
            # for a Korvenian "Defence Ministry")
            bodies = self._bodies_named(key)
            if len(bodies) == 1:
                return next(iter(bodies))
        return None

    def _by_head(self, head: str) -> int | None:
        """A bare "Coalition" or "the ministry" means the one known organisation so named, if only one is."""
        head = head.removesuffix("s") if head.endswith("s") and head[:-1] in GENERIC_HEADS else head
        found = {r.id for r in self.rows.values()
                 if r.type == "organisation" and fold(r.canonical).split()[-1:] == [head]}
        return next(iter(found)) if len(found) == 1 else None

    def resolve(self, name: str, *, type_hint: str | None = None, create: bool = True) -> int | None:
        """The entity ``name`` means, creating it (as ``type_hint``) when nothing matches."""
        name = name.strip()
        key = name_key(name)
        if not key or len(key) < 2:
            return None
        if type_hint == "side":  # a demonym: "Russian" means Russia
            country = self.demonym_country(name)
            return self.resolve(country, type_hint="country") if country else None
        found = self.lookup(name)
        if found is not None:
            self.add_alias(found, name)
            row = self.rows[found]
            retype = ("place", "other", "person") if len(key.split()) == 1 else ("place", "other")
            if type_hint == "country" and row.type in retype and row.source != "user":
                row.type = "country"
            elif type_hint and row.type == "other" and row.source != "user":
                row.type = type_hint
            if type_hint == "person" and len(key.split()) > len(name_key(row.canonical).split()):
                row.canonical = display_name(name)[:300]  # the fuller name is the better canonical
            return found
        if not create or not looks_like_name(name):
            return None  # page furniture ("Pavel Golovkin/Pool/AFP\n\nAMERICA") never becomes an entity
        type_ = type_hint or "other"
        if type_ == "place" and self._is_country_name(key):
            type_ = "country"
        new_id = self.create(name, type_)
        tokens = key.split()
        if type_ == "person" and len(tokens) >= 2:
            self._absorb_surname(new_id, tokens)
        return new_id

    def _absorb_surname(self, person_id: int, tokens: list[str]) -> None:
        """A surname-only entity learned before the full name is now known becomes this person."""
        for short in (tokens[-1], f"al {tokens[-1]}"):
            other = self.keys.get(short)
            if other is not None and other != person_id and self.rows[other].type in ("person", "other"):
                if self.rows[other].source == "user":
                    continue
                if len({e for e in self.surnames.get(tokens[-1], set()) if e in self.rows}) == 1:
                    self.merge(other, person_id)

    def _is_country_name(self, key: str) -> bool:
        if key in self.keys and self.rows.get(self.keys[key]) is not None:
            return self.rows[self.keys[key]].type == "country"
        return key in {name_key(c) for c in self.demonyms.values()}

    def demonym_country(self, word: str) -> str | None:
        """The country an adjective names: from the seed/user tables, else learned from known countries."""
        w = fold(word.strip())
        if w.endswith("s") and w[:-1] in self.demonyms:  # "Russians"
            w = w[:-1]
        if w in self.demonyms:
            return self.demonyms[w]
        for stem in (w[:-1], w[:-2], w[:-2] + "a", w[:-3] + "a", w[:-3], w[:-1] + "a"):
            eid = self.keys.get(stem)
            row = self.rows.get(eid) if eid is not None else None
            if row is None or len(stem) < 5:
                continue
            # A name a demonym derives from is a nation, whatever the tagger called it first
            # ("Korvenia" tagged PERSON in one sentence, "Korvenian officials" in the next).
            mistyped = row.type in ("other", "organisation", "person") and row.source != "user" \
                and " " not in stem and row.role is None and row.affiliation_id is None
            if row.type in ("country", "place") or mistyped:
                if row.type != "country" and row.source != "user":
                    row.type = "country"
                country = row.canonical
                self.demonyms[w] = country
                self._learn(kind="demonym", key=w, value=country)
                return country
        return None

    def country_in_name(self, name: str) -> str | None:
        """The country a state body's name carries ("Russian Defense Ministry", "Korvenia's Interior Ministry").

        Only for state bodies: "Syrian Democratic Forces" or "Syrian Observatory for Human Rights" are
        not on the Syrian government's side, so a demonym alone does not make a side.
        """
        if not set(fold(name).split()) & _STATE_WORDS:
            return None
        for word in re.findall(r"[A-Z][\w\-]*", name.replace("’", "'").replace("'s", "")):
            key = fold(word)
            if key in self.demonyms:
                return self.demonyms[key]
            eid = self.keys.get(key)
            if eid is not None and eid in self.rows and self.rows[eid].type == "country":
                return self.rows[eid].canonical
            if len(key) > 4 and key.endswith(("an", "ian", "i", "ese", "ish")):
                country = self.demonym_country(word)
                if country:
                    return country
        return None

    def find_in_text(self, text: str) -> list[int]:
        """Entities named in ``text`` (capitalised runs looked up by key; acronyms must be written in caps)."""
        found: list[int] = []
        for run in _CAP_RUN.finditer(text):
            words = run.group(0).split()
            n = len(words)
            i = 0
            while i < n:
                hit = None
                for j in range(min(n, i + 6), i, -1):
                    phrase = " ".join(words[i:j])
                    key = name_key(phrase)
                    eid = self.keys.get(key)
                    if eid is None:
                        continue
                    if key in self.acronyms and not phrase.replace(".", "").replace("'s", "").isupper():
                        continue
                    hit = (eid, j)
                    break
                if hit:
                    if hit[0] in self.rows:
                        found.append(hit[0])
                    i = hit[1]
                else:
                    i += 1
        return found

    # ------------------------------------------------------------ sides

    def side(self, entity_id: int | None) -> str | None:
        """The country or side an entity stands on (see the module docstring)."""
        return entity_side(self.rows, entity_id)

    # ------------------------------------------------------------ one article

    def link_article(self, article: ArticleRow) -> None:
        """Resolve an article's mentions and statement speakers, learning aliases as it goes."""
        self.learn_acronyms(article.text)
        mentions = sorted(article.mentions, key=lambda m: m.start)
        counts: Counter[int] = Counter()
        for m in mentions:
            type_ = LABEL_TYPES.get(m.label, "other")
            eid = self.resolve(m.canonical or m.text, type_hint=type_)
            if eid is not None:
                if m.text != m.canonical:
                    self.add_alias(eid, m.text)
                m.entity_id = eid
                counts[eid] += 1
        for eid, n in counts.items():
            if eid in self.rows:
                self.rows[eid].mention_count = (self.rows[eid].mention_count or 0) + n
        for s in sorted(article.statements, key=lambda s: s.content_start):
            s.speaker_entity_id = self.resolve_speaker(s, mentions)
        # State bodies named before their country was known as one ("Korvenia's Defence Ministry").
        for eid in set(counts) | {s.speaker_entity_id for s in article.statements if s.speaker_entity_id}:
            row = self.rows.get(eid)
            if row is not None and row.type == "organisation" and row.country is None and row.source == "learned":
                row.country = self.country_in_name(row.canonical)

    def learn_acronyms(self, text: str) -> None:
        """"Syrian Democratic Forces (SDF)" teaches that SDF means the Syrian Democratic Forces."""
        for match in _PARENTHETICAL.finditer(text):
            long_form, acronym = match.group(1), match.group(2)
            words = long_form.split()
            # The long form may start earlier than the acronym covers ("US-backed Syrian Democratic Forces").
            for start in range(len(words)):
                if not words[start][:1].isupper():
                    continue  # "and Syrian Democratic Forces (SDF)": the long form starts at a capital
                candidate = " ".join(words[start:])
                if initials(candidate) == acronym.upper():
                    eid = self.keys.get(name_key(acronym))
                    long_id = self.keys.get(name_key(candidate))
                    if eid is None and long_id is None:
                        long_id = self.resolve(candidate, type_hint="organisation")
                    if long_id is not None and eid is None:
                        self.add_alias(long_id, acronym)
                    elif eid is not None and long_id is None:
                        self.add_alias(eid, candidate)
                    elif eid is not None and long_id is not None and eid != long_id:
                        keep, drop = (eid, long_id) if self.rows[eid].source != "learned" else (long_id, eid)
                        if self.rows[drop].source == "learned":
                            self.merge(drop, keep)
                    break

    def resolve_speaker(self, s: StatementRow, mentions: list[MentionRow]) -> int | None:
        """The entity behind a statement's speaker; also learns its affiliation, role and country."""
        if s.speaker is None and s.speaker_name is None:
            return None
        if speaker_inside_content(s):
            return None
        type_ = SPEAKER_TYPES.get(s.speaker_kind or "")
        if type_ is None and s.speaker_start is not None:
            for m in mentions:
                if m.start < (s.speaker_end or 0) and s.speaker_start < m.end:
                    type_ = LABEL_TYPES.get(m.label)
                    break
        country_id = self.resolve(s.speaker_country, type_hint="country") if s.speaker_country else None
        if s.speaker_role and _MINISTER.search(s.speaker_role):
            affiliation = self._affiliation_in_role(s.speaker_role)  # the ministry, not the analyser's "Interior"
        else:
            affiliation = s.speaker_affiliation or self._affiliation_in_role(s.speaker_role)
        if country_id is not None and self.rows[country_id].type not in ("country", "place"):
            # "US-led coalition" given as a country: it is who the speaker speaks for, and its own
            # country (if known) is the side.
            affiliation = affiliation or self.rows[country_id].canonical
            country_id = None
        if affiliation and " " not in affiliation.strip() and (nation := self.demonym_country(affiliation)):
            # "Lessarian officials": the adjective names their country, not an organisation
            country_id = country_id or self.resolve(nation, type_hint="country")
            affiliation = None
        if country_id is None and not affiliation and s.speaker:
            country_id = self._country_in_apposition(s.speaker, s.speaker_name)
            if country_id is None and s.speaker_named:
                affiliation = _named_after_of(s.speaker, s.speaker_name)
        aff_id = None
        if affiliation:
            aff_type = "country" if self._is_country_name(name_key(affiliation)) else "organisation"
            aff_id = self.resolve(affiliation, type_hint=aff_type)
            if aff_id is not None and country_id is not None:
                aff_row = self.rows[aff_id]
                if aff_row.country is None and aff_row.type != "country" and aff_row.source == "learned":
                    aff_row.country = self.rows[country_id].canonical
        name = s.speaker_name or s.speaker or ""
        eid: int | None
        if not s.speaker_named and (body := self._national_body(s.speaker, country_id or aff_id)) is not None:
            return body
        if not s.speaker_named:
            eid = aff_id or country_id or self._generic(name, s.speaker_start or s.content_start, mentions)
        elif _is_generic(name):
            eid = self._generic(name, s.speaker_start or s.content_start, mentions) or aff_id
        else:
            eid = self.resolve(name, type_hint=type_)
            pronoun = bool(s.speaker) and s.speaker.lower().split()[0] in ("he", "she", "they", "it")
            if eid is not None and s.speaker and s.speaker != name and not _is_generic(s.speaker) and not pronoun:
                self.add_alias(eid, s.speaker)
        if eid is None:
            return None
        row = self.rows.get(eid)
        if row is not None and row.source == "learned":
            if aff_id is not None and aff_id != eid and row.affiliation_id is None and row.type != "country":
                row.affiliation_id = aff_id
            if country_id is not None and row.country is None and eid != country_id and row.type != "country":
                row.country = self.rows[country_id].canonical
            if s.speaker_role and row.role is None:
                row.role = s.speaker_role[:300]
        return eid

    def _national_body(self, speaker: str | None, country_id: int | None) -> int | None:
        """ "Lessaria's Foreign Ministry said …", which the tagger did not mark as an organisation: the
        body is an entity of that country, so "Foreign Minister Cassia Morlane" later speaks for it."""
        if not speaker or country_id is None or self.rows[country_id].type not in ("country", "place"):
            return None
        words = speaker.split()
        if not (2 <= len(words) <= 6) or fold(words[-1]) not in ORG_HEADS or not words[0][:1].isupper():
            return None
        if not all(w[:1].isupper() or fold(w) in ("of", "for", "and") for w in words) or not looks_like_name(speaker):
            return None
        eid = self.resolve(speaker, type_hint="organisation")
        row = self.rows.get(eid) if eid is not None else None
        if row is not None and row.source == "learned" and row.country is None and row.type != "country":
            row.country = self.rows[country_id].canonical
        return eid

    def _affiliation_in_role(self, role: str | None) -> str | None:
        """"spokesman for the U.S.-led coalition fighting the Islamic State" → the US-led coalition.

        The role is cut before any clause about what the organisation does ("fighting …", "that …"),
        then the longest known name in it wins; else its capitalised non-title words are the name.
        """
        if not role:
            return None
        role = _ROLE_CLAUSE.split(role, maxsplit=1)[0]
        minister = _MINISTER.search(role)
        if minister:
            # "Korvenia's Interior Minister" speaks for Korvenia's Interior Ministry
            body = f"{minister.group(1) or ''} {minister.group(2)} Ministry".strip()
            eid = self.lookup(body)
            if eid is None:
                eid = self.resolve(body, type_hint="organisation")
            return self.rows[eid].canonical if eid is not None else None
        words = role.replace("’s", "").replace("'s", "").split()
        for n in range(min(len(words), 6), 0, -1):
            for i in range(len(words) - n + 1):
                phrase = " ".join(words[i : i + n])
                if n == 1 and fold(phrase) in _ROLE_WORDS:
                    continue
                eid = self.lookup(phrase)
                if eid is not None and self.rows[eid].type in ("organisation", "country"):
                    return self.rows[eid].canonical
        return _affiliation_from_role(role)

    def _country_in_apposition(self, speaker: str, name: str | None) -> int | None:
        """"James Jeffrey, the U.S. special representative for Syria" → the United States.

        Only the words around the name are read, and only the first country named counts (the one
        the person represents comes before what they are responsible for).
        """
        rest = speaker.replace(name, " ") if name else speaker
        if "," not in rest and " of " not in rest:
            return None
        for word in re.findall(r"[A-Z][\w.\-]*", rest):
            country = self.demonym_country(word)
            if country:
                return self.resolve(country, type_hint="country")
            eid = self.keys.get(name_key(word))
            if eid is not None and eid in self.rows and self.rows[eid].type == "country":
                return eid
        return None

    def _generic(self, name: str, before: int, mentions: list[MentionRow]) -> int | None:
        """An in-context reference ("the terror group", "the ministry") → the organisation it refers to.

        Prefers the nearest preceding organisation whose name shares the reference's head noun, then
        (for armed-group words) the organisation the article mentions most.
        """
        words = fold(name).split()
        if not words:
            return None
        head = words[-1]
        if head not in GENERIC_HEADS and head not in _STATE_WORDS:
            # only institutions are referred to this way: "the man in the mask" or "the fake news
            # site" is no organisation the article names, whatever a noisy mention contains
            return None
        orgs = [m for m in mentions if m.entity_id is not None and m.entity_id in self.rows
                and self.rows[m.entity_id].type == "organisation"]
        preceding = [m for m in orgs if m.start < before]
        for m in reversed(preceding):
            if head.rstrip("s") in fold(self.rows[m.entity_id].canonical).split() or head in fold(m.text).split():
                return m.entity_id
        if head in _ARMED_HEADS and orgs:
            counts = Counter(m.entity_id for m in orgs)
            return counts.most_common(1)[0][0]
        return None

    def entity(self, entity_id: int) -> Entity | None:
        row = self.rows.get(entity_id)
        if row is None:
            return None
        return Entity(row.id, row.canonical, row.type, row.country, row.affiliation_id, row.role, row.source)


def entity_side(rows: Mapping[int, EntityRow], entity_id: int | None) -> str | None:
    """Walk an entity's affiliations up to its country or side: its own country if it has one, the
    country itself for a country, else the outermost organisation ("Sean Robertson" → Pentagon →
    United States). A loop in the affiliations ends the walk with no side."""
    seen: set[int] = set()
    while entity_id is not None and entity_id in rows and entity_id not in seen:
        seen.add(entity_id)
        row = rows[entity_id]
        if row.country:
            return row.country
        if row.type == "country":
            return row.canonical
        if row.affiliation_id is None:
            return row.canonical
        entity_id = row.affiliation_id
    return None


def speaker_inside_content(s: StatementRow) -> bool:
    """A "speaker" inside its own content, with the cue outside it, is what the claim is about.

    '"… it seems to us that ISIS are moving through regime areas …" British Army Maj.' names no
    speaker: ISIS is the subject. A split quote ('"…," Robertson added. "…"') keeps its cue inside.
    """
    if s.speaker_start is None or not (s.content_start <= s.speaker_start < s.content_end):
        return False
    return not (s.cue_start is not None and s.content_start <= s.cue_start < s.content_end)


def speaker_inside_content_clause() -> Any:
    """``speaker_inside_content`` as a SQL expression, for queries that aggregate statements in the database."""
    s = StatementRow
    cue_inside = and_(s.cue_start.is_not(None), s.cue_start >= s.content_start, s.cue_start < s.content_end)
    return and_(s.speaker_start.is_not(None), s.speaker_start >= s.content_start, s.speaker_start < s.content_end,
                not_(cue_inside))


def _bare_bodies(tokens: list[str]) -> list[str]:
    """The shorter names a body's full name contains: "korvenia s interior ministry" → "s interior
    ministry", "interior ministry"; "defence ministry of korvenia" → "defence ministry"."""
    out = []
    if len(tokens) >= 3 and tokens[-1] in ORG_HEADS:
        out += [" ".join(tokens[i:]) for i in range(1, len(tokens) - 1)]
    if "of" in tokens:
        i = tokens.index("of")
        if 2 <= i < len(tokens) - 1 and tokens[i - 1] in ORG_HEADS:
            out.append(" ".join(tokens[:i]))
    return out


def _named_after_of(speaker: str, name: str | None) -> str | None:
    """ "Governor Ruslan Teyk of Upper Sarne province" → "Upper Sarne province"; "Ines Carvel of Border
    Rights Monitor" → "Border Rights Monitor": the body or place a person is "of", named right after them."""
    if not name:
        return None
    surname = name.split()[-1]
    m = re.search(rf"\b{re.escape(surname)}\s+of\s+(?:the\s+)?((?:[A-Z][\w\-’']*\s*){{1,5}}(?:province|state|region|county|district)?)",
                  speaker)
    if m is None:
        return None
    found = m.group(1).strip()
    return found if looks_like_name(found) else None


def _is_generic(name: str) -> bool:
    words = name.strip().split()
    if len(words) < 2 or words[0].lower() not in ("the", "a", "an", "its", "their", "his", "her"):
        return False
    return fold(words[-1]) in GENERIC_HEADS and not any(w[:1].isupper() for w in words[1:])


def _affiliation_from_role(role: str | None) -> str | None:
    """"Pentagon spokesman" → "Pentagon": the capitalised words of a role that are not the role itself."""
    if not role:
        return None
    words = [w for w in role.replace("’s", "").replace("'s", "").split() if w[:1].isupper()]
    words = [w for w in words if fold(w) not in _ROLE_WORDS and fold(w) not in TITLES]
    if len(words) == 1 and fold(role) == fold(words[0]) and words[0][1:].islower() and words[0].endswith("s"):
        # a plural role of one word is what the speakers are, capitalised only where a headline or
        # sentence starts ("Engineers question …"), not an organisation they speak for
        return None
    return " ".join(words) or None


# Role words and capitalised common words that are never an organisation's name ("Other key officials").
_ROLE_WORDS = {"spokesman", "spokeswoman", "spokesperson", "minister", "president", "commander", "general", "director",
               "chief", "secretary", "other", "some", "several", "many", "senior", "top", "key", "local", "former",
               "deputy", "head", "official", "officials", "western", "prime", "one", "all", "families",
               "lieutenant", "colonel", "special", "representative", "envoy", "source", "sources",
               # adjectives capitalised only because a sentence starts with them ("Independent analysts")
               "independent", "international", "foreign", "regional", "military", "federal", "outside"}


_MINISTER = re.compile(r"(?:\b([A-Z][\w\-]+)['’]s\s+)?\b((?!Prime\b)[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s+Minister\b")
_ROLE_CLAUSE = re.compile(r"\s(?:who|that|which|whose|against|fighting|leading|battling|in charge)\b|,", re.IGNORECASE)


# Words the analyser sometimes returns as a speaker that never name anyone ("We", "You", "Multiple").
PRONOUNS = frozenset({"i", "we", "you", "he", "she", "they", "it", "this", "that", "these", "those", "his", "her",
                      "their", "our", "my", "me", "them", "no", "none", "multiple", "another", "other", "others",
                      "some", "many", "several", "all", "both", "each", "one", "someone", "everyone", "nobody"})
# Plural descriptions: shown as who spoke, but never an entity of their own.
_DESCRIPTIONS = frozenset({"user", "users", "sources", "source", "reports", "officials", "experts", "analysts",
                           "critics", "people", "residents", "witnesses", "videos", "video", "images", "photos",
                           "footage", "documents"})


def is_pronoun(text: str) -> bool:
    """"We", "You", "Multiple": a speaker word that names no one on its own."""
    return fold(text.strip()) in PRONOUNS


def looks_like_name(text: str) -> bool:
    """True for a name worth keeping as an alias: one line, no clause, a few words, no page markup."""
    t = text.strip()
    if fold(t) in PRONOUNS or fold(t) in _DESCRIPTIONS:
        return False
    return bool(t) and any(c.isupper() for c in t) and "\n" not in t and "," not in t and "|" not in t and "/" not in t and len(t.split()) <= 7


def resolve_articles(session: Session, articles: Iterable[ArticleRow], user: AliasFile | None = None) -> EntityResolver:
    """Entity resolution for a batch of new articles: seed, learn from each article, then the user's file."""
    resolver = EntityResolver(session)
    resolver.apply_seed()
    for article in articles:
        resolver.link_article(article)
    if user is not None:
        resolver.apply_user(user)
    session.flush()
    return resolver
