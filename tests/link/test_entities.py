"""Entity resolution: name normalisation, aliases learned from articles, and the user alias file."""

from __future__ import annotations

from pathlib import Path

import pytest
from ledger_builders import add_articles, article, mention, statement

from counterclaim.link.aliases import AliasFile, display_name, initials, name_key, similar_keys
from counterclaim.link.entities import EntityResolver
from counterclaim.link.propositions import hash_embedder
from counterclaim.link.queries import get_entity, list_entities


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Cmdr. Sean Robertson", "Commander Sean Robertson"),
        ("Mr Putin", "Putin"),
        ("President Putin", "Putin's"),
        ("Deir al-Zor", "Deir-al Zor"),
        ("Lt. Col. Savannah Halleaux", "Savannah Halleaux"),
        ("US Army Col. Ryan Dillon", "Ryan Dillon"),
        ("Al-Baghdadi", "al-Baghdadi"),
        ("Kostel", "Kostél"),
        ("the Pentagon", "Pentagon"),
        ("U.S.", "US"),
    ],
)
def test_name_key_folds_titles_accents_and_particles(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Deir el-Zour", "Deir al-Zor", True),
        ("Kostel", "Kostelj", True),
        ("Russia", "Prussia", False),
        ("IS", "ISIS", False),
        ("Hajin", "Raqqa", False),
    ],
)
def test_transliteration_variants(a: str, b: str, same: bool) -> None:
    assert similar_keys(name_key(a), name_key(b)) is same


def test_display_name_and_initials() -> None:
    assert display_name("Cmdr. Sean Robertson") == "Sean Robertson"
    assert display_name("Lt. Col. Savannah Halleaux") == "Savannah Halleaux"
    assert initials("Syrian Democratic Forces") == "SDF"
    assert initials("Sarne Valley Liberation Front") == "SVLF"


def test_seed_acronyms_resolve_to_one_entity(store) -> None:  # type: ignore[no-untyped-def]
    with store.session() as session:
        resolver = EntityResolver(session)
        resolver.apply_seed()
        ids = {resolver.resolve(n, type_hint="organisation") for n in ("IS", "ISIS", "ISIL", "Daesh", "Islamic State")}
        assert len(ids) == 1


def _robertson_articles() -> list:
    text1 = ("Pentagon spokesman Cmdr. Sean Robertson said the Syrian Democratic Forces (SDF) had cleared the town. "
             "Robertson said the coalition was skeptical.")
    text2 = "Commander Sean Robertson said the SDF was advancing near Deir al-Zor, and Mr Robertson added more."
    a1 = article(text1, "2018-10-18", "one")
    a2 = article(text2, "2018-10-20", "two")
    s1 = statement(text1, "the Syrian Democratic Forces (SDF) had cleared the town", "Pentagon spokesman Cmdr. Sean Robertson",
                   name="Sean Robertson", kind="person", role="Pentagon spokesman", affiliation="Pentagon")
    s2 = statement(text1, "the coalition was skeptical", "Robertson", name="Robertson", kind="person")
    s3 = statement(text2, "the SDF was advancing near Deir al-Zor", "Commander Sean Robertson", name="Sean Robertson",
                   kind="person")
    return [
        (a1, [s1, s2], [mention(text1, "Sean Robertson", "PERSON"), mention(text1, "Syrian Democratic Forces", "ORG")]),
        (a2, [s3], [mention(text2, "Sean Robertson", "PERSON"), mention(text2, "SDF", "ORG"),
                    mention(text2, "Deir al-Zor", "GPE"), mention(text2, "Robertson", "PERSON", start=60)]),
    ]


def test_learns_acronyms_affiliations_and_surnames(store) -> None:  # type: ignore[no-untyped-def]
    add_articles(store, _robertson_articles(), embedder=hash_embedder())
    with store.session() as session:
        people = list_entities(session, type="person", q="robertson")
        assert len(people) == 1
        robertson = people[0]
        assert robertson["canonical"] == "Sean Robertson"
        assert robertson["affiliation"]["canonical"] == "Pentagon"
        assert robertson["side"] == "United States"  # Robertson → Pentagon → United States
        assert robertson["statements"] == 3
        sdf = list_entities(session, q="SDF")
        assert len(sdf) == 1 and sdf[0]["canonical"] == "Syrian Democratic Forces"
        assert sdf[0]["side"] == "Syrian Democratic Forces"  # not Syria: a demonym alone makes no side
        detail = get_entity(session, robertson["id"])
        assert detail is not None and len(detail["statements_by"]) == 3
        assert all(s["article_id"] and s["content_end"] > s["content_start"] for s in detail["statements_by"])


def test_user_alias_file_overrides(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    add_articles(store, _robertson_articles(), embedder=hash_embedder())
    path = tmp_path / "aliases.toml"
    path.write_text(
        '[[entity]]\nname = "Syrian Democratic Forces (SDF)"\naliases = ["SDF", "Syrian Democratic Forces"]\n'
        'type = "side"\ncountry = "Kurdish-led forces"\n\n'
        '[[entity]]\nname = "Cmdr. Robertson"\naliases = ["Sean Robertson"]\ncountry = "Pentagon side"\n',
        encoding="utf-8",
    )
    with store.session() as session:
        EntityResolver(session).apply_user(AliasFile.load(path))
    with store.session() as session:
        sdf = list_entities(session, q="SDF")
        assert [e["canonical"] for e in sdf] == ["Syrian Democratic Forces (SDF)"]
        assert sdf[0]["type"] == "side" and sdf[0]["side"] == "Kurdish-led forces"
        rob = list_entities(session, q="robertson")
        assert [e["canonical"] for e in rob] == ["Cmdr. Robertson"]
        assert rob[0]["side"] == "Pentagon side" and rob[0]["source"] == "user"
        assert rob[0]["statements"] == 3


def test_user_alias_file_splits_a_name(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    add_articles(store, _robertson_articles(), embedder=hash_embedder())
    path = tmp_path / "aliases.toml"
    # "Robertson" alone is claimed by another person: a split.
    path.write_text('[[entity]]\nname = "Ann Robertson"\naliases = ["Robertson"]\ntype = "person"\n', encoding="utf-8")
    with store.session() as session:
        EntityResolver(session).apply_user(AliasFile.load(path))
    with store.session() as session:
        names = sorted(e["canonical"] for e in list_entities(session, q="robertson"))
        assert names == ["Ann Robertson", "Sean Robertson"]
        ann = next(e for e in list_entities(session, q="robertson") if e["canonical"] == "Ann Robertson")
        assert ann["statements"] == 1  # the statement whose speaker was written "Robertson"


def test_generic_reference_resolves_to_group(store) -> None:  # type: ignore[no-untyped-def]
    text = "The Sarne Valley Liberation Front denied the charge. The group said it never targeted the dam."
    a = article(text, "2026-03-03", "front")
    s = statement(text, "it never targeted the dam", "The group", name="the group", kind="group", stance="disputes")
    add_articles(store, [(a, [s], [mention(text, "Sarne Valley Liberation Front", "ORG")])], embedder=hash_embedder())
    with store.session() as session:
        front = list_entities(session, q="Sarne Valley")
        assert len(front) == 1 and front[0]["statements"] == 1


def test_a_reference_that_names_no_institution_is_nobody(store) -> None:  # type: ignore[no-untyped-def]
    """FNC-1 put "The man in the mask" under an entity "In" and "the fake news site" under "FAKE":
    the reference shared a word with a noisy organisation mention. Only institutions are referred
    to by a bare head noun ("the group", "the ministry")."""
    text = "FAKE news site reports spread. The fake news site said the actor had died."
    a = article(text, "2026-03-04", "site")
    s = statement(text, "the actor had died", "The fake news site", kind="unknown", named=False)
    add_articles(store, [(a, [s], [mention(text, "FAKE news site", "ORG")])], embedder=hash_embedder())
    with store.session() as session:
        assert all(e["statements"] == 0 for e in list_entities(session))


@pytest.mark.parametrize(
    "role, affiliation",
    [
        ("Pentagon spokesman", "Pentagon"),
        ("spokesman for the Syrian Democratic Forces", "Syrian Democratic Forces"),
        ("Port Amalen", "Port Amalen"),
        # a plural role of one word, capitalised because a headline starts with it: who they are,
        # not an organisation they speak for ("Engineers question Korvenia's account")
        ("Engineers", None),
        ("Rebels", None),
    ],
)
def test_the_affiliation_in_a_role(role: str, affiliation: str | None) -> None:
    from counterclaim.link.entities import _affiliation_from_role

    assert _affiliation_from_role(role) == affiliation
