"""Incremental ledger updates (entities, propositions, stories). Being written: see issue 6."""

from __future__ import annotations

from typing import Any


def update(store: Any, article_ids: list[int]) -> None:
    return None
