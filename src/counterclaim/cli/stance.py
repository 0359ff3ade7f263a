"""``counterclaim stance``: claim-vs-text stance for JSON lines on stdin (CONTRACT.md)."""

from __future__ import annotations

import json
import sys
from typing import Annotated, Any

import typer

from counterclaim.cli import app
from counterclaim.link.pair_input import read_records


@app.command()
def stance(
    jsonl: Annotated[bool, typer.Option("--jsonl", help="Read and write JSON lines (the only format).")] = True,
    sentences: Annotated[
        bool, typer.Option("--sentences", help="Also write the text's sentences closest to the claim.")
    ] = False,
) -> None:
    """Classify each {"id", "claim", "text"} line on stdin as supports, disputes, reports or unrelated.

    Writes {"id", "label", "scores"} per input line, in order. A malformed line gets
    {"id", "error"} (the line number when there is no id) and the rest go on.

    Example:
        echo '{"id": 1, "claim": "The bridge has collapsed", "text": "Officials denied the bridge collapsed."}' \\
          | counterclaim stance --jsonl
    """
    from counterclaim.link.stance import predict_stance

    records = read_records(sys.stdin, required=("claim", "text"))
    good = [r for r in records if "error" not in r]
    results = iter(predict_stance([(r["claim"], r["text"]) for r in good]))
    out = sys.stdout
    for record in records:
        line: dict[str, Any]
        if "error" in record:
            line = record
        else:
            result = next(results)
            line = {"id": record["id"], "label": result.label, "scores": result.scores}
            if sentences:
                line["sentences"] = list(result.sentences)
        out.write(json.dumps(line, ensure_ascii=False) + "\n")
    out.flush()
