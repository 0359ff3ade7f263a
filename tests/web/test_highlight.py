"""Highlighted article HTML: every piece escaped, text preserved exactly, marks and anchors placed."""

from __future__ import annotations

import html
import re

from hypothesis import given
from hypothesis import strategies as st

from counterclaim.web.highlight import Mark, highlight, mark_within

TAG = re.compile(r"<[^>]*>")


def visible(markup: str) -> str:
    """What a browser shows: tags removed, entities decoded."""
    return html.unescape(TAG.sub("", markup))


def test_overlapping_marks_split_into_segments() -> None:
    text = "Putin said 700 people."
    out = str(highlight(text, [Mark(0, 22, "sent", None, 0), Mark(0, 5, "speaker", "speaker: Putin"),
                               Mark(11, 21, "stmt", "statement"), Mark(11, 14, "qty", "quantity: 700")], {0}))
    assert out.startswith('<span class="anchor" id="s-0"></span><span class="sent speaker" title="speaker: Putin"')
    assert '<span class="sent stmt qty" title="statement\nquantity: 700" data-sent="0">700</span>' in out
    assert visible(out) == text


def test_payload_is_escaped_in_text_and_tooltips() -> None:
    text = '<script>alert(1)</script> said "x" <img src=x onerror=alert(1)>'
    out = str(highlight(text, [Mark(0, 25, "speaker", 'speaker: <b onmouseover="alert(1)">')]))
    assert "<script>" not in out and "<img" not in out and "<b " not in out
    assert 'title="speaker: &lt;b onmouseover=&#34;alert(1)&#34;&gt;"' in out
    assert visible(out) == text


def test_invalid_ranges_are_ignored() -> None:
    assert visible(str(highlight("abc", [Mark(2, 1, "x"), Mark(-1, 2, "y"), Mark(0, 9, "z")]))) == "abc"


@given(st.text(alphabet=st.sampled_from(list("ab <>&\"'\n\u00e9")), max_size=60),
       st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=8))
def test_text_survives_any_marks(text: str, ranges: list[tuple[int, int]]) -> None:
    marks = [Mark(a, b, "m", f"tip {a}<{b}>", a) for a, b in ranges]
    out = str(highlight(text, marks, {a for a, _ in ranges}))
    assert visible(out) == text
    assert not re.search(r"<(?!/?span[ >])", out)  # the only tags are our spans


def test_mark_within_sentence() -> None:
    out = str(mark_within("He said <b>x</b> today.", 100, 108, 116))
    assert out == "He said <mark>&lt;b&gt;x&lt;/b&gt;</mark> today."
    assert str(mark_within("abc", 0, 5, 9)) == "abc"
