"""Formatting shared by templates and JSON-free views: numbers and figures as an analyst reads them."""

from __future__ import annotations

from typing import Any


def describe_quantity(q: dict[str, Any]) -> str:
    """``~700 people (hostages) · in Hajin`` — the value as the ledger reads it, for tooltips and tables."""
    qual = {"=": "", "~": "about ", "<": "fewer than ", ">": "more than ", "up": "up ", "down": "down "}.get(q["qualifier"], "")
    if q["low"] is not None and q["high"] is not None:
        value = f"{fmt_number(q['low'])}–{fmt_number(q['high'])}"
    elif q["value"] is not None:
        value = fmt_number(q["value"])
    else:
        value = "?"
    # The concept ("ISIS fighters") reads better than the singular unit ("fighter"); money keeps its unit.
    what = q.get("concept") if q.get("concept") and not q.get("currency") else q.get("unit")
    out = f"{qual}{value} {what}" if what else f"{qual}{value}"
    scope = " ".join(x for x in (q.get("place"), q.get("time")) if x)
    if q.get("per"):
        out += f" per {q['per']}"
    if scope:
        out += f" · {scope}"
    if q.get("vague"):
        out += " · vague"
    return out


def fmt_number(x: float | None) -> str:
    if x is None:
        return "?"
    return f"{int(x):,}" if float(x).is_integer() else f"{x:,.2f}".rstrip("0").rstrip(".")
