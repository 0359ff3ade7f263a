"""Stage 1: sources (paths, URLs, feeds, stdin) → ``RawDocument`` or ``Skipped``, one per item."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from counterclaim.errors import Code, message
from counterclaim.settings import Settings
from counterclaim.types import RawDocument, Skipped


def iter_documents(sources: Iterable[str], settings: Settings | None = None) -> Iterator[RawDocument | Skipped]:
    """Expand each source into documents, in order; a bad item yields Skipped and the rest go on."""
    settings = settings or Settings()
    for source in sources:
        path = Path(source)
        if not path.exists():
            yield Skipped(source, Code.NOT_FOUND.value, message(Code.NOT_FOUND, what=source))
            continue
        kind = "html" if path.suffix.lower() in {".html", ".htm"} else "text"
        yield RawDocument(source=source, content=path.read_bytes(), kind=kind)
