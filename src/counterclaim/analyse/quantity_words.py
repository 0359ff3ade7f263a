"""Word lists and patterns the quantities component reads: qualifiers, change verbs, dates, names.

Kept as data apart from the extractor (as trafilatura keeps its XPaths) so a new phrase is a one-line
change here. Units and currencies are in :mod:`counterclaim.analyse.units`.
"""

from __future__ import annotations

import re

from counterclaim.analyse import numbers, units


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_NUMBER_WORD = "|".join(sorted(numbers.WORD_NUMBER_WORDS, key=len, reverse=True))
_SCALE_WORD = "hundred|thousand|million|billion|trillion|lakhs?|crores?"
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+"

NUMBER_RE = re.compile(
    r"(?P<frac>(?<![\w/⁄.])\d+\s?[/⁄]\s?\d+(?![\w/⁄]))"
    r"|(?P<digits>(?<![\w.,])(?:" + _DIGITS + r"))"
    r"|(?P<glued>(?<=[A-Za-z$=])(?:" + _DIGITS + r"))"
    r"|(?P<vulgar>(?<!\d)[½¼¾⅓⅔⅛⅜⅝⅞])"
    r"|(?P<vague>\b(?:dozens|hundreds|thousands|millions|billions|trillions|(?:tens|scores)(?=\s+of\b))"
    r"(?:\s+of\s+(?:thousands|millions|billions))?\b)"
    r"|(?P<fracword>\b(?:(?:a|one|two|three|four)[\s-](?:half|thirds?|quarters?|fifths?)(?=\s+of\b|-)|(?:two|three|four)-(?:thirds|quarters|fifths)|half(?=\s+of\b))\b)"
    r"|(?P<dozen>\ba\s+dozen\b)"
    r"|(?P<ratio>\b(?:one|two|three|four|five|\d{1,2})\s+(?:in|out\s+of)\s+"
    r"(?:two|three|four|five|six|seven|eight|nine|ten|twenty|\d{1,3})\b(?!\s*(?:%|percent|per\s*cent)))"
    r"|(?P<words>\b(?:a\s+(?=(?:" + _SCALE_WORD + r")\b))?(?:" + _NUMBER_WORD + r")"
    r"(?:(?:\s+and\s+|[\s-]+)(?:" + _NUMBER_WORD + r"))*\b)",
    re.IGNORECASE,
)
SCALE_AFTER_RE = re.compile(r"(?:\s+(?:" + _SCALE_WORD + r"))+\b", re.IGNORECASE)
SCALE_GLUED_RE = re.compile(r"(bn|bln|mln|mn|tn|trn|MM|[kKmMbBT])(?![A-Za-z0-9])")
SCALE_SPACED_RE = re.compile(r"\s(bn|bln|mln|mn|tn)(?![A-Za-z0-9])")
# After "m": these words say metres, not millions ("100m sprint", "8m tall").
METRE_CONTEXT = _words(
    "long tall high wide deep away above below from sprint race hurdles freestyle relay in up down"
    " under of-water"
)

APPROX = r"about|around|roughly|nearly|almost|some|approximately|an estimated|estimated|close to|circa|c\.|approx\.?|~|an approximate|just about|more or less"
LESS = r"fewer than|less than|under|up to|at most|below|no more than|not more than|lower than|a maximum of|as few as|as little as|just under|just below|short of|<|≤"
MORE = r"more than|over|at least|upwards of|above|in excess of|greater than|higher than|exceeding|a minimum of|no less than|no fewer than|north of|just over|well over|>|≥"
QUALIFIER_BEFORE = [
    (re.compile(r"(?<!\w)(?:" + LESS + r")\s*$", re.IGNORECASE), "<"),
    (re.compile(r"(?<!\w)(?:" + MORE + r")\s*$", re.IGNORECASE), ">"),
    (re.compile(r"(?<!\w)(?:" + APPROX + r")\s*$", re.IGNORECASE), "~"),
]
QUALIFIER_AFTER = [
    (re.compile(r"^\s*(?:or|and)\s+(?:more|above|over|higher|greater)\b|^\+", re.IGNORECASE), ">"),
    (re.compile(r"^\s*(?:or|and)\s+(?:fewer|less|below|under|lower)\b", re.IGNORECASE), "<"),
    (re.compile(r"^\s*or\s+so\b", re.IGNORECASE), "~"),
]

_UP_FORMS = (
    "rise|rises|rose|risen|rising|increase|increases|increased|increasing|climb|climbs|climbed|climbing|"
    "gain|gains|gained|gaining|jump|jumps|jumped|jumping|grow|grows|grew|grown|growing|advance|advances|"
    "advanced|advancing|surge|surges|surged|surging|soar|soars|soared|soaring|rally|rallies|rallied|"
    "rallying|add|adds|added|adding|spike|spikes|spiked|climbed|edged up|edges up|inched up|ticked up|"
    "moved up|went up|go up|goes up|was up|were up|is up|are up|closed up|trending up|trended up|"
    "finished up|shot up|crept up|nudged up|traded up|trading up|boosted|boost|boosts|expanded|expand|expands|improved|improve|improves|leapt|leaped|"
    "leap|leaps|rocketed|skyrocketed"
)
_DOWN_FORMS = (
    "fall|falls|fell|fallen|falling|drop|drops|dropped|dropping|decline|declines|declined|declining|"
    "slide|slides|slid|sliding|slip|slips|slipped|slipping|tumble|tumbles|tumbled|tumbling|plunge|"
    "plunges|plunged|plunging|sink|sinks|sank|sunk|sinking|slump|slumps|slumped|dip|dips|dipped|"
    "decrease|decreases|decreased|decreasing|ease|eases|eased|easing|shrink|shrinks|shrank|shrunk|"
    "shed|sheds|shedding|retreat|retreats|retreated|plummet|plummets|plummeted|contract|contracted|"
    "edged down|edges down|inched down|ticked down|went down|go down|was down|were down|is down|are down|"
    "closed down|trending down|trended down|finished down|traded down|trading down|loses|cut|cuts|reduced|reduce|reduces|lowered|slashed|tanked|sagged|"
    "fell back|shed|losing"
)
CHANGE_BEFORE = [
    (re.compile(r"\b(?:" + _UP_FORMS + r")\s+(?:by\s+)?(?:a\s+further\s+|another\s+|nearly\s+|almost\s+|about\s+|around\s+|roughly\s+|some\s+|more\s+than\s+|over\s+|under\s+|less\s+than\s+|just\s+|up\s+to\s+)*$", re.IGNORECASE), "up"),
    (re.compile(r"\b(?:" + _DOWN_FORMS + r")\s+(?:by\s+)?(?:a\s+further\s+|another\s+|nearly\s+|almost\s+|about\s+|around\s+|roughly\s+|some\s+|more\s+than\s+|over\s+|under\s+|less\s+than\s+|just\s+|up\s+to\s+)*$", re.IGNORECASE), "down"),
]
# "climbed to 6.7%": the level reached by a change, when no amount of change is given.
CHANGE_TO_BEFORE = [
    (re.compile(r"\b(?:rose|rises|climbed|climbs|jumped|increased|surged|soared|advanced|grew|gained)\s+to\s+$", re.IGNORECASE), "up"),
    (re.compile(r"\b(?:fell|falls|dropped|drops|declined|slid|slipped|tumbled|plunged|sank|decreased|eased)\s+to\s+$", re.IGNORECASE), "down"),
]
UP_LEMMAS = _words("rise increase climb gain jump grow advance surge soar rally spike boost expand leap rocket")
DOWN_LEMMAS = _words("fall drop decline slide slip tumble plunge sink slump dip decrease ease shrink shed retreat plummet contract cut reduce lower slash")

MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
MONTH_BEFORE_RE = re.compile(r"\b(?:" + MONTHS + r")\.?,?\s*$", re.IGNORECASE)
# "on March 1 and 2": the second day of a list of dates
DATE_LIST_BEFORE_RE = re.compile(
    r"\b(?:" + MONTHS + r")\.?\s+\d{1,2}(?:st|nd|rd|th)?\s*(?:,|and|or|to|-|–|&)\s*$", re.IGNORECASE
)
AGE_BEFORE_RE = re.compile(r"\b(?:aged|age of|ages of|age|aged between|ages)\s*$", re.IGNORECASE)
MONTH_AFTER_RE = re.compile(r"^(?:st|nd|rd|th)?\s*(?:of\s+)?(?:" + MONTHS + r")\b\.?", re.IGNORECASE)
TIME_AFTER_RE = re.compile(r"^\s*(?:a\.?m\b\.?|p\.?m\b\.?|am\b|pm\b|gmt\b|utc\b|edt\b|est\b|bst\b|cet\b|pt\b|pdt\b|et\b|hrs\b|h\b|o'clock)|^:\d\d|^\.\d\d\s*(?:am|pm|a\.m|p\.m)", re.IGNORECASE)
ORDINAL_AFTER_RE = re.compile(r"^(?:st|nd|rd|th)\b", re.IGNORECASE)
STREET_RE = re.compile(
    r"^(?:\s+[A-Z][\w'-]*){0,4}\s+(?:Road|Rd|Street|St|Avenue|Ave|Way|Lane|Ln|Drive|Dr|Boulevard|Blvd|"
    r"Place|Pl|Square|Sq|Court|Ct|Terrace|Close|Crescent|Highway|Hwy|Parkway|Pkwy)\b"
)
PHONE_RE = re.compile(
    r"(?<![\w.,])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,5}\)[\s.-]?|\d{2,5}[\s.-])\d{3,4}[\s.-]\d{3,4}(?![\w,])"
)
CODE_CHUNK_RE = re.compile(r"https?://|www\.|\w\.(?:com|org|net|html?)\b|[/=_#@]\w*\d|\d[/=_#@]\w|T\d\d:\d\d|\d:\d\d")
LEXICON_UNITS = frozenset(
    u.name for table in (units.UNITS_AFTER, units.UNITS_AFTER_CASED, units.CURRENCY_BEFORE) for u in table.values()
)
PARTITIVE_RE = re.compile(r"\s*(?:of|among)\s+(?:those|them|these)\b", re.IGNORECASE)
NAME_LABELS = frozenset({"ORG", "PRODUCT", "FAC", "LAW", "WORK_OF_ART", "EVENT", "PERSON", "GPE", "LOC", "NORP", "LANGUAGE"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
PLACE_PREPS = frozenset({"in", "across", "between", "near", "at", "inside", "throughout", "within", "around", "outside", "along", "from"})
TIME_PREPS = frozenset({"in", "since", "during", "by", "until", "through", "for", "over", "on", "before", "after", "from", "between", "as"})
CONCEPT_HEADS = frozenset({"number", "total", "tally", "count", "toll", "figure", "population", "estimate", "strength"})
# Plural nouns a year often modifies: "1988 sales", "2019 elections" (so "2000 employees" stays a count).
YEAR_NOUNS = _words(
    "sale earning revenue profit result election level figure price number game season loss budget"
    " estimate forecast model accounts data"
)
# Lower-case nouns that introduce a name or number, not a count: "highway 35", "section 230".
NAME_NOUNS = _words(
    "highway route exit interstate section article chapter amendment clause paragraph room flight gate"
    " platform channel version model series phase episode volume issue act rule title district ward"
    " precinct apartment suite no. number bus line track lot box pier terminal junction"
)
NOT_UNIT_ADJ = frozenset({"more", "less", "fewer", "other", "such", "same", "last", "next", "previous", "first", "only", "additional", "extra", "further", "many", "few", "several", "own"})
# Capitalised words that may stand right before a number without making it part of a name.
NAME_EXEMPT = _words(
    "about around roughly nearly almost some approximately estimated than under over up to at least most "
    "more fewer less below above between from and or by of in with only just rose fell remain remains "
    "were was are is had has have the a an all top another just"
)

DATE_WORDS_RE = re.compile(
    r"\b(?:" + MONTHS + r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tomorrow|"
    r"ago|last|next|this|year|years|month|months|week|weeks|day|days|decade|decades|century|centuries|"
    r"season|seasons|quarter|spring|summer|autumn|fall|winter|fiscal|fy|early|late|mid|the\s+\d+s)\b",
    re.IGNORECASE,
)

DURATIONS = _words("year month week day hour minute second decade century")
TIME_NOUNS = _words("year month week day hour minute second decade century night weekend season quarter")
