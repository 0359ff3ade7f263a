"""``counterclaim extract``: stateless analysis of files, one JSON line per input (CONTRACT.md)."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from counterclaim.cli import app


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files to analyse (.txt, .html, .json, .jsonl, .warc).")],
    jsonl: Annotated[bool, typer.Option("--jsonl", help="Write one JSON object per input (the default).")] = True,
) -> None:
    """Analyse files without touching any store and print one JSON line per input, in order.

    A file that can't be read or analysed still gets a line with an "error" field.

    Example:
        counterclaim extract --jsonl article.txt page.html > out.jsonl
    """
    from counterclaim.pipeline import extract_records

    for record in extract_records(paths):
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    sys.stdout.flush()
