"""``check``: a claim against the store gives related articles by stance, each sentence traceable."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from counterclaim.cli import _register, app
from counterclaim.link.check import STANCES, check_claim, claim_terms
from counterclaim.store.models import ArticleRow


def test_claim_terms_prefer_names_and_numbers() -> None:
    terms = claim_terms("The group took 700 hostages near Deir el-Zour, officials said")
    assert set(terms[:2]) == {"Deir", "700"}
    assert "el-Zour" in terms
    assert "the" not in [t.lower() for t in terms] and "said" not in terms


def test_check_groups_related_articles_with_traceable_sentences(demo_store) -> None:  # type: ignore[no-untyped-def]
    with demo_store.session() as session:
        result = check_claim(session, "The SVLF blew up the Drevac Dam")
        assert result["candidates"] >= 3
        related = [item for s in STANCES for item in result[s]]
        assert related, result
        titles = {item["title"] for item in related}
        assert any("Drevac" in (t or "") for t in titles)
        for item in related:
            text = session.get(ArticleRow, item["article_id"]).text
            assert item["sentences"]
            for sent in item["sentences"]:
                if sent["start"] is not None:
                    assert " ".join(text[sent["start"] : sent["end"]].split()) == " ".join(sent["text"].split())


def test_check_cli_json(demo_store) -> None:  # type: ignore[no-untyped-def]
    _register()
    out = CliRunner().invoke(app, ["--db", demo_store.db, "check", "Drevac Dam breach", "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert set(STANCES) <= set(data) and data["claim"] == "Drevac Dam breach"


def test_check_with_no_match_says_so(demo_store) -> None:  # type: ignore[no-untyped-def]
    _register()
    out = CliRunner().invoke(app, ["--db", demo_store.db, "check", "Zyxwv qwertz"])
    assert out.exit_code == 0
    assert "No related articles" in out.stdout
