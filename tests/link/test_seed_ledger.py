"""Acceptance: the ledger on the five seed articles shows the disputes of ../shared/corpus/seeds/EXPECTED.md.

Everything is checked through the read API (:mod:`counterclaim.link.queries`), the same dicts the CLI
and the web UI show. The articles are read from ../shared at run time (``seed_store`` fixture); the
tests skip when that folder is absent. Names are matched by the canonical entity names the ledger
shows ("Vladimir Putin", "Sean Robertson"), sides by country or organisation.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from counterclaim.link import queries

# Page furniture that must never appear as a speaker or a side.
FURNITURE = {"accessibility", "picture", "pictures", "footage", "photo credit", "leave a reply", "nothing", "other"}


@pytest.fixture(scope="module")
def ledger(seed_store) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    """Every proposition with its statements, sides and figures (get_proposition for each)."""
    with seed_store.session() as session:
        rows = queries.list_propositions(session, limit=10_000)
        return [queries.get_proposition(session, r["id"]) for r in rows]


def _texts(prop: dict[str, Any], group: str | None = None) -> str:
    groups = [group] if group else list(prop["statements"])
    return " ".join(s["content"] for g in groups for s in prop["statements"][g]) + " " + prop["canonical"]


def _speaks(prop: dict[str, Any], group: str, surnames: tuple[str, ...]) -> list[str]:
    names = prop["supporters"] if group == "supports" else prop["disputers"]
    return [n for n in names if any(s.lower() in n.lower() for s in surnames)]


def _find(ledger: list[dict[str, Any]], *, about: str, supporters: tuple[str, ...], disputers: tuple[str, ...],
          supporting_side: str | None = None, disputing_side: str | None = None,
          besides: dict[str, Any] | None = None) -> dict[str, Any]:
    """The proposition about ``about`` (regex over its statements) with those speakers on those sides,
    other than ``besides``."""
    pattern = re.compile(about, re.IGNORECASE)
    candidates = [p for p in ledger if pattern.search(_texts(p)) and (besides is None or p["id"] != besides["id"])]
    assert candidates, f"no proposition mentions /{about}/"
    for p in candidates:
        if (_speaks(p, "supports", supporters) and _speaks(p, "disputes", disputers)
                and (supporting_side is None or supporting_side in p["supporting_sides"])
                and (disputing_side is None or disputing_side in p["disputing_sides"])):
            return p
    shown = [(p["id"], p["canonical"][:60], p["supporters"], p["disputers"]) for p in candidates]
    raise AssertionError(f"no proposition /{about}/ supported by {supporters} and disputed by {disputers}: {shown}")


# ---------------------------------------------------------------- the six disputes


def test_1_putin_700_hostages_disputed_by_pentagon(ledger) -> None:  # type: ignore[no-untyped-def]
    p = _find(ledger, about=r"\b700\b|hostage", supporters=("Putin",), disputers=("Robertson", "Pentagon"),
              supporting_side="Russia", disputing_side="United States")
    assert p["contested"] and p["support_sources"] >= 1 and p["dispute_sources"] >= 1
    assert "United States" not in p["supporting_sides"], "the US pushes back; it does not support the claim"
    assert "Russia" not in p["disputing_sides"]
    # Both articles on the hostages (000 and 001) take part, on one proposition.
    arts = {s["article_id"] for g in p["statements"].values() for s in g}
    assert len(arts) >= 2
    # Every statement is traceable to its sentence.
    for g in p["statements"].values():
        for s in g:
            assert 0 <= s["content_start"] < s["content_end"]


def test_1_attack_on_the_camp_is_conceded_not_disputed(ledger) -> None:  # type: ignore[no-untyped-def]
    camp = [p for p in ledger if re.search(r"attack on (?:the|an)\b.*camp", p["canonical"], re.I)]
    assert camp, "the acknowledged attack on the camp is missing"
    assert all(not p["disputing_sides"] for p in camp), [(p["canonical"], p["disputers"]) for p in camp]


def test_2_coalition_failure_putin_vs_pentagon(ledger) -> None:  # type: ignore[no-untyped-def]
    # the failure claim is a proposition of its own, beside the hostage claim, with the same sides
    hostages = _find(ledger, about=r"\b700\b|hostage", supporters=("Putin",), disputers=("Robertson", "Pentagon"))
    _find(ledger, about=r"finish their job|fail|catastroph|broaden their presence|expanding",
          supporters=("Putin",), disputers=("Robertson", "Pentagon"), supporting_side="Russia",
          disputing_side="United States", besides=hostages)


def test_3_russia_may_have_killed_baghdadi_doubted_by_us(ledger) -> None:  # type: ignore[no-untyped-def]
    p = _find(ledger, about=r"killed|death", supporters=("Russia", "Moscow", "Defence Ministry"),
              disputers=("Dillon", "Davis", "United States"), supporting_side="Russia", disputing_side="United States")
    roles = {s["role"] for s in p["statements"]["supports"]}
    assert "hedges" in roles, "Russia's claim is hedged ('may have killed', 'being verified')"
    assert _speaks(p, "disputes", ("Dillon", "Davis")), f"Dillon or Davis must dispute it: {p['disputers']}"


def test_4_fighter_counts_conflict_side_by_side(seed_store) -> None:  # type: ignore[no-untyped-def]
    with seed_store.session() as session:
        concepts = queries.list_concepts(session)
        fighters = next(c for c in concepts if c["concept"].startswith("fighter"))
        table = queries.numbers(session, fighters["concept"])
    assert fighters["conflicting"] and table["conflicting"]
    figs = table["figures"]

    def one(value: float) -> dict[str, Any]:
        found = [f for f in figs if value in (f["value"], f["low"], f["high"])]
        assert found, f"{value} missing from the fighter table: {[f['text'] for f in figs]}"
        return found[0]

    lt1000, f750, f350, range_, f5000, f14000 = (one(v) for v in (1000, 750, 350, 28000, 5000, 14000))
    assert lt1000["qualifier"] == "<" and range_["interval"] == [28000, 32000]
    assert f14000["qualifier"] == ">" and f14000["interval"][1] is None
    # Conflicts: fewer than 1,000 vs 28,000–32,000 and vs at least 14,000, all across Iraq and Syria.
    assert range_["quantity_id"] in lt1000["conflicts_with"]
    assert f14000["quantity_id"] in lt1000["conflicts_with"]
    # Scopes and dates side by side.
    assert {"iraq", "syria"} <= set(re.findall(r"\w+", (range_["place"] or "").lower()))
    assert "al-tanf" in (f350["place"] or "").lower() and "shaddadah" in (f750["place"] or "").lower()
    assert "hajin" in " ".join((f["place"] or "").lower() for f in figs if f["value"] == 5000)
    assert range_["published"].startswith("2018-10") and f5000["published"].startswith("2018-10")
    assert f14000["published"].startswith("2020")
    dated = [f["published"] for f in figs if f["published"]]
    assert dated == sorted(dated), "the table is ordered by date"
    assert "intelligence" in f14000["said_by"].lower()
    # 28,000-32,000 is IS's count, and the ISIS-written figures are the same group's.
    assert range_["family"] == lt1000["family"] == f5000["family"], "IS fighters = ISIS fighters"
    for f in (lt1000, range_, f5000, f14000):
        assert 0 <= f["start"] < f["end"] and f["sentence_start"] is not None


def _accusations(ledger: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [p for p in ledger if re.search(r"black hole|illegal|supporting ISIS|trains? (?:the )?militants",
                                           _texts(p, "supports"), re.I)]


def test_5_al_tanf_accusations_are_russias(ledger) -> None:  # type: ignore[no-untyped-def]
    accusations = _accusations(ledger)
    assert len(accusations) >= 2, "the 'black hole' and the 'evidence of US support for ISIS' accusations"
    assert all(p["supporting_sides"] == ["Russia"] for p in accusations), [(p["canonical"], p["supporting_sides"])
                                                                           for p in accusations]


def test_4_gerasimov_gives_the_al_shaddadah_and_al_tanf_figures(seed_store) -> None:  # type: ignore[no-untyped-def]
    # 'according to Gerasimov' closes a paragraph under a headline with no full stop ('…, Coalition Says'):
    # the statement stays in Gerasimov's paragraph, so the figures are his, not the headline's.
    with seed_store.session() as session:
        table = queries.numbers(session, "IS fighters")
    said = {f["value"]: f["said_by"] for f in table["figures"]}
    assert "Gerasimov" in said.get(750, "") and "Gerasimov" in said.get(350, ""), said


def test_5_the_us_rejects_russias_accusations(ledger) -> None:  # type: ignore[no-untyped-def]
    assert any(set(p["disputing_sides"]) & {"United States", "United Kingdom"} for p in _accusations(ledger)), \
        "the coalition and Washington reject Russia's accusations"


def test_5_gedney_impunity_is_the_coalitions(ledger) -> None:  # type: ignore[no-untyped-def]
    p = next(p for p in ledger if re.search(r"with impunity", p["canonical"], re.I))
    assert _speaks(p, "supports", ("Gedney",)) or _speaks(p, "supports", ("United Kingdom",))
    assert "Islamic State" not in p["supporters"], "IS is what the claim is about, not who makes it"


def test_6_jeffrey_disputes_the_resurgence_narrative(ledger) -> None:  # type: ignore[no-untyped-def]
    # EXPECTED §6 puts Jeffrey on both sides (IS gaining ground in the Badiya desert; not able to exploit
    # COVID); the coalition officers Halleaux and Caggins only answer the narrative
    resurgence = [p for p in ledger if re.search(r"resurg", p["canonical"], re.I)]
    assert resurgence, "the 'resurgent IS' narrative is a proposition"
    assert any(_speaks(p, "disputes", ("Jeffrey",)) and "United States" in p["disputing_sides"] for p in resurgence)
    assert not any(_speaks(p, "supports", ("Halleaux", "Caggins")) for p in resurgence)


def test_6_coalition_voices_are_on_the_us_side(ledger) -> None:  # type: ignore[no-untyped-def]
    caggins = [p for p in ledger if _speaks(p, "supports", ("Caggins",)) or _speaks(p, "disputes", ("Caggins",))]
    assert caggins
    for p in caggins:
        sides = p["supporting_sides"] if _speaks(p, "supports", ("Caggins",)) else p["disputing_sides"]
        assert "United States" in sides, (p["canonical"], sides)
    # the blizzard quote answers the resurgence narrative and stays traceable to its sentence
    blizzard = [s for p in caggins for g in p["statements"].values() for s in g if "blizzard" in s["content"]]
    assert blizzard and all(0 <= s["content_start"] < s["content_end"] for s in blizzard)


def test_6_resurgence_supported_by_sdf_disputed_by_halleaux_caggins_jeffrey_zelin(ledger) -> None:  # type: ignore[no-untyped-def]
    p = _find(ledger, about=r"resurg|increase|surge|gaining ground|exploit",
              supporters=("SDF", "Syrian Democratic Forces", "Intelligence"),
              disputers=("Halleaux", "Caggins", "Jeffrey", "Zelin"))
    disputers = " ".join(p["disputers"])
    assert all(n in disputers for n in ("Halleaux", "Caggins", "Jeffrey", "Zelin")), p["disputers"]
    # the contest is decided by what each says about IS's course, not by its cue
    assert "Savannah Halleaux" not in p["supporters"] and "Myles Caggins" not in p["supporters"]


# ---------------------------------------------------------------- names and sides


@pytest.mark.parametrize(
    "names",
    [
        ("IS", "ISIS", "ISIL", "Islamic State", "Daesh"),
        ("Deir el-Zour", "Deir-al Zor", "Deir al-Zor"),
        ("Abu Bakr al-Baghdadi", "al-Baghdadi", "Al-Baghdadi"),
        ("Putin", "Mr Putin", "Vladimir Putin"),
        ("Robertson", "Cmdr. Sean Robertson", "Commander Sean Robertson"),
        ("SDF", "Syrian Democratic Forces"),
        ("the Pentagon", "US Department of Defense"),
    ],
)
def test_names_resolve_to_one_entity(seed_store, names: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    with seed_store.session() as session:
        ctx = queries._Context(session)
        ids = {n: ctx.lookup(n) for n in names}
    assert None not in ids.values(), ids
    assert len(set(ids.values())) == 1, ids


def test_entities_list_one_row_per_alias_group(seed_store) -> None:  # type: ignore[no-untyped-def]
    with seed_store.session() as session:
        ents = queries.list_entities(session, limit=1000)
    by_name = {e["canonical"]: e for e in ents}
    assert {"IS", "ISIS", "Daesh"} <= set(by_name["Islamic State"]["aliases"])
    assert sum(1 for e in ents if "deir" in e["canonical"].lower()) == 1
    assert sum(1 for e in ents if "baghdadi" in e["canonical"].lower()) == 1
    # Aliases are names, not sentence fragments with line breaks.
    assert all("\n" not in a for e in ents for a in e["aliases"]), [a for e in ents for a in e["aliases"] if "\n" in a]


@pytest.mark.parametrize(
    ("person", "side"),
    [("Vladimir Putin", "Russia"), ("Sean Robertson", "United States"), ("Ryan Dillon", "United States"),
     ("Jeff Davis", "United States"), ("Sergey Lavrov", "Russia"), ("James Jeffrey", "United States"),
     ("Myles Caggins", "United States"), ("Gedney", "United States")],
)
def test_speaker_sides(seed_store, person: str, side: str) -> None:  # type: ignore[no-untyped-def]
    with seed_store.session() as session:
        ents = {e["canonical"]: e for e in queries.list_entities(session, limit=1000)}
    assert ents[person]["side"] == side


def test_no_speaker_is_page_furniture(ledger) -> None:  # type: ignore[no-untyped-def]
    names = {n.lower() for p in ledger for n in p["supporters"] + p["disputers"] + p["supporting_sides"]
             + p["disputing_sides"]}
    assert not {n for n in names if n in FURNITURE or "/" in n or "photo credit" in n}


def test_contested_propositions_come_first(ledger) -> None:  # type: ignore[no-untyped-def]
    flags = [p["contested"] for p in ledger]
    assert flags[0] and flags == sorted(flags, reverse=True)
