"""Stage 4: analyses → entities, propositions, stories, stance and similarity.

``update_ledger`` is what ingest calls after storing new articles: it links them incrementally into
the existing ledger, without recomputing what is already there.
"""

from __future__ import annotations

from typing import Any


def update_ledger(store: Any, article_ids: list[int]) -> None:
    """Link newly stored articles into entities, propositions and stories (stored → ledger)."""
    from counterclaim.link.ledger import update

    update(store, article_ids)
