"""Migrations added by later stages (ledger, search). Kept apart so ``migrations.py`` stays small."""

from __future__ import annotations
