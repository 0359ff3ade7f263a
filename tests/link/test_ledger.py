"""Proposition linking, dispute targets, incremental updates, figures and the read API (small original texts)."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from ledger_builders import add_articles, article, mention, quantity, statement

from counterclaim.link import queries
from counterclaim.link.candidate_index import CandidateIndex
from counterclaim.link.figures import ConceptFamily, Figure, concept_family, conflict, interval, scope_words
from counterclaim.link.propositions import (
    ClaimInput,
    PropositionLinker,
    hash_embedder,
    is_negated,
    numbers_in,
)
from counterclaim.store import Store

EMBED = hash_embedder(128)

T1 = ("Moscow, Oct 18. President Vladimir Putin said the Northern Brigade took 700 hostages at the Velna camp. "
      "The Pentagon was skeptical of its accuracy, spokesman Cmdr. Sean Robertson said.")
T2 = ("Washington, Oct 20. The Pentagon disputes the figure of 700 given by Mr Putin. "
      "Putin said the Northern Brigade is holding 700 hostages taken from the Velna camp. "
      "The brigade now has fewer than 1,000 fighters in the valley, officials said.")
T3 = ("Oct 22. A monitoring group said the Northern Brigade has between 28,000 and 32,000 fighters in the valley. "
      "Separately, the ministry said grain exports rose in September.")


def _a1() -> tuple:
    a = article(T1, "2018-10-18", "Wire One")
    s_claim = statement(T1, "the Northern Brigade took 700 hostages at the Velna camp", "President Vladimir Putin",
                        name="Vladimir Putin", country="Russia", role="President")
    s_doubt = statement(T1, "The Pentagon was skeptical of its accuracy", "Cmdr. Sean Robertson", name="Sean Robertson",
                        stance="disputes", role="spokesman", affiliation="Pentagon", target="its accuracy")
    q = quantity(T1, "700 hostages", 700, concept="hostages")
    return (a, [s_claim, s_doubt], [mention(T1, "Vladimir Putin", "PERSON"), mention(T1, "Northern Brigade", "ORG"),
                                    mention(T1, "Sean Robertson", "PERSON")], [q])


def _a2() -> tuple:
    a = article(T2, "2018-10-20", "Daily Two")
    s_dispute = statement(T2, "the figure of 700 given by Mr Putin", "The Pentagon", name="Pentagon",
                          kind="organisation", stance="disputes", target="the figure of 700")
    s_repeat = statement(T2, "the Northern Brigade is holding 700 hostages taken from the Velna camp", "Putin",
                         name="Putin")
    s_count = statement(T2, "The brigade now has fewer than 1,000 fighters in the valley", "officials",
                        name="officials", kind="group", named=False, country="United States")
    q1 = quantity(T2, "700 hostages", 700, concept="hostages")
    q2 = quantity(T2, "fewer than 1,000 fighters", 1000, concept="Northern Brigade fighters", qualifier="<",
                  place="in the valley")
    return (a, [s_dispute, s_repeat, s_count], [mention(T2, "Putin", "PERSON"), mention(T2, "Northern Brigade", "ORG")],
            [q1, q2])


def _a3() -> tuple:
    a = article(T3, "2018-10-22", "Monitor Three")
    s = statement(T3, "the Northern Brigade has between 28,000 and 32,000 fighters in the valley", "A monitoring group",
                  name="monitoring group", kind="organisation", named=False)
    q = quantity(T3, "between 28,000 and 32,000 fighters", None, low=28000, high=32000, concept="militants",
                 place="in the valley")
    return (a, [s], [mention(T3, "Northern Brigade", "ORG")], [q])


@pytest.fixture()
def ledger_store(store):  # type: ignore[no-untyped-def]
    add_articles(store, [_a1(), _a2(), _a3()], embedder=EMBED)
    return store


def _snapshot(store: Store) -> list[tuple[str, tuple[tuple[str, str, str], ...]]]:
    """Propositions as (canonical, sorted members (publisher, content, role)), independent of ids."""
    with store.session() as session:
        props = queries.list_propositions(session, limit=100)
        out = []
        for p in props:
            detail = queries.get_proposition(session, p["id"])
            assert detail is not None
            members = sorted((s["publisher"], s["content"], s["role"])
                             for group in detail["statements"].values() for s in group)
            out.append((p["canonical"], tuple(members)))
    return sorted(out)


def test_claims_and_disputes_link_across_articles(ledger_store) -> None:  # type: ignore[no-untyped-def]
    with ledger_store.session() as session:
        props = queries.list_propositions(session)
        top = props[0]
        assert top["contested"]
        assert "700 hostages" in top["canonical"]
        assert top["supporting_sides"] == ["Russia"]
        assert top["disputing_sides"] == ["United States"]
        assert top["support_sources"] == 2 and top["dispute_sources"] == 2
        detail = queries.get_proposition(session, top["id"])
        assert detail is not None
        methods = {s["method"] for s in detail["statements"]["disputes"]}
        assert "figure" in methods  # "disputes the figure of 700" → the claim carrying 700
        assert methods & {"preceding", "target"}  # "skeptical of its accuracy" → the claim before it
        assert [t["date"] for t in detail["timeline"]] == sorted(t["date"] for t in detail["timeline"])
        assert detail["first_appearance"]["date"] == "2018-10-18"
        sides = {(s["side"], s["position"]): s["sources"] for s in detail["sides"]}
        assert sides[("Russia", "supports")] == 2 and sides[("United States", "disputes")] == 2


def test_items_link_back_to_source_text(ledger_store) -> None:  # type: ignore[no-untyped-def]
    texts = {"Wire One": T1, "Daily Two": T2, "Monitor Three": T3}
    with ledger_store.session() as session:
        for p in queries.list_propositions(session, limit=50):
            detail = queries.get_proposition(session, p["id"])
            assert detail is not None
            json.dumps(detail)  # plain JSON
            for group in detail["statements"].values():
                for s in group:
                    assert texts[s["publisher"]][s["content_start"]:s["content_end"]] == s["content"]
                    assert {"article_id", "sentence_start", "sentence_end"} <= s.keys()


def test_incremental_equals_batch(tmp_path) -> None:  # type: ignore[no-untyped-def]
    one = Store(str(tmp_path / "one.db"))
    add_articles(one, [_a1()], embedder=EMBED)
    add_articles(one, [_a2()], embedder=EMBED)
    add_articles(one, [_a3()], embedder=EMBED)
    both = Store(str(tmp_path / "both.db"))
    add_articles(both, [_a1(), _a2(), _a3()], embedder=EMBED)
    try:
        assert _snapshot(one) == _snapshot(both)
    finally:
        one.close()
        both.close()


def test_relinking_is_a_no_op(ledger_store) -> None:  # type: ignore[no-untyped-def]
    from counterclaim.link.ledger import update

    before = _snapshot(ledger_store)
    update(ledger_store, [1, 2, 3], embedder=EMBED)
    assert _snapshot(ledger_store) == before


def test_numbers_group_alias_aware_concepts_and_flag_conflicts(ledger_store) -> None:  # type: ignore[no-untyped-def]
    with ledger_store.session() as session:
        data = queries.numbers(session, "Northern Brigade fighters")
        values = sorted(f["text"] for f in data["figures"])
        assert values == ["between 28,000 and 32,000 fighters", "fewer than 1,000 fighters"]
        assert data["conflicting"]
        assert len(data["conflicts"]) == 1
        fig = next(f for f in data["figures"] if f["value"] == 1000.0)
        assert fig["said_by"] == "United States" and fig["side"] == "United States"
        assert T2[fig["start"]:fig["end"]] == fig["text"]
        concepts = {c["concept"]: c for c in queries.list_concepts(session)}
        fighters = next(c for c in concepts.values() if c["concept"].startswith("fighter"))
        assert fighters["count"] == 2 and fighters["conflicting"]
        assert not concepts["hostage"]["conflicting"]  # 700 and 700 agree


def test_actors_graph(ledger_store) -> None:  # type: ignore[no-untyped-def]
    with ledger_store.session() as session:
        graph = queries.actors(session)
        names = {n["id"]: n["name"] for n in graph["nodes"]}
        pairs = {(names[e["source"]], names[e["target"]]) for e in graph["edges"]}
        assert ("Sean Robertson", "Vladimir Putin") in pairs
        assert ("Pentagon", "Vladimir Putin") in pairs
        side_pairs = {(e["source"], e["target"]) for e in graph["sides"]["edges"]}
        assert ("s:United States", "s:Russia") in side_pairs


def test_stories_group_related_articles(ledger_store) -> None:  # type: ignore[no-untyped-def]
    with ledger_store.session() as session:
        stories = queries.list_stories(session)
        assert sum(s["n_articles"] for s in stories) == 3
        story = queries.get_story(session, stories[0]["id"])
        assert story is not None and story["articles"]


def test_unrelated_claims_stay_apart(ledger_store) -> None:  # type: ignore[no-untyped-def]
    with ledger_store.session() as session:
        canon = [p["canonical"] for p in queries.list_propositions(session, limit=50)]
    assert not any("grain" in c and "hostage" in c for c in canon)


# ---------------------------------------------------------------- units


@pytest.mark.parametrize(
    ("a", "b", "clash"),
    [
        (interval(1000, None, None, "<"), interval(None, 28000, 32000, "="), True),
        (interval(5000, None, None, "~"), interval(5200, None, None, "="), False),
        (interval(14000, None, None, ">"), interval(28000, None, None, "="), False),
        (interval(14000, None, None, ">"), interval(1000, None, None, "<"), True),
        (interval(300, None, None, "up"), interval(400, None, None, ">"), True),
        (interval(12, None, None, ">"), interval(19, None, None, "="), False),
    ],
)
def test_conflicting_intervals(a, b, clash: bool) -> None:  # type: ignore[no-untyped-def]
    fam = ConceptFamily("fighter", 1)
    fa = Figure(1, fam, a, frozenset(), None, None, None, None)
    fb = Figure(2, fam, b, frozenset(), None, None, None, None)
    assert conflict(fa, fb) is clash


def test_scope_and_concept_rules() -> None:
    assert scope_words("in Iraq and Syria") == scope_words("Syria and Iraq")
    fam = ConceptFamily("fighter", 1)
    small = interval(1000, None, None, "<")
    big = interval(28000, None, None, "=")
    here = Figure(1, fam, small, frozenset({"hajin"}), None, None, None, None)
    there = Figure(2, fam, big, frozenset({"iraq", "syria"}), None, None, None, None)
    assert not conflict(here, there)  # different places
    rate = Figure(3, fam, big, frozenset(), None, "day", None, None)
    assert not conflict(Figure(4, fam, small, frozenset(), None, None, None, None), rate)
    lookup = {"is": 7, "isis": 7, "islamic state": 7}.get
    assert concept_family("is fighter", lookup) == concept_family("islamic state militant", lookup)
    assert concept_family("militant", lookup).compatible(concept_family("isis fighter", lookup))  # type: ignore[union-attr]
    assert not concept_family("death", lookup).compatible(concept_family("isis fighter", lookup))  # type: ignore[union-attr]
    assert interval(750, None, None, ">")[1] == math.inf  # type: ignore[index]


def test_negation_ignores_conditionals() -> None:
    assert is_negated("No unit fired a single round")
    assert not is_negated("They will execute ten people a day if the demands are not met")
    assert is_negated("They don't have any evidence") and is_negated("It won’t happen")
    assert not is_negated("It would not surprise me at all if they opened a restaurant in Scotland")
    assert not is_negated("There is no doubt that they attacked") and not is_negated("He did not rule out a strike")
    assert is_negated("It is not true that they attacked")
    assert not is_negated("They seem to be moving with impunity, showing that the regime is unable to defeat them")
    assert is_negated("They did not move, showing that the regime is strong")
    assert numbers_in("between 28,000 and 32,000 in 2019") == {"28000", "32000", "2019"}


def test_candidate_index_bounds_common_keys() -> None:
    index = CandidateIndex(4, max_postings=10)
    vec = np.array([1, 0, 0, 0], dtype=np.float32)
    for pid in range(1, 101):
        index.add(pid, ["t:common", f"t:rare{pid}"], vec)
    hits = index.search(["t:common", "t:rare5"], vec, k=5)
    assert hits[0].proposition_id == 5  # the rare key wins
    assert len(hits) <= 5  # the common key generates no candidates of its own


def test_linker_dispute_falls_back_to_preceding_claim() -> None:
    linker = PropositionLinker(EMBED, 128)
    claims = [
        ClaimInput(1, 1, 0, "asserts", "the dam was blown up by a trained team of saboteurs", speaker_entity_id=10,
                   side="Korvenia"),
        ClaimInput(2, 1, 90, "disputes", "such accusations", target="such accusations", speaker_entity_id=11,
                   side="SVLF"),
    ]
    links = linker.link(claims)
    assert links[1].proposition_id == links[0].proposition_id
    assert links[1].role == "disputes" and links[1].method == "preceding"


@pytest.mark.parametrize("content", [
    "we are not going to confirm the identity of the suspects at this stage",
    "it would not comment on the investigation into the dam",
    "the ministry declined to confirm the number of arrests",
])
def test_a_refusal_to_answer_takes_no_side(content: str) -> None:
    linker = PropositionLinker(EMBED, 128)
    claims = [
        ClaimInput(1, 1, 0, "asserts", "the suspects arrested at the dam were trained saboteurs", speaker_entity_id=10,
                   side="Korvenia"),
        ClaimInput(2, 1, 90, "disputes", content, speaker_entity_id=11, side="SVLF"),
    ]
    links = linker.link(claims)
    assert links[1].role == "reports", links[1]


def test_a_dispute_from_no_known_side_names_its_own_claim() -> None:
    # "Other officials pushed back against the narrative of …": with no side, the nearest claim of
    # "another side" is a guess; the narrative becomes a proposition, and a later denial joins it.
    linker = PropositionLinker(EMBED, 128)
    claims = [
        ClaimInput(1, 1, 0, "asserts", "the harbour cranes were repaired within a week", speaker_entity_id=10,
                   side="Korvenia"),
        ClaimInput(2, 1, 60, "disputes", "the spreading narrative of a collapsing river trade"),
        ClaimInput(3, 1, 140, "disputes", "we do not believe the barges have stopped sailing", speaker_entity_id=12,
                   side="Lessaria"),
    ]
    links = linker.link(claims)
    assert links[1].proposition_id != links[0].proposition_id and links[1].method == "new"
    assert links[2].proposition_id == links[1].proposition_id


def test_a_request_reports_and_gives_way_to_a_real_wording() -> None:
    # "CNN asked the FBI for confirmation of its interview with the man who made the recording": the
    # request asserts nothing, and the first statement that does names the proposition
    linker = PropositionLinker(EMBED, 128)
    claims = [
        ClaimInput(1, 1, 0, "asserts", "confirmation of its interview with the Ferguson resident who made the gunshot "
                   "recording", speaker_entity_id=10, cue="ask", story_id=1, entity_ids=(5,)),
        ClaimInput(2, 2, 0, "asserts", "agents held an interview with the Ferguson resident who made the gunshot "
                   "recording", speaker_entity_id=11, cue="say", story_id=1, entity_ids=(5,)),
    ]
    links = linker.link(claims)
    assert links[0].role == "reports"
    assert links[1].proposition_id == links[0].proposition_id and links[1].role == "supports"
    prop = linker.propositions[links[0].proposition_id]
    assert prop.canonical.startswith("Agents held an interview") and prop.canonical_statement_id == 2


@pytest.mark.parametrize(("dispute", "role"), [
    ("any army unit fired near the dam in the week before the breach", "supports"),  # denies what it denies
    ("no army unit fired near the dam in the week before the breach", "supports"),  # "never" in its own words
])
def test_a_denial_joining_a_denial_agrees_with_it(dispute: str, role: str) -> None:
    linker = PropositionLinker(EMBED, 128)
    claims = [
        ClaimInput(1, 1, 0, "asserts", "no army unit fired near the dam in the week before the breach",
                   speaker_entity_id=10, side="Korvenia", story_id=1),
        ClaimInput(2, 2, 0, "disputes", dispute, target=dispute, speaker_entity_id=11, side="Korvenia", story_id=1),
    ]
    links = linker.link(claims)
    assert links[1].proposition_id == links[0].proposition_id and links[1].method in ("similar", "target")
    assert links[1].role == role


def test_a_denial_of_a_positive_claim_still_disputes_it() -> None:
    linker = PropositionLinker(EMBED, 128)
    claims = [
        ClaimInput(1, 1, 0, "asserts", "army units fired near the dam in the week before the breach",
                   speaker_entity_id=10, side="SVLF", story_id=1),
        ClaimInput(2, 2, 0, "disputes", "army units fired near the dam in the week before the breach",
                   target="army units fired near the dam", speaker_entity_id=11, side="Korvenia", story_id=1),
    ]
    links = linker.link(claims)
    assert links[1].proposition_id == links[0].proposition_id and links[1].role == "disputes"


@pytest.mark.parametrize(("speaker", "name", "expected"), [
    ("Governor Ruslan Teyk of Upper Sarne province", "Ruslan Teyk", "Upper Sarne province"),
    ("Ines Carvel of Border Rights Monitor, who has been interviewing families", "Ines Carvel", "Border Rights Monitor"),
    ("John Smith of the Brookings Institution", "John Smith", "Brookings Institution"),
    ("Sean Robertson", "Sean Robertson", None),
    ("the head of the agency, Mr Kell", "Kell", None),
])
def test_a_person_of_a_body_or_place_speaks_for_it(speaker: str, name: str, expected: str | None) -> None:
    from counterclaim.link.entities import _named_after_of

    assert _named_after_of(speaker, name) == expected
