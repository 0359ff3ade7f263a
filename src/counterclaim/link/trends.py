"""Directional claims: which way a statement says something is going, and articles that argue both ways.

Many news contests are about a trend, not a fact. SDF commanders see "a sizable increase in IS
operations"; a coalition officer answers that IS activity "is significantly diminished compared to
2019"; a spokesman says the flurry of attacks "has been met by a blizzard" of raids. Nobody denies
anybody in words, so stance cues see three assertions, and wording similarity sees three different
claims. What joins them is that they say opposite things about where one actor is heading.

:func:`~counterclaim.link.polarity.direction` reads that from the text with a small lexicon of change words (increase, resurgence,
gaining ground / diminished, far less, met by), flipped by a negation in the same clause ("little
disruption", "do not believe … able to advance") and decided by the clause after a contrast ("there is
an increase …, but that activity is significantly diminished"). :func:`contested_trend` then finds,
in one article, the actor that statements in both directions talk about, and says which statements
back the trend and which answer it, so the linker can put them on one proposition.

The reading is deliberately conservative: a contest needs at least two statements each way from
different speakers, all naming the same actor, so an article where one trend word happens to meet
another is left to the ordinary linker.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from counterclaim.link.polarity import DOWN, UP, denied_direction, direction, is_negated

if TYPE_CHECKING:
    from counterclaim.link.propositions import ClaimInput


@dataclass(frozen=True, slots=True)
class TrendContest:
    """One article's argument about where an actor is heading.

    ``anchor`` is the statement whose proposition carries the contest: the first statement that
    disputes the trend by naming it ("pushed back against the narrative of a resurgent IS"), else the
    first statement that states it. ``backs`` says of every other statement of the contest whether it
    backs the trend (True) or answers it (False). Indexes are positions in the sequence given to
    :func:`contested_trend`.
    """

    subject: int  # entity id of the actor
    claim_direction: int  # UP or DOWN: the trend as claimed
    anchor: int
    backs: dict[int, bool]


def effective_direction(claim: ClaimInput) -> int:
    """Where the speaker says things are going: a dispute of "a resurgent IS" says IS is not resurging."""
    return denied_direction(claim.content) if claim.stance == "disputes" else direction(claim.content)


def _disputes_by_cue(claim: ClaimInput) -> bool:
    return claim.stance == "disputes" and not is_negated(claim.content)


def contested_trend(claims: Sequence[ClaimInput], *, min_each_way: int = 2) -> TrendContest | None:
    """The trend contest among one article's claims, or None when the article does not argue one."""
    readings = [(i, effective_direction(c)) for i, c in enumerate(claims) if c.entity_ids]
    readings = [(i, d) for i, d in readings if d]
    if len(readings) < 2 * min_each_way:
        return None
    counts = Counter(e for i, _ in readings for e in set(claims[i].entity_ids))
    # the actors most trend statements talk about, most talked-about first
    for subject, n in counts.most_common():
        if n < 2 * min_each_way:
            break
        # a speaker describing their own organisation's course is not one side of a contest about it
        members = [(i, d) for i, d in readings
                   if subject in claims[i].entity_ids and claims[i].speaker_entity_id != subject]
        up = {claims[i].speaker_entity_id for i, d in members if d == UP}
        down = {claims[i].speaker_entity_id for i, d in members if d == DOWN}
        if min(sum(d == UP for _, d in members), sum(d == DOWN for _, d in members)) < min_each_way or up == down:
            continue  # one voice weighing both ways is nuance, not a contest
        named = [i for i, _ in members if _disputes_by_cue(claims[i])]
        anchor = named[0] if named else members[0][0]
        claim_direction = direction(claims[anchor].content) if named else members[0][1]
        backs = {i: d == claim_direction for i, d in members if i != anchor}
        return TrendContest(subject, claim_direction, anchor, backs)
    return None
