"""The ``counterclaim_quantities`` component: every quantitative claim in a Doc, as ``Quantity`` objects.

How it works, in three passes over each sentence:

1. **Find numbers in the text** with regular expressions, not tokens, because the tokenizer glues
   numbers to their units and scales ("$2bn", "RM23.50", "10W", "164p"). Digits, number words
   ("twenty-eight thousand"), fractions ("two-thirds", "1/16") and vague plurals ("dozens") are read
   by :mod:`counterclaim.analyse.numbers`; units and currencies come from the lexicon in
   :mod:`counterclaim.analyse.units`.
2. **Join and reject**: "28,000 to 32,000", "between 5 and 10" and "5-10" become ranges (value is
   None, low/high set); dates, years, times of day, ordinals, numbers in names, titles, codes and
   addresses, phone numbers and ids are dropped, using spaCy's entities and the words around.
3. **Read the context from the parse**: the qualifier (``~ < > up down`` from words such as
   "about", "fewer than", "rose by"), the counted noun when there is no unit ("fighters"), the
   concept measured, and the place and time given in the same clause.

Conventions: percentages have unit "percentage", money has its unit name ("dollar") and ISO code,
a rate adds " per <period>" to the unit and sets ``per``. Vague plurals are ranges with
``vague=True``: "Xs" spans [X, 10·X] ("hundreds" 100–1,000, "dozens" 12–120); "a dozen" is 12
with ``vague=True``. All names follow NewsQuant's normalised units, which the project is scored on.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from counterclaim.analyse import numbers, units
from counterclaim.analyse.quantity_words import (
    AGE_BEFORE_RE,
    CHANGE_BEFORE,
    CHANGE_TO_BEFORE,
    CODE_CHUNK_RE,
    CONCEPT_HEADS,
    DATE_LIST_BEFORE_RE,
    DATE_WORDS_RE,
    DOWN_LEMMAS,
    DURATIONS,
    LEXICON_UNITS,
    METRE_CONTEXT,
    MONTH_AFTER_RE,
    MONTH_BEFORE_RE,
    NAME_EXEMPT,
    NAME_LABELS,
    NAME_NOUNS,
    NOT_UNIT_ADJ,
    NUMBER_RE,
    ORDINAL_AFTER_RE,
    PARTITIVE_RE,
    PHONE_RE,
    PLACE_LABELS,
    PLACE_PREPS,
    QUALIFIER_AFTER,
    QUALIFIER_BEFORE,
    SCALE_AFTER_RE,
    SCALE_GLUED_RE,
    SCALE_SPACED_RE,
    STREET_RE,
    TIME_AFTER_RE,
    TIME_NOUNS,
    TIME_PREPS,
    UP_LEMMAS,
    YEAR_NOUNS,
)
from counterclaim.types import Qualifier, Quantity, TextRange

log = logging.getLogger(__name__)

@dataclass(slots=True)
class _Cand:
    """A number being built up before it becomes a ``Quantity``; mutable while the passes run."""

    start: int  # start of the whole mention (currency marker or qualifier not included)
    end: int  # end of number + scale + unit
    num_start: int
    num_end: int  # end of the digits or words (before scale and unit)
    value: float
    kind: str  # digits | glued | frac | vague | fracword | dozen | words
    low: float | None = None
    high: float | None = None
    vague: bool = False
    unit: units.Unit | None = None
    per: str | None = None
    sign: str = ""
    scaled: bool = False
    scale: float = 1.0
    is_range: bool = False


# ---------------------------------------------------------------- component


@Language.factory(
    "counterclaim_quantities",
    assigns=["doc._.cc_quantities"],
    requires=["token.dep", "token.pos", "doc.ents", "token.lemma"],
)
def make_quantities(nlp: Language, name: str) -> QuantityExtractor:
    """Factory for the quantities component; it has no settings."""
    return QuantityExtractor()


class QuantityExtractor:
    """Sets ``doc._.cc_quantities``; any error in one sentence is logged and that sentence skipped."""

    def __call__(self, doc: Doc) -> Doc:
        found: list[Quantity] = []
        boilerplate = doc._.cc_boilerplate or []
        doc.user_data[_TEXT_KEY] = doc.text  # Doc.text re-joins every token on each access

        counted: Quantity | None = None  # the last quantity that named what it counts
        for sent in doc.sents:
            try:
                for quantity in extract_sentence(doc, sent):
                    if any(a <= quantity.start < b or a < quantity.end <= b for a, b in boilerplate):
                        continue
                    if quantity.unit is None and counted is not None and PARTITIVE_RE.match(sent.text):
                        # "Of those, up to 9,000 are ...": the count is of the things counted before
                        quantity = dataclasses.replace(quantity, unit=counted.unit, concept=counted.concept)
                    if quantity.unit is not None and quantity.concept is not None and quantity.unit not in LEXICON_UNITS:
                        counted = quantity
                    found.append(quantity)
            except Exception:
                log.warning("quantities: skipped a sentence at char %s", sent.start_char, exc_info=True)
        doc.user_data.pop(_TEXT_KEY, None)
        doc._.cc_quantities = found
        return doc


_TEXT_KEY = "counterclaim.quantities.text"


def _text(doc: Doc) -> str:
    """The Doc's text, cached for the duration of one call of the component."""
    cached = doc.user_data.get(_TEXT_KEY)
    return cached if cached is not None else doc.text


# ---------------------------------------------------------------- pass 1: numbers in text


def _read_number(m: re.Match[str]) -> tuple[float, str] | None:
    kind = m.lastgroup or ""
    text = m.group(0)
    if kind in ("digits", "glued", "frac"):
        value = numbers.parse_digits(text)
        return (value, kind) if value is not None else None
    if kind == "vague":
        words = text.lower().split()
        value = numbers.VAGUE[words[0]]
        if len(words) == 3:
            value *= numbers.VAGUE[words[2]]
        return value, kind
    if kind == "dozen":
        return 12.0, kind
    if kind == "ratio":
        # "one in five", "two out of three": a proportion
        parts = re.split(r"\s+(?:in|out\s+of)\s+", text.lower())
        a, b = (numbers.words_to_number([p]) for p in parts)
        return (a / b, kind) if a is not None and b and a < b else None
    if kind == "vulgar":
        return numbers.VULGAR_FRACTIONS[text], "frac"
    if kind == "fracword":
        parts = re.split(r"[\s-]+", text.lower())
        if len(parts) == 1:
            return numbers.FRACTIONS[parts[0]], kind
        count = 1 if parts[0] in ("a", "one") else numbers.ONES[parts[0]]
        return count * numbers.FRACTIONS[parts[1]], kind
    words = re.split(r"\s+", text)
    if words[0].lower() == "a":
        words[0] = "one"
    value = numbers.words_to_number(words)
    return (value, kind) if value is not None else None


def _scan(text: str, lo: int, hi: int) -> list[_Cand]:
    """Numbers between ``lo`` and ``hi`` with their scale and unit read off the text after them."""
    out: list[_Cand] = []
    for m in NUMBER_RE.finditer(text, lo, hi):
        if out and m.start() < out[-1].end:
            continue  # inside the unit of the number before: the "2" of "A/cm2"
        read = _read_number(m)
        if read is None:
            continue
        value, kind = read
        cand = _Cand(m.start(), m.end(), m.start(), m.end(), value, kind)
        if kind == "vague":
            cand.low, cand.high, cand.vague, cand.is_range = value, value * 10, True, True
        if kind == "dozen":
            cand.vague = True
        if kind in ("digits", "glued"):
            before = text[max(lo, m.start() - 1):m.start()]
            if before in ("+", "-", "−") and (m.start() - 1 == lo or not text[m.start() - 2].isalnum()):
                cand.sign = "+" if before == "+" else "-"
                cand.start -= 1
                if cand.sign == "-":
                    cand.value = -cand.value
        if kind == "digits" and float(value).is_integer():
            mixed = re.match(r"\s+(\d+)\s?[/⁄]\s?(\d+)(?![\w/⁄])", text[cand.end:hi])
            if mixed and 0 < int(mixed.group(1)) < int(mixed.group(2)):
                cand.value += int(mixed.group(1)) / int(mixed.group(2))  # "10 1/2 miles"
                cand.end = cand.num_end = cand.end + mixed.end()
        vulgar = text[cand.end:cand.end + 1]
        if kind == "digits" and vulgar in numbers.VULGAR_FRACTIONS:
            cand.value += numbers.VULGAR_FRACTIONS[vulgar]
            cand.end = cand.num_end = cand.end + 1
        _read_scale_and_unit(text, cand, hi)
        _money_of(text, cand)
        _read_per(text, cand, hi)
        if cand.unit is None and cand.kind in ("frac", "fracword"):
            of = re.match(r"\s+of\s+(?:an?\s+|the\s+)?(?:US\s+|U\.S\.\s+|imperial\s+)?", text[cand.end:hi])
            unit = units.unit_at(text[:hi], cand.end + of.end()) if of else None
            if unit is not None and not unit[0].currency:
                cand.unit, cand.end = unit[0], unit[1]
        out.append(cand)
    return out


def _read_scale_and_unit(text: str, cand: _Cand, hi: int) -> None:
    pos = cand.end
    if cand.kind in ("digits", "glued", "words"):
        m = SCALE_AFTER_RE.match(text, pos)
        if m and cand.kind != "words":
            words = m.group(0).split()
            scaled = numbers.words_to_number(["1", *words])
            if scaled:
                cand.value *= scaled
                cand.scaled, cand.scale = True, scaled
                pos = m.end()
        elif cand.kind in ("digits", "glued"):
            g = SCALE_GLUED_RE.match(text, pos) or SCALE_SPACED_RE.match(text, pos)
            if g and _is_scale(text, g, cand):
                cand.scale = numbers.SCALE_ABBREVIATIONS[g.group(1)]
                cand.value *= cand.scale
                cand.scaled = True
                pos = g.end()
    # "of" / "-" / spaces may separate number and unit: "2.4-liter", "15 year-old", "$76 US a barrel"
    gap = re.match(r"[ \t\u00a0]?-?[ \t\u00a0]?", text[pos:hi])
    at = pos + (gap.end() if gap else 0)
    found = units.unit_at(text[:hi], at)
    if found is None and at != pos:
        found = units.unit_at(text[:hi], pos)
        at = pos
    if found is not None:
        unit, end = found
        if _unit_plausible(text, cand, unit, at, end):
            cand.unit = unit
            pos = end
            if unit.name == "celsius" or unit.name == "fahrenheit" or unit.name == "degree":
                more = units.unit_at(text[:hi], pos + 1) if text[pos:pos + 1] == " " else None
                if unit.name == "degree" and more and more[0].name in ("celsius", "fahrenheit"):
                    cand.unit, pos = more
    cand.end = pos


def _is_scale(text: str, g: re.Match[str], cand: _Cand) -> bool:
    """'35m' is a million unless the words after say metres ('100m sprint'); 'M21' codes never reach here."""
    abbr = g.group(1)
    if abbr != "m":
        return not (abbr in ("k", "K", "b", "B", "T", "M") and g.start() != cand.num_end)
    following = text[g.end():g.end() + 20].split()
    nxt = following[0].lower().strip(".,;:") if following else ""
    if _currency_before(text, cand) is not None:
        return True
    return bool(nxt) and nxt not in METRE_CONTEXT and following[0][0].isalpha()


def _unit_plausible(text: str, cand: _Cand, unit: units.Unit, start: int, end: int) -> bool:
    """Guards against unit symbols that are ordinary words in context."""
    word = text[start:end]
    if word.lower() in ("in.",) and end < len(text) and text[end:end + 1] == " " and text[end + 1:end + 2].islower():
        return False
    if len(word) <= 2 and start > cand.end and word.isalpha():
        # A short symbol after a space must not be the first letters of a sentence word: "5 m" is fine,
        # "4 A team" is not.
        nxt = text[end:end + 2]
        if word in ("A", "F", "R", "C", "L") and nxt[:1] == " " and nxt[1:2].isupper():
            return False
    # "dozens of", "half of": what follows is the counted thing, never a unit symbol
    return cand.kind not in ("fracword", "vague", "dozen", "ratio")


def _currency_before(text: str, cand: _Cand) -> tuple[units.Unit, int] | None:
    return units.currency_before(text[max(0, cand.start - 6):cand.start].replace("\n", " "))


# ---------------------------------------------------------------- pass 2: join ranges, reject non-quantities


_CONNECT_RE = re.compile(r"\s*(?:-|–|—|to-?|and|through|up\s+to|/)\s*", re.IGNORECASE)


def _money_of(text: str, cand: _Cand) -> None:
    """Attach a currency written before the number: '$', 'US $', 'RM', 'HK $'."""
    got = _currency_before(text, cand)
    if got is None:
        return
    unit, rel = got
    if cand.unit is None or cand.unit.currency is None:
        if cand.unit is not None and cand.unit.name == "percentage":
            return
        cand.unit = unit
    cand.start = max(0, cand.start - 6) + rel


def _join_ranges(text: str, cands: list[_Cand]) -> list[_Cand]:
    out: list[_Cand] = []
    i = 0
    while i < len(cands):
        a = cands[i]
        if i + 1 < len(cands) and not a.is_range:
            b = cands[i + 1]
            conn = text[a.end:b.start]
            m = _CONNECT_RE.fullmatch(conn)
            if m and _is_score(text, a, b, conn):
                a.kind = b.kind = "score"
            elif m and _is_range(text, a, b, conn.strip().lower()):
                out.append(_joined(a, b))
                i += 2
                # "from $160 to $180 to $200": each step is a range of its own
                while i < len(cands) and not b.is_range:
                    c = cands[i]
                    conn = text[b.end:c.start].strip().lower()
                    if conn != "to" or not _is_range(text, b, c, conn):
                        break
                    out.append(_joined(b, c))
                    b = c
                    i += 1
                continue
        out.append(a)
        i += 1
    return out


def _joined(a: _Cand, b: _Cand) -> _Cand:
    """One range from two numbers; a scale or unit written once serves both ("1 to 2 thousand")."""
    low = a.value
    if b.scaled and not a.scaled and a.kind != "words":
        scale = _scale_of(b)
        if scale and low * scale <= b.value * 1.0001:
            low *= scale
    return _Cand(a.start, b.end, a.num_start, b.num_end, low, "range", low=min(low, b.value),
                 high=max(low, b.value), unit=b.unit or a.unit, per=b.per or a.per,
                 scaled=a.scaled or b.scaled, is_range=True)


def _scale_of(cand: _Cand) -> float | None:
    return cand.scale if cand.scaled else None


def _is_range(text: str, a: _Cand, b: _Cand, conn: str) -> bool:
    if {a.kind, b.kind} & {"vague", "fracword", "dozen", "ratio"}:
        return False
    before = text[max(0, a.start - 12):a.start].lower()
    if conn == "and":
        return bool(re.search(r"\bbetween\s*(?:[$€£¥]|us\s?\$|rm)?\s*$", before))
    if conn == "/":
        return a.unit is not None and b.unit is not None and a.unit.currency is not None and a.unit == b.unit
    if a.unit is not None and b.unit is not None and a.unit != b.unit:
        return False
    if conn.startswith("to") or conn in ("through", "up to") or conn.startswith("up"):
        # "rose 6% to 180": a unit on the first number alone means a change and a level, unless "from"
        return not (a.unit is not None and b.unit is None and not re.search(r"\bfrom\s*$", before))
    return True


def _is_score(text: str, a: _Cand, b: _Cand, conn: str) -> bool:
    """'won 3-1': two small bare whole numbers joined by a dash, with nothing counted after them."""
    if conn not in ("-", "–") or a.unit is not None or b.unit is not None or a.kind != "digits" or b.kind != "digits":
        return False
    small = all(float(c.value).is_integer() and 0 <= c.value < 20 for c in (a, b))
    return small and not _followed_by_plural(text, b)


def _followed_by_plural(text: str, cand: _Cand) -> bool:
    nxt = text[cand.end:cand.end + 30].split()
    return bool(nxt) and nxt[0].isalpha() and nxt[0].islower() and nxt[0].endswith("s")


def _year_like(cand: _Cand, text: str) -> bool:
    """'2019', 'between 2014 and 2017', '1990-2000': four-digit whole numbers that read as years."""
    if cand.scaled or cand.kind not in ("digits", "range"):
        return False
    found = re.findall(r"\d+(?:[.,]\d+)*", text[cand.num_start:cand.num_end])
    return bool(found) and all(re.fullmatch(r"\d{4}", n) and 1500 <= int(n) <= 2200 for n in found)


# ---------------------------------------------------------------- pass 3: context from the parse


def extract_sentence(doc: Doc, sent: Span) -> list[Quantity]:
    """All quantities in one sentence."""
    text = _text(doc)
    cands = _scan(text, sent.start_char, sent.end_char)
    cands = _join_ranges(text, cands)
    out: list[Quantity] = []
    for cand in cands:
        tokens = doc.char_span(cand.num_start, cand.num_end, alignment_mode="expand")
        if tokens is None or len(tokens) == 0:
            continue
        if _rejected(doc, sent, cand, tokens):
            continue
        quantity = _to_quantity(doc, sent, cand, tokens)
        if quantity is None:
            continue
        # "more than 7.5 million crowns (US $1.1 million)": a conversion in brackets shares the bound
        if out and quantity.qualifier == "=" and re.fullmatch(r"\s*\(\s*", text[out[-1].end:quantity.start]):
            quantity = dataclasses.replace(quantity, qualifier=out[-1].qualifier)
        out.append(quantity)
    return out


def _read_per(text: str, cand: _Cand, hi: int) -> None:
    """A rate right after the unit: '$14.95 a month', '5 km/h', '52,000 barrel-a-day', 'annually'."""
    if cand.unit is None:
        return
    m = re.match(r"(?:\s+|\s?-\s?)?(per|a|an|every|each|/)(?:\s+|\s?-\s?)", text[cand.end:hi], re.IGNORECASE)
    if m is None:
        m = re.match(r"\s*(/)\s*", text[cand.end:hi])
    if m is not None:
        at = cand.end + m.end()
        if re.match(r"[A-Za-z]+\s+(?:earlier|ago|before|later|after|prior|previously)\b", text[at:hi], re.IGNORECASE):
            return  # "$13.18 billion a year earlier" is a comparison, not a rate
        found = units.unit_at(text[:hi], at)
        if found is not None and found[0] != cand.unit:
            cand.per = found[0].name
            cand.end = found[1]
            return
        word = re.match(r"[A-Za-z]+", text[at:hi])
        if word and (m.group(1).lower() == "per" or word.group(0).lower() in units.RATE_NOUNS):
            cand.per = _singular(word.group(0).lower())
            cand.end = at + word.end()
            return
    m = re.match(r"\s+(annually|yearly|monthly|weekly|daily|hourly)\b", text[cand.end:hi], re.IGNORECASE)
    if m is not None:
        cand.per = units.RATE_ADVERBS[m.group(1).lower()]
        cand.end += m.end()


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _rejected(doc: Doc, sent: Span, cand: _Cand, tokens: Span) -> bool:
    """True for numbers that are not quantities: dates, times, ordinals, names, codes, phones, ids."""
    text = _text(doc)
    after = text[cand.num_end:cand.num_end + 12]
    before = text[max(sent.start_char, cand.num_start - 24):cand.num_start]
    raw = text[cand.num_start:cand.num_end]
    has_money = cand.unit is not None and cand.unit.currency is not None
    first, last = tokens[0], tokens[-1]
    if cand.kind in ("digits", "glued", "frac") and ORDINAL_AFTER_RE.match(text[_digits_end(text, cand):]):
        return True
    if not has_money and (TIME_AFTER_RE.match(text[_digits_end(text, cand):]) or (re.search(r"\d[:.]$", before) and TIME_AFTER_RE.match(after))):
        return True
    if re.search(r"\d:$", before):
        return True
    if cand.kind == "score" or (cand.kind == "glued" and not has_money):
        return True
    if cand.kind in ("digits", "glued", "frac", "range") and cand.unit is None and _in_code_chunk(text, cand):
        return True
    if cand.kind in ("digits", "range") and any(a <= cand.num_start < b for a, b in _phones(sent)):
        return True
    # A glued letter suffix that is not a unit or scale: '9AB8', '3D', 'MP3' handled by look-behind.
    if re.match(r"[A-Za-z]", text[cand.end:cand.end + 1]) and cand.unit is None and cand.kind != "words":
        return True
    if cand.kind == "frac" and re.search(r"[/⁄]", raw):
        a, _, b = raw.replace("⁄", "/").partition("/")
        if not (0 < float(a) < float(b)) or (cand.unit is None and not re.match(r"\s+of\b", after)):
            return True
    if has_money:
        return False
    unit = cand.unit
    # dates and times of day
    month = (MONTH_BEFORE_RE.search(before) and not (unit and not unit.time)) or MONTH_AFTER_RE.match(
        text[cand.num_end:].lstrip(" ,"))
    month = month or (unit is None and DATE_LIST_BEFORE_RE.search(before))
    if month and cand.kind in ("digits", "range", "words"):
        return True
    ent = _ent_of(last) or _ent_of(first)
    aged = AGE_BEFORE_RE.search(before) is not None
    if ent in ("DATE", "TIME") and unit is None and not aged and _date_like(doc, cand, last) and not _age(doc, first) and cand.kind not in ("vague", "dozen"):
        # a date unless it counts something: "45 [days]", "2000 employees"
        noun = _counted_noun(doc, cand, tokens)
        if noun is None or (noun.tag_ not in ("NNS", "NNPS") and noun.lemma_.lower() not in TIME_NOUNS):
            return True
    if _year_like(cand, text) and unit is None:
        noun = _counted_noun(doc, cand, tokens)
        if noun is None or noun.tag_ not in ("NNS", "NNPS") or noun.i < last.i or noun.lemma_.lower() in YEAR_NOUNS:
            return True
    if cand.kind == "range" and unit is None and re.fullmatch(r"\d{4}\s*[-–]\s*\d{2,4}", raw):
        return True
    if unit is None and cand.kind in ("digits", "glued", "range") and re.fullmatch(r"\d{7,}", raw):
        return True
    # names, titles, codes and addresses: "Route 66", "Boeing 737", "S&P 500", "Part 3"
    if unit is None and not cand.sign:
        prev = doc[first.i - 1] if first.i > sent.start else None
        if (prev is not None and prev.text[:1].isupper() and prev.lower_ not in NAME_EXEMPT
                and not MONTH_BEFORE_RE.search(prev.text)
                and (prev.pos_ in ("PROPN", "NOUN", "X") or prev.ent_type_ in NAME_LABELS or prev.is_upper)
                and not _age_comma(doc, first)):
            return True
        if prev is not None and prev.is_alpha and prev.text[:1].islower() and any(c.isupper() for c in prev.text):
            return True  # "iPhone 12", "eBay 2"
        if re.search(r"[A-Za-z][-–]$", before) and cand.kind != "words":
            return True  # "TA-125", "V-6", "COVID-19"
        if prev is not None and prev.lower_ in NAME_NOUNS and cand.kind != "words":
            return True
        if prev is not None and prev.text in ("No.", "no.", "#", "No", "Nos."):
            return True
        if prev is not None and prev.text == ":" and prev.i - 1 >= sent.start and doc[prev.i - 1].pos_ == "PROPN":
            return True
        if prev is not None and prev.text in ("-", "–") and prev.i - 1 >= sent.start and doc[prev.i - 1].is_alpha and not doc[prev.i - 1].whitespace_ and not prev.whitespace_:
            return True
        if ent in NAME_LABELS and (cand.kind != "words" or first.text[:1].isupper()) and ent not in ("NORP", "GPE", "LOC"):
            span = next((e for e in doc.ents if e.start <= last.i < e.end), None)
            if span is not None and any(t.is_alpha and t.text[:1].isupper() and not t.like_num for t in span):
                return True  # the number is part of a name: "Route 66", "Boeing 737"
        if cand.kind in ("digits",) and STREET_RE.match(text[cand.num_end:cand.num_end + 60]):
            return True
    if cand.kind == "words":
        return _word_number_rejected(doc, sent, cand, tokens)
    return False


def _date_like(doc: Doc, cand: _Cand, token: Token) -> bool:
    """spaCy tags some plain numbers DATE ('which is 50000'); trust it only when the number could be one."""
    if _year_like(cand, _text(doc)) or (float(cand.value).is_integer() and 0 < cand.value <= 31):
        return True
    ent = next((e for e in doc.ents if e.start <= token.i < e.end), None)
    if ent is None:
        return False
    rest = _text(doc)[ent.start_char:ent.end_char].replace(_text(doc)[cand.num_start:cand.num_end], " ")
    return DATE_WORDS_RE.search(rest) is not None or ent.label_ == "TIME"


def _digits_end(text: str, cand: _Cand) -> int:
    return cand.num_end


def _in_code_chunk(text: str, cand: _Cand) -> bool:
    lo = cand.num_start
    while lo > 0 and not text[lo - 1].isspace():
        lo -= 1
    hi = cand.num_end
    while hi < len(text) and not text[hi].isspace():
        hi += 1
    chunk = text[lo:hi]
    if re.search(r"https?://|www\.|\w\.(?:com|org|net|gov|edu|html?|php|co\.uk)\b", chunk):
        return True
    if re.fullmatch(r"[(\[]?[$€£¥]?\d+(?:\.\d+)?[/⁄]\$?\d+(?:\.\d+)?[)\].,;]?", chunk):
        return False  # "1/16", "$7/$9": fractions and money ranges, handled elsewhere
    if re.search(r"[A-Za-z]/[A-Za-z]", chunk) and not re.search(r"\d[/⁄]\d", chunk):
        return False  # units such as "A/cm2", "km/h"
    return bool(CODE_CHUNK_RE.search(chunk))


def _phones(sent: Span) -> list[tuple[int, int]]:
    text = _text(sent.doc)
    return [(m.start(), m.end()) for m in PHONE_RE.finditer(text, sent.start_char, sent.end_char)
            if sum(c.isdigit() for c in m.group(0)) >= 9]


def _ent_of(token: Token) -> str:
    return token.ent_type_


def _age(doc: Doc, token: Token) -> bool:
    return _age_comma(doc, token)


def _age_comma(doc: Doc, token: Token) -> bool:
    """'Maddon, 66, has ...': a bare number between commas right after a name is an age."""
    i = token.i
    return (i >= 2 and i + 1 < len(doc) and doc[i - 1].text == "," and doc[i + 1].text == ","
            and doc[i - 2].pos_ == "PROPN" and token.like_num and token.text.isdigit() and 0 < int(token.text) < 120)


def _word_number_rejected(doc: Doc, sent: Span, cand: _Cand, tokens: Span) -> bool:
    text = _text(doc)
    raw = text[cand.num_start:cand.num_end].lower()
    after = text[cand.num_end:cand.num_end + 20]
    # "one-fingered", "three-point": a word number glued by a hyphen to a non-unit adjective
    m = re.match(r"-([A-Za-z]+)", after)
    if m and cand.unit is None:
        nxt = doc.char_span(cand.num_end + 1, cand.num_end + 1 + len(m.group(1)), alignment_mode="expand")
        if nxt is None or nxt[-1].pos_ not in ("NOUN",) or m.group(1).lower().endswith("ed"):
            return True
    last = tokens[-1]
    if raw == "one" and cand.unit is None:
        if last.dep_ != "nummod" and not re.match(r"\s+of\s+(?:the|its|his|her|their|our|those|these)\b", after):
            return True
        if re.search(r"\b(?:no|any|every|some|each)\s*$", text[max(0, cand.num_start - 8):cand.num_start].lower()):
            return True
    # "Formula One", "Channel Four": a capitalised number word inside a name
    return tokens[0].text[:1].isupper() and tokens[0].i > sent.start and tokens[0].ent_type_ in NAME_LABELS


def _to_quantity(doc: Doc, sent: Span, cand: _Cand, tokens: Span) -> Quantity | None:
    text = _text(doc)
    unit_name: str | None = None
    concept: str | None = None
    noun: Token | None = None
    if cand.unit is not None:
        unit_name = cand.unit.name
    elif _age_comma(doc, tokens[0]) or AGE_BEFORE_RE.search(_text(doc)[max(0, cand.start - 16):cand.start]):
        unit_name = "year of age"
    else:
        noun = _counted_noun(doc, cand, tokens)
        if noun is not None:
            unit_name = _noun_unit(doc, cand, noun)
            concept = _noun_phrase(doc, cand, noun)
            outcome = _outcome(noun)
            if outcome:
                concept = f"{concept} {outcome}"
    per = cand.per
    if per is None and noun is not None:
        per = _rate_after(doc, noun)
    if per and unit_name and not unit_name.endswith(" per " + per):
        unit_name = f"{unit_name} per {per}"
    anchor = _anchor(doc, tokens, noun)
    qualifier = _qualifier(doc, sent, cand, tokens)
    if concept is None:
        concept = _concept(doc, anchor, tokens, (cand.start, cand.end))
    place, time = _scope(doc, sent, tokens, noun, anchor)
    value: float | None = cand.value
    low, high = cand.low, cand.high
    if cand.is_range:
        value = None
    start = cand.start
    end = cand.end
    if noun is not None and noun.idx >= end and noun.idx - end < 40:
        end = noun.idx + len(noun.text)
    return Quantity(
        start=start,
        end=end,
        text=text[start:end],
        value=value,
        low=low,
        high=high,
        qualifier=qualifier,
        unit=unit_name,
        concept=concept,
        vague=cand.vague,
        currency=cand.unit.currency if cand.unit is not None else None,
        per=per,
        place=place,
        time=time,
        sentence=_covering_sentences(doc, sent, start, end),
    )


def _covering_sentences(doc: Doc, sent: Span, start: int, end: int) -> TextRange:
    """The sentence of the number, widened to whole sentences when the parse split the quantity
    ("$" ending one sentence, "-140" opening the next), so the source sentence always holds it."""
    lo, hi = sent.start_char, sent.end_char
    if start < lo and (first := doc.char_span(start, start + 1, alignment_mode="expand")) is not None:
        lo = min(lo, first[0].sent.start_char)
    if end > hi and (last := doc.char_span(end - 1, end, alignment_mode="expand")) is not None:
        hi = max(hi, last[-1].sent.end_char)
    return TextRange(min(lo, start), max(hi, end))


def _counted_noun(doc: Doc, cand: _Cand, tokens: Span) -> Token | None:
    """The noun a unit-less number counts: '750 militants', 'one of the students', '350 [militants]'."""
    full = doc.char_span(cand.num_start, cand.end, alignment_mode="expand")
    last = full[-1] if full is not None and len(full) else tokens[-1]
    sent = last.sent
    head = last.head
    if head.i > last.i and head.pos_ in ("NOUN", "PROPN") and last.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod", "nsubj", "dobj") and head.i - last.i <= 5:
        # "12 page document", "3 cylinder engine": a singular noun right after the number is what is counted
        nxt = doc[last.i + 1]
        if nxt.i < head.i and head.tag_ == "NN" and nxt.is_alpha and nxt.is_lower and not nxt.ent_type_ and nxt.tag_ == "NN" and nxt.dep_ == "compound" and nxt.head.i == head.i and not nxt.lower_.endswith("ing"):
            return nxt
        return head
    m = re.match(r"\s+of\s+(?:the|its|his|her|their|our|those|these|all)?\s*", _text(doc)[cand.end:cand.end + 30])
    if m:
        nxt = doc.char_span(cand.end + m.end(), min(len(_text(doc)), cand.end + m.end() + 1), alignment_mode="expand")
        if nxt is not None and len(nxt):
            tok = nxt[0]
            for j in range(tok.i, min(tok.i + 5, sent.end)):
                if doc[j].pos_ == "NOUN" or (doc[j].pos_ == "PROPN" and doc[j].tag_ == "NNPS"):
                    if j + 1 < sent.end and doc[j + 1].pos_ == "NOUN" and doc[j].dep_ == "compound":
                        continue  # "35m of its Echo devices": the head of the compound
                    return doc[j]
                if doc[j].pos_ not in ("ADJ", "PROPN", "NOUN", "PUNCT"):
                    break
    if last.dep_ == "conj" and head.pos_ in ("NOUN", "PROPN") and any(c.dep_ == "nummod" for c in head.children):
        return head
    if last.i + 1 < sent.end:
        nxt_tok = doc[last.i + 1]
        if nxt_tok.pos_ == "NOUN" and nxt_tok.tag_ == "NNS" and nxt_tok.idx == cand.end + (1 if _text(doc)[cand.end:cand.end + 1] == " " else 0):
            return nxt_tok
    # "the total number of IS fighters at 28,000": the counted thing is named before the number
    named = _named_total(doc, last)
    return named


def _named_total(doc: Doc, token: Token) -> Token | None:
    verb = _governor(token)
    if verb is None:
        return None
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubj", "nsubjpass") and child.lemma_.lower() in CONCEPT_HEADS:
            for prep in child.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    for pobj in prep.children:
                        if pobj.dep_ == "pobj" and pobj.pos_ in ("NOUN", "PROPN"):
                            return pobj
    return None


def _noun_unit(doc: Doc, cand: _Cand, noun: Token) -> str:
    lemma = noun.lemma_.lower()
    if lemma in DURATIONS:
        return lemma
    form = noun.lower_
    if form not in ("people",) and noun.tag_ in ("NNS", "NNPS"):
        form = noun.lemma_.lower()
        if form == noun.lower_:
            form = _singular(form)
    words: list[str] = []
    if noun.idx >= cand.end:
        span = doc.char_span(cand.end, noun.idx, alignment_mode="expand")
        if span is not None:
            group: list[Token] = []
            for tok in span:
                if tok.i >= noun.i:
                    break
                group.append(tok)
                if tok.whitespace_ or tok.i + 1 >= noun.i:
                    hyphenated = len(group) > 1 and any(t.text == "-" for t in group)
                    if hyphenated or any(t.pos_ == "ADJ" and t.lower_ not in NOT_UNIT_ADJ and not t.like_num for t in group):
                        words.append("".join(t.text_with_ws for t in group).strip().lower())
                    group = []
    return " ".join([*words, form])


def _noun_phrase(doc: Doc, cand: _Cand, noun: Token) -> str:
    """The counted thing as written, with its modifiers: 'IS fighters', 'different bosses'."""
    if noun.idx >= cand.end:
        start = noun.i
        for tok in reversed(doc[max(noun.sent.start, noun.i - 6):noun.i]):
            if tok.idx < cand.end or tok.pos_ in ("DET", "NUM", "PRON") or tok.dep_ == "poss" or tok.lower_ == "of":
                break
            start = tok.i
        return doc[start:noun.i + 1].text
    return _phrase(noun)


def _phrase(token: Token) -> str:
    """A noun with its compounds and adjectives, without determiners or numbers."""
    left = [c for c in token.lefts if c.dep_ in ("compound", "amod", "nmod", "npadvmod") and not c.like_num]
    if not left:
        return token.text
    start = min(t.left_edge.i for t in left)
    words = [t for t in token.doc[start:token.i + 1]
             if t.pos_ not in ("DET", "NUM", "PRON", "PUNCT", "SYM") and t.dep_ != "poss" and not t.like_num
             and t.text.upper() not in units.CURRENCY_BEFORE and t.text.upper() + " $" not in units.CURRENCY_BEFORE]
    return " ".join(t.text for t in words) or token.text


def _rate_after(doc: Doc, noun: Token) -> str | None:
    m = re.match(r"\s+(?:a|an|per|every|each)\s+(year|month|week|day|hour|minute|second|decade)\b", _text(doc)[noun.idx + len(noun.text):noun.idx + len(noun.text) + 20], re.IGNORECASE)
    return m.group(1).lower() if m else None


# Counted people say little by themselves ("60 people"); what happened to them is the concept.
GENERIC_PEOPLE = frozenset({"people", "person", "persons", "individual", "villager", "resident", "man", "men",
                            "woman", "women", "child", "children", "inhabitant", "passenger", "worker", "other"})
OUTCOMES = {"kill": "killed", "die": "dead", "detain": "detained", "arrest": "arrested", "hold": "held",
            "injure": "injured", "wound": "wounded", "displace": "displaced", "evacuate": "evacuated",
            "kidnap": "kidnapped", "abduct": "abducted", "execute": "executed", "rescue": "rescued",
            "capture": "captured", "jail": "jailed", "imprison": "imprisoned", "missing": "missing"}


def _outcome(noun: Token) -> str | None:
    """What happened to counted people, from their verb: '60 people had been killed' → 'killed',
    'killed 12 people', '112 people were held for questioning' → 'held', 'people who died' → 'dead'."""
    if noun.lemma_.lower() not in GENERIC_PEOPLE and noun.lower_ not in GENERIC_PEOPLE:
        return None
    verb = noun.head
    if noun.dep_ in ("nsubjpass", "dobj") or (noun.dep_ == "nsubj" and verb.lemma_.lower() == "die"):
        return OUTCOMES.get(verb.lemma_.lower())
    for child in noun.children:  # "people who died", "people killed in the blast"
        if child.dep_ in ("relcl", "acl") and child.lemma_.lower() in OUTCOMES:
            return OUTCOMES[child.lemma_.lower()]
    if noun.dep_ == "nsubj" and verb.lemma_.lower() == "be":  # "12 people are missing"
        acomp = next((c for c in verb.children if c.dep_ == "acomp" and c.lower_ in OUTCOMES), None)
        return OUTCOMES[acomp.lower_] if acomp is not None else None
    return None


def _governor(token: Token) -> Token | None:
    """The verb (or root) a number hangs from."""
    cur = token
    for _ in range(12):
        if cur.pos_ in ("VERB", "AUX") or cur.dep_ == "ROOT":
            return cur
        if cur.head.i == cur.i:
            return cur
        cur = cur.head
    return None


def _anchor(doc: Doc, tokens: Span, noun: Token | None) -> Token:
    return noun if noun is not None else tokens[-1]


def _qualifier(doc: Doc, sent: Span, cand: _Cand, tokens: Span) -> Qualifier:
    text = _text(doc)
    lo = max(sent.start_char, cand.start - 60)
    before = text[lo:cand.start]
    # A change verb outranks a bound: "rose under 4%" is a rise, "advancing about 1.7 percent" too.
    if cand.sign == "+":
        return "up"
    if cand.sign == "-" and cand.unit is not None and cand.unit.name == "percentage":
        return "down"
    for pattern, qual in CHANGE_BEFORE:
        if (pattern.search(before) and not re.search(r"\b(?:up|down)\s+to\s*$", before, re.IGNORECASE)
                and not NOUN_CHANGE_RE.search(before)):
            return qual  # type: ignore[return-value]
    by_change = _change_by_parse(tokens)
    if by_change is not None:
        return by_change
    for pattern, qual in CHANGE_TO_BEFORE:
        if pattern.search(before):
            return qual  # type: ignore[return-value]
    # Peel qualifiers off right to left; the outermost wins: "up to about 9,000" is '<'.
    best: Qualifier | None = None
    rest = before
    while True:
        hit = next(((m, qual) for pattern, qual in QUALIFIER_BEFORE if (m := pattern.search(rest))), None)
        if hit is None:
            break
        best, rest = hit[1], rest[:hit[0].start()]  # type: ignore[assignment]
    if best is not None:
        return best
    after = text[cand.end:cand.end + 16]
    for pattern, qual in QUALIFIER_AFTER:
        if pattern.search(after):
            return qual  # type: ignore[return-value]
    return "="


# "a cut of", "the rise": a noun, not a verb, so no change is asserted by it
NOUN_CHANGE_RE = re.compile(
    r"\b(?:the|a|an)\s+(?:\w+\s+)?(?:up|down|lower|higher|cut|rise|drop|fall|gain|increase)\s*$", re.IGNORECASE
)


def _change_by_parse(tokens: Span) -> Qualifier | None:
    """'increased its revenue by 5%': the amount hangs from 'by' under a change verb."""
    tok = tokens[-1]
    for _ in range(3):
        head = tok.head
        if head.i == tok.i:
            return None
        if head.lower_ == "by" and head.dep_ in ("prep", "agent"):
            verb = head.head
            if verb.lemma_.lower() in UP_LEMMAS:
                return "up"
            if verb.lemma_.lower() in DOWN_LEMMAS:
                return "down"
            return None
        if head.pos_ in ("VERB", "AUX"):
            return None
        tok = head
    return None


def _concept(doc: Doc, anchor: Token, tokens: Span, extent: tuple[int, int]) -> str | None:
    """What a unit quantity measures: '60% of its revenue' → revenue; 'a 25% duty' → duty;
    'shares rose 6.5%' → shares."""
    def inside(token: Token) -> bool:
        return extent[0] <= token.idx < extent[1]

    # "X of Y": the Y
    unit_tok = anchor
    end_tok = tokens[-1]
    for tok in (end_tok, *(t for t in end_tok.sent if t.i > end_tok.i and t.i <= end_tok.i + 3)):
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and pobj.pos_ in ("NOUN", "PROPN"):
                        return _phrase(pobj)
    # a modifier of a noun: "a 25% duty", "a $700000 award"
    cur = unit_tok
    for _ in range(4):
        head = cur.head
        if head is cur:
            break
        if extent[0] <= head.idx < extent[1]:  # the unit itself ("%", "m", "year" of "44-year-old")
            cur = head
            continue
        if (head.pos_ in ("NOUN", "PROPN") and head.i > cur.i
                and cur.dep_ in ("nummod", "compound", "amod", "nmod", "quantmod", "npadvmod")
                and head.ent_type_ not in ("MONEY", "PERCENT", "QUANTITY", "CARDINAL")):
            return _phrase(head)
        if head.pos_ in ("VERB", "AUX"):
            break
        cur = head
    verb = _governor(end_tok)
    if verb is not None:
        # "raised the death toll to 41", "the number of X stood at": the figure named on the verb
        for child in verb.children:
            if child.dep_ in ("dobj", "nsubj", "nsubjpass") and child.lemma_.lower() in CONCEPT_HEADS:
                return _phrase(child)
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.pos_ in ("NOUN", "PROPN") and not inside(child):
                return _phrase(child)
        if verb.dep_ in ("xcomp", "ccomp", "advcl", "conj", "acl", "relcl") and verb.head.i != verb.i:
            for child in verb.head.children:
                if child.dep_ in ("nsubj", "nsubjpass") and child.pos_ in ("NOUN", "PROPN") and not inside(child):
                    return _phrase(child)
    return None


def _scope(doc: Doc, sent: Span, tokens: Span, noun: Token | None, anchor: Token) -> tuple[str | None, str | None]:
    """Place and time given in the same clause: 'in Iraq and Syria', 'in 2019'."""
    anchors = {t.i for t in tokens}
    if noun is not None and noun.i > tokens[-1].i:  # not an elided noun: "80 nurses in Leeds and 45 in York"
        anchors.add(noun.i)
    verb = _governor(tokens[-1])
    if verb is not None:
        anchors.add(verb.i)
        for child in verb.children:
            if child.dep_ in ("advcl", "xcomp") and child.pos_ in ("VERB", "AUX") and child.i > tokens[-1].i:
                anchors.add(child.i)
    own = {t.i for t in tokens} | ({noun.i} if noun is not None and noun.i > tokens[-1].i else set())
    place: tuple[tuple[int, int], str] | None = None
    time: tuple[tuple[int, int], str] | None = None
    q_lo, q_hi = tokens[0].i, tokens[-1].i
    for ent in sent.ents:
        if ent.start <= q_hi and ent.end > q_lo:
            continue
        if ent.label_ == "DATE" and ent.text.replace(",", "").isdigit() and not re.fullmatch(r"1[5-9]\d\d|2[01]\d\d", ent.text):
            continue  # a bare number spaCy calls a date ("aged 44") is no time scope
        if ent.label_ in PLACE_LABELS or ent.label_ == "DATE":
            found = _attached(doc, ent, anchors, PLACE_PREPS if ent.label_ != "DATE" else TIME_PREPS, ent.label_ == "DATE")
            if found is None:
                continue
            phrase, reached = found
            # a phrase on the number or its noun beats one on the verb, then the nearer one wins
            dist = (0 if reached in own else 1, abs(ent.start - q_lo))
            if ent.label_ == "DATE":
                if time is None or dist < time[0]:
                    time = (dist, phrase)
            elif place is None or dist < place[0]:
                place = (dist, phrase)
    # Places spaCy misses ("in Al-Tanf" tagged as a person): a proper noun after 'in' on the number
    # itself beats a place found on the verb; on the verb it is only a fallback.
    if place is None or place[0][0] != 0:
        own_place = _proper_place(doc, sorted(own), q_hi)
        if own_place is not None:
            place = ((0, 0), own_place)
        elif place is None:
            other = _proper_place(doc, sorted(anchors - own), q_hi)
            place = ((1, 0), other) if other is not None else None
    return (place[1] if place else None, time[1] if time else None)


def _proper_place(doc: Doc, indices: list[int], after: int) -> str | None:
    for idx in indices:
        for child in doc[idx].children:
            if (child.dep_ == "prep" and child.lower_ in ("in", "across", "near") and child.i > after
                    and any(c.dep_ == "pobj" and c.pos_ == "PROPN" and c.ent_type_ not in ("DATE", "ORG", "NORP", "PRODUCT")
                            for c in child.children)):
                return _prep_text(child)
    return None


def _attached(doc: Doc, ent: Span, anchors: set[int], preps: frozenset[str], bare_ok: bool) -> tuple[str, int] | None:
    """The prepositional phrase holding ``ent`` if it hangs from an anchor without crossing a clause."""
    cur = ent.root
    top_prep: Token | None = None
    for _ in range(8):
        if cur.i in anchors:
            break
        head = cur.head
        if head is cur:
            return None
        if cur.dep_ == "prep":
            top_prep = cur
        if head.i not in anchors and head.pos_ in ("VERB", "AUX") and head.dep_ != "acl":
            return None  # another clause; a reduced relative ("areas controlled by X") is not one
        cur = head
    else:
        return None
    if cur.i not in anchors:
        return None
    if top_prep is None:
        if bare_ok and ent.root.dep_ in ("npadvmod", "tmod"):
            return ent.text, cur.i
        return None
    if top_prep.lower_ not in preps:
        return None
    # From the preposition to its object or the end of the entity (with its conjuncts), whichever is
    # later: "in areas controlled by Russia", "between Iraq and Syria", "during a May 28 airstrike".
    pobj = next((c for c in top_prep.children if c.dep_ == "pobj"), top_prep)
    end = max(pobj.i, ent.end - 1, *(c.i for c in ent.root.conjuncts if c.ent_type_ == ent.label_))
    if any(top_prep.i <= i <= end for i in anchors if doc[i].like_num):
        return None  # the phrase holds the quantity itself
    return doc[top_prep.i:end + 1].text, cur.i


def _prep_text(prep: Token) -> str:
    sub = list(prep.subtree)
    return prep.doc[sub[0].i:sub[-1].i + 1].text
