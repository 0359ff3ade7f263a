"""Turning the written forms of numbers into floats: digits, number words, scales and fractions.

Kept apart from the spaCy component so the arithmetic can be tested on plain strings, and so the
same parser serves every place a number is read ("1,500", "1.5 million", "$2bn", "seven hundred",
"twenty-eight thousand six hundred forty-two", "a half", "1/16").
"""

from __future__ import annotations

import re

ONES: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
SCALES: dict[str, float] = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7,  # Indian English
}
# Abbreviated scales written after digits: "$2bn", "35m", "4.3M", "$4.2b", "INR1 trillion".
SCALE_ABBREVIATIONS: dict[str, float] = {
    "k": 1e3, "K": 1e3, "m": 1e6, "M": 1e6, "mn": 1e6, "mln": 1e6, "MM": 1e6,
    "b": 1e9, "B": 1e9, "bn": 1e9, "bln": 1e9, "tn": 1e12, "trn": 1e12, "T": 1e12,
}
FRACTIONS: dict[str, float] = {
    "half": 1 / 2, "halves": 1 / 2, "third": 1 / 3, "thirds": 1 / 3, "quarter": 1 / 4,
    "quarters": 1 / 4, "fifth": 1 / 5, "fifths": 1 / 5, "tenth": 1 / 10, "tenths": 1 / 10,
}
# Plural scale words used on their own are vague: "hundreds of people". Convention (documented in
# docs of the component and matched to NewsQuant): "Xs" spans [X, 10·X], so "hundreds" is
# 100–1,000, "dozens" 12–120, "tens of thousands" 10,000–100,000.
VAGUE: dict[str, float] = {
    "dozens": 12, "scores": 20, "tens": 10, "hundreds": 1e2, "thousands": 1e3, "millions": 1e6,
    "billions": 1e9, "trillions": 1e12,
}

VULGAR_FRACTIONS: dict[str, float] = {
    "½": 1 / 2, "¼": 1 / 4, "¾": 3 / 4, "⅓": 1 / 3, "⅔": 2 / 3, "⅛": 1 / 8, "⅜": 3 / 8, "⅝": 5 / 8, "⅞": 7 / 8,
}

WORD_NUMBER_WORDS = frozenset(ONES) | frozenset(TENS) | frozenset(SCALES)

_DIGITS = re.compile(r"[+\-−]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?")


def parse_digits(text: str) -> float | None:
    """'28,000' → 28000.0, '-1.3' → -1.3, '.001' → 0.001, '1/16' → 0.0625; None if not a number."""
    text = text.strip().replace("−", "-").replace("⁄", "/")
    if "/" in text:
        num, _, den = text.partition("/")
        a, b = parse_digits(num), parse_digits(den)
        if a is None or not b:
            return None
        return a / b
    if not text or not _DIGITS.fullmatch(text) or not any(c.isdigit() for c in text):
        return None
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None


def words_to_number(words: list[str]) -> float | None:
    """Read a run of number words: ['seven', 'hundred'] → 700, ['twenty-eight', 'thousand'] → 28000.

    Digits may start the run ("4 hundred", "1.5 million"). "and" is allowed inside ("one hundred
    and five"). Returns None when the words do not form a number (e.g. a bare "hundred").
    """
    parts: list[str] = []
    for word in words:
        for piece in word.lower().split("-"):
            if piece and piece != "and":
                parts.append(piece)
    if not parts:
        return None
    total = 0.0
    current: float | None = None
    for piece in parts:
        digits = parse_digits(piece)
        if digits is not None:
            if current is not None:
                return None
            current = digits
        elif piece in ONES or piece in TENS:
            # "twenty two" and "hundred five" combine; "two three" or "twenty thirty" do not.
            low_part = (current or 0) % 100
            if low_part and not (piece in ONES and low_part in TENS.values() and ONES[piece] < 10):
                return None
            current = (current or 0) + ONES.get(piece, TENS.get(piece, 0))
        elif piece in SCALES:
            if current is None:
                return None
            scale = SCALES[piece]
            if scale == 100:
                current *= scale
            else:
                total += current * scale
                current = None
        else:
            return None
    return total + (current or 0)
