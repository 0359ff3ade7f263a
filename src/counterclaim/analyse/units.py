"""The unit and currency lexicon, kept as data so it can grow without touching the extractor.

Normalised names follow the NewsQuant conventions the project is scored on: singular, lower-case,
British spelling ("metre", "litre"), "percentage" for %, "dollar" for US dollars, other dollars
qualified ("australian dollar"). A money unit also carries its ISO 4217 code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit as read from text: its normalised name and, for money, the ISO currency code."""

    name: str
    currency: str | None = None
    time: bool = False  # a duration unit ("years"): allowed after numbers that look like dates


# Currency markers written before the number: "$25", "US $84 billion", "RM23.50", "HK $5.4m".
CURRENCY_BEFORE: dict[str, Unit] = {
    "$": Unit("dollar", "USD"), "US$": Unit("dollar", "USD"), "US $": Unit("dollar", "USD"),
    "$US": Unit("dollar", "USD"), "USD": Unit("dollar", "USD"), "USD ": Unit("dollar", "USD"),
    "A$": Unit("australian dollar", "AUD"), "$A": Unit("australian dollar", "AUD"),
    "AU$": Unit("australian dollar", "AUD"), "AU $": Unit("australian dollar", "AUD"),
    "AUD": Unit("australian dollar", "AUD"),
    "NZ$": Unit("new zealand dollar", "NZD"), "NZ $": Unit("new zealand dollar", "NZD"),
    "NZD": Unit("new zealand dollar", "NZD"),
    "HK$": Unit("hong kong dollar", "HKD"), "HK $": Unit("hong kong dollar", "HKD"),
    "HKD": Unit("hong kong dollar", "HKD"),
    "C$": Unit("canadian dollar", "CAD"), "C $": Unit("canadian dollar", "CAD"), "CA$": Unit("canadian dollar", "CAD"),
    "CAD": Unit("canadian dollar", "CAD"), "S$": Unit("singapore dollar", "SGD"),
    "€": Unit("euro", "EUR"), "EUR": Unit("euro", "EUR"),
    "£": Unit("pound sterling", "GBP"), "GBP": Unit("pound sterling", "GBP"),
    "¥": Unit("japanese yen", "JPY"), "Y=": Unit("japanese yen", "JPY"), "JPY": Unit("japanese yen", "JPY"),
    "RM": Unit("malaysian ringgit", "MYR"), "MYR": Unit("malaysian ringgit", "MYR"),
    "INR": Unit("indian rupee", "INR"), "Rs": Unit("indian rupee", "INR"), "Rs.": Unit("indian rupee", "INR"),
    "₹": Unit("indian rupee", "INR"), "₪": Unit("shekel", "ILS"), "NIS": Unit("shekel", "ILS"),
    "CHF": Unit("swiss franc", "CHF"), "R$": Unit("brazilian real", "BRL"), "₽": Unit("russian ruble", "RUB"),
    "PS": Unit("pound sterling", "GBP"),  # "£" as mangled by some feeds (NewsQuant has it)
    "CNY": Unit("chinese yuan", "CNY"), "RMB": Unit("chinese yuan", "CNY"), "₩": Unit("south korean won", "KRW"),
}

# Units written after the number, matched case-insensitively (longest first).
UNITS_AFTER: dict[str, Unit] = {}
# Short symbols whose case matters ("m" metre vs "M" million, "F" farad, "C" celsius after degrees).
UNITS_AFTER_CASED: dict[str, Unit] = {}


def _add(names: str, unit: Unit, *, cased: bool = False) -> None:
    table = UNITS_AFTER_CASED if cased else UNITS_AFTER
    for name in names.split("|"):
        table[name if cased else name.lower()] = unit


def _money(names: str, name: str, iso: str) -> None:
    _add(names, Unit(name, iso))


def _time(names: str, name: str) -> None:
    _add(names, Unit(name, time=True))


_add("%|percent|per cent|per-cent|pct|pc|percentage", Unit("percentage"))
_add("percentage points|percentage point|points|point|pts|basis points|bps", Unit("point"))
_add("p", Unit("point"), cased=True)  # NewsQuant labels share prices in pence "point"

_money("dollars|dollar|US dollars|U.S. dollars", "dollar", "USD")
_money("Australian dollars|Australian dollar", "australian dollar", "AUD")
_money("New Zealand dollars|New Zealand dollar", "new zealand dollar", "NZD")
_money("Canadian dollars|Canadian dollar", "canadian dollar", "CAD")
_money("Hong Kong dollars|Hong Kong dollar", "hong kong dollar", "HKD")
_money("Singapore dollars|Singapore dollar", "singapore dollar", "SGD")
_money("euros|euro|EUR", "euro", "EUR")
_money("pounds sterling|pound sterling|sterling|GBP", "pound sterling", "GBP")
_money("yen|Japanese yen|JPY", "japanese yen", "JPY")
_money("yuan|renminbi|Chinese yuan|CNY|RMB", "chinese yuan", "CNY")
_money("shekels|shekel|new shekels|NIS", "shekel", "ILS")
_money("ringgit|RM", "malaysian ringgit", "MYR")
_money("rupees|rupee|Indian rupees", "indian rupee", "INR")
_money("Danish crowns|Danish crown|Danish kroner|Danish krone|DKK", "danish krone", "DKK")
_money("Swedish crowns|Swedish kronor|Swedish krona|SEK", "swedish krona", "SEK")
_money("Norwegian crowns|Norwegian kroner|Norwegian krone|NOK", "norwegian krone", "NOK")
_money("Swiss francs|Swiss franc|francs|CHF", "swiss franc", "CHF")
_money("rubles|roubles|ruble|rouble", "russian ruble", "RUB")
_money("won", "south korean won", "KRW")
_money("pesos|peso", "peso", "MXN")
_money("rand", "south african rand", "ZAR")
_money("lira|liras|lire", "turkish lira", "TRY")
_money("cents|cent", "cent", "USD")
_money("sen", "sen", "MYR")
_money("pence|penny", "penny", "GBP")
_money("USD", "dollar", "USD")

_time("years|year|yrs|yr", "year")
_time("months|month", "month")
_time("weeks|week|wks", "week")
_time("days|day", "day")
_time("hours|hour|hrs|hr", "hour")
_time("minutes|minute|mins|min", "minute")
_time("seconds|second|secs|sec", "second")
_time("decades|decade", "decade")
_time("centuries|century", "century")
_time("milliseconds|millisecond|ms", "millisecond")
_time("nights|night", "night")
_time("sessions|session", "session")
_time("quarters", "quarter")

_add("year-old|year old|years-old|years old|-year-old|yo", Unit("year of age"))
_add("times|fold|-fold", Unit("count"))

_add("miles per hour|mile per hour|mph|m.p.h.|m.p.h|mile an hour|miles an hour", Unit("mile per hour"))
_add("km/h|kmh|kph|kilometres per hour|kilometers per hour", Unit("kilometre per hour"))
_add("mpg|miles per gallon", Unit("mile per gallon"))
_add("square miles|square mile|sq mi|sq miles", Unit("square mile"))
_add("square kilometres|square kilometers|square kilometre|square kilometer|sq km|km2|km²", Unit("square kilometre"))
_add("square metres|square meters|square metre|square meter|sq m|sqm|m2|m²", Unit("square metre"))
_add("square feet|square foot|sq ft|sq. ft.|sq. ft|sqft|ft2", Unit("square feet"))
_add("square centimetres|square centimeters|square centimetre|cm2|cm²", Unit("square centimetre"))
_add("acres|acre", Unit("acre"))
_add("hectares|hectare|ha", Unit("hectare"))
_add("miles|mile|mi", Unit("mile"))
_add("kilometres|kilometers|kilometre|kilometer|km|kms", Unit("kilometre"))
_add("metres|meters|metre|meter", Unit("metre"))
_add("m", Unit("metre"), cased=True)
_add("centimetres|centimeters|centimetre|centimeter|cm", Unit("centimetre"))
_add("millimetres|millimeters|millimetre|millimeter|mm", Unit("millimetre"))
_add("micrometres|micrometers|micrometre|micrometer|μm|µm|microns|micron", Unit("micrometre"))
_add("nanometres|nanometers|nanometre|nanometer|nm", Unit("nanometre"))
_add("feet|foot|ft", Unit("foot"))
_add("inches|inch|in.|″|\"", Unit("inch"))
_add("yards|yard|yds|yd", Unit("yard"))
_add("nautical miles|nautical mile", Unit("nautical mile"))
_add("light years|light-years|light year|light-year", Unit("light year"))
_add("kilograms|kilogrammes|kilogram|kilogramme|kilos|kilo|kg|kgs", Unit("kilogram"))
_add("grams|grammes|gram|gramme|g", Unit("gram"))
_add("milligrams|milligram|mg", Unit("milligram"))
_add("tonnes|tonne|metric tons|metric ton", Unit("metric ton"))
_add("tons|ton", Unit("ton"))
_add("gigatonnes|gigatons|gigatonne|gigaton", Unit("gigaton"))
_add("megatonnes|megatons|megatonne|megaton", Unit("megaton"))
_add("pounds|pound|lbs|lb", Unit("pound-mass"))
_add("ounces|ounce|oz", Unit("ounce"))
_add("stone", Unit("stone"))
_add("litres|liters|litre|liter|l", Unit("litre"))
_add("L", Unit("litre"), cased=True)
_add("millilitres|milliliters|millilitre|milliliter|ml", Unit("millilitre"))
_add("gallons|gallon|gal", Unit("gallon"))
_add("pints|pint", Unit("pint"))
_add("quarts|quart", Unit("quart"))
_add("barrels|barrel|bbl", Unit("barrel"))
_add("cubic metres|cubic meters|cubic metre|cubic meter|m3|m³", Unit("cubic metre"))
_add("cubic feet|cubic foot|cu ft", Unit("cubic foot"))
_add("degrees celsius|degree celsius|degrees centigrade|°c|ºc|degc|deg c|celsius|centigrade", Unit("celsius"))
_add("degrees fahrenheit|degree fahrenheit|°f|ºf|degf|deg f|fahrenheit", Unit("fahrenheit"))
_add("degrees|degree|°|deg", Unit("degree"))
_add("kelvin", Unit("kelvin"))
_add("horsepower|hp|bhp|ps", Unit("horsepower"))
_add("watts|watt|W", Unit("watt"))
_add("kilowatts|kilowatt|kw", Unit("kilowatt"))
_add("megawatts|megawatt|mw", Unit("megawatt"))
_add("gigawatts|gigawatt|gw", Unit("gigawatt"))
_add("kilowatt-hours|kilowatt hours|kilowatt-hour|kilowatt hour|kwh", Unit("kilowatt hour"))
_add("megawatt-hours|megawatt hours|megawatt-hour|mwh", Unit("megawatt hour"))
_add("gigawatt-hours|gigawatt hours|gigawatt-hour|gwh", Unit("gigawatt hour"))
_add("terawatt-hours|terawatt hours|terawatt-hour|twh", Unit("terawatt hour"))
_add("volts|volt|v", Unit("volt"))
_add("kilovolts|kilovolt|kv", Unit("kilovolt"))
_add("amperes|ampere|amps|amp", Unit("ampere"))
_add("A", Unit("ampere"), cased=True)
_add("farads|farad", Unit("farad"))
_add("F", Unit("farad"), cased=True)  # spaced "2.5 F"; glued "104F" is a temperature (see below)
GLUED_UNITS: dict[str, Unit] = {"F": Unit("fahrenheit"), "C": Unit("celsius")}
_add("R", Unit("roentgen"), cased=True)
_add("roentgens|roentgen", Unit("roentgen"))
_add("hertz|hz", Unit("hertz"))
_add("kilohertz|khz", Unit("kilohertz"))
_add("megahertz|mhz", Unit("megahertz"))
_add("gigahertz|ghz", Unit("gigahertz"))
_add("bytes|byte", Unit("byte"))
_add("kilobytes|kilobyte|kb", Unit("kilobyte"))
_add("megabytes|megabyte|mb", Unit("megabyte"))
_add("gigabytes|gigabyte|gb", Unit("gigabyte"))
_add("terabytes|terabyte|tb", Unit("terabyte"))
_add("megabits per second|mbps|mb/s", Unit("megabit per second"))
_add("gigabits per second|gbps|gb/s", Unit("gigabit per second"))
_add("parts per billion|parts-per-billion|ppb", Unit("parts-per-billion"))
_add("parts per million|parts-per-million|ppm", Unit("parts-per-million"))
_add("calories|calorie|kcal|cal", Unit("calorie"))
_add("decibels|decibel|db", Unit("decibel"))
_add("knots|knot", Unit("knot"))
_add("megapixels|megapixel|mp", Unit("megapixel"))
_add("bar", Unit("bar"))
_add("psi", Unit("pound per square inch"))
_add("newton metres|newton meters|nm", Unit("newton metre"))

def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that open a rate after the unit: "$14.95 a month", "10 people every day", "5 km/h".
RATE_WORDS = ("per", "a", "an", "every", "each", "/")
# Nouns that can follow "a"/"an" as the denominator of a rate: "$98 a share", "64.2 cents a dozen".
RATE_NOUNS = _words(
    "share head person capita piece unit dozen household passenger seat ticket room night game visit"
    " serving bottle can pack box bag kilo kilogram tonne ton barrel gallon litre liter ounce pound gram"
    " mile kilometre kilometer hour day week month year minute second decade"
)
RATE_ADVERBS: dict[str, str] = {
    "annually": "year", "yearly": "year", "monthly": "month", "weekly": "week", "daily": "day",
    "hourly": "hour", "a year": "year", "a day": "day",
}

# Adjectival money words before a "dollar": "Canadian dollars" (handled above) — and country
# markers before "$": "US $84 billion" is in CURRENCY_BEFORE.


def _alternation(keys: list[str]) -> str:
    return "|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True))


# A unit must end at a non-letter, so "m" does not match "miles" and "in" does not match "inside".
_UNIT_RE = re.compile(r"(?:" + _alternation(list(UNITS_AFTER)) + r")(?![A-Za-z0-9])", re.IGNORECASE)
_UNIT_CASED_RE = re.compile(r"(?:" + _alternation(list(UNITS_AFTER_CASED)) + r")(?![A-Za-z0-9])")
_CURRENCY_BEFORE_RE = re.compile(r"(?:" + _alternation(list(CURRENCY_BEFORE)) + r")\s?$", re.IGNORECASE)
# Lower-case codes are accepted ("hk $", "c $") except where they are common words.
_LOWER_CASE_WORDS = frozenset({"a$", "rs", "rs.", "ps", "rm", "nis"})


def unit_at(text: str, pos: int) -> tuple[Unit, int] | None:
    """The unit that starts at ``pos`` in ``text`` and where it ends, longest match first."""
    best: tuple[Unit, int] | None = None
    glued = text[pos:pos + 1]
    if glued in GLUED_UNITS and pos > 0 and text[pos - 1].isdigit() and not text[pos + 1:pos + 2].isalnum():
        return GLUED_UNITS[glued], pos + 1
    m = _UNIT_RE.match(text, pos)
    if m:
        best = (UNITS_AFTER[m.group(0).lower()], m.end())
    m2 = _UNIT_CASED_RE.match(text, pos)
    if m2 and (best is None or m2.end() > best[1]):
        best = (UNITS_AFTER_CASED[m2.group(0)], m2.end())
    return best


def currency_before(text: str) -> tuple[Unit, int] | None:
    """The currency marker that ends ``text`` (just before a number), and where it starts."""
    m = _CURRENCY_BEFORE_RE.search(text)
    if not m:
        return None
    key = m.group(0)
    if key.lower().strip() in _LOWER_CASE_WORDS and not key.strip().isupper() and key.strip() not in CURRENCY_BEFORE:
        return None
    unit = next((CURRENCY_BEFORE[k] for k in (key, key.rstrip(), key.upper(), key.rstrip().upper())
                 if k in CURRENCY_BEFORE), None)
    if unit is None:
        return None
    start = m.start()
    # A bare code glued to a preceding word is part of that word ("ABCUSD"), not a currency.
    if start > 0 and text[start - 1].isalnum() and key[0].isalpha():
        return None
    return unit, start
