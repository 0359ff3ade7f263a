"""Property tests: any text cleans without crashing, and every range is valid and inside the text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from counterclaim.clean import clean, clean_text
from counterclaim.clean.boilerplate import detect
from counterclaim.clean.metadata import normalise_date
from counterclaim.types import Article, RawDocument, Skipped

LINES = st.sampled_from([
    "Accessibility links", "XS", "SM", "Leave a Reply", "You May Also Like", "More news: x", "Picture: Supplied",
    "date 2018-10-20", "title: T", "MOSCOW, Oct. 19 (Reuters) -", "A short line", "", " ", "\t", "Share this",
    '"We disagree," the minister said on Oct. 3, 2019.', "Photo: x", "FILE - a caption", "Related",
])
TEXTS = st.one_of(st.text(), st.lists(st.one_of(LINES, st.text(max_size=40)), max_size=30).map(lambda xs: "\n".join(xs)))


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_clean_text_ranges_are_valid(text: str) -> None:
    article = clean_text(text, source="p")
    assert article.text == text
    previous_end = 0
    for rng in article.boilerplate:
        assert previous_end <= rng.start < rng.end <= len(text)
        previous_end = rng.end
    for line in detect(text):
        assert 0 <= line.range.start < line.range.end <= len(text)
    if article.published:
        assert normalise_date(article.published) == article.published


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=2000), st.sampled_from(["text", "html"]))
def test_clean_never_raises_on_bytes(data: bytes, kind: str) -> None:
    outcome = clean(RawDocument("p", data, kind))  # type: ignore[arg-type]
    assert isinstance(outcome, (Article, Skipped))
