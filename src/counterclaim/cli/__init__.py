"""The ``counterclaim`` command: thin commands over plain functions, one module per command.

Data goes to stdout; progress and messages go to stderr.
"""

from __future__ import annotations

import logging
import re
from typing import Annotated

import typer

from counterclaim import __version__

app = typer.Typer(
    name="counterclaim",
    help="Track contested claims in the news: who claims what, who disputes it, which numbers disagree.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"counterclaim {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db", envvar="COUNTERCLAIM_DB", metavar="PATH|URL", help="SQLite file or SQLAlchemy URL of the store."
        ),
    ] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress details to stderr.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Counterclaim: a ledger of contested claims from news articles."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    ctx.obj = {"db": db}


def _register() -> None:
    # Each command module adds itself to ``app`` on import.
    from counterclaim.cli import (  # noqa: F401
        articles,
        check,
        export,
        extract,
        ingest,
        ledger,
        serve,
        similarity,
        stance,
    )

    _keep_examples_verbatim()


def _keep_examples_verbatim() -> None:
    """Click rewraps help paragraphs; a ``\\b`` line before ``Example:`` keeps the commands as written."""
    for info in app.registered_commands:
        doc = info.callback.__doc__ if info.callback else None
        if doc and "Example:" in doc and "\b" not in doc:
            indent = re.search(r"([ \t]*)Example:", doc).group(1)  # type: ignore[union-attr]
            info.callback.__doc__ = doc.replace(f"{indent}Example:", f"{indent}\b\n{indent}Example:", 1)


def main() -> None:
    _register()
    app()
