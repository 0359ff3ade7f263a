"""No input string crashes the quantities component, and what it returns is well formed."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counterclaim.analyse.components.quantities import extract_sentence

WORDS = [
    "about", "up", "to", "between", "and", "from", "more", "than", "fewer", "at", "least", "per", "a", "an",
    "every", "day", "of", "the", "hundreds", "dozens", "a dozen", "half", "two-thirds", "million", "bn", "m",
    "seven", "hundred", "twenty-eight", "thousand", "percent", "per cent", "%", "$", "US $", "€", "£", "RM",
    "HK$", "miles", "km", "year-old", "rose", "fell", "by", "in", "Iraq", "Route", "Section", "COVID-19",
    "March", "2019", "p.m.", "22nd", "(", ")", "-", "–", "/", "⁄", "½", ",", ".", "\n", "1,000", "28,000",
    "0.5", ".001", "1/16", "10 1/2", "5-10", "-3", "+2%", "9AB8", "020 7946 0958", "http://x.com/1",
]

TEXTS = st.lists(
    st.one_of(st.sampled_from(WORDS), st.text(max_size=6), st.integers(-10**7, 10**12).map(str)),
    max_size=25,
).map(" ".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXTS)
def test_no_input_crashes(nlp: Any, text: str) -> None:
    doc = nlp(text)
    # Call the sentence extractor directly: the component's per-sentence safety net would hide a crash.
    found = [q for sent in doc.sents for q in extract_sentence(doc, sent)]
    assert len(found) == len(doc._.cc_quantities)
    for q in found:
        assert 0 <= q.start <= q.end <= len(text)
        assert text[q.start:q.end] == q.text
        assert q.value is not None or (q.low is not None and q.high is not None)
        assert q.low is None or q.high is None or q.low <= q.high
        assert q.qualifier in ("=", "~", "<", ">", "up", "down")
        assert q.sentence is not None and q.sentence.start <= q.start


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=80))
def test_arbitrary_unicode(nlp: Any, text: str) -> None:
    nlp(text)
