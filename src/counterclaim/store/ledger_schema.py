"""Ledger tables (propositions, claim links, stories, actor edges) and their migrations."""

from __future__ import annotations
