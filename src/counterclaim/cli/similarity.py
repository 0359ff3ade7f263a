"""``counterclaim similarity``: same-story scores for JSON lines of article pairs (CONTRACT.md)."""

from __future__ import annotations

import json
import sys
from typing import Annotated, Any

import typer

from counterclaim.cli import app
from counterclaim.link.pair_input import read_records


@app.command()
def similarity(
    jsonl: Annotated[bool, typer.Option("--jsonl", help="Read and write JSON lines (the only format).")] = True,
) -> None:
    """Score how likely each {"id", "a", "b"} pair on stdin reports the same story (0..1).

    Writes {"id", "score"} per input line, in order. A malformed line gets {"id", "error"}
    (the line number when there is no id) and the rest go on.

    Example:
        echo '{"id": 1, "a": "Storm floods Kostel harbour on Monday", "b": "Kostel harbour flooded by storm"}' \\
          | counterclaim similarity --jsonl
    """
    from counterclaim.link.similarity import similarity_batch

    records = read_records(sys.stdin, required=("a", "b"))
    good = [r for r in records if "error" not in r]
    scores = iter(similarity_batch([(r["a"], r["b"]) for r in good]))
    out = sys.stdout
    for record in records:
        line: dict[str, Any] = record if "error" in record else {"id": record["id"], "score": next(scores)}
        out.write(json.dumps(line, ensure_ascii=False) + "\n")
    out.flush()
