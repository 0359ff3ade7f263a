"""Which way a text points: whether its main assertion is negated, and whether it says something grows.

Both readings are word-level on purpose: linking runs on stored statement text, long after the parse,
and must stay fast on a million statements. They decide roles (a negated assertion joined to its
positive claim disputes it) and trend contests (:mod:`counterclaim.link.trends`).
"""

from __future__ import annotations

import re

NEGATIONS = frozenset({"not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "without",
                       "denied", "denies", "deny", "false", "untrue", "n't", "cannot",
                       # words that deny what they qualify ("unaware of any Americans held at the camp")
                       "unaware", "unsubstantiated", "unfounded", "baseless", "skeptical", "sceptical", "doubt",
                       "doubts", "unverified",
                       # failure is a negative outcome: "had failed to stem the threat" ~ "did not finish their job"
                       "fail", "failed", "fails", "failing", "unable"})


_CONDITIONAL = re.compile(r"\b(?:if|unless|whether|until)\b.*", re.IGNORECASE | re.DOTALL)
# a clause set off after a comma qualifies the main assertion rather than negating it: "They are moving
# with impunity, showing that the regime is unable to defeat them"
_TRAILING_CLAUSE = re.compile(
    r",\s*(?:showing|saying|adding|meaning|which|who|whose|because|while|although|though|after|before|since|when)\b.*",
    re.IGNORECASE | re.DOTALL,
)


# a negation of a doubt is an assertion: "it would not surprise me if …", "there is no doubt that …"
_LITOTES = re.compile(
    r"(?:\b(?:not|no|never|cannot)|n't)\s+(?:[a-z]+\s+){0,2}?"
    r"(?:surpris|doubt|den(?:y|ie)|rul(?:e|ed|ing)\s+out|unlikely|impossible|secret)[a-z]*"
)


def is_negated(text: str) -> bool:
    """True when the main assertion is negated; negations in conditional clauses ("if … not met"), in
    clauses trailing after a comma (", showing that … unable") and negated doubts ("no doubt",
    "would not surprise me") do not count."""
    main = _TRAILING_CLAUSE.sub("", _CONDITIONAL.sub("", text))
    low = _LITOTES.sub(" ", main.lower().replace("’", "'"))
    # "don't" → "do", "n't": the contraction is a word of its own
    return any(w in NEGATIONS for w in re.findall(r"[a-z]+(?=n't)|n't|[a-z]+", low))


# ---------------------------------------------------------------- direction of change

UP = 1
DOWN = -1

# Change words, matched as whole lower-case words. Words whose direction depends on who is speaking
# ("worse", "better") or that are mostly about something else ("more", "contract") are left out.
_UP_WORDS = (
    r"increas\w*|rise|rises|rising|rose|risen|surge|surges|surged|surging|resurg\w*|grow|grows|growing|grown|grew"
    r"|growth|expand\w*|expansion|escalat\w*|intensif\w*|spike|spikes|spiked|spiking|soar\w*|climb\w*"
    r"|jump|jumps|jumped|jumping|gain|gains|gained|gaining|strengthen\w*|regain\w*|rebound\w*|reviv\w*"
    r"|comeback|uptick|advance|advances|advanced|advancing|flurry|mounting|on\s+the\s+rise"
)
_DOWN_WORDS = (
    r"decreas\w*|declin\w*|diminish\w*|drop|drops|dropped|dropping|fall|falls|falling|fallen|fell|shrink\w*"
    r"|shrank|shrunk\w*|weaken\w*|reduc\w*|dwindl\w*|wane|wanes|waned|waning|retreat\w*"
    r"|degrad\w*|defeat\w*|collaps\w*|disrupt\w*|thwart\w*|foiled|repel\w*|repuls\w*|curb\w*|suppress\w*"
    r"|plummet\w*|slump\w*|eroded|erosion|lost\s+ground|losing\s+ground|beaten\s+back|met\s+(?:by|with)"
    r"|under\s+control"
)
# Comparatives say which way only when the text compares ("far less than in previous years",
# "grown much stronger"); "making people weigh less" or "a stronger tidal pull" are no trend, and size
# ("make the Front look bigger than it is") is not a change.
_INTENSIFIER = r"(?:far|much|significantly|considerably|substantially|markedly|sharply|even|ever|increasingly)"
_COMPARATIVE = (
    rf"{_INTENSIFIER}\s+(?:(?P<cup>higher|stronger)|(?P<cdown>less|fewer|lower|weaker))"
    r"|(?:(?P<tup>higher|stronger)|(?P<tdown>less|fewer|lower|weaker))(?=\s+than\b)"
)
_CHANGE = re.compile(rf"\b(?:(?P<up>{_UP_WORDS})|(?P<down>{_DOWN_WORDS})|{_COMPARATIVE})\b")
# "fewer than 1,000 fighters", "no less than 700": a qualifier of a figure, not a change
_QUALIFIER = re.compile(r"\s*than\s+(?:about\s+|some\s+|around\s+|an?\s+)?[\d$£€]|\s*than\s+(?:a|one|two|three|ten)\b")
_NEGATION = re.compile(r"\b(?:not|no|never|nothing|none|without|unable|hardly|barely|nor|cannot|little)\b|n't\b")
_A_LITTLE = re.compile(r"\ba\s+little\b")
# The clause after a contrast carries the speaker's point ("there is an increase …, but … diminished").
_CONTRAST = re.compile(r"[,;:]\s*(?:but|yet|however)\b|\bhowever\b|\bdespite\b|\bin\s+spite\s+of\b")
_SENTENCE = re.compile(r"(?<=[.!?])[\"”’']?\s+")


def direction(text: str) -> int:
    """+1 when the text says something grows, -1 when it shrinks, 0 when it says neither or both."""
    total = 0
    # "leave no doubt about his determination to degrade …": a negated doubt negates nothing
    for sentence in _SENTENCE.split(_LITOTES.sub(" ", text.lower().replace("’", "'"))):
        total += _clause_direction(_CONTRAST.split(sentence))
    return (total > 0) - (total < 0)


def denied_direction(text: str) -> int:
    """The trend a denial of ``text`` asserts. A denial whose own words carry the negation ("we do not
    believe ISIS has been able to advance") already reads the right way round; one whose cue does the
    denying ("pushed back against the narrative of a resurgent IS") says the opposite of its words."""
    trend = direction(text)
    return trend if is_negated(text) else -trend


def _clause_direction(clauses: list[str]) -> int:
    """The direction of the last clause that has one (the point after "but" wins over the concession)."""
    for clause in reversed(clauses):
        clause = _A_LITTLE.sub(" ", clause)
        last = None
        for m in _CHANGE.finditer(clause):
            if _QUALIFIER.match(clause, m.end()):
                continue
            last = m
        if last is None:
            continue
        sign = UP if last.group("up") or last.group("cup") or last.group("tup") else DOWN
        flips = len(_NEGATION.findall(clause, 0, last.start()))
        return -sign if flips % 2 else sign
    return 0
