"""Who a speaker mention refers to within the article: name, role, affiliation, country, anonymity.

News introduces a source once ("Pentagon spokesman Cmdr. Sean Robertson") and then says
"Robertson", "he" or "the spokesman". ``SpeakerResolver`` walks an article's statements in order
and keeps the people and groups already quoted, so that these later forms resolve to the named
source instead of staying anonymous. Everything here is heuristic and article-local on purpose.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from counterclaim.analyse.mentions import TITLES, clean_name, person_core
from counterclaim.types import Mention, Speaker
from counterclaim.types import Span as TextSpan

PERSON_PRONOUNS = {"he", "she", "him", "his", "her", "i", "me", "my"}
GROUP_PRONOUNS = {"they", "them", "their", "we", "us", "our"}
EXPLETIVES = {"it", "there", "this", "that", "which", "who"}
COURTESY = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "madam"}

# demonyms and organisations whose country the article rarely spells out
COUNTRY_OF = {
    "american": "US", "americans": "US", "u.s.": "US", "us": "US", "united states": "US", "america": "US",
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
    if low in COUNTRY_OF:
        return COUNTRY_OF[low]
    for word in low.replace(",", " ").split():
        if word in COUNTRY_OF:
            return COUNTRY_OF[word]
    return None


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


@dataclass(slots=True)
class SpeakerResolver:
    """Resolves speaker mentions of one Doc, in document order, remembering who has spoken."""

    doc: Doc
    mentions: list[Mention]
    known: list[_Known] = field(default_factory=list)
    roles: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # roles stated anywhere in the article: "Pentagon spokesman Sean Robertson", "Robertson, a ..."
        for m in self.mentions:
            if m.label != "PERSON":
                continue
            span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            role = _role_of(span)
            if role and m.canonical not in self.roles:
                self.roles[m.canonical] = role

    def resolve(self, start: int, end: int) -> Speaker | None:
        """The Speaker for the token range ``[start, end)`` of the Doc, or None for an expletive."""
        doc = self.doc
        span = doc[start:end]
        if not span.text.strip() or (len(span) == 1 and span[0].lower_ in EXPLETIVES):
            return None
        mention = TextSpan(span.start_char, span.end_char, span.text)
        inside = [m for m in self.mentions if m.start < span.end_char and m.end > span.start_char]
        person = next((m for m in inside if m.label == "PERSON"), None)
        org = next((m for m in inside if m.label == "ORG"), None)
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
            prior = self._latest(kinds=("person",), before=span.start_char)
            if prior is not None:
                return self._speaker(mention, prior)
            last = self._latest_mention("PERSON", span.start_char)
            if last is not None:
                return self._remember(mention, last.canonical, "person", self.roles.get(last.canonical), None, None, True)
            return Speaker(mention=mention, kind="person", named=False)
        if len(span) <= 2 and low in GROUP_PRONOUNS:
            prior = self._latest(kinds=("organisation", "group"), before=span.start_char)
            if prior is not None:
                return self._speaker(mention, prior)
            return Speaker(mention=mention, kind="group", named=False)
        definite = span[0].lower_ in ("the", "this", "that") and org is None and place is None
        if definite and head.lower_ not in GROUP_NOUNS - {"spokesman", "spokeswoman", "spokesperson"}:
            # "the spokesman", "the general", "the senator": the latest named source with that role
            for k in sorted(self.known, key=lambda k: -k.last):
                if k.named and k.role and head.lower_ in k.role.lower():
                    return self._speaker(mention, k)
        if org is not None and org.end >= head.idx:
            affiliation = org.canonical
            country = country_of(org.canonical) or (country_of(place.text) if place else None)
            named = not _is_group_phrase(span)
            if named:
                return self._remember(mention, org.canonical, "organisation", None, affiliation, country, True)
            role = _strip_det(span.text)
            return Speaker(mention=mention, name=None, kind="group", role=role, affiliation=affiliation, country=country, named=False)
        if place is not None and place.end >= head.idx and place.label == "GPE":
            name = place.canonical
            return self._remember(mention, name, "organisation", None, name, country_of(name), True)
        # anonymous or descriptive: "U.S. officials", "a source close to the SDF", "the newspaper"
        role = _strip_det(span.text)
        affiliation = org.canonical if org is not None else None
        country = country_of(org.canonical) if org is not None else None
        if country is None and place is not None:
            country = country_of(place.text) or place.canonical
        plural = head.tag_ in ("NNS", "NNPS")
        kind = "group" if plural or low in GROUP_NOUNS else "unknown"
        return Speaker(mention=mention, name=None, kind=kind, role=role, affiliation=affiliation, country=country, named=False)

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


def _role_text(words: list[str]) -> str | None:
    """Role words without courtesy titles ("Mr Putin" has no role; "Pentagon spokesman" is one)."""
    kept = [w for w in words if w.lower().rstrip(".") not in COURTESY]
    return " ".join(kept) or None


def _strip_det(text: str) -> str:
    words = text.split()
    while words and words[0].lower() in ("the", "a", "an", "some", "one", "two", "several", "many"):
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
    left = root.left_edge.i
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
        return None
    return _role_text(words)


def _role_in(span: Span, person: Mention) -> str | None:
    """The role stated inside the speaker span itself (before the name, or as an apposition)."""
    ent = span.doc.char_span(person.start, person.end, alignment_mode="expand")
    if ent is None:
        return None
    words = [t.text for t in span if t.i < ent.start and not t.is_punct and t.dep_ not in ("det", "poss")]
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
