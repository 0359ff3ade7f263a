"""The quantities component, one rule per case, on original sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from counterclaim.types import Quantity


def quantities(nlp: Any, text: str) -> list[Quantity]:
    return list(nlp(text)._.cc_quantities)


def only(nlp: Any, text: str) -> Quantity:
    found = quantities(nlp, text)
    assert len(found) == 1, [q.text for q in found]
    return found[0]


def find(nlp: Any, text: str, needle: str) -> Quantity:
    found = [q for q in quantities(nlp, text) if needle in q.text]
    assert found, f"no quantity containing {needle!r} in {[q.text for q in quantities(nlp, text)]}"
    return found[0]


# ---------------------------------------------------------------- values, scales and number words


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The orchard planted 4,250 trees last spring.", 4250),
        ("Organisers expect 1.5 million visitors at the fair.", 1_500_000),
        ("The mill employs seven hundred workers.", 700),
        ("Some twenty-three thousand four hundred fans bought tickets.", 23400),
        ("The port handled 2.4m containers.", 2_400_000),
        ("The club sold 12k season tickets.", 12_000),
        ("There were 4 hundred lanterns on the river.", 400),
        ("The bakery used 10 1/2 kilograms of flour.", 10.5),
    ],
)
def test_values(nlp: Any, text: str, value: float) -> None:
    assert find(nlp, text, "").value == pytest.approx(value)


def test_fraction_of_a_unit(nlp: Any) -> None:
    q = only(nlp, "A cup holds about 1/4 of a litre.")
    assert q.value == pytest.approx(0.25)
    assert q.unit == "litre"


def test_a_half(nlp: Any) -> None:
    q = only(nlp, "Nearly a half of the ferries were late.")
    assert q.value == pytest.approx(0.5)
    assert q.qualifier == "~"


def test_two_thirds(nlp: Any) -> None:
    q = only(nlp, "Two-thirds of the tenants signed the letter.")
    assert q.value == pytest.approx(2 / 3)


# ---------------------------------------------------------------- ranges


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("The survey counted 28,000 to 32,000 nesting birds.", 28000, 32000),
        ("Each crate weighs between 5 and 10 kilograms.", 5, 10),
        ("The hike takes 5-10 hours.", 5, 10),
        ("Tickets cost from $20 to $35.", 20, 35),
        ("The repairs will cost $3 billion to $4 billion.", 3e9, 4e9),
        ("Between 1 and 2 thousand volunteers turned up.", 1000, 2000),
    ],
)
def test_ranges(nlp: Any, text: str, low: float, high: float) -> None:
    q = only(nlp, text)
    assert q.value is None
    assert (q.low, q.high) == (pytest.approx(low), pytest.approx(high))


def test_range_keeps_shared_unit(nlp: Any) -> None:
    q = only(nlp, "The lake is 40 to 60 metres deep.")
    assert q.unit == "metre"


def test_different_units_are_not_a_range(nlp: Any) -> None:
    found = quantities(nlp, "The shares rose 4% to 180p on Monday.")
    assert [q.value for q in found] == [4, 180]


# ---------------------------------------------------------------- qualifiers


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("About 300 runners finished the race.", "~"),
        ("Around 40 boats were moored in the bay.", "~"),
        ("Roughly 90 families live on the island.", "~"),
        ("Nearly 60 species were recorded.", "~"),
        ("Almost 200 letters arrived.", "~"),
        ("Some 300 residents left the village.", "~"),
        ("Approximately 15 bridges need repair.", "~"),
        ("An estimated 5,000 pilgrims reached the shrine.", "~"),
        ("Fewer than 1,000 seals remain on the coast.", "<"),
        ("Less than 20 percent of the budget was spent.", "<"),
        ("The ferry carries under 80 cars.", "<"),
        ("The plant will create up to 400 jobs.", "<"),
        ("The hall holds at most 250 guests.", "<"),
        ("Temperatures stayed below 5 degrees.", "<"),
        ("More than 6,000 employers answered.", ">"),
        ("The tower is over 300 metres tall.", ">"),
        ("At least 14,000 volunteers signed up.", ">"),
        ("Upwards of 70 stalls lined the street.", ">"),
        ("Sales rose by 12% in the spring.", "up"),
        ("Membership increased by 300 people.", "up"),
        ("The index climbed 2.5 percent.", "up"),
        ("The currency gained 3% against the euro.", "up"),
        ("Exports fell by 7% last quarter.", "down"),
        ("The share price dropped 4 percent.", "down"),
        ("Attendance declined by 15%.", "down"),
        ("The river is 120 kilometres long.", "="),
    ],
)
def test_qualifiers(nlp: Any, text: str, qualifier: str) -> None:
    assert only(nlp, text).qualifier == qualifier


def test_outermost_qualifier_wins(nlp: Any) -> None:
    assert only(nlp, "Up to about 9,000 workers may strike.").qualifier == "<"


def test_bracketed_conversion_shares_the_bound(nlp: Any) -> None:
    found = quantities(nlp, "The fund holds more than 7 million euros ($7.6 million) in bonds.")
    assert [q.qualifier for q in found] == [">", ">"]


# ---------------------------------------------------------------- vague amounts


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("Hundreds of protesters gathered.", 100, 1000),
        ("Dozens of boats sank in the storm.", 12, 120),
        ("Thousands of birds migrate through the valley.", 1000, 10000),
        ("Tens of thousands of fans watched.", 10000, 100000),
    ],
)
def test_vague_plurals(nlp: Any, text: str, low: float, high: float) -> None:
    q = only(nlp, text)
    assert q.vague
    assert q.value is None
    assert (q.low, q.high) == (low, high)


def test_a_dozen(nlp: Any) -> None:
    q = only(nlp, "A dozen horses grazed in the field.")
    assert q.vague
    assert q.value == 12
    assert q.unit == "horse"


# ---------------------------------------------------------------- units, money, percentages, rates


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Turnout was 64% this year.", "percentage"),
        ("Turnout was 64 per cent this year.", "percentage"),
        ("The trail is 12 miles long.", "mile"),
        ("The parcel weighs 3 kg.", "kilogram"),
        ("The battery stores 75 kWh.", "kilowatt hour"),
        ("The engine makes 300 hp.", "horsepower"),
        ("The 2.4-litre engine is quiet.", "litre"),
        ("The flat covers 85 sq m.", "square metre"),
        ("She is a 34-year-old engineer.", "year of age"),
        ("The farm keeps 40 goats.", "goat"),
        ("The school has 12 new classrooms.", "new classroom"),
        ("The town has 3 ancient bridges.", "ancient bridge"),
        ("A crowd of 500 people waited.", "people"),
    ],
)
def test_units(nlp: Any, text: str, unit: str) -> None:
    assert only(nlp, text).unit == unit


@pytest.mark.parametrize(
    ("text", "value", "unit", "currency"),
    [
        ("The lamp costs $25.", 25, "dollar", "USD"),
        ("The bridge cost $2bn.", 2e9, "dollar", "USD"),
        ("The grant is worth €4.5 million.", 4.5e6, "euro", "EUR"),
        ("The house sold for £750,000.", 750000, "pound sterling", "GBP"),
        ("The deal was valued at 300 million yen.", 3e8, "japanese yen", "JPY"),
        ("The flat rents for A$2,100.", 2100, "australian dollar", "AUD"),
        ("The car costs RM95,000.", 95000, "malaysian ringgit", "MYR"),
        ("The bond pays 40 Swiss francs.", 40, "swiss franc", "CHF"),
    ],
)
def test_money(nlp: Any, text: str, value: float, unit: str, currency: str) -> None:
    q = only(nlp, text)
    assert q.value == pytest.approx(value)
    assert (q.unit, q.currency) == (unit, currency)


@pytest.mark.parametrize(
    ("text", "value", "per"),
    [
        ("The clinic sees 10 patients every day.", 10, "day"),
        ("The plan costs $9.99 a month.", 9.99, "month"),
        ("The pipeline moves 52,000 barrels a day.", 52000, "day"),
        ("Diesel sold at $4.10 per gallon.", 4.10, "gallon"),
        ("The car reached 90 miles per hour.", 90, None),
    ],
)
def test_rates(nlp: Any, text: str, value: float, per: str | None) -> None:
    q = only(nlp, text)
    assert q.value == pytest.approx(value)
    assert q.per == per


def test_rate_unit_names_the_period(nlp: Any) -> None:
    assert only(nlp, "The subscription is $12 a month.").unit == "dollar per month"


def test_a_year_earlier_is_not_a_rate(nlp: Any) -> None:
    q = find(nlp, "Revenue reached $3.1 billion, up from $2.9 billion a year earlier.", "2.9")
    assert q.per is None


# ---------------------------------------------------------------- concept and scope


def test_concept_of_counted_noun(nlp: Any) -> None:
    q = only(nlp, "The rangers counted about 640 grey wolves in the reserve.")
    assert q.concept == "grey wolves"
    assert q.unit == "grey wolf"


def test_concept_of_a_percentage(nlp: Any) -> None:
    assert only(nlp, "The firm earns 60% of its revenue abroad.").concept == "revenue"


def test_concept_from_total_number(nlp: Any) -> None:
    q = only(nlp, "The ministry puts the number of stray dogs at 12,000.")
    assert q.concept == "stray dogs"


def test_place_and_time_in_the_clause(nlp: Any) -> None:
    q = only(nlp, "Around 5,000 seasonal workers arrived in Portugal in 2019.")
    assert q.place == "in Portugal"
    assert q.time == "in 2019"


def test_conjoined_places(nlp: Any) -> None:
    q = only(nlp, "At least 300 volunteers are working across Chile and Peru.")
    assert q.place == "across Chile and Peru"


def test_elided_noun_keeps_its_own_place(nlp: Any) -> None:
    found = quantities(nlp, "There are about 80 nurses in Leeds and 45 in York.")
    assert [(q.value, q.unit, q.place) for q in found] == [(80, "nurse", "in Leeds"), (45, "nurse", "in York")]


def test_sentence_range(nlp: Any) -> None:
    text = "The weather was fine. Exactly 42 swimmers crossed the lake."
    q = only(nlp, text)
    assert q.sentence is not None
    assert text[q.sentence.start:q.sentence.end] == "Exactly 42 swimmers crossed the lake."
    assert text[q.start:q.end] == q.text


# ---------------------------------------------------------------- not quantities


@pytest.mark.parametrize(
    "text",
    [
        "The treaty was signed on March 3, 2004.",
        "The festival returns in 2025.",
        "The bus leaves at 7:45 every morning.",
        "The talks resumed at 2 p.m. on Friday.",
        "The company finished 3rd in the league.",
        "Voters backed the 22nd amendment.",
        "Drivers on Route 66 saw the sign.",
        "The ruling concerned Section 230 of the law.",
        "The airline grounded its Boeing 737 fleet.",
        "Leaders met at the G20 summit.",
        "Cases of COVID-19 rose in the city.",
        "Call the office on 020 7946 0958 for details.",
        "Call (555) 123-4567 for tickets.",
        "The shop is at 221 Baker Street.",
        "The report is online at example.com/news/48213.",
        "The model ran on an iPhone 12 all day.",
        "The team won 3-1 at home.",
        "He rented a flat on the 5th floor.",
        "Part 3 of the act was delayed.",
        "The Stoxx 600 index closed flat.",
        "Someone left one behind.",
    ],
)
def test_not_quantities(nlp: Any, text: str) -> None:
    assert quantities(nlp, text) == [], [q.text for q in quantities(nlp, text)]


def test_duration_is_a_quantity_but_the_year_is_not(nlp: Any) -> None:
    found = quantities(nlp, "The dam took 15 years to build and opened in 1998.")
    assert [(q.value, q.unit) for q in found] == [(15, "year")]


def test_boilerplate_is_skipped(nlp: Any) -> None:
    text = "Subscribe for $5 a month. The ferry carries 300 passengers."
    doc = nlp.make_doc(text)
    doc._.cc_boilerplate = [(0, 25)]
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    assert [q.value for q in doc._.cc_quantities] == [300]


# ---------------------------------------------------------------- later rules


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("The ministry set aside Rs 500 crore for roads.", 5e9, "indian rupee"),
        ("The port shipped 25 lakh tonnes of rice.", 2.5e6, "metric ton"),
        ("The thermometer read 38C at noon.", 38, "celsius"),
        ("The thermometer read 101F at noon.", 101, "fahrenheit"),
        ("The capacitor is rated at 2.5 F.", 2.5, "farad"),
        ("The keeper, aged 37, retired.", 37, "year of age"),
        ("Ruth Obi, 52, chairs the board.", 52, "year of age"),
    ],
)
def test_scales_units_and_ages(nlp: Any, text: str, value: float, unit: str) -> None:
    q = only(nlp, text)
    assert q.value == pytest.approx(value)
    assert q.unit == unit


def test_one_in_five_is_a_proportion(nlp: Any) -> None:
    assert only(nlp, "One in five drivers skipped the test.").value == pytest.approx(0.2)


def test_second_day_of_a_date_list(nlp: Any) -> None:
    assert quantities(nlp, "The talks were held on June 4 and 5 in Oslo.") == []


def test_plural_head_over_compound(nlp: Any) -> None:
    assert only(nlp, "The city opened four reception centres.").unit == "centre"


def test_singular_head_keeps_the_compound(nlp: Any) -> None:
    assert only(nlp, "He read the 30 page report.").unit == "page"


def test_concept_from_a_named_toll(nlp: Any) -> None:
    q = only(nlp, "The agency raised the official death toll to 41.")
    assert q.concept == "official death toll"


def test_unit_is_not_the_concept(nlp: Any) -> None:
    assert only(nlp, "The charity raised £3.2m last year.").concept == "charity"


def test_partitive_sentence_inherits_the_counted_thing(nlp: Any) -> None:
    found = quantities(nlp, "The census found 4,000 wild horses. Of those, about 900 live in the hills.")
    assert found[1].unit == "wild horse"
    assert found[1].concept == "wild horses"


def test_source_sentence_holds_a_quantity_the_parse_split() -> None:
    """Found by hypothesis: '$' closing one parsed sentence and '-140' opening the next."""
    from counterclaim.analyse import analyse_text

    text = "0&1 $ -140"
    for q in analyse_text(text).quantities:
        assert q.sentence is not None and q.sentence.start <= q.start <= q.end <= q.sentence.end


@pytest.mark.parametrize(
    ("text", "needle", "concept"),
    [
        ("Medics said between 30 and 45 people had been killed in the landslide.", "people", "people killed"),
        ("The storm killed 9 people along the coast.", "9 people", "people killed"),
        ("More than 200 villagers had been detained by the militia.", "villagers", "villagers detained"),
        ("Police said 57 people were held for questioning.", "57 people", "people held"),
        ("About 6,000 residents have been displaced by the fighting.", "residents", "residents displaced"),
        ("Some 300 people attended the vigil.", "300 people", "people"),  # nothing happened to them
        ("The rebels freed 40 fighters.", "40 fighters", "fighters"),  # not generic: the noun is the concept
    ],
)
def test_counted_people_take_what_happened_to_them_as_concept(nlp: Any, text: str, needle: str, concept: str) -> None:
    assert find(nlp, text, needle).concept == concept
