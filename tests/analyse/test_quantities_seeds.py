"""The IS-fighter figures of the seed articles (EXPECTED.md §4), read from ../shared at run time."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from counterclaim.types import Quantity


def _quantities(nlp: Any, seeds_dir: Path, prefix: str) -> list[Quantity]:
    path = next(seeds_dir.glob(prefix + "_*.txt"), None)
    if path is None:
        pytest.skip(f"seed article {prefix} is missing")
    return list(nlp(path.read_text(encoding="utf-8"))._.cc_quantities)


def _find(found: list[Quantity], *, value: float | None = None, low: float | None = None) -> Quantity:
    for q in found:
        if (value is not None and q.value == value) or (low is not None and q.low == low):
            return q
    raise AssertionError(f"no quantity {value or low} among {[q.text for q in found]}")


# (article, value, low, high, qualifier, words of the concept, place)
CASES = [
    ("004", 1000, None, None, "<", "fighters", "in Iraq and Syria"),
    ("004", 750, None, None, "~", "militants", "in Al-Shaddadah"),
    ("004", 350, None, None, "=", "militants", "in Al-Tanf"),
    ("000", None, 28000, 32000, "=", "IS fighters", "between Iraq and Syria"),
    ("000", 9000, None, None, "<", "IS fighters", None),
    ("001", 5000, None, None, "~", "ISIS fighters", None),
    ("003", 14000, None, None, ">", "fighters", "across Syria and Iraq"),
]


@pytest.mark.parametrize(("article", "value", "low", "high", "qualifier", "concept", "place"), CASES)
def test_fighter_figures(
    nlp: Any, seeds_dir: Path, article: str, value: float | None, low: float | None, high: float | None,
    qualifier: str, concept: str, place: str | None,
) -> None:
    q = _find(_quantities(nlp, seeds_dir, article), value=value, low=low)
    assert (q.value, q.low, q.high) == (value, low, high)
    assert q.qualifier == qualifier
    assert q.unit in ("fighter", "militant")
    assert q.concept is not None and concept in q.concept
    if place is not None:
        assert q.place == place


def test_hajin_is_the_scope_of_the_estimate(nlp: Any, seeds_dir: Path) -> None:
    found = _quantities(nlp, seeds_dir, "001")
    assert any(q.value == 5000 and q.place == "in Hajin" for q in found)


def test_russian_areas_are_the_scope_of_the_9000(nlp: Any, seeds_dir: Path) -> None:
    q = _find(_quantities(nlp, seeds_dir, "000"), value=9000)
    assert q.place is not None and "Russia" in q.place
