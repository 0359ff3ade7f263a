"""Trend contests: statements that say an actor is rising or falling, argued both ways in one article."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counterclaim.link.polarity import DOWN, UP, direction
from counterclaim.link.propositions import ClaimInput, PropositionLinker, hash_embedder
from counterclaim.link.trends import contested_trend

EMBED = hash_embedder(128)
SVLF = 7  # entity id of the actor argued about


@pytest.mark.parametrize(("text", "expected"), [
    ("a sizable increase in SVLF operations over the past month", UP),
    ("We have seen the SVLF gaining ground there, attacking even towns", UP),
    ("there has been little disruption to SVLF activity since the raid", UP),
    ("the spreading narrative of a resurgent and more capable SVLF", UP),
    ("their attacks in the valley are far less than in previous years", DOWN),
    ("The recent flurry of SVLF activity has been met by a blizzard", DOWN),
    ("There is an increase in activity this time of year, but that activity is significantly diminished", DOWN),
    ("Activity is significantly diminished, but there is an increase this month", UP),
    ("We do not believe the SVLF has been able to exploit the floods to advance", DOWN),
    ("the group is no longer growing", DOWN),
    ("The SVLF has fewer than 1,000 fighters in the valley", 0),  # a qualified figure, not a change
    ("no less than 700 hostages were taken", 0),
    ("The SVLF took 700 hostages at the camp", 0),
    ("there was a little increase in attacks", UP),  # "a little" is not "little"
    ("the group has grown much stronger in the south", UP),
    ("recruitment is far lower than it was before the war", DOWN),
    ("the two planets would exert a stronger tidal pull, making people weigh less", 0),  # no comparison
    ("this should leave no doubt about his determination to degrade the group", DOWN),  # a negated doubt
    ("The SVLF has more than 1,000 fighters and fewer than a dozen commanders", 0),
    ("Both sides have an interest in making the Front look bigger than it is", 0),  # size, not change
])
def test_direction(text: str, expected: int) -> None:
    assert direction(text) == expected


@given(noun=st.sampled_from(["attacks", "the group's strength", "recruitment", "exports", "violence"]),
       verb=st.sampled_from(["increased", "rose", "grew", "surged", "declined", "fell", "dropped", "diminished"]),
       tail=st.sampled_from(["", " in the valley", " over the past month", " this year"]))
def test_a_negation_in_the_clause_turns_the_direction(noun: str, verb: str, tail: str) -> None:
    plain = direction(f"{noun} {verb}{tail}")
    assert plain != 0
    assert direction(f"officials said {noun} had not {verb}{tail}") == -plain
    # the point after "but" decides, whatever came before
    assert direction(f"{noun} {verb}{tail}, but officials said they had not {verb}") == -plain


def _claim(i: int, stance: str, content: str, speaker: int | None, side: str | None = None,
           entities: tuple[int, ...] = (SVLF,)) -> ClaimInput:
    return ClaimInput(i, 1, i * 100, stance, content, speaker_entity_id=speaker, side=side, entity_ids=entities)


def _article() -> list[ClaimInput]:
    return [
        _claim(1, "asserts", "a sizable increase in SVLF operations over the past month", 20, "Lessaria"),
        _claim(2, "reports", "There is an increase in SVLF activity, but that activity is significantly diminished "
                             "compared to last year", 30, "Korvenia"),
        _claim(3, "asserts", "The recent flurry of SVLF attacks has been met by a blizzard of raids", 31, "Korvenia"),
        _claim(4, "disputes", "the spreading narrative of a resurgent SVLF", None),
        _claim(5, "asserts", "the harbour cranes were repaired within a week", 31, "Korvenia", entities=()),
        _claim(6, "asserts", "there has been little disruption to SVLF activity since the raid", 21, "Lessaria"),
        _claim(7, "asserts", "We have seen the SVLF gaining ground in the desert", 32, "Korvenia"),
    ]


def test_a_contest_is_anchored_on_the_narrative_it_disputes() -> None:
    contest = contested_trend(_article())
    assert contest is not None and contest.subject == SVLF and contest.claim_direction == UP
    assert contest.anchor == 3  # the dispute that names the trend
    assert contest.backs == {0: True, 1: False, 2: False, 5: True, 6: True}


def test_without_a_named_narrative_the_first_statement_states_the_trend() -> None:
    claims = [c for c in _article() if c.statement_id != 4]
    contest = contested_trend(claims)
    assert contest is not None and contest.anchor == 0 and contest.claim_direction == UP
    assert [i for i, backs in contest.backs.items() if not backs] == [1, 2]


@pytest.mark.parametrize("drop", [{2, 3, 4}, {1, 6, 7}])
def test_one_way_is_no_contest(drop: set[int]) -> None:
    assert contested_trend([c for c in _article() if c.statement_id not in drop]) is None


def test_one_voice_weighing_both_ways_is_no_contest() -> None:
    claims = [replace_speaker(c, 30) for c in _article() if c.statement_id != 4]
    assert contested_trend(claims) is None


def test_a_trend_about_another_actor_is_not_part_of_it() -> None:
    claims = [c for c in _article() if c.statement_id != 4]
    claims[0] = _claim(1, "asserts", "a sizable increase in Korvenian exports over the past month", 20, entities=(9,))
    contest = contested_trend(claims)
    assert contest is not None and contest.anchor != 0 and 0 not in contest.backs


def replace_speaker(claim: ClaimInput, speaker: int) -> ClaimInput:
    return replace(claim, speaker_entity_id=speaker, side=None)


def test_the_linker_puts_the_contest_on_one_proposition() -> None:
    linker = PropositionLinker(EMBED, 128)
    claims = _article()
    links = linker.link(claims)
    pid = links[3].proposition_id
    on_it = {c.statement_id: link.role for c, link in zip(claims, links, strict=True) if link.proposition_id == pid}
    assert on_it == {1: "supports", 2: "disputes", 3: "disputes", 4: "disputes", 6: "supports", 7: "supports"}
    assert links[4].proposition_id != pid  # the cranes are another matter
    assert {link.method for link in links if link.proposition_id == pid} == {"new", "trend"}
    # the narrative states the claim: a supporter joining does not replace its wording
    assert linker.propositions[pid].canonical.startswith("The spreading narrative of a resurgent")


def test_a_later_article_going_the_other_way_disputes_the_trend() -> None:
    # across articles there is no contest to read, but a close match that says the opposite trend
    # ("has diminished" against "a sizable increase") disputes rather than supports
    linker = PropositionLinker(EMBED, 128)
    first = _claim(1, "asserts", "a sizable increase in SVLF attacks on army posts in the valley", 20)
    later = ClaimInput(2, 2, 0, "asserts", "a sizable decrease in SVLF attacks on army posts in the valley",
                       speaker_entity_id=30, entity_ids=(SVLF,))
    again = ClaimInput(3, 3, 0, "asserts", "a sizable increase in SVLF attacks on army posts in the valley",
                       speaker_entity_id=31, entity_ids=(SVLF,))
    links = linker.link([first, later, again])
    assert links[1].proposition_id == links[0].proposition_id and links[1].role == "disputes"
    assert links[2].proposition_id == links[0].proposition_id and links[2].role == "supports"
