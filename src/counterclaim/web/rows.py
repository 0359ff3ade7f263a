"""Rows → plain dicts for the JSON twins; every column, so new columns show up without code changes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import DeclarativeBase


def row_dict(row: DeclarativeBase, *, exclude: tuple[str, ...] = ()) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for column in row.__table__.columns:  # type: ignore[attr-defined]
        if column.key in exclude:
            continue
        value = getattr(row, column.key)
        out[column.key] = value.isoformat(sep=" ", timespec="seconds") if isinstance(value, datetime) else value
    return out
