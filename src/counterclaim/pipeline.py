"""Wires the stages together and collects one outcome per item; a bad item never stops a batch."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from typing import Any

from counterclaim.analyse import analyse
from counterclaim.clean import body_text, clean
from counterclaim.clean.language import non_english
from counterclaim.errors import Code, message
from counterclaim.ingest import iter_documents
from counterclaim.settings import Settings
from counterclaim.types import Analysis, Article, IngestOutcome, Skipped

log = logging.getLogger(__name__)


def extract_records(sources: Iterable[str], settings: Settings | None = None, chunk: int = 32) -> Iterator[dict[str, Any]]:
    """ingest → clean → analyse, statelessly: one contract record per document, in input order.

    Cleaning works in any language, so a non-English document still gets its text, title and date;
    only the English-only analysis is left out, and the record says so in ``warning``.
    """
    settings = settings or Settings()
    english_only = settings.english_only
    settings = replace(settings, english_only=False)
    for items, analyses in _analysed_chunks(sources, settings, chunk, english_only=english_only):
        for item in items:
            if isinstance(item, Skipped):
                yield item.to_dict()
            elif id(item) in analyses:
                yield analyses[id(item)].to_dict()
            elif english_only and (found := _foreign(item)):
                lang, prob = found
                record = Analysis(item).to_dict()
                record["language"] = lang
                record["warning"] = f"{Code.NOT_ENGLISH.value}: " + message(
                    Code.NOT_ENGLISH, what=f"{lang!r} (p={prob:.2f})"
                ) + "; text and metadata are extracted, statements and quantities are not"
                yield record
            else:
                yield _failed(item.source).to_dict()


def _foreign(article: Article) -> tuple[str, float] | None:
    """The confidently detected non-English language of an article's body, else None."""
    return non_english(body_text(article.text, article.boilerplate))


def _failed(source: str) -> Skipped:
    return Skipped(source, Code.ANALYSIS_FAILED.value, message(Code.ANALYSIS_FAILED, what="see the log (-v)"))


def _analysed_chunks(
    sources: Iterable[str], settings: Settings, chunk: int, *, english_only: bool = False
) -> Iterator[tuple[list[Article | Skipped], dict[int, Analysis]]]:
    def analysable(pending: list[Article | Skipped]) -> list[Article]:
        return [a for a in pending if isinstance(a, Article) and not (english_only and _foreign(a))]

    pending: list[Article | Skipped] = []
    for raw in iter_documents(sources, settings):
        pending.append(raw if isinstance(raw, Skipped) else _clean_safely(raw, settings))
        if len(pending) >= chunk:
            yield pending, analyse_safely(analysable(pending), settings)
            pending = []
    if pending:
        yield pending, analyse_safely(analysable(pending), settings)


def _clean_safely(raw: Any, settings: Settings) -> Article | Skipped:
    try:
        return clean(raw, settings)
    except Exception as exc:
        log.exception("cleaning failed: %s", raw.source)
        return Skipped(raw.source, Code.MALFORMED.value, message(Code.MALFORMED, what=f"document ({exc})"))


def analyse_safely(articles: list[Article], settings: Settings) -> dict[int, Analysis]:
    """Analyse a batch; if the batch fails, retry one by one so only the bad article is lost."""
    try:
        return {id(a.article): a for a in analyse(articles, batch_size=settings.batch_size)}
    except Exception as exc:
        log.warning("batch analysis failed, retrying per article: %s", exc)
    out: dict[int, Analysis] = {}
    for article in articles:
        try:
            out.update({id(a.article): a for a in analyse([article])})
        except Exception:
            log.exception("analysis failed: %s", article.source)
    return out


def ingest(
    sources: Iterable[str],
    store: Any,
    settings: Settings | None = None,
    *,
    on_outcome: Callable[[IngestOutcome], None] | None = None,
    chunk: int = 16,
    aliases_path: str | None = None,
) -> list[IngestOutcome]:
    """sources → store: clean, deduplicate, analyse, store and link, committing per article.

    aliases_path: the user's alias file applied when linking (default: ``$COUNTERCLAIM_ALIASES`` or
    ./aliases.toml).

    Exact duplicates (same normalised text) and near-duplicates (syndicated copies, MinHash/LSH)
    become extra appearances of the article already stored, so a wire story counts once.
    """
    from counterclaim.clean import NearDuplicateIndex, body_text, minhash_signature
    from counterclaim.store import repository as repo
    from counterclaim.store.models import ArticleRow

    settings = settings or Settings()
    outcomes: list[IngestOutcome] = []

    def report(outcome: IngestOutcome) -> None:
        outcomes.append(outcome)
        if on_outcome:
            on_outcome(outcome)

    index = NearDuplicateIndex(settings.near_duplicate_threshold)
    with store.session() as session:
        for article_id, sig in session.query(ArticleRow.id, ArticleRow.minhash).filter(ArticleRow.minhash.isnot(None)):
            index.add(article_id, sig)

    new_ids: list[int] = []
    pending: list[Article | Skipped] = []

    # Keys in ``index`` are stored article ids, or ("batch", content_hash) for an article of the
    # current batch not yet stored; ``stored`` maps such hashes to ids once they are written.
    stored: dict[str, int] = {}

    def resolve(key: Any) -> tuple[int | None, str | None]:
        if isinstance(key, tuple):
            return stored.get(key[1]), key[1]
        return key, None

    def flush() -> None:
        # (article, signature, twin hash, relation): a twin is an article of this batch it copies
        fresh: list[tuple[Article, bytes, str | None, str]] = []
        batch_hashes: set[str] = set()
        for item in pending:
            if isinstance(item, Skipped):
                report(IngestOutcome(item.source, "skipped", code=item.code, reason=item.reason))
                continue
            with store.session() as session:
                found = repo.find_article_by_hash(session, item.content_hash)
                if found is not None:
                    report(_add_copy(session, repo, found.id, item, "exact"))
                    continue
            if item.content_hash in batch_hashes:
                fresh.append((item, b"", item.content_hash, "exact"))
                continue
            sig = minhash_signature(body_text(item.text, item.boilerplate))
            near = index.query(sig)
            if near:
                article_id, twin = resolve(near[0])
                if article_id is not None:
                    with store.session() as session:
                        report(_add_copy(session, repo, article_id, item, "near"))
                    continue
                fresh.append((item, b"", twin, "near"))
                continue
            batch_hashes.add(item.content_hash)
            index.add(("batch", item.content_hash), sig)
            fresh.append((item, sig, None, "original"))
        analyses = analyse_safely([a for a, _, twin, _ in fresh if twin is None], settings)
        for article, sig, twin, relation in fresh:
            with store.session() as session:
                if twin is not None:  # a copy of an article stored just before it in this batch
                    if twin in stored:
                        report(_add_copy(session, repo, stored[twin], article, relation))
                    else:
                        report(IngestOutcome(article.source, "skipped", code=Code.ANALYSIS_FAILED.value,
                                             reason="its original in this batch could not be analysed"))
                    continue
                analysis = analyses.get(id(article))
                if analysis is None:
                    report(IngestOutcome(article.source, "skipped", code=Code.ANALYSIS_FAILED.value,
                                         reason=message(Code.ANALYSIS_FAILED, what="see the log (-v)")))
                    continue
                row = repo.add_analysis(session, analysis, sig)
                session.flush()
                stored[article.content_hash] = row.id
                new_ids.append(row.id)
                report(IngestOutcome(article.source, "ingested", article_id=row.id, title=article.title))
        pending.clear()

    for raw in iter_documents(sources, settings):
        pending.append(raw if isinstance(raw, Skipped) else _clean_safely(raw, settings))
        if len(pending) >= chunk:
            flush()
    flush()
    if new_ids:
        link_new(store, new_ids, aliases_path=aliases_path)
    return outcomes


def _add_copy(session: Any, repo: Any, article_id: int, article: Article, relation: str) -> IngestOutcome:
    status = "duplicate" if relation == "exact" else "syndicated"
    if repo.has_appearance(session, article_id, article.source):
        return IngestOutcome(article.source, "duplicate", article_id=article_id, code=Code.DUPLICATE.value,
                             reason="already ingested", title=article.title)
    repo.add_appearance(session, article_id, article, relation)
    return IngestOutcome(article.source, status, article_id=article_id, code=Code.DUPLICATE.value,
                         reason=message(Code.DUPLICATE, what=article_id), title=article.title)


def link_new(store: Any, article_ids: list[int], *, aliases_path: str | None = None) -> None:
    """Stage 4 on the stored articles: entities, propositions and stories, incrementally."""
    from counterclaim.link import update_ledger

    update_ledger(store, article_ids, aliases_path=aliases_path)
