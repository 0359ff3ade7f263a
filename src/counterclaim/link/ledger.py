"""Incremental ledger updates: stored articles → entities, stories, propositions, linked figures.

``update`` is what ingest calls after it has stored a batch of new articles. It reads only those
articles plus the ledger's compact state (alias keys, story centroids, proposition signatures), links
the new statements and writes the decisions back, so adding articles never recomputes what is there.

Order matters and is fixed: entities first (statements need speaker entities and sides), then stories
(propositions get a small bonus for staying within a story), then propositions, then figures (a
quantity belongs to its statement's proposition), then the per-proposition source counts.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from counterclaim.link.aliases import AliasFile, fold, user_aliases
from counterclaim.link.entities import EntityResolver, resolve_articles
from counterclaim.link.propositions import (
    ClaimInput,
    ClaimLink,
    Embedder,
    Proposition,
    PropositionLinker,
    default_embedder,
    format_number,
    member_keys,
    numbers_in,
    statement_keys,
)
from counterclaim.link.stories import Story, StoryGrouper, StoryInput
from counterclaim.store.ledger_schema import ClaimLinkRow, PropositionRow, StoryRow
from counterclaim.store.models import ArticleRow, QuantityRow, StatementRow

log = logging.getLogger(__name__)
_DEMONYM_WORD = re.compile(r"\b[A-Z][a-z]+(?:ian|an|ese|ish|i)s?\b")

SUPPORT_ROLES = ("supports", "hedges", "concedes")
MAX_TERMS = 64  # blocking keys kept per proposition: enough to match, bounded for storage


@lru_cache(maxsize=1)
def _shared_embedder() -> Embedder:
    return default_embedder()


def update(store: object, article_ids: Sequence[int], *, embedder: Embedder | None = None,
           aliases: AliasFile | None = None, aliases_path: str | None = None) -> None:
    """Link newly stored articles into the ledger (stored articles → ledger rows).

    embedder: sentence embedding function (default: the shipped model2vec model).
    aliases / aliases_path: a user alias file (default: ``$COUNTERCLAIM_ALIASES`` or ./aliases.toml).
    """
    if not article_ids:
        return
    embedder = embedder or _shared_embedder()
    user = aliases if aliases is not None else user_aliases(aliases_path)
    with store.session() as session:  # type: ignore[attr-defined]
        articles = list(
            session.scalars(
                select(ArticleRow)
                .where(ArticleRow.id.in_(list(article_ids)))
                .options(selectinload(ArticleRow.statements), selectinload(ArticleRow.quantities),
                         selectinload(ArticleRow.mentions))
                .order_by(ArticleRow.id)
            )
        )
        resolver = resolve_articles(session, articles, user)
        group_stories(session, articles, embedder)
        link_statements(session, articles, resolver, embedder)
        log.info("ledger updated: %s articles", len(articles))


# ---------------------------------------------------------------- stories


def _story_text(article: ArticleRow) -> str:
    return f"{article.title or ''}. {article.text[:1500]}"


def group_stories(session: Session, articles: Sequence[ArticleRow], embedder: Embedder,
                  *, threshold: float = 0.6) -> None:
    grouper = StoryGrouper(embedder, threshold=threshold)
    rows = {r.id: r for r in session.scalars(select(StoryRow))}
    for row in rows.values():
        centroid = np.frombuffer(row.centroid, dtype=np.float32).copy() if row.centroid else None
        if centroid is None:
            continue
        grouper.load(Story(row.id, centroid, set(row.entity_ids or []), row.first_date, row.last_date, row.title,
                           row.n_articles))
    todo = [a for a in articles if a.story_id is None]
    items = [
        StoryInput(a.id, _story_text(a), frozenset(_main_entities(a)), a.published, a.title) for a in todo
    ]

    def next_id(item: StoryInput) -> int:
        row = StoryRow(title=item.title, first_date=item.date, last_date=item.date, n_articles=0, entity_ids=[])
        session.add(row)
        session.flush()
        rows[row.id] = row
        return row.id

    for article, (story_id, _score, _created) in zip(todo, grouper.assign(items, next_id), strict=True):
        article.story_id = story_id
    for story in grouper.stories:
        row = rows.get(story.id)
        if row is None:
            continue
        row.centroid = story.centroid.astype(np.float32).tobytes()
        row.entity_ids = sorted(story.entity_ids)[:200]
        row.first_date, row.last_date = story.first_date, story.last_date
        row.n_articles = story.n_articles
        row.title = row.title or story.title
    session.flush()


def _main_entities(article: ArticleRow, top: int = 12) -> list[int]:
    counts: dict[int, int] = defaultdict(int)
    for m in article.mentions:
        if m.entity_id is not None:
            counts[m.entity_id] += 1
    for s in article.statements:
        if s.speaker_entity_id is not None:
            counts[s.speaker_entity_id] += 1
    return [e for e, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:top]]


# ---------------------------------------------------------------- propositions


def _claim_input(s: StatementRow, article: ArticleRow, resolver: EntityResolver) -> ClaimInput:
    inside = [m for m in article.mentions
              if m.entity_id is not None and s.content_start <= m.start and m.end <= s.content_end]
    ents = [m.entity_id for m in inside]
    # Names are matched as entities (e: keys), so their words must not count again as shared
    # content: "Sarne Valley Liberation Front" would otherwise make any two SVLF sentences "similar".
    chars = list(s.content)
    for m in inside:
        lo, hi = m.start - s.content_start, m.end - s.content_start
        if 0 <= lo < hi <= len(chars) and article.text[m.start:m.end] == s.content[lo:hi]:
            chars[lo:hi] = " " * (hi - lo)
    key_text = "".join(chars)
    ents += resolver.find_in_text(s.content)
    if s.target:
        ents += resolver.find_in_text(s.target)
    nums = numbers_in(s.content) | (numbers_in(s.target) if s.target else set())
    for q in article.quantities:
        if q.statement_id == s.id:
            nums |= {format_number(v) for v in (q.value, q.low, q.high) if v is not None}
    side = resolver.side(s.speaker_entity_id) if s.speaker_entity_id is not None else None
    if side is None and s.speaker_country:
        country = resolver.lookup(s.speaker_country)  # "US" is the United States' side
        side = resolver.side(country) if country is not None else s.speaker_country
    text = f"{s.target or ''} {s.content}"
    named = [resolver.side(e) for e in dict.fromkeys(e for e in ents if e is not None)]
    named += [resolver.demonym_country(w) for w in _DEMONYM_WORD.findall(text) if fold(w) in resolver.demonyms
              or fold(w).removesuffix("s") in resolver.demonyms]
    return ClaimInput(
        statement_id=s.id,
        article_id=article.id,
        position=s.content_start,
        stance=s.stance,
        content=s.content,
        target=s.target,
        speaker_entity_id=s.speaker_entity_id,
        side=side,
        entity_ids=tuple(dict.fromkeys(e for e in ents if e is not None)),
        numbers=frozenset(nums),
        story_id=article.story_id,
        date=article.published,
        named_sides=tuple(dict.fromkeys(n for n in named if n)),
        key_text=key_text if key_text != s.content else None,
        cue=s.cue_lemma.lower() if s.cue_lemma else None,
    )


def load_linker(session: Session, embedder: Embedder) -> PropositionLinker:
    """A linker primed with every stored proposition's signature (keys + centroid)."""
    dim = int(embedder(["dimension probe"]).shape[1])

    def next_id(claim: ClaimInput, canonical: str) -> int:
        row = PropositionRow(canonical=canonical, canonical_statement_id=claim.statement_id,
                             canonical_role="supports" if claim.stance != "disputes" else "disputes",
                             first_article_id=claim.article_id, first_date=claim.date, last_date=claim.date,
                             terms=[], numbers=[], entity_ids=[], side_keys=[], n_members=0)
        session.add(row)
        session.flush()
        return row.id

    linker = PropositionLinker(embedder, dim, next_id=next_id)
    stories: dict[int, set[int]] = defaultdict(set)
    for pid, sid in session.execute(
        select(ClaimLinkRow.proposition_id, ArticleRow.story_id).join(ArticleRow, ArticleRow.id == ClaimLinkRow.article_id)
        .where(ArticleRow.story_id.isnot(None)).distinct()
    ):
        stories[pid].add(sid)
    for pid, eid, side in session.execute(
        select(ClaimLinkRow.proposition_id, StatementRow.speaker_entity_id, ClaimLinkRow.side)
        .join(StatementRow, StatementRow.id == ClaimLinkRow.statement_id)
        .where(ClaimLinkRow.role.in_(("supports", "hedges")))
    ):
        linker.note_support(pid, eid, side)
    for row in session.scalars(select(PropositionRow).order_by(PropositionRow.id)):
        vec = np.frombuffer(row.embedding, dtype=np.float32).copy() if row.embedding else None
        if vec is not None and vec.shape[0] != dim:
            vec = None  # stored with another embedding model: keys alone still block
        linker.load(Proposition(row.id, row.canonical, row.canonical_statement_id, row.first_article_id,
                                row.canonical_role or "supports"), row.terms or [], vec, stories.get(row.id),
                    row.last_date, row.n_members or 1)
    return linker


def link_statements(session: Session, articles: Sequence[ArticleRow], resolver: EntityResolver,
                    embedder: Embedder) -> list[ClaimLink]:
    done = set(session.scalars(select(ClaimLinkRow.statement_id).where(
        ClaimLinkRow.article_id.in_([a.id for a in articles]))))
    claims: list[ClaimInput] = []
    for article in articles:
        for s in sorted(article.statements, key=lambda s: (s.content_start, s.id)):
            if s.id not in done and s.content.strip():
                claims.append(_claim_input(s, article, resolver))
    if not claims:
        return []
    linker = load_linker(session, embedder)
    vectors = embedder([c.content for c in claims])
    links = linker.link(claims, vectors)
    touched: dict[int, list[tuple[ClaimInput, ClaimLink, np.ndarray]]] = defaultdict(list)
    statements = {s.id: s for a in articles for s in a.statements}
    for claim, link, vector in zip(claims, links, vectors, strict=True):
        session.add(ClaimLinkRow(proposition_id=link.proposition_id, statement_id=link.statement_id,
                                 article_id=link.article_id, role=link.role, method=link.method,
                                 score=link.score, side=link.side))
        statements[claim.statement_id].proposition_id = link.proposition_id
        touched[link.proposition_id].append((claim, link, np.asarray(vector, dtype=np.float32)))
    for article in articles:
        for q in article.quantities:
            if q.statement_id is not None and q.statement_id in statements:
                q.proposition_id = statements[q.statement_id].proposition_id
    session.flush()
    _update_propositions(session, linker, touched)
    return links


def _update_propositions(session: Session, linker: PropositionLinker,
                         touched: dict[int, list[tuple[ClaimInput, ClaimLink, np.ndarray]]]) -> None:
    rows = {r.id: r for r in session.scalars(select(PropositionRow).where(PropositionRow.id.in_(list(touched))))}
    counts = _source_counts(session, list(touched))
    dates = dict(
        (pid, (lo, hi))
        for pid, lo, hi in session.execute(
            select(ClaimLinkRow.proposition_id, func.min(ArticleRow.published), func.max(ArticleRow.published))
            .join(ArticleRow, ArticleRow.id == ClaimLinkRow.article_id)
            .where(ClaimLinkRow.proposition_id.in_(list(touched)))
            .group_by(ClaimLinkRow.proposition_id)
        )
    )
    for pid, members in touched.items():
        row = rows[pid]
        terms = list(row.terms or [])
        numbers = set(row.numbers or [])
        ents = list(row.entity_ids or [])
        sides = set(row.side_keys or [])
        for i, (claim, link, _vec) in enumerate(members):
            # described by its first members only (see CandidateIndex.freeze)
            described = (row.n_members or 0) + i < linker.index.freeze
            for key in member_keys(statement_keys(claim), link.method, link.score) if described else ():
                if key not in terms and len(terms) < MAX_TERMS:
                    terms.append(key)
            numbers |= set(claim.numbers)
            ents += [e for e in claim.entity_ids if e not in ents]
            if link.side and link.role in SUPPORT_ROLES:
                sides.add(link.side)
        row.terms = terms
        row.numbers = sorted(numbers)[:100]
        row.entity_ids = ents[:100]
        row.side_keys = sorted(sides)[:50]
        row.embedding = linker.index.centroid(pid).astype(np.float32).tobytes()
        row.n_members = (row.n_members or 0) + len(members)
        prop = linker.propositions.get(pid)
        if prop is not None:
            row.canonical = prop.canonical
            row.canonical_statement_id = prop.canonical_statement_id
            row.canonical_role = prop.canonical_role
        row.first_date, row.last_date = dates.get(pid, (row.first_date, row.last_date))
        support, dispute = counts.get(pid, (0, 0))
        row.support_sources, row.dispute_sources = support, dispute
    session.flush()


def _source_counts(session: Session, pids: list[int]) -> dict[int, tuple[int, int]]:
    """Independent articles on each side of each proposition (syndicated copies are one article)."""
    support: dict[int, set[int]] = defaultdict(set)
    dispute: dict[int, set[int]] = defaultdict(set)
    for pid, role, article_id in session.execute(
        select(ClaimLinkRow.proposition_id, ClaimLinkRow.role, ClaimLinkRow.article_id).where(
            ClaimLinkRow.proposition_id.in_(pids))
    ):
        if role in SUPPORT_ROLES:
            support[pid].add(article_id)
        elif role == "disputes":
            dispute[pid].add(article_id)
    return {pid: (len(support[pid]), len(dispute[pid])) for pid in pids}


def relink_quantities(session: Session) -> None:
    """Point every quantity at its statement's proposition (repair after hand edits)."""
    props = dict(session.execute(select(StatementRow.id, StatementRow.proposition_id)))
    for q in session.scalars(select(QuantityRow).where(QuantityRow.statement_id.isnot(None))):
        q.proposition_id = props.get(q.statement_id)
