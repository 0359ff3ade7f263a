"""Counterclaim: track contested claims in the news.

Public API: ``analyse_text`` for one text, ``open_store`` for a ledger database.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "analyse_text", "open_store"]


def __getattr__(name: str):  # lazy: importing the package must not load spaCy
    if name == "analyse_text":
        from counterclaim.analyse import analyse_text

        return analyse_text
    if name == "open_store":
        from counterclaim.store import open_store

        return open_store
    raise AttributeError(name)
