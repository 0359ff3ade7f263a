"""Who a speaker mention refers to within the article: name, role, affiliation, country, anonymity.

News introduces a source once ("Pentagon spokesman Cmdr. Sean Robertson") and then says
"Robertson", "he" or "the spokesman". ``SpeakerResolver`` walks an article's statements in order
and keeps the people and groups already quoted, so that these later forms resolve to the named
source instead of staying anonymous. Everything here is heuristic and article-local on purpose.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from counterclaim.analyse.cues import EXPERIENCER_CUES
from counterclaim.analyse.mentions import (
    ALIASES,
    LABELS,
    TITLES,
    clean_name,
    given_name_gender,
    honorific_gender,
    person_core,
)
from counterclaim.types import Mention, Speaker
from counterclaim.types import Span as TextSpan

PERSON_PRONOUNS = {"he", "she", "him", "his", "her", "i", "me", "my"}
GROUP_PRONOUNS = {"they", "them", "their", "we", "us", "our"}
EXPLETIVES = {"there", "this", "that"}
RELATIVES = {"who", "which", "that"}
# how an article says a source stays anonymous: "who asked not to be named", "spoke on condition of anonymity"
ANONYMITY = r"not to be (?:named|identified|quoted)|anonymity"
# a relative clause saying its antecedent stays anonymous ("…, who asked not to be named,")
_ANONYMOUS_CLAUSE = re.compile(rf"\b(?:{ANONYMITY})\b", re.IGNORECASE)
MAX_LABEL_TOKENS = 4
DASHES = ("―", "—", "–", "--", "-")
# heads that name an organisation's outlet or office rather than a crowd: "Russia's TASS news agency"
ORG_HEADS = {
    "agency", "newspaper", "paper", "daily", "channel", "network", "outlet", "broadcaster", "website",
    "magazine", "station", "company", "firm", "group", "organization", "organisation", "service",
}
# verbs that introduce a quotation from outside it: '"...," Robertson added' / 'Putin said: "..."'
QUOTE_VERBS = {
    "say", "add", "tell", "write", "note", "explain", "continue", "ask", "insist", "argue", "claim",
    "recall", "reply", "respond", "declare", "warn", "state", "conclude", "tweet", "post", "acknowledge",
}
# photo credits and caption furniture, which are never speakers: "Pavel Golovkin/Pool/AFP", "Picture: ..."
_CREDIT = re.compile(r"[^\W\d]/\s?[^\W\d]|^(?:picture|photo|photograph|image|footage|accessibility|credit)s?\b", re.IGNORECASE)
# the lower-case words a credit line may hold ("Photo by X/Getty", "Jan van Dijk/AFP")
_CREDIT_LINKS = {"via", "for", "by", "and", "de", "van", "von", "der", "al", "el"}
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
COURTESY = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "madam"}

# demonyms and organisations whose country the article rarely spells out
COUNTRY_OF = {
    "american": "US", "americans": "US", "usa": "US", "u.s.": "US", "us": "US", "united states": "US", "america": "US",
    "washington": "US", "pentagon": "US", "white house": "US", "state department": "US", "cia": "US",
    "fbi": "US", "congress": "US", "u.s. army": "US", "u.s. military": "US", "centcom": "US",
    "russian": "Russia", "russians": "Russia", "russia": "Russia", "moscow": "Russia", "kremlin": "Russia",
    "tass": "Russia", "russian federation": "Russia", "ria novosti": "Russia", "sputnik": "Russia",
    "syrian": "Syria", "syria": "Syria", "damascus": "Syria", "sana": "Syria",
    "british": "UK", "britain": "UK", "uk": "UK", "london": "UK", "united kingdom": "UK",
    "iraqi": "Iraq", "iraq": "Iraq", "baghdad": "Iraq", "turkish": "Turkey", "turkey": "Turkey",
    "ankara": "Turkey", "iranian": "Iran", "iran": "Iran", "tehran": "Iran", "israeli": "Israel",
    "israel": "Israel", "french": "France", "france": "France", "paris": "France", "german": "Germany",
    "germany": "Germany", "berlin": "Germany", "chinese": "China", "china": "China", "beijing": "China",
    "kurdish": "Kurds", "kurds": "Kurds", "sdf": "SDF", "syrian democratic forces": "SDF",
    "coalition": "US-led coalition", "operation inherent resolve": "US-led coalition",
}
# singular roles by which news re-describes a person it has just named ("the general said")
PERSON_ROLES = {
    "general", "minister", "senator", "congressman", "congresswoman", "governor", "mayor", "ambassador",
    "envoy", "commander", "colonel", "admiral", "president", "candidate", "nominee", "diplomat",
    "lawmaker", "official", "spokesman", "spokeswoman", "spokesperson", "chief", "director", "secretary",
}
# raising verbs: their subject is what the statement is about ("They seem to be moving …")
RAISING_CUES = {"seem", "appear"}
# singular heads of an unnamed body that "it" can go on to mean ("the coalition", "the ministry")
INSTITUTION_NOUNS = {
    "coalition", "ministry", "government", "military", "administration", "army", "department", "agency",
    "embassy", "regime", "council", "committee", "commission", "court", "police", "company", "alliance",
}
# nouns that make a mention an anonymous or collective source
GROUP_NOUNS = {
    "officials", "official", "source", "sources", "analysts", "experts", "diplomats", "observers",
    "residents", "witnesses", "activists", "critics", "people", "aides", "advisers", "insiders",
    "commanders", "officers", "spokesman", "spokeswoman", "spokesperson", "military", "government",
    "ministry", "authorities", "intelligence", "administration", "campaign", "reports", "media",
    "supporters", "voters", "democrats", "republicans", "lawmakers", "members",
}


def country_of(text: str) -> str | None:
    """The country or side a phrase names or implies, from the small table above."""
    low = clean_name(text).lower()
    for key in (low, low.replace(".", "")):
        if key in COUNTRY_OF:
            return COUNTRY_OF[key]
    for word in low.replace(",", " ").split():
        for key in (word, word.replace(".", "")):
            if key in COUNTRY_OF:
                return COUNTRY_OF[key]
    return None


def is_credit(text: str) -> bool:
    """A photo credit or caption word ("Pavel Golovkin/Pool/AFP", "Picture", "Footage"): never a speaker.

    A credit line is names alone; a slash inside running words ("a New York Times/CBS News poll
    released last week", "the NBC/WSJ survey") joins a poll's sponsors, which do speak."""
    text = " ".join(text.split())
    match = _CREDIT.search(text)
    if match is None:
        return False
    if match.start() == 0 and not match.group().count("/"):
        return True  # "Picture", "Footage"
    return not any(w[:1].islower() and w not in _CREDIT_LINKS for w in _WORD.findall(text))


def parse_decides(cue: Token) -> bool:
    """Whether the parse's answer to who speaks stands against the tagger's: a raising verb
    ("Sanders appears to lead": the subject is judged), a passing "Asked about …,", a cue noun its
    subject receives ("faced charges that …"), a bare view ("One view is that …") and a passive
    with no agent ("is expected to win"). The tagger reads the subject of such a clause as the
    source, which is just what it is not."""
    return (cue.lemma_.lower() in RAISING_CUES or asked_in_passing(cue) or _received_by_subject(cue)
            or _an_idea_is(cue) or _passive_without_agent(cue))


def asked_in_passing(cue: Token) -> bool:
    """A passive "asked" as an adverbial ("Asked about the blast, Clinton said …", "When asked …,";
    the tagger may read it as a past tense), with no agent or subject of its own. The asker goes
    unnamed and the one asked is not the question's source (PolNeAR train, such an "asked" as a
    cue: no source 64 times, a source once)."""
    return (cue.lemma_.lower() == "ask" and cue.tag_ in ("VBN", "VBD") and cue.dep_ == "advcl"
            and not any(c.dep_ in ("agent", "nsubj", "nsubjpass") for c in cue.children))


@dataclass(slots=True)
class _Known:
    """A person or group already seen in the article, and what the article said about them."""

    name: str
    kind: str
    role: str | None
    affiliation: str | None
    country: str | None
    named: bool
    last: int  # char offset of the latest reference


def run_root(run: Span) -> Token:
    """The syntactic head of a run of tokens: its first token whose head lies outside it (or that
    heads itself), else its first token."""
    return next((t for t in run if not run.start <= t.head.i < run.end or t.head.i == t.i), run[0])


@dataclass(slots=True)
class SpeakerResolver:
    """Resolves speaker mentions of one Doc, in document order, remembering who has spoken.

    ``quotes`` are the token ranges ``[open, close]`` of the article's quotations: a subject inside
    a quotation ("I", "we", a fragment the parser mistook for a subject) is not who is speaking.
    """

    doc: Doc
    mentions: list[Mention]
    quotes: list[tuple[int, int]] = field(default_factory=list)
    known: list[_Known] = field(default_factory=list)
    roles: dict[str, str] = field(default_factory=dict)
    surnames: dict[str, str] = field(default_factory=dict)
    in_quote: list[bool] = field(default_factory=list)
    groups: list[tuple[int, Speaker]] = field(default_factory=list)  # unnamed plural sources, in text order
    bodies: list[tuple[int, Speaker]] = field(default_factory=list)  # unnamed institutions ("the coalition")
    reported: list[tuple[int, int]] = field(default_factory=list)  # char ranges of what named people said
    gender: dict[str, str] = field(default_factory=dict)  # "f" / "m" where the article says so ("Mrs. Clinton")

    def __post_init__(self) -> None:
        # roles stated anywhere in the article: "Pentagon spokesman Sean Robertson", "Robertson, a ..."
        for m in self.mentions:
            if m.label != "PERSON":
                continue
            words = m.canonical.split()
            if len(words) >= 2:
                # "Eklund" or a surname the tagger took for an organisation ("Halleaux") is the person
                self.surnames.setdefault(words[-1].lower(), m.canonical)
            span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            role = _role_of(span)
            if role and m.canonical not in self.roles:
                self.roles[m.canonical] = role
            said = _gender_of(span, role)
            if said is not None:
                # an article that calls someone both "Mr." and "Ms." tells us nothing
                self.gender[m.canonical] = said if self.gender.get(m.canonical, said) == said else "?"
        # where the article does not say, the given name is a good guess ("Loretta Lynch" … "she")
        for m in self.mentions:
            if m.label == "PERSON" and m.canonical not in self.gender:
                guess = given_name_gender(m.canonical)
                if guess is not None:
                    self.gender[m.canonical] = guess
        self.quotes = sorted(set(self.quotes))
        self.in_quote = [False] * len(self.doc)
        for qs, qe in self.quotes:
            for k in range(qs, min(qe + 1, len(self.doc))):
                self.in_quote[k] = True

    def resolve_cue(
        self, cue: Token, source: tuple[int, int] | None, content: tuple[int, int] | None = None
    ) -> Speaker | None:
        """The Speaker of a cue, given the parser's source range (or None when it found none) and
        the token range of the statement's content."""
        rng = self.source_range(cue, source, content)
        return self._resolve_reported(*rng, content) if rng is not None else None

    def resolve_run(self, start: int, end: int, content: tuple[int, int]) -> Speaker | None:
        """The Speaker named around a run of tokens that read as a source (the tagger's): the noun
        phrase of the run's syntactic head, so a run over part of a name gives the whole mention.
        Nothing is remembered (``note_reported``) until the caller takes it as the speaker."""
        doc = self.doc
        root = run_root(doc[start:end])
        if root.pos_ in ("NOUN", "PROPN", "PRON"):
            start, end = _np_range(root, root.head if root.head.i != root.i else doc[content[0]])
        return self.resolve(start, end)

    def _resolve_reported(self, start: int, end: int, content: tuple[int, int] | None) -> Speaker | None:
        speaker = self.resolve(start, end)
        if speaker is not None and content is not None:
            self.note_reported(speaker, content)
        return speaker

    def note_reported(self, speaker: Speaker, content: tuple[int, int]) -> None:
        """Remember what a named person said: a mention inside it is not who is speaking."""
        if speaker.kind == "person" and speaker.named:
            doc = self.doc
            self.reported.append((doc[content[0]].idx, doc[content[1] - 1].idx + len(doc[content[1] - 1])))

    def source_range(
        self, cue: Token, source: tuple[int, int] | None, content: tuple[int, int] | None = None
    ) -> tuple[int, int] | None:
        """Where the speaker of ``cue`` is mentioned, correcting the parser's subject where news
        syntax fools it: inverted '"...," said Aaron Zelin', a cue inside a quotation whose subject
        is the quoted "I", and cues buried in a clause ("is determined to warn") whose speaker is
        the subject of the governing verb.

        A statement that is most of a quotation ('"Secretary Clinton believes that [...]," said
        Mr. Schmidt') is the quoted speaker's, whatever verb inside the quotation introduced it:
        the person on the record is the one quoted."""
        doc = self.doc
        if cue.lemma_.lower() in RAISING_CUES:
            # 'Sanders appears to have a slight lead': the subject is what is judged, not who judges
            # (PolNeAR gives 166 of 171 such cues no source); inside a quotation the judge is the quoted.
            # But 'he appeared to suggest that …' raises the subject of a saying: it is the speaker.
            if self.in_quote[cue.i]:
                return self._quote_speaker(cue.i)
            return source if source is not None and _raises_a_saying(cue) else None
        if asked_in_passing(cue):
            return None
        if _passive_without_agent(cue) and not self.in_quote[cue.i]:
            return None
        if _an_idea_is(cue):
            # "One view is that …" names nobody, unless someone is quoted saying it ("''The theory was …''")
            return self._quote_speaker(cue.i) if self.in_quote[cue.i] else None
        if _in_adjunct_phrase(cue) or _received_by_subject(cue):
            return _noun_cue_agent(cue)
        source = _holder_of_possessed_cue(cue, source)
        source = _noun_cue_agent(cue) or source
        if self.in_quote[cue.i] and content is not None:
            quote = next(((qs, qe) for qs, qe in self.quotes if qs <= cue.i <= qe), None)
            if quote is not None:
                inter = min(content[1], quote[1] + 1) - max(content[0], quote[0])
                if 2 * inter >= quote[1] + 1 - quote[0]:
                    outer = self._quote_speaker(cue.i)
                    if outer is not None:
                        return outer
        if source is not None and source[1] <= cue.i and any("\n" in t.text for t in doc[source[1] : cue.i]):
            source = None  # "5:45 p.m.\n\nDonald Trump says": a subject in another paragraph is a misparse
        if source is not None:
            start, end = _trim_paragraph(doc, *source)
            inside = end > start and all(self.in_quote[k] for k in range(start, end))
            if end > start and not inside:
                return start, end
            if end > start and inside and self.in_quote[cue.i] and self._names_someone(start, end):
                return start, end  # '"Trump said we would pay," she said': a speaker quoted inside
        if self.in_quote[cue.i]:
            outer = self._quote_speaker(cue.i)
            if outer is not None:
                return outer
            return None
        after = _after_cue(doc, cue)
        if after is not None:
            return after
        if source is not None:
            # '“... We will achieve justice,” Police Chief Ann Roe said': the parser's "We" is quoted
            between = _paragraph_subject(cue) or _chunk_before(cue) or _name_after_quote(cue)
            if between is not None and not all(self.in_quote[k] for k in range(*between)):
                return between
        if source is None and content is not None:
            label = _colon_label(doc, content[0])
            if label is not None:
                return label
        if source is None:
            found = _governing_subject(cue)
            if found is not None and all(self.in_quote[k] for k in range(*found)):
                found = None  # the subject of a quoted clause is not who quotes it
            return (found or _noun_cue_owner(cue) or _paragraph_subject(cue) or _chunk_before(cue)
                    or _name_after_quote(cue))
        start, end = _trim_paragraph(doc, *source)
        if end > start and all(self.in_quote[k] for k in range(start, end)):
            return None  # '"… ISIS are moving …" while fleeing west': a subject inside the quotation is not its speaker
        return start, end

    def _names_someone(self, start: int, end: int) -> bool:
        """Whether a range inside a quotation names a third party ("Trump", "he"), not the quoted "I"."""
        a, b = self.doc[start].idx, self.doc[end - 1].idx + len(self.doc[end - 1].text)
        if any(m.start < b and m.end > a for m in self.mentions):
            return True
        return end - start == 1 and self.doc[start].lower_ in ("he", "she", "they")

    def _quote_speaker(self, i: int) -> tuple[int, int] | None:
        """The speaker of the quotation around token ``i``: the subject of a speech verb right after
        it ('," Robertson added') or right before it ('Putin said: "').'"""
        doc = self.doc
        quote = next(((qs, qe) for qs, qe in self.quotes if qs <= i <= qe), None)
        if quote is None:
            return None
        qs, qe = quote
        after = []
        for k in range(qe + 1, min(len(doc), qe + 8)):
            if "\n" in doc[k].text:
                break
            after.append(k)
        before = []
        for k in range(qs - 1, max(-1, qs - 16), -1):
            if "\n" in doc[k].text:
                break
            if not self.in_quote[k]:
                before.append(k)
        # '“...” ― Jorge Falcon' and 'Mitt Romney -- “...”': a dash joins a quotation to its speaker
        if after and doc[after[0]].text in DASHES and len(after) > 1 and doc[after[1]].pos_ == "PROPN":
            end = after[1]
            while end < len(doc) and end in after and doc[end].pos_ == "PROPN":
                end += 1
            return after[1], end
        if before and doc[before[0]].text in (*DASHES, ":") and len(before) > 1 and doc[before[1]].pos_ == "PROPN":
            start = before[1]
            while start - 1 in before and doc[start - 1].pos_ == "PROPN":
                start -= 1
            return start, before[1] + 1
        for k in after + before:
            tok = doc[k]
            if tok.pos_ == "VERB" and tok.lemma_.lower() in QUOTE_VERBS and not self.in_quote[k]:
                subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
                if subj is not None and not self.in_quote[subj.i]:
                    return _np_range(subj, tok)
                return _after_cue(doc, tok)
        return None

    def resolve(self, start: int, end: int) -> Speaker | None:
        """The Speaker for the token range ``[start, end)`` of the Doc, or None for an expletive."""
        doc = self.doc
        start, end = _trim_paragraph(doc, start, end)
        if end <= start:
            return None
        for tok in doc[start:end]:
            if (tok.dep_ == "relcl" and start <= tok.head.i < tok.i and tok.left_edge.i > start
                    and doc[tok.left_edge.i - 1].text in (",", "(", "—", "–")):
                # "Gerasimov, who said the Russian military ...": the mention ends before the clause;
                # "those who crossed" keeps its restrictive clause
                start, end = _trim_paragraph(doc, start, tok.left_edge.i)
                break
        end = _without_trailing_date(doc, start, end)
        span = doc[start:end]
        if not span.text.strip() or (len(span) == 1 and span[0].lower_ in EXPLETIVES and span[0].dep_ not in ("nsubj",)):
            return None
        if len(span) == 1 and span[0].lower_ == "there":
            return None
        if len(span) == 1 and span[0].lower_ == "it" and span[0].head.lemma_.lower() in ("be", "seem", "appear", "become", "remain"):
            return None  # "it is true that", "it seems that": extraposition, nobody speaks
        # markup left in the text glues to a name ('…Mostly True.">Sanders said'): the mention is the name
        lead = len(span[0].text) - len(span[0].text.lstrip('"\'<>=/'))
        if not 0 < lead < len(span[0].text):
            lead = 0
        mention = TextSpan(span.start_char + lead, span.end_char, span.text[lead:])
        first = span[0]
        if len(span) == 1 and first.lower_ in RELATIVES and first.head.dep_ in ("relcl", "acl") and first.head.head.i != first.head.i:
            # "Gerasimov, who said ...": the relative pronoun is the mention, its antecedent the speaker
            clause = first.head
            if _ANONYMOUS_CLAUSE.search(self.doc[clause.left_edge.i : clause.right_edge.i + 1].text):
                # "One woman from Kostelj, who asked not to be named, said": whoever it is, nobody named
                # (the parser hangs the clause on "Kostelj")
                return Speaker(mention=mention, kind="unknown", named=False)
            ante = first.head.head
            a, b = _np_range(ante, first.head)
            if a < b and not (a <= first.i < b):
                found = self.resolve(a, b)
                if found is not None:
                    return _with_mention(found, mention)
            return Speaker(mention=mention, kind="unknown", named=False)
        inside = [m for m in self.mentions if m.start < span.end_char and m.end > span.start_char]
        # "a friend of John Smith", "one woman from Kostelj": a person named behind a preposition of
        # the description is not the one who speaks ("a lawyer for Mr. Trump, Michael Cohen" is Cohen)
        person = next((m for m in inside if m.label == "PERSON" and not _behind_preposition(span, m)), None)
        if person is None and not any(m.label == "PERSON" for m in inside):
            person = self._surname_in(span, inside)
        org = next((m for m in inside if m.label == "ORG" and m.canonical.lower() not in self.surnames), None)
        place = next((m for m in inside if m.label in ("GPE", "NORP")), None)
        head = span.root
        if person is not None:
            role = _role_in(span, person) or self.roles.get(person.canonical)
            affiliation, country = self._affiliation(role, org, place)
            prior = self._find(person.canonical)
            if prior is not None:
                role = role or prior.role
                affiliation = affiliation or prior.affiliation
                country = country or prior.country
            return self._remember(mention, person.canonical, "person", role, affiliation, country, True)
        low = head.lower_
        if len(span) <= 2 and low in PERSON_PRONOUNS:
            name = self._latest_person(span.start_char, PRONOUN_GENDER.get(low))
            if name is not None:
                prior = self._find(name)
                if prior is not None:
                    return self._speaker(mention, prior)
                return self._remember(mention, name, "person", self.roles.get(name), None, None, True)
            return Speaker(mention=mention, kind="person", named=False)
        if len(span) <= 2 and low in GROUP_PRONOUNS | {"it"}:
            prior = self._latest(kinds=("organisation", "group"), before=span.start_char)
            # "Intelligence officials note …. Instead, they say, …": the unnamed group just quoted;
            # "…, Coalition Says" … "It has rejected similar allegations": the institution last speaking
            unnamed = _latest_before(self.groups, span.start_char) if low in ("they", "them", "their") else (
                _latest_before(self.bodies, span.start_char) if low == "it" else None)
            if unnamed is not None and (prior is None or unnamed.mention.start > prior.last):
                return replace(unnamed, mention=mention, kind="group" if low != "it" else "organisation")
            if prior is not None:
                return self._speaker(mention, prior)
            return Speaker(mention=mention, kind="organisation" if low == "it" else "group", named=False)
        definite = span[0].lower_ in ("the", "this", "that") and org is None and place is None
        if definite and head.lower_ not in GROUP_NOUNS - {"spokesman", "spokeswoman", "spokesperson"}:
            # "the spokesman", "the general", "the senator": the latest named source with that role
            for k in sorted(self.known, key=lambda k: -k.last):
                if k.named and k.role and head.lower_ in k.role.lower():
                    return self._speaker(mention, k)
        if span[0].lower_ == "the" and low in PERSON_ROLES and head.tag_ == "NN":
            # '"...," the United Kingdom general told reporters': news re-describes the person it
            # has just quoted; the latest person named outside a quotation is the one meant
            name = self._latest_person(span.start_char)
            if name is not None:
                prior = self._find(name)
                if prior is not None:
                    return self._speaker(mention, prior)
        alias = ALIASES.get(clean_name(span.text).lower())
        if alias is not None and org is None and place is None and len(span) <= 2:
            # a country or body the tagger missed in capitals ("AMERICA has blasted claims")
            return self._remember(mention, alias, "organisation", None, alias, country_of(alias), True)
        if org is not None and (org.end >= head.idx or low in ORG_HEADS):
            affiliation = org.canonical
            country = country_of(org.canonical) or (country_of(place.text) if place else None)
            named = not _is_group_phrase(span)
            if named:
                return self._remember(mention, org.canonical, "organisation", None, affiliation, country, True)
            role = _strip_det(span.text)
            return Speaker(mention=mention, name=None, kind="group", role=role, affiliation=affiliation, country=country, named=False)
        if place is not None and place.start <= head.idx < place.end and place.label == "GPE":
            name = place.canonical
            return self._remember(mention, name, "organisation", None, name, country_of(name), True)
        # anonymous or descriptive: "U.S. officials", "a source close to the SDF", "the newspaper"
        role = _strip_det(span.text)
        affiliation = org.canonical if org is not None else None
        country = country_of(org.canonical) if org is not None else None
        if country is None:
            country = country_of(span.text.replace("-", " "))
        if country is None and place is not None:
            country = country_of(place.text) or country_of(place.canonical) or (place.canonical if place.label == "GPE" else None)
        plural = head.tag_ in ("NNS", "NNPS")
        kind = "group" if plural or low in GROUP_NOUNS else "unknown"
        speaker = Speaker(mention=mention, name=None, kind=kind, role=role, affiliation=affiliation, country=country, named=False)
        if not self.in_quote[span.start]:
            if plural:
                self.groups.append((span.start_char, speaker))
            elif head.lemma_.lower() in INSTITUTION_NOUNS and (country or affiliation):
                self.bodies.append((span.start_char, speaker))
        return speaker

    def _surname_in(self, span: Span, inside: list[Mention]) -> Mention | None:
        """A known person named by surname alone, which the tagger missed or labelled ORG/GPE."""
        for tok in reversed(span):
            if (tok.pos_ == "PROPN" or tok.is_upper) and tok.text.lower() in self.surnames:
                ent = next((m for m in inside if m.start <= tok.idx < m.end), None)
                if ent is not None and len(ent.text.split()) > 2:
                    continue
                start = ent.start if ent is not None else tok.idx
                end = ent.end if ent is not None else tok.idx + len(tok.text)
                return Mention(start, end, self.doc.text[start:end], "PERSON", self.surnames[tok.text.lower()])
        return None

    def _latest_person(self, before: int, gender: str | None = None) -> str | None:
        """Who a personal pronoun most likely means: the person last named outside a quotation, or
        the person last quoted, whichever comes later in the text; not someone the article gives
        the other ``gender`` ("she" is not "Mr. Trump")."""
        best: tuple[int, str] | None = None
        other = {"f": "m", "m": "f"}.get(gender or "")
        for m in self.mentions:
            if m.end > before:
                break
            if m.label != "PERSON" and m.text.lower() not in self.surnames:
                continue
            span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or self.in_quote[span.start]:
                continue
            if any(a <= m.start and m.end <= b for a, b in self.reported):
                # 'Palmieri said Trump is reduced to "taunts" …. "…," she said': a person someone else
                # talked about is the topic, not who speaks next
                continue
            name = m.canonical if m.label == "PERSON" else self.surnames[m.text.lower()]
            if other is not None and self.gender.get(name) == other:
                continue
            best = (m.start, name)
        for k in self.known:
            if other is not None and self.gender.get(k.name) == other:
                continue
            if k.kind == "person" and k.named and k.last <= before and (best is None or k.last > best[0]):
                best = (k.last, k.name)
        return best[1] if best else None

    def _affiliation(self, role: str | None, org: Mention | None, place: Mention | None) -> tuple[str | None, str | None]:
        affiliation = None
        country = None
        if role:
            for m in self.mentions:
                if m.label == "ORG" and m.text in role:
                    affiliation = m.canonical
                    break
            country = country_of(role)
            if affiliation is None:
                for word in role.split():
                    if word[:1].isupper() and word.lower().rstrip(".") not in TITLES:
                        affiliation = word
                        break
        if affiliation is None and org is not None:
            affiliation = org.canonical
        if country is None and affiliation:
            country = country_of(affiliation)
        if country is None and place is not None:
            country = country_of(place.text)
        return affiliation, country

    def _find(self, name: str) -> _Known | None:
        return next((k for k in self.known if k.name == name), None)

    def _latest(self, *, kinds: tuple[str, ...], before: int) -> _Known | None:
        cands = [k for k in self.known if k.kind in kinds and k.last <= before and k.named]
        return max(cands, key=lambda k: k.last) if cands else None

    def _latest_mention(self, label: str, before: int) -> Mention | None:
        cands = [m for m in self.mentions if m.label == label and m.end <= before]
        return cands[-1] if cands else None

    def _remember(
        self, mention: TextSpan, name: str, kind: str, role: str | None, affiliation: str | None, country: str | None, named: bool
    ) -> Speaker:
        prior = self._find(name)
        if prior is None:
            prior = _Known(name, kind, role, affiliation, country, named, mention.start)
            self.known.append(prior)
        else:
            prior.role = prior.role or role
            prior.affiliation = prior.affiliation or affiliation
            prior.country = prior.country or country
            prior.last = mention.start
        return self._speaker(mention, prior)

    def _speaker(self, mention: TextSpan, k: _Known) -> Speaker:
        k.last = max(k.last, mention.start)
        kind = k.kind if k.kind in ("person", "organisation", "group") else "unknown"
        return Speaker(mention=mention, name=k.name, kind=kind, role=k.role, affiliation=k.affiliation, country=k.country, named=k.named)  # type: ignore[arg-type]


PRONOUN_GENDER = {"she": "f", "her": "f", "he": "m", "him": "m", "his": "m"}
_ROLE_GENDER = re.compile(
    r"\b(?:(?P<f>(?:spokes|congress|chair|business|councils?|sales)woman|actress|widow|mother|wife|daughter|sister"
    r"|grandmother|queen|princess|duchess|first lady)|(?P<m>(?:spokes|congress|chair|business|councils?|sales)man"
    r"|actor|widower|father|husband|son|brother|grandfather|king|prince|duke))\b",
    re.IGNORECASE,
)


def _gender_of(span: Span, role: str | None) -> str | None:
    """"f" or "m" when the mention's own words say so: an honorific before it ("Mrs. Clinton") or a
    gendered role ("spokeswoman Jen Psaki"); None when they do not."""
    said = honorific_gender(span)
    if said is not None:
        return said
    found = _ROLE_GENDER.search(role or "")
    if found is None:
        return None
    return "f" if found.group("f") else "m"


def _latest_before(entries: list[tuple[int, Speaker]], at: int) -> Speaker | None:
    """The last of the ``(offset, speaker)`` entries (in text order) that lies before offset ``at``."""
    return next((speaker for start, speaker in reversed(entries) if start <= at), None)


def _without_trailing_date(doc: Doc, start: int, end: int) -> int:
    """The end of a mention without the date the parser hung on it ("an international relief agency on
    Monday", "officials last week", "a poll released last week"): when something was said is not
    who said it."""
    stop = end
    while stop > start + 1 and (doc[stop - 1].ent_type_ in ("DATE", "TIME") or doc[stop - 1].is_space):
        stop -= 1
    if stop == end:
        return end
    while stop > start + 1 and (doc[stop - 1].dep_ == "prep" or doc[stop - 1].is_punct
                                or (doc[stop - 1].tag_ == "VBN" and doc[stop - 1].dep_ == "acl")):
        stop -= 1
    return stop


def _behind_preposition(span: Span, person: Mention) -> bool:
    """True when the person is named inside a prepositional phrase of the speaker's description."""
    ent = span.doc.char_span(person.start, person.end, alignment_mode="expand")
    if ent is None:
        return False
    tok = ent.root
    while tok.i != span.root.i and span.start <= tok.head.i < span.end and tok.head.i != tok.i:
        if tok.dep_ == "pobj":
            return True
        tok = tok.head
    return False


def _with_mention(speaker: Speaker, mention: TextSpan) -> Speaker:
    return Speaker(
        mention=mention, name=speaker.name, kind=speaker.kind, role=speaker.role,
        affiliation=speaker.affiliation, country=speaker.country, named=speaker.named,
    )


def _holder_of_possessed_cue(cue: Token, source: tuple[int, int] | None) -> tuple[int, int] | None:
    """The subject of the verb that holds an object cue noun whose possessor is a pronoun: "[Cruz]
    reboots his attacks on Trump", "[Both parents] stiffened their denunciation of …". The subject
    is named and the pronoun only points back (PolNeAR train: the subject 88 times, the pronoun 12);
    any other source stays as it is."""
    if source is None or cue.pos_ != "NOUN" or cue.dep_ != "dobj":
        return source
    poss = next((c for c in cue.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
    if poss is None or source != (poss.i, poss.i + 1):
        return source
    subject = next((c for c in cue.head.children if c.dep_ == "nsubj"), None)
    return _np_range(subject, cue.head) if subject is not None and subject.i < cue.head.i else source


def _passive_without_agent(cue: Token) -> bool:
    """A passive cue with no "by" phrase ("Clinton was expected to win", "it was revealed that …",
    "… but is expected to continue"): whoever expects or reveals goes unnamed, and neither the
    passive subject nor the subject of a verb it is joined to is the source (PolNeAR train, such
    cues outside a quotation that were given a speaker: no source 32 times, the speaker 6, another
    6). A verb of holding a view (``EXPERIENCER_CUES``: "Republicans were incensed that …") names
    its holder as the subject."""
    return (cue.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in cue.children)
            and not any(c.dep_ == "agent" for c in cue.children) and cue.lemma_.lower() not in EXPERIENCER_CUES)


# nouns that name a view or a question, not who holds it: "One view is that …"
IDEA_NOUNS = frozenset({
    "view", "idea", "refrain", "question", "thinking", "theory", "assumption", "belief", "feeling",
    "sense", "notion", "argument", "consensus", "hope", "fear", "worry", "concern", "suspicion",
})


def _an_idea_is(cue: Token) -> bool:
    """A copula whose subject is a bare view or question ("One view is that the judge …", "The idea is
    that donors …", "the question was whether …"): nobody is named as holding it (PolNeAR train: no
    source for all 5 such statements outside a quotation; with a holder, "Rubio's view is that …",
    the holder speaks)."""
    if cue.lemma_ != "be":
        return False
    subject = next((c for c in cue.children if c.dep_ == "nsubj"), None)
    return (subject is not None and subject.lemma_.lower() in IDEA_NOUNS
            and not any(c.dep_ in ("poss", "prep", "compound") for c in subject.children))


# prepositions whose phrase sets a cue noun beside the clause, not inside its subject's doing
ADJUNCT_PREPOSITIONS = frozenset({"despite", "after", "amid", "because"})


def _in_adjunct_phrase(cue: Token) -> bool:
    """A cue noun in a concessive, temporal or causal phrase ("Despite complaints that he is a
    crusader, Sanders has found …", "… after revelations that …"): the clause's subject did not make
    the claim (PolNeAR train: the subject is the source 0 times in 35; no source 13, another 22)."""
    return (cue.pos_ == "NOUN" and cue.dep_ == "pobj" and cue.head.lower_ in ADJUNCT_PREPOSITIONS
            and not any(c.dep_ == "poss" for c in cue.children))


# verbs whose subject receives what a cue noun object gives: "faced criticism", "won the endorsement"
RECEIVING_VERBS = frozenset({"face", "receive", "get", "win", "earn", "enjoy", "attract", "gain", "endure"})


def _received_by_subject(cue: Token) -> bool:
    """A cue noun its clause's subject receives ("the mayor has faced charges that …", "came under
    criticism for …", "was met with chants of …"): the subject is its target, not its source
    (PolNeAR train: the subject is the source 2 times in 69; no source 26, another 41, most often
    named by a "from" phrase). Nor does the tagger name the subject instead: it reads it as the
    source."""
    if cue.pos_ != "NOUN" or any(c.dep_ == "poss" for c in cue.children):
        return False
    if cue.dep_ == "dobj":
        return cue.head.lemma_.lower() in RECEIVING_VERBS
    if cue.dep_ == "pobj":
        prep = cue.head
        return prep.lower_ == "under" or (prep.lower_ == "with" and prep.head.lemma_.lower() == "meet")
    return False


def _noun_cue_agent(cue: Token) -> tuple[int, int] | None:
    """Who makes a cue noun's claim when a "by" or "from" phrase names them: "an admission [from
    Elizabeth Warren] that …", "suggestions [by the news media] that …" (PolNeAR train: that
    phrase is the source 64 times, another 11)."""
    if cue.pos_ != "NOUN" or any(c.dep_ == "poss" for c in cue.children):
        return None
    agent = next(_by_or_from(cue), None)
    return _np_range(agent, cue) if agent is not None else None


def _by_or_from(cue: Token) -> Iterator[Token]:
    """The objects of the "by" and "from" phrases after a cue noun, in text order: "the decision [by
    the FBI]", "warnings [from his attorney]"."""
    for prep in cue.rights:
        if prep.dep_ == "prep" and prep.lower_ in ("by", "from"):
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                yield pobj


def _raises_a_saying(cue: Token) -> bool:
    """Whether a raising verb's complement is itself a verb of saying or thinking with a clause of its
    own ("appeared to suggest that …", "seemed to think the outreach was phony"): then the raised
    subject is the one who says or thinks it."""
    return any(
        c.dep_ == "xcomp" and c.pos_ == "VERB" and any(g.dep_ == "ccomp" for g in c.children)
        for c in cue.children
    )


def _trim_paragraph(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Cut a mention range to its last paragraph and drop punctuation at its edges: a heading the
    parser ran into the next paragraph ("US officials are 'skeptical'\\n\\nU.S. officials") is not
    part of the speaker."""
    for k in range(end - 1, start - 1, -1):
        if "\n" in doc[k].text:
            start = k + 1
            break
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return start, end


def _np_range(tok: Token, stop: Token) -> tuple[int, int]:
    """A noun phrase around ``tok``: its subtree, cut before relative clauses and at ``stop``."""
    start, end = tok.left_edge.i, tok.right_edge.i + 1
    for child in tok.children:
        if child.dep_ in ("relcl", "acl") and child.i > tok.i:
            end = min(end, child.left_edge.i)
    if start <= stop.i < end:
        if stop.i > tok.i:
            end = stop.i
        else:
            start = stop.i + 1
    return _trim_paragraph(tok.doc, start, end)


def _after_cue(doc: Doc, cue: Token) -> tuple[int, int] | None:
    """The speaker of an inverted cue, '"...," said Aaron Zelin, a fellow at ...': the name right after it."""
    k = cue.i + 1
    if k >= len(doc) or cue.pos_ != "VERB" or cue.tag_ in ("VBG", "VBN"):
        return None  # ", using the Arabic acronym": a participle's object is not its speaker
    j = cue.i - 1
    while j >= 0 and doc[j].pos_ == "ADV":
        j -= 1
    if j >= 0 and not (doc[j].is_quote or doc[j].text in (",", "—", "--", "–") or (cue.is_sent_start and cue.text.istitle())):
        return None  # not inverted: "X says political correctness ..." has its object, not its speaker, after it
    tok = doc[k]
    if tok.pos_ not in ("PROPN", "NOUN", "DET", "ADJ") or "\n" in tok.text or tok.ent_type_ in ("DATE", "TIME"):
        return None
    end = k
    while end < len(doc) and end < k + 8 and (doc[end].pos_ in ("PROPN", "NOUN", "DET", "ADJ", "PART") or doc[end].text in (".", "'s")):
        if doc[end].text == "." and not (end > k and doc[end - 1].text[:1].isupper()):
            break
        end += 1
    if not any(doc[j].pos_ in ("PROPN", "NOUN") for j in range(k, end)):
        return None
    return _trim_paragraph(doc, k, end)


def _noun_cue_owner(cue: Token) -> tuple[int, int] | None:
    """Whose claim a cue noun is: "Trump charges that ...", "Bornstein's prediction", "the FBI decision"."""
    if cue.pos_ != "NOUN":
        return None
    for child in cue.children:
        if child.dep_ in ("compound", "poss", "nmod") and child.i < cue.i and (child.ent_type_ in LABELS or child.pos_ == "PROPN"):
            return _trim_paragraph(cue.doc, child.left_edge.i, child.i + 1)
    agent = next((p for p in _by_or_from(cue) if p.ent_type_ or p.pos_ in ("PROPN", "NOUN")), None)
    return _np_range(agent, cue) if agent is not None else None


def _before_auxiliaries(cue: Token) -> int:
    """Where the cue's verb phrase starts: before the auxiliaries, negation and adverbs right in
    front of it ("has not yet said"), so that what precedes them is the subject's place."""
    doc = cue.doc
    end = cue.i
    while end > 0 and doc[end - 1].pos_ in ("AUX", "ADV", "PART") and doc[end - 1].dep_ in ("aux", "advmod", "neg"):
        end -= 1
    return end


def _paragraph_subject(cue: Token) -> tuple[int, int] | None:
    """The words opening the cue's own paragraph or clause when the parser left them unattached:
    "5:45 p.m.\n\nGary Johnson's doctor is calling ...", '"...," Police Chief Ann Roe said Monday'."""
    doc = cue.doc
    end = _before_auxiliaries(cue)
    k = end - 1
    while k >= 0 and k > end - 12 and "\n" not in doc[k].text and not doc[k].is_quote and doc[k].text not in (".", ";", ":"):
        if (doc[k].pos_ in ("VERB", "AUX", "SCONJ") and not doc[k].text.istitle()) or doc[k].text == ",":
            return None  # a clause, not a name (the tagger calls some capitalised names verbs: "Tulsa")
        k -= 1
    start, stop = _trim_paragraph(doc, k + 1, end)
    if stop > start and any(doc[j].pos_ in ("PROPN", "NOUN") for j in range(start, stop)):
        return start, stop
    return None


def paragraph_label(doc: Doc, start: int) -> tuple[int, int] | None:
    """``(label_start, colon)`` for a paragraph starting at token ``start`` with 'LABEL:'
    (after any quote mark): a transcript turn ("WALLACE: Let's start …") or a headline's speaker
    ("Sanders: Clinton needs to …"). The one reading of such labels, for turns and for speakers."""
    k = start
    while k < len(doc) and (doc[k].is_space or doc[k].is_quote):
        if "\n" in doc[k].text:
            return None
        k += 1
    first = k
    while k < len(doc) and k - first <= MAX_LABEL_TOKENS:
        tok = doc[k]
        if tok.text == ":":
            break
        if "\n" in tok.text or not (tok.text[:1].isupper() or tok.text in (".", "'", "’", "-")):
            return None
        k += 1
    else:
        return None
    if k == first or k + 1 >= len(doc) or doc[k].text != ":" or "\n" in doc[k + 1].text:
        return None
    if doc[k - 1].text in (".", "-"):  # "5:45 p.m.:" or a truncated dash is no name
        return None
    return first, k


def _colon_label(doc: Doc, start: int) -> tuple[int, int] | None:
    """The speaker label of the paragraph whose colon the content starting at ``start`` follows,
    when the label is a name (proper or common nouns only): "Sanders: Clinton needs to ...",
    "WALLACE: Let's start ..."."""
    k = start - 1
    while k >= 0 and doc[k].is_quote:
        k -= 1
    if k < 1 or doc[k].text != ":":
        return None
    para = k
    while para > 0 and "\n" not in doc[para - 1].text:
        para -= 1
    found = paragraph_label(doc, para)
    if found is None or found[1] != k:
        return None
    if any(t.is_alpha and t.pos_ not in ("PROPN", "NOUN") for t in doc[found[0] : k]):
        return None
    return found


def _name_after_quote(cue: Token) -> tuple[int, int] | None:
    """'"…," Flynn, a top Trump surrogate, said': the name between a closing quotation and the cue,
    set off by an appositive the parser hung on a noun inside the quotation, leaving the cue with
    no subject. The mention is the name before the appositive's comma."""
    doc = cue.doc
    k = _before_auxiliaries(cue)
    if k < 1 or doc[k - 1].text != ",":
        return None
    j = k - 2
    while j >= 0 and j > cue.i - 20 and not doc[j].is_quote:
        tok = doc[j]
        if "\n" in tok.text or tok.text in (".", ";", ":") or (tok.pos_ in ("VERB", "AUX", "SCONJ") and not tok.text.istitle()):
            return None
        j -= 1
    if j < 1 or not doc[j].is_quote or doc[j - 1].text not in (",", "?", "!"):
        return None
    start = j + 1
    comma = next((i for i in range(start, k - 1) if doc[i].text == ","), None)
    if comma is None or comma == start:
        return None
    if not any(t.pos_ == "PROPN" or t.ent_type_ in LABELS for t in doc[start:comma]):
        return None
    found = _trim_paragraph(doc, start, comma)
    return found if found[1] > found[0] else None


def _chunk_before(cue: Token) -> tuple[int, int] | None:
    """The noun phrase right before the cue, its subject however the parser attached it
    ("the $20 million experts say it costs", "... and Democrats accused the GOP")."""
    doc = cue.doc
    end = _before_auxiliaries(cue)
    for chunk in doc.noun_chunks:
        if chunk.end == end and chunk.root.pos_ in ("NOUN", "PROPN") and chunk.root.lower_ not in ("there",):
            start, stop = _trim_paragraph(doc, chunk.start, chunk.end)
            return (start, stop) if stop > start else None
        if chunk.start >= end:
            break
    return None


def _governing_subject(cue: Token) -> tuple[int, int] | None:
    """The subject of the verb a cue depends on: "He made the criticism while showing support",
    "Obama is determined to warn", "It issued a paper ... and calling for"."""
    node = cue
    adjunct = False  # the cue heads an adverbial clause: "After saying …, she was whisked off"
    for _ in range(5):
        if node.dep_ not in ("xcomp", "advcl", "conj", "pcomp", "pobj", "prep", "dobj", "acomp", "oprd", "advmod") or node.head.i == node.i:
            return None
        adjunct = adjunct or node.dep_ in ("advcl", "pcomp")
        node = node.head
        for child in node.children:
            # '"...," according to Lt. Col. Halleaux, using the Arabic acronym': the according-to source
            if child.lower_ == "according":
                to = next((g for g in child.children if g.lower_ == "to"), None)
                pobj = next((g for g in to.children if g.dep_ == "pobj"), None) if to is not None else None
                if pobj is not None:
                    return _np_range(pobj, node)
        if node.pos_ in ("VERB", "AUX"):
            subj = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None:
                if (subj.dep_ == "nsubjpass" and not adjunct) or subj.lower_ == "there":
                    return None
                return _np_range(subj, node)
    return None


def _role_text(words: list[str]) -> str | None:
    """Role words without courtesy titles ("Mr Putin" has no role; "Pentagon spokesman" is one)."""
    kept = [w for w in words if w.lower().rstrip(".") not in COURTESY]
    return " ".join(kept) or None


def _strip_det(text: str) -> str:
    """"the Pentagon spokesman" → "Pentagon spokesman"; a quantifier heading its phrase stays
    ("Several of those who crossed", not "of those who crossed")."""
    words = text.split()
    while words and words[0].lower() in ("the", "a", "an", "some", "one", "two", "several", "many"):
        if len(words) > 1 and words[1].lower() == "of":
            break
        words = words[1:]
    return " ".join(words) or text


def _is_group_phrase(span: Span) -> bool:
    """"Pentagon officials", "a source close to the SDF": the head is a collective noun, not the org."""
    return span.root.lower_ in GROUP_NOUNS and span.root.ent_type_ == ""


def _role_of(span: Span) -> str | None:
    """The role a PERSON entity is given where it appears: the modifiers before it or an apposition."""
    doc = span.doc
    root = span.root
    words: list[str] = []
    left = _trim_paragraph(doc, root.left_edge.i, span.end)[0]
    for tok in doc[left : span.start]:
        if tok.dep_ in ("det", "poss", "punct", "case") or tok.is_punct:
            continue
        words.append(tok.text)
    core = person_core(span.text)
    title_words = clean_name(span.text).split()[: max(0, len(clean_name(span.text).split()) - len(core))]
    words += title_words
    if not _role_text(words):
        for child in root.children:
            if child.dep_ == "appos":
                app = doc[child.left_edge.i : child.right_edge.i + 1]
                return _strip_det(app.text.strip(" ,")) or None
        head = root.head
        if root.dep_ == "appos" and head.i < span.start and head.pos_ == "NOUN":
            # "The Front's commander, Rada Imrik, appeared …": the name is the apposition of its role
            lead = _trim_paragraph(doc, head.left_edge.i, head.i + 1)[0]
            return _strip_det(doc[lead : head.i + 1].text.strip(" ,")) or None
        return None
    return _role_text(words)


def _role_in(span: Span, person: Mention) -> str | None:
    """The role stated inside the speaker span itself (before the name, or as an apposition)."""
    ent = span.doc.char_span(person.start, person.end, alignment_mode="expand")
    if ent is None:
        return None
    lead = _trim_paragraph(span.doc, span.start, span.end)[0]
    words = [t.text for t in span if lead <= t.i < ent.start and not t.is_punct and t.dep_ not in ("det", "poss")]
    core = person_core(ent.text)
    title = clean_name(ent.text).split()[: max(0, len(clean_name(ent.text).split()) - len(core))]
    words += title
    if _role_text(words):
        return _role_text(words)
    for tok in span:
        if tok.dep_ == "appos" and tok.head.i >= ent.start and tok.head.i < ent.end:
            app = span.doc[tok.left_edge.i : tok.right_edge.i + 1]
            return _strip_det(app.text.strip(" ,")) or None
    return None
