"""Full-text search: SQLite FTS5 (PostgreSQL full-text search on PostgreSQL) and its migrations."""

from __future__ import annotations
