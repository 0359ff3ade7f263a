"""The CLI prints article text as data: square brackets in titles, names or claims are not rich markup."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from counterclaim.cli import _register, app

# a closing tag with no opening one made rich raise MarkupError; "[red]" would have coloured the rest
TITLE = "Dam row [/bold] deepens [red]"
BODY = (
    "KOSTEL, March 3 (Continental Wire) - Governor Ruslan Teyk [/i] said the Drevac Dam was breached by "
    "an explosion [link=http://x] on Tuesday.\n\n"
    "Engineer Halvard Ostrin denied that an explosion breached the Drevac Dam on Tuesday.\n"
)


def test_every_listing_prints_bracketed_text_literally(tmp_path: Path) -> None:
    _register()
    src = tmp_path / "[draft] dam.txt"
    src.write_text(TITLE + "\n\n" + BODY, encoding="utf-8")
    db = str(tmp_path / "store.db")
    runner = CliRunner()
    out = runner.invoke(app, ["--db", db, "ingest", str(src)])
    assert out.exit_code == 0, out.output
    for args in (["articles"], ["show", "1"], ["ledger"], ["proposition", "1"], ["stories"], ["entities"],
                 ["check", "explosion [/b] at the dam"]):
        out = runner.invoke(app, ["--db", db, *args], terminal_width=400)
        assert out.exit_code == 0, (args, out.output, out.exception)
        assert "MarkupError" not in out.output
    out = runner.invoke(app, ["--db", db, "show", "1"], terminal_width=400)
    assert "[/bold] deepens [red]" in out.output
    out = runner.invoke(app, ["--db", db, "articles"])
    assert "[/bold]" in out.output and "[red]" in out.output  # the table may wrap the title, not drop its words
