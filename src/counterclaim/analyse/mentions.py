"""Entity mentions and their in-article canonical names ("Robertson" → "Sean Robertson").

Within one article a person is introduced once with full name and title and then referred to by
surname; an organisation is spelled out once and then abbreviated. Resolving within the article
(rather than against a knowledge base) is cheap, needs no network, and is what the ledger needs to
group a speaker's statements. Cross-article linking is stage 4's job.
"""

from __future__ import annotations

import gzip
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Span

from counterclaim.types import Mention

LABELS = ("PERSON", "ORG", "GPE", "NORP")

# titles and ranks that precede a name but are not part of it
TITLES = {
    "mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "president", "vice", "prime", "minister",
    "secretary", "sen", "senator", "rep", "representative", "gov", "governor", "gen", "general", "col",
    "colonel", "lt", "lieutenant", "maj", "major", "capt", "captain", "cmdr", "commander", "adm",
    "admiral", "sgt", "sergeant", "cpl", "pvt", "army", "navy", "air", "force", "marine", "u.s", "us",
    "spokesman", "spokeswoman", "spokesperson", "judge", "justice", "chancellor", "king", "queen",
    "prince", "pope", "rev", "father", "sheikh", "ambassador", "envoy", "mayor", "chief", "deputy",
    "foreign", "defense", "defence", "state", "lt.", "col.", "gen.", "maj.", "capt.", "cmdr.", "adm.",
    "mr.", "mrs.", "ms.", "dr.", "sen.", "rep.", "gov.", "sgt.", "hon", "former", "then",
}

# names that refer to the same place or group however they are spelled
ALIASES = {
    "u.s.": "United States", "us": "United States", "u.s": "United States", "usa": "United States",
    "u.s.a.": "United States", "america": "United States", "the united states": "United States",
    "united states": "United States", "uk": "United Kingdom", "u.k.": "United Kingdom", "britain": "United Kingdom",
    "great britain": "United Kingdom", "russian federation": "Russia", "the russian federation": "Russia",
    "isis": "Islamic State", "isil": "Islamic State", "is": "Islamic State", "daesh": "Islamic State",
    "islamic state": "Islamic State", "the islamic state": "Islamic State",
    "islamic state of iraq and syria": "Islamic State", "islamic state of iraq and the levant": "Islamic State",
    "the pentagon": "Pentagon", "pentagon": "Pentagon", "department of defense": "Pentagon",
    "the department of defense": "Pentagon", "u.s. department of defense": "Pentagon",
    "the kremlin": "Kremlin", "un": "United Nations", "u.n.": "United Nations", "the un": "United Nations",
}

_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")


def clean_name(text: str) -> str:
    """A mention's name without leading "the", possessive "'s", or surrounding punctuation."""
    text = " ".join(text.split())
    text = _POSSESSIVE.sub("", text).strip(" ,.;:\"“”'’―—–")
    if text.lower().startswith("the ") and len(text) > 4:
        text = text[4:]
    return text


def person_core(text: str) -> list[str]:
    """The words of a person's name with titles and ranks removed ("Cmdr. Sean Robertson" → Sean Robertson)."""
    words = clean_name(text).split()
    while len(words) > 1 and words[0].lower().rstrip(".") in TITLES | {t.rstrip(".") for t in TITLES}:
        words = words[1:]
    return words


NAMES = Path(__file__).resolve().parents[1] / "models" / "names" / "first_names.tsv.gz"


@lru_cache(maxsize=1)
def _given_names() -> dict[str, str]:
    """Given name → "f" / "m" (``scripts/build_name_genders.py``; names both sexes bear are left out)."""
    with gzip.open(NAMES, "rt", encoding="utf-8") as f:
        return dict(line.rstrip("\n").split("\t", 1) for line in f if "\t" in line)


def given_name_gender(name: str) -> str | None:
    """"f" or "m" for a full name whose first word is a given name that only one sex bears
    ("Loretta E. Lynch", "Kofi Annan"); None for a single word, which may be a surname ("Graham")."""
    words = person_core(name)
    if len(words) < 2:
        return None
    first = unicodedata.normalize("NFKD", words[0].lower())
    first = "".join(ch for ch in first if not unicodedata.combining(ch))
    return _given_names().get(first)


HONORIFIC_GENDER = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f"}


def honorific_gender(ent: Span) -> str | None:
    """"m" or "f" when the mention carries or follows an honorific ("Mr. Obama", "Mrs. Clinton")."""
    doc = ent.doc
    for tok in (ent[0], doc[ent.start - 1] if ent.start > 0 else None):
        if tok is not None and tok.lower_.rstrip(".") in HONORIFIC_GENDER:
            return HONORIFIC_GENDER[tok.lower_.rstrip(".")]
    return None


def _initials(words: Iterable[str]) -> str:
    return "".join(w[0] for w in words if w[:1].isupper())


def canonical_names(ents: list[Span], labels: list[str] | None = None) -> list[str]:
    """The canonical name of each entity span, resolved against the other spans of the same Doc
    (``labels``: the labels to read them with, default the tagger's)."""
    labels = labels if labels is not None else [e.label_ for e in ents]
    full_people: list[tuple[list[str], str | None]] = []
    for ent, label in zip(ents, labels, strict=True):
        if label == "PERSON":
            core = person_core(ent.text)
            if len(core) >= 2:
                full_people.append((core, honorific_gender(ent) or given_name_gender(" ".join(core))))
    org_names = [clean_name(e.text) for e, label in zip(ents, labels, strict=True) if label == "ORG"]
    out: list[str] = []
    for ent, label in zip(ents, labels, strict=True):
        name = clean_name(ent.text)
        if label == "PERSON":
            core = person_core(ent.text)
            best = core
            # "Mr. Obama" in an article that also names Michelle Obama is not her
            other = {"f": "m", "m": "f"}.get(honorific_gender(ent) or "")
            if core:
                for full, gender in full_people:
                    if len(full) > len(best) and full[-1].lower() == core[-1].lower() and (other is None or gender != other):
                        best = full
            out.append(" ".join(best) if best else name)
            continue
        alias = ALIASES.get(name.lower()) or ALIASES.get(ent.text.lower().strip())
        if alias:
            out.append(alias)
            continue
        if label == "ORG" and name.isupper() and 2 <= len(name) <= 6:
            long = next((o for o in org_names if _initials(o.split()) == name and len(o.split()) >= 2), None)
            out.append(long or name)
            continue
        out.append(name)
    return out


# Title-case headlines run names into their verb: "Rebels Say Army Shelling, Not Sabotage, Broke …"
_SPEECH_WORDS = frozenset({"say", "says", "said", "claim", "claims", "claimed", "deny", "denies", "denied", "warn",
                           "warns", "admit", "admits", "insist", "insists", "accuse", "accuses", "blame", "blames"})


def _before_speech_verb(ent: Span) -> Span:
    """The entity cut before a speech verb the tagger swept into it (its first word always stays)."""
    verb = next((tok for tok in ent[1:] if tok.lower_ in _SPEECH_WORDS), None)
    return ent if verb is None else Span(ent.doc, ent.start, verb.i, label=ent.label_)


def _common_word_in_title_case(ent: Span) -> bool:
    """A one-word entity on a title-case line whose word the article also writes in lower case:
    "Rebels Say Army Shelling …" over a story about "the rebels" names no organisation."""
    if len(ent) != 1 or not ent.text[:1].isupper() or ent.text.isupper():
        return False
    doc = ent.doc
    lo = ent.start
    while lo > 0 and "\n" not in doc[lo - 1].text:
        lo -= 1
    hi = ent.end
    while hi < len(doc) and "\n" not in doc[hi].text:
        hi += 1
    words = [t for t in doc[lo:hi] if t.is_alpha and len(t.text) > 3]
    if len(words) < 3 or sum(t.text[:1].isupper() for t in words) < 0.8 * len(words):
        return False
    low = ent.text.lower()
    return any(t.text == low for t in doc if t.i < lo or t.i >= hi)


def _voted_labels(ents: list[Span]) -> list[str]:
    """Each entity's label, or the label the article gives the same name more often.

    The tagger reads each sentence on its own: "Continental Wire" is an ORG in the dateline and a
    PERSON in "Continental Wire has not seen the laboratory report", and as a person it would be the
    "he" of the next quotation. Ties keep the tagger's label.
    """
    votes: dict[str, Counter[str]] = {}
    for ent in ents:
        votes.setdefault(clean_name(ent.text), Counter())[ent.label_] += 1
    out = []
    for ent in ents:
        counts = votes[clean_name(ent.text)]
        (best, n), *rest = counts.most_common()
        out.append(best if n > counts[ent.label_] and not (rest and rest[0][1] == n) else ent.label_)
    # "Ines Carvel" tagged ORG where "Carvel" alone is a PERSON: a first name and that surname make a
    # person ("Clinton Foundation" does not end in the surname, so it stays an organisation)
    surnames = {clean_name(e.text) for e, label in zip(ents, out, strict=True)
                if label == "PERSON" and len(clean_name(e.text).split()) == 1}
    for k, ent in enumerate(ents):
        words = clean_name(ent.text).split()
        if (out[k] == "ORG" and 2 <= len(words) <= 3 and words[-1] in surnames
                and all(w[:1].isupper() for w in words)):
            out[k] = "PERSON"
    return out


def find_mentions(doc: Doc) -> list[Mention]:
    """PERSON, ORG, GPE and NORP mentions in a parsed Doc, each with its in-article canonical name.

    A surname that repeats a person introduced in full ("Jonas Eklund" ... "Eklund added") is that
    person even where the tagger missed it or called it an organisation ("Halleaux said").
    """
    ents = [_before_speech_verb(e) for e in doc.ents if e.label_ in LABELS]
    ents = [e for e in ents if not _common_word_in_title_case(e)]
    labels = _voted_labels(ents)
    names = canonical_names(ents, labels)
    surnames: dict[str, str] = {}
    for label, name in zip(labels, names, strict=True):
        words = name.split()
        if label == "PERSON" and len(words) >= 2:
            surnames.setdefault(words[-1], name)
    out: list[Mention] = []
    covered: set[int] = set()
    for ent, name, label in zip(ents, names, labels, strict=True):
        core = clean_name(ent.text)
        if label in ("ORG", "GPE", "NORP") and core in surnames and len(core.split()) == 1 and ent.text[:1].isupper():
            label, name = "PERSON", surnames[core]
        out.append(Mention(ent.start_char, ent.end_char, ent.text, label, name))
        covered.update(range(ent.start, ent.end))
    for tok in doc:
        if tok.i in covered or tok.pos_ != "PROPN" or tok.text not in surnames:
            continue
        if tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN":
            continue  # part of a longer name the tagger did not mark
        out.append(Mention(tok.idx, tok.idx + len(tok.text), tok.text, "PERSON", surnames[tok.text]))
    return sorted(out, key=lambda m: m.start)
