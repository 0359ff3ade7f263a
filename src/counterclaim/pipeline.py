"""Wires the stages together and collects one outcome per item; a bad item never stops a batch."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import Any

from counterclaim.analyse import analyse
from counterclaim.clean import clean
from counterclaim.errors import Code, message
from counterclaim.ingest import iter_documents
from counterclaim.settings import Settings
from counterclaim.types import Article, Skipped

log = logging.getLogger(__name__)


def extract_records(sources: Iterable[str], settings: Settings | None = None, chunk: int = 32) -> Iterator[dict[str, Any]]:
    """ingest → clean → analyse, statelessly: one contract record per document, in input order."""
    settings = settings or Settings()
    pending: list[Article | Skipped] = []
    for raw in iter_documents(sources, settings):
        pending.append(raw if isinstance(raw, Skipped) else clean(raw, settings))
        if len(pending) >= chunk:
            yield from _flush(pending, settings)
            pending = []
    yield from _flush(pending, settings)


def _flush(items: list[Article | Skipped], settings: Settings) -> Iterator[dict[str, Any]]:
    articles = [a for a in items if isinstance(a, Article)]
    analyses = {}
    try:
        analyses = {id(a.article): a for a in analyse(articles, batch_size=settings.batch_size)}
    except Exception as exc:  # one bad document must not sink the batch: retry one at a time
        log.warning("batch analysis failed, retrying per article: %s", exc)
        for article in articles:
            try:
                analyses.update({id(a.article): a for a in analyse([article])})
            except Exception as item_exc:  # noqa: BLE001
                log.error("analysis failed: %s: %s", article.source, item_exc)
    for item in items:
        if isinstance(item, Skipped):
            yield item.to_dict()
        elif id(item) in analyses:
            yield analyses[id(item)].to_dict()
        else:
            yield {"source": item.source, "error": f"{Code.ANALYSIS_FAILED.value}: {message(Code.ANALYSIS_FAILED, what='see log')}"}
