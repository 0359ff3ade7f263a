"""Stage 4: analyses → entities, propositions, stories, stance and similarity.

``update_ledger`` is what ingest calls after storing new articles: it links them incrementally into
the existing ledger, without recomputing what is already there.
"""

from __future__ import annotations

from typing import Any


def update_ledger(store: Any, article_ids: list[int], *, aliases_path: str | None = None) -> None:
    """Link newly stored articles into entities, propositions and stories (stored → ledger).

    aliases_path: the user's alias file (default: ``$COUNTERCLAIM_ALIASES`` or ./aliases.toml).
    """
    from counterclaim.link.ledger import update

    update(store, article_ids, aliases_path=aliases_path)
