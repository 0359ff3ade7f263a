"""Number parsing and the unit lexicon, on plain strings (no spaCy model needed)."""

from __future__ import annotations

import pytest

from counterclaim.analyse import numbers, units


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("28,000", 28000.0),
        ("1,307,000", 1307000.0),
        ("1.5", 1.5),
        (".001", 0.001),
        ("-1.3", -1.3),
        ("1/16", 0.0625),
        ("1⁄32", 0.03125),
    ],
)
def test_parse_digits(text: str, value: float) -> None:
    assert numbers.parse_digits(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "abc", "1,2", "1/0", "--3", "."])
def test_parse_digits_rejects(text: str) -> None:
    assert numbers.parse_digits(text) is None


@pytest.mark.parametrize(
    ("words", "value"),
    [
        (["seven", "hundred"], 700),
        (["twenty-eight", "thousand", "six", "hundred", "forty-two"], 28642),
        (["4", "hundred"], 400),
        (["1.5", "million"], 1_500_000),
        (["one", "hundred", "and", "five"], 105),
        (["ninety", "nine"], 99),
        (["three", "billion"], 3e9),
    ],
)
def test_words_to_number(words: list[str], value: float) -> None:
    assert numbers.words_to_number(words) == pytest.approx(value)


@pytest.mark.parametrize("words", [["hundred"], ["two", "three"], ["twenty", "thirty"], ["seven", "apples"], []])
def test_words_to_number_rejects(words: list[str]) -> None:
    assert numbers.words_to_number(words) is None


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("% of", "percentage"),
        ("per cent rise", "percentage"),
        ("km away", "kilometre"),
        ("miles per hour", "mile per hour"),
        ("degrees Celsius", "celsius"),
        ("sq ft", "square feet"),
        ("year-old", "year of age"),
        ("m tall", "metre"),
        ("kWh", "kilowatt hour"),
        ("tonnes of", "metric ton"),
    ],
)
def test_unit_at(text: str, name: str) -> None:
    found = units.unit_at(text, 0)
    assert found is not None
    assert found[0].name == name


@pytest.mark.parametrize("text", ["inside", "miners", "mix", "Monday"])
def test_unit_at_needs_a_word_boundary(text: str) -> None:
    found = units.unit_at(text, 0)
    assert found is None or (found[1] == len(text) and found[0].name != "metre")


@pytest.mark.parametrize(
    ("before", "name", "iso"),
    [
        ("cost $", "dollar", "USD"),
        ("cost US $", "dollar", "USD"),
        ("worth HK$", "hong kong dollar", "HKD"),
        ("paid €", "euro", "EUR"),
        ("paid £", "pound sterling", "GBP"),
        ("at RM", "malaysian ringgit", "MYR"),
        ("a c $", "canadian dollar", "CAD"),
    ],
)
def test_currency_before(before: str, name: str, iso: str) -> None:
    found = units.currency_before(before)
    assert found is not None
    assert (found[0].name, found[0].currency) == (name, iso)


@pytest.mark.parametrize("before", ["the farm", "ABCUSD", "in rm", "the"])
def test_no_currency_before(before: str) -> None:
    assert units.currency_before(before) is None
