"""Reading JSON-line pair requests for ``stance`` and ``similarity``: bad lines become error records.

The contract (CONTRACT.md) says a malformed line must not stop the batch: it gets an error record
keyed by its id, or by its 1-based line number when no id can be read, and the rest go on.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from counterclaim.errors import Code, message


def read_records(lines: Iterable[str], *, required: Sequence[str]) -> list[dict[str, Any]]:
    """Parse each non-blank line; return the request or ``{"id", "error"}`` for it, in order.

    A field that is present but not a string (e.g. a number) is converted to text, since stance and
    similarity only read text; a missing field or a line that is not a JSON object is an error.
    """
    records: list[dict[str, Any]] = []
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            records.append(_error(number, f"line {number} is not JSON ({exc.msg})"))
            continue
        if not isinstance(obj, dict):
            records.append(_error(number, f"line {number} is not a JSON object"))
            continue
        ident = obj.get("id", number)
        missing = [k for k in required if obj.get(k) is None or isinstance(obj.get(k), dict | list)]
        if missing:
            records.append(_error(ident, f"line {number} has no text in {', '.join(missing)}"))
            continue
        records.append({"id": ident, **{k: str(obj[k]) for k in required}})
    return records


def _error(ident: Any, what: str) -> dict[str, Any]:
    return {"id": ident, "error": f"{Code.MALFORMED.value}: {message(Code.MALFORMED, what=what)}"}
