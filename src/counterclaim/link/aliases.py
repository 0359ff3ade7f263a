"""Name normalisation and the alias files: the built-in seed and the user's overrides.

Every name the ledger sees goes through :func:`name_key` before lookup, so "Cmdr. Sean Robertson",
"Commander Sean Robertson" and "Sean Robertson" share one key, and "Deir el-Zour", "Deir-al Zor"
and "Deir al-Zor" differ only in a vowel, which :func:`similar_keys` tolerates. Folding is done
with :mod:`unicodedata` only (no unidecode): accents, hyphens and apostrophes are dropped and Arabic
article particles (al-, el-, ad-, ash-, …) collapse to one ``al``.

The alias file is TOML (read with :mod:`tomllib`)::

    # Every name in `aliases` resolves to this entity; `name` renames it.
    [[entity]]
    name = "Islamic State"
    aliases = ["IS", "ISIS", "ISIL", "Daesh"]
    type = "organisation"          # person | organisation | place | country | side | other
    country = "Iraq and Syria"     # the side it stands on, shown next to its statements
    affiliation = "..."            # for a person: the organisation they speak for

    [demonyms]                     # adjective → country, for "Russian officials"
    Russian = "Russia"

A user's file (``--aliases`` / ``COUNTERCLAIM_ALIASES`` / ``./aliases.toml``) is applied after the
built-in seed (``counterclaim/data/aliases.toml``) and after everything learned from the articles,
so it can merge (list names together), split (claim a name for another entity), rename, retype or
re-side anything.
"""

from __future__ import annotations

import os
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

# Titles and ranks dropped from the front of a name; multi-word ones first (longest match wins).
TITLES: tuple[str, ...] = tuple(
    sorted(
        {
            "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "sheikh", "sheik",
            "cmdr", "commander", "col", "colonel", "capt", "captain", "lt", "lieutenant", "gen", "general",
            "maj", "major", "sgt", "sergeant", "adm", "admiral", "brig", "brigadier", "cpl", "corporal",
            "pvt", "private", "rev", "reverend", "president", "minister", "prime minister", "governor",
            "gov", "sen", "senator", "rep", "representative", "secretary", "ambassador", "spokesman",
            "spokeswoman", "spokesperson", "mayor", "defence minister", "defense minister",
            "foreign minister", "interior minister", "defense secretary", "defence secretary",
            "secretary of state", "lt col", "lieutenant colonel", "lt gen", "lieutenant general", "maj gen",
            "major general", "brig gen", "brigadier general", "rear adm", "rear admiral", "vice adm",
            "vice admiral", "army", "us army", "navy", "us navy", "air force", "british army", "marine",
            "pentagon spokesman", "cdr",
        },
        key=lambda t: -len(t),
    )
)
# Particles written al-, el-, ad-, … collapse to "al" so transliterations share a key.
_PARTICLES = {"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ed", "es", "ul", "il"}
_APOSTROPHES = "'’‘`´ʼʻ"
_POSSESSIVE = re.compile(r"(?<=\w)['’]s\s")
# Head nouns of state bodies and organisations, for "X of Y" keys and "the Interior Ministry" lookups.
ORG_HEADS = frozenset({"ministry", "department", "government", "embassy", "army", "office", "agency", "navy",
                       "police", "service", "council", "commission", "parliament", "guard", "forces", "authority",
                       "authorities", "directorate", "administration"})
_SPLIT = re.compile(r"[\s\-‐‑‒–—_/]+")
_NON_WORD = re.compile(r"[^\w\s]")


def fold(text: str) -> str:
    """Lower-case, accent-free, apostrophe-free text with hyphens as spaces (no unidecode needed)."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    for a in _APOSTROPHES:
        text = text.replace(a, "")
    text = text.replace(".", "")  # "U.S." → "US", "Cmdr." → "Cmdr"
    text = _SPLIT.sub(" ", text.lower())
    text = _NON_WORD.sub(" ", text)
    return " ".join(text.split())


@lru_cache(maxsize=131072)  # the resolver's hot path: a corpus repeats its names thousands of times
def name_key(name: str) -> str:
    """The lookup key of a name: folded, titles and a leading "the" dropped, particles unified.

    >>> name_key("Cmdr. Sean Robertson") == name_key("Commander Sean Robertson") == "sean robertson"
    True
    >>> name_key("Deir-al Zor") == name_key("Deir al-Zor") == "deir al zor"
    True
    """
    name = name.strip()
    if name[-2:] in ("'s", "’s"):  # possessive: "Putin's" is Putin
        name = name[:-2]
    name = _POSSESSIVE.sub(" ", name)  # "Korvenia's Interior Ministry" = "Korvenia Interior Ministry"
    text = fold(name)
    for _ in range(4):
        before = text
        if text.startswith("the "):
            text = text[4:]
        for title in TITLES:
            if text.startswith(title + " ") and len(text) > len(title) + 2:
                text = text[len(title) + 1 :]
                break
        if text == before:
            break
    tokens = ["al" if t in _PARTICLES else t for t in text.split()]
    # "Interior Ministry of Korvenia" = "Korvenia's Interior Ministry": a state body "of" a place
    # is keyed place first, so both spellings meet.
    if len(tokens) >= 3 and tokens[-2] == "of" and tokens[-3] in ORG_HEADS and "of" not in tokens[:-2]:
        tokens = [tokens[-1], *tokens[:-2]]
    return " ".join(tokens)


def display_name(name: str) -> str:
    """A name as shown: the written form minus titles, keeping its case ("Cmdr. Sean Robertson" → "Sean Robertson")."""
    words = name.strip().strip(_APOSTROPHES + "\"“”").split()
    while words:
        if words[0].lower() == "the" and len(words) > 1:
            words = words[1:]
            continue
        dropped = False
        for n in (3, 2, 1):
            if len(words) > n and fold(" ".join(words[:n])) in TITLES:
                words = words[n:]
                dropped = True
                break
        if not dropped:
            break
    out = " ".join(words)
    if out.endswith(("'s", "’s")):
        out = out[:-2]
    return out or name.strip()


def _skeleton(token: str) -> str:
    """A token with vowels after the first letter and doubled letters removed ("zour" → "zr")."""
    if not token:
        return token
    rest = re.sub(r"[aeiouy]", "", token[1:])
    out = token[0] + rest
    return re.sub(r"(.)\1+", r"\1", out)


def fuzzy_block(key: str) -> str:
    """The blocking key for fuzzy matching: token count plus the first token's skeleton."""
    tokens = key.split()
    # four skeleton letters: "Kostel" and "Kostelj" (kstl, kstlj) meet in one block
    return f"{len(tokens)}:{_skeleton(tokens[0])[:4] if tokens else ''}"


def similar_keys(a: str, b: str) -> bool:
    """True for transliteration variants of one name: same tokens up to a vowel or a doubled letter.

    Token by token, so "Deir al Zour" ~ "Deir al Zor" but "Russia" ≁ "Prussia" and short names
    (acronyms) never match fuzzily.
    """
    if a == b:
        return True
    ta, tb = a.split(), b.split()
    if len(ta) != len(tb) or len(a) < 6:
        return False
    for x, y in zip(ta, tb, strict=True):
        if x == y:
            continue
        if x[0] != y[0] or len(x) < 3 or len(y) < 3:
            return False
        if _skeleton(x) != _skeleton(y) and fuzz.ratio(x, y) < 80:
            return False
    return fuzz.ratio(a, b) >= 85


def initials(name: str) -> str:
    """Upper-case initials of a name's significant words ("Syrian Democratic Forces" → "SDF")."""
    small = {"of", "the", "and", "for", "in", "on", "al", "el", "de", "du", "des", "la", "le"}
    words = [w for w in _SPLIT.split(name.replace(".", "")) if w]
    return "".join(w[0].upper() for w in words if w.lower() not in small and w[0].isalpha())


# ---------------------------------------------------------------- alias files


@dataclass(frozen=True, slots=True)
class AliasEntry:
    """One ``[[entity]]`` table: a canonical name, the names that mean it, and what is known of it."""

    name: str
    aliases: tuple[str, ...] = ()
    type: str | None = None
    country: str | None = None
    affiliation: str | None = None
    role: str | None = None


@dataclass(frozen=True, slots=True)
class AliasFile:
    """A parsed alias file; ``user`` entries override what was learned, seed entries do not."""

    entries: tuple[AliasEntry, ...] = ()
    demonyms: dict[str, str] = field(default_factory=dict)
    user: bool = False

    @classmethod
    def parse(cls, data: dict[str, Any], *, user: bool) -> AliasFile:
        entries = []
        for item in data.get("entity", []):
            if not isinstance(item, dict) or not item.get("name"):
                raise ValueError(f"each [[entity]] needs a name: {item!r}")
            entries.append(
                AliasEntry(
                    name=str(item["name"]),
                    aliases=tuple(str(a) for a in item.get("aliases", [])),
                    type=item.get("type"),
                    country=item.get("country"),
                    affiliation=item.get("affiliation"),
                    role=item.get("role"),
                )
            )
        demonyms = {fold(k): str(v) for k, v in (data.get("demonyms") or {}).items()}
        return cls(tuple(entries), demonyms, user)

    @classmethod
    def load(cls, path: str | Path, *, user: bool = True) -> AliasFile:
        with open(path, "rb") as fh:
            return cls.parse(tomllib.load(fh), user=user)


def seed_aliases() -> AliasFile:
    """The built-in list: generic knowledge only (acronyms of well-known organisations, demonyms)."""
    resource = files("counterclaim") / "data" / "aliases.toml"
    return AliasFile.parse(tomllib.loads(resource.read_text(encoding="utf-8")), user=False)


def user_alias_path(path: str | Path | None = None) -> Path | None:
    """The user's alias file: ``path``, else ``$COUNTERCLAIM_ALIASES``, else ``./aliases.toml`` if present."""
    if path:
        return Path(path)
    env = os.environ.get("COUNTERCLAIM_ALIASES")
    if env:
        return Path(env)
    default = Path("aliases.toml")
    return default if default.is_file() else None


def user_aliases(path: str | Path | None = None) -> AliasFile | None:
    found = user_alias_path(path)
    if found is None:
        return None
    if not found.is_file():
        raise FileNotFoundError(f"alias file not found: {found} (check --aliases or COUNTERCLAIM_ALIASES)")
    return AliasFile.load(found, user=True)
