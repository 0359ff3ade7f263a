"""The attributions EXPECTED.md lists for the five seed articles, with resolved speakers and stances.

The seed texts belong to their publishers, so they are read from ``../shared`` at run time and this
file quotes only a few words of each statement to find it.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from counterclaim.types import Analysis, Statement

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "seeds"

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="seed corpus ../shared/corpus/seeds is absent")


@lru_cache(maxsize=8)
def analysed(prefix: str) -> Analysis:
    from counterclaim.analyse import analyse_text

    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return analyse_text(path.read_text(encoding="utf-8"))


def statement_with(prefix: str, words: str) -> Statement:
    """The innermost statement whose content (or, failing that, sentence) contains ``words``.

    Innermost, because attributions nest: in "According to The Sun, Mr Putin said [...]" the claim
    is Putin's, and The Sun only relays it.
    """
    analysis = analysed(prefix)
    text = analysis.article.text
    inner = sorted((s for s in analysis.statements if words in s.content.text), key=lambda s: len(s.content.text))
    if inner:
        return inner[0]
    for s in analysis.statements:
        if s.sentence and words in text[s.sentence.start : s.sentence.end]:
            return s
    found = [s.content.text[:60] for s in analysis.statements]
    raise AssertionError(f"{prefix}: no statement with {words!r}; found {found}")


SEED_STATEMENTS = [
    # (article, words in the statement, speaker name (substring) or None for anonymous, stances allowed)
    pytest.param("000", "execute 10 people", "Vladimir Putin", {"asserts"}, id="putin-ultimatum"),
    pytest.param("000", "did not finish their job", "Vladimir Putin", {"asserts"}, id="putin-failed-job"),
    pytest.param("000", "skeptical of its accuracy", "Sean Robertson", {"disputes"}, id="robertson-skeptical"),
    pytest.param("000", "no information supporting", "Sean Robertson", {"disputes"}, id="robertson-no-information"),
    pytest.param("000", "unsubstantiated", None, {"disputes"}, id="us-officials-unsubstantiated"),
    pytest.param("000", "99 percent", "Sean Robertson", {"asserts"}, id="robertson-99-percent"),
    pytest.param("001", "700 people", "Vladimir Putin", {"asserts", "reports"}, id="putin-700"),
    pytest.param("001", "unsubstantiated", None, {"disputes"}, id="us-military-unsubstantiated"),
    pytest.param("001", "no information supporting", "Sean Robertson", {"disputes"}, id="robertson-statement"),
    pytest.param("001", "taken around 700 hostages", "TASS", {"reports"}, id="tass-reported"),
    pytest.param("001", "Everyone is silent", "Vladimir Putin", {"asserts"}, id="putin-silent"),
    pytest.param("002", "100 percent confirmation", "Sergey Lavrov", {"hedges"}, id="lavrov-not-100-percent"),
    pytest.param("002", "no definitive proof", "Ryan Dillon", {"disputes"}, id="dillon-no-proof"),
    pytest.param("002", "corroborate", "Jeff Davis", {"disputes"}, id="davis-no-corroboration"),
    pytest.param("003", "exploit seriously", "James Jeffrey", {"disputes"}, id="jeffrey-do-not-believe"),
    pytest.param("003", "far less than in previous years", "Savannah Halleaux", {"asserts"}, id="halleaux-far-less"),
    pytest.param("003", "significantly diminished", "Savannah Halleaux", {"reports", "asserts"}, id="halleaux-diminished"),
    pytest.param("003", "met by a blizzard", "Myles Caggins", {"asserts", "disputes"}, id="caggins-blizzard"),
    pytest.param("003", "same playbook", "Aaron Zelin", {"asserts"}, id="zelin-playbook"),
    pytest.param("003", "early to say", "Aaron Zelin", {"disputes"}, id="zelin-too-early"),
    pytest.param("004", "750 militants", "Gerasimov", {"asserts", "reports"}, id="gerasimov-750"),
    pytest.param("004", "movement of limited numbers", "Gedney", {"asserts"}, id="gedney-movement"),
    pytest.param("004", "time for the coalition to leave", "Gedney", {"asserts"}, id="gedney-leave"),
]


@pytest.mark.parametrize(("prefix", "words", "speaker", "stances"), SEED_STATEMENTS)
def test_seed_statement(prefix: str, words: str, speaker: str | None, stances: set[str]) -> None:
    statement = statement_with(prefix, words)
    assert statement.stance in stances, (statement.stance, statement.content.text[:80])
    assert statement.speaker is not None, statement.content.text[:80]
    if speaker is None:
        assert statement.speaker.named is False, statement.speaker
    else:
        assert statement.speaker.name and speaker in statement.speaker.name, statement.speaker


def test_robertson_is_a_pentagon_spokesman() -> None:
    speaker = statement_with("000", "skeptical of its accuracy").speaker
    assert speaker is not None
    assert speaker.role and "spokesman" in speaker.role
    assert speaker.affiliation == "Pentagon" and speaker.country == "US"


def test_pentagon_rejects_russian_allegations_with_a_target() -> None:
    statement = statement_with("000", "failed to stem the threat")
    assert statement.stance == "disputes"
    assert statement.target is not None and "allegations" in statement.target.text


def test_caption_dispute_is_not_a_statement() -> None:
    """001 says "disputes the figure of 700" only in a photo caption ("Footage shows ... Picture:
    Supplied"). Captions are boilerplate, so no statement may come from there; the US dispute of
    the figure is carried by the body text (Robertson, "the US military", "US officials")."""
    analysis = analysed("001")
    text = analysis.article.text
    at = text.index("disputes the figure of 700")
    caption = next(r for r in analysis.article.boilerplate if r.start <= at < r.end)
    for s in analysis.statements:
        assert s.cue is None or not caption.start <= s.cue.start < caption.end, s
        assert not (caption.start <= s.content.start and s.content.end <= caption.end), s
    body = statement_with("001", "large number of hostages")
    assert body.stance == "disputes" and body.speaker is not None and body.speaker.name == "Sean Robertson"


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_no_speaker_or_cue_in_boilerplate(prefix: str) -> None:
    """Captions, credits and page furniture never speak: no "Accessibility", "Picture", "Footage"
    or "Pavel Golovkin/Pool/AFP" speaker, and no cue inside a boilerplate range."""
    from counterclaim.analyse.speakers import is_credit

    analysis = analysed(prefix)
    ranges = [(r.start, r.end) for r in analysis.article.boilerplate]
    for s in analysis.statements:
        if s.cue is not None:
            assert not any(a <= s.cue.start < b for a, b in ranges), (s.cue, s.content.text[:60])
        if s.speaker is not None:
            assert not is_credit(s.speaker.mention.text), s.speaker
            assert not any(a <= s.speaker.mention.start < b for a, b in ranges), s.speaker


def test_anonymous_us_officials_carry_their_country() -> None:
    speaker = statement_with("000", "unsubstantiated").speaker
    assert speaker is not None and speaker.named is False and speaker.country == "US"


def test_names_resolve_within_the_article() -> None:
    canon = {m.text: m.canonical for m in analysed("000").mentions}
    assert canon.get("Robertson") == "Sean Robertson"
    assert canon.get("Putin") == "Vladimir Putin"
