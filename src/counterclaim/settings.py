"""Settings as data: one (name, default, help) table feeds validation, env vars, CLI help and docs.

Layered defaults → ``COUNTERCLAIM_*`` environment → command-line flags into one frozen ``Settings``
that is passed down the pipeline, as trafilatura passes its ``Extractor``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from typing import Any

# (name, default, help). The env var is COUNTERCLAIM_<NAME upper>.
SETTINGS: list[tuple[str, Any, str]] = [
    ("db", "counterclaim.db", "store: an SQLite path or an SQLAlchemy URL (postgresql+psycopg://…)"),
    ("max_bytes", 5_000_000, "largest input accepted, in bytes; larger items are skipped"),
    ("fetch_timeout", 20.0, "seconds to wait for one HTTP response"),
    ("max_redirects", 5, "HTTP redirects followed before giving up"),
    ("user_agent", "counterclaim/0.1 (+https://example.org/counterclaim; news claim tracker)", "HTTP User-Agent"),
    ("allow_private", False, "allow fetching URLs on private and loopback addresses"),
    ("favor_precision", True, "HTML extraction favours precision over recall"),
    ("min_text_chars", 50, "articles shorter than this are skipped as having no text"),
    ("near_duplicate_threshold", 0.6, "MinHash Jaccard above which two articles are syndicated copies"),
    ("batch_size", 32, "articles analysed per spaCy batch"),
    ("english_only", True, "skip articles whose language is confidently not English (CC202)"),
]


@dataclass(frozen=True, slots=True)
class Settings:
    db: str = "counterclaim.db"
    max_bytes: int = 5_000_000
    fetch_timeout: float = 20.0
    max_redirects: int = 5
    user_agent: str = SETTINGS[4][1]
    allow_private: bool = False
    favor_precision: bool = True
    min_text_chars: int = 50
    near_duplicate_threshold: float = 0.6
    batch_size: int = 32
    english_only: bool = True

    @classmethod
    def load(cls, **overrides: Any) -> Settings:
        """Defaults, then ``COUNTERCLAIM_*`` environment variables, then non-None ``overrides``."""
        values: dict[str, Any] = {}
        for f in fields(cls):
            env = os.environ.get(f"COUNTERCLAIM_{f.name.upper()}")
            if env is not None:
                values[f.name] = _coerce(env, type(getattr(cls(), f.name)))
        values.update({k: v for k, v in overrides.items() if v is not None})
        return replace(cls(), **values)


def _coerce(raw: str, kind: type) -> Any:
    if kind is bool:
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    return kind(raw)
