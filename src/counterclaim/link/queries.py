"""THE read API of the ledger, used by the CLI, the web UI and exports. Plain JSON-serialisable dicts.

Every item that comes from text carries ``article_id`` and character offsets into that article's
text (``sentence_start``, ``sentence_end``, ``content_start``, ``content_end``), so a client can link
back to, and highlight, the exact source sentence. Offsets may be ``None`` when the analyser did not
record a sentence. Sides are recomputed from the entities on every read, so an alias-file change
shows at once.

Shapes (``...`` = fields of the shape named before)
----------------------------------------------------
StatementItem::

    {"statement_id": int, "article_id": int, "proposition_id": int | None,
     "role": "supports" | "disputes" | "reports" | "concedes" | "hedges" | None,
     "stance": str, "method": "new" | "similar" | "target" | "figure" | "claimant" | "echo" | "preceding" | "trend" | None,
     "score": float | None, "content": str, "cue": str | None, "target": str | None,
     "content_start": int, "content_end": int, "sentence_start": int | None, "sentence_end": int | None,
     "speaker": {"text": str | None, "entity_id": int | None, "name": str | None, "type": str | None,
                 "role": str | None, "affiliation": str | None, "named": bool} | None,
     "side": str | None,                       # the speaker's country or side
     "published": str | None, "title": str | None, "publisher": str | None, "copies": int}

FigureItem::

    {"quantity_id": int, "article_id": int, "statement_id": int | None, "proposition_id": int | None,
     "text": str, "value": float | None, "low": float | None, "high": float | None,
     "qualifier": str, "unit": str | None, "concept": str | None, "concept_key": str | None,
     "family": str | None, "place": str | None, "time": str | None, "per": str | None,
     "currency": str | None, "vague": bool, "interval": [low, high] | None,   # high may be null (= no upper bound)
     "start": int, "end": int,                 # the figure itself
     "content_start": int, "content_end": int, # the carrying statement's content (else the figure)
     "sentence_start": int | None, "sentence_end": int | None,
     "speaker": {...StatementItem.speaker} | None, "said_by": str, "side": str | None,
     "published": str | None, "title": str | None, "publisher": str | None, "copies": int,
     "conflicts_with": [quantity_id, ...]}

PropositionSummary (``list_propositions``)::

    {"id": int, "canonical": str, "first_date": str | None, "last_date": str | None,
     "contested": bool, "support_sources": int, "dispute_sources": int, "report_sources": int,
     "n_statements": int, "supporting_sides": [str], "disputing_sides": [str],
     "supporters": [str], "disputers": [str], "story_id": int | None,
     "article_id": int | None, "statement_id": int | None,   # the statement whose words are canonical
     "content_start": int | None, "content_end": int | None, "sentence_start": int | None,
     "sentence_end": int | None}

``get_proposition`` → PropositionSummary plus::

    {"statements": {"supports": [StatementItem], "disputes": [...], "reports": [...], "concedes": [...]},
     # hedged support is listed under "supports" with role "hedges"
     "sides": [{"side": str, "position": "supports" | "disputes" | "reports" | "concedes",
                "sources": int,                # independent articles (syndicated copies count once)
                "copies": int,                 # appearances of those articles, copies included
                "article_ids": [int], "speakers": [{"entity_id": int | None, "name": str}],
                "publishers": [str]}],
     "timeline": [{"date": str | None, "article_id": int, "title": str | None, "publisher": str | None,
                   "statement_id": int, "role": str, "speaker": str | None, "side": str | None,
                   "content_start": int, "content_end": int, "sentence_start": int | None,
                   "sentence_end": int | None}],          # ordered by date, then article, then offset
     "first_appearance": <first timeline entry> | None,
     "figures": [FigureItem], "conflicting_figures": bool}

``list_concepts`` → ``[{"concept": str, "label": str, "keys": [str], "count": int, "articles": int,
"conflicting": bool}]`` (``concept`` is the family key to pass to ``numbers``, e.g. ``"fighter@7"``).

``numbers(session, concept)`` (a family key from ``list_concepts`` or free text such as
``"IS fighters"``) → ``{"concept": str, "label": str, "figures": [FigureItem], "conflicting": bool,
"conflicts": [[quantity_id, quantity_id], ...]}``, figures ordered by date.

``actors`` → ``{"nodes": [{"id": "e:ID", "entity_id": int, "name": str, "type": str, "side": str | None,
"disputes": int, "disputed": int}], "edges": [{"source": "e:ID", "target": "e:ID", "weight": int,
"propositions": [int]}], "sides": {"nodes": [{"id": "s:NAME", "name": str}], "edges": [{"source":
"s:A", "target": "s:B", "weight": int, "propositions": [int]}]}}``. An edge A → B means A disputes
a proposition that B supports; weight counts (disputing statement, supporting speaker) pairs.

``list_entities`` → ``[EntitySummary]`` with EntitySummary = ``{"id", "canonical", "type", "country",
"side", "role", "affiliation": {"id", "canonical"} | None, "aliases": [str], "mentions": int,
"statements": int, "source": "learned" | "seed" | "user"}``.

``get_entity`` → EntitySummary plus ``{"members": [{"id", "canonical", "role"}], "statements_by":
[StatementItem], "statements_about": [StatementItem]}`` (``None`` if there is no such entity).

``list_stories`` → ``[{"id", "title", "first_date", "last_date", "n_articles", "entities": [{"id",
"canonical"}], "propositions": int}]``; ``get_story`` → that plus ``{"articles": [{"id", "title",
"published", "publisher", "copies", "source", "url"}], "proposition_items": [PropositionSummary]}``
(the ``STORY_PROPOSITIONS`` most contested; ``propositions`` counts them all).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from counterclaim.link.aliases import name_key
from counterclaim.link.entities import (
    entity_side,
    is_pronoun,
    speaker_inside_content,
    speaker_inside_content_clause,
)
from counterclaim.link.figures import (
    ConceptFamily,
    Figure,
    any_conflict,
    concept_family,
    conflicts,
    interval,
    scope_words,
)
from counterclaim.store.ledger_schema import ClaimLinkRow, PropositionRow, StoryRow
from counterclaim.store.models import (
    AliasRow,
    AppearanceRow,
    ArticleRow,
    EntityRow,
    MentionRow,
    QuantityRow,
    StatementRow,
)

SUPPORT_ROLES = ("supports", "hedges", "concedes")
GROUPS = ("supports", "disputes", "reports", "concedes")
GROUP_OF_ROLE = {"supports": "supports", "hedges": "supports", "disputes": "disputes", "reports": "reports",
                 "concedes": "concedes"}


# ---------------------------------------------------------------- shared context


class _Context:
    """Entities, articles and copy counts loaded once per query, so items are built without N+1 queries."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._entities: dict[int, EntityRow] | None = None
        self._articles: dict[int, dict[str, Any]] = {}
        self._keys: dict[str, int] | None = None
        self.families: dict[str | None, ConceptFamily | None] = {}  # concept key → family
        self.places: dict[str | None, frozenset[str]] = {}  # place phrase → scope words

    @property
    def entities(self) -> dict[int, EntityRow]:
        if self._entities is None:
            self._entities = {e.id: e for e in self.session.scalars(select(EntityRow))}
        return self._entities

    @property
    def keys(self) -> dict[str, int]:
        if self._keys is None:
            self._keys = dict(self.session.execute(select(AliasRow.key, AliasRow.entity_id)).all())
        return self._keys

    def lookup(self, text: str) -> int | None:
        return self.keys.get(name_key(text))

    def side(self, entity_id: int | None) -> str | None:
        return entity_side(self.entities, entity_id)

    def country(self, text: str | None) -> str | None:
        """A country written by the analyser ("US") as the entity's side ("United States")."""
        if not text:
            return None
        return self.side(self.lookup(text)) or text

    def name(self, entity_id: int | None) -> str | None:
        row = self.entities.get(entity_id) if entity_id is not None else None
        return row.canonical if row is not None else None

    def articles(self, ids: Iterable[int]) -> dict[int, dict[str, Any]]:
        missing = [i for i in set(ids) if i not in self._articles]
        if missing:
            copies = dict(self.session.execute(
                select(AppearanceRow.article_id, func.count()).where(AppearanceRow.article_id.in_(missing))
                .group_by(AppearanceRow.article_id)).all())
            publishers: dict[int, set[str]] = defaultdict(set)
            for aid, pub in self.session.execute(
                select(AppearanceRow.article_id, AppearanceRow.publisher).where(AppearanceRow.article_id.in_(missing))
            ):
                if pub:
                    publishers[aid].add(pub)
            for row in self.session.execute(
                select(ArticleRow.id, ArticleRow.title, ArticleRow.published, ArticleRow.publisher, ArticleRow.source,
                       ArticleRow.url, ArticleRow.story_id).where(ArticleRow.id.in_(missing))
            ):
                pubs = publishers.get(row.id, set())
                if row.publisher:
                    pubs.add(row.publisher)
                self._articles[row.id] = {
                    "id": row.id, "title": row.title, "published": row.published, "publisher": row.publisher,
                    "source": row.source, "url": row.url, "story_id": row.story_id, "copies": copies.get(row.id, 1),
                    "publishers": sorted(pubs),
                }
        return {i: self._articles[i] for i in ids if i in self._articles}


def _speaker(ctx: _Context, s: Any, *, inside: bool | None = None) -> dict[str, Any] | None:
    """The speaker of a statement (a row or an aggregate row; ``inside`` precomputed for the latter)."""
    if s.speaker is None and s.speaker_name is None and s.speaker_entity_id is None:
        return None
    if inside is None:
        inside = speaker_inside_content(s)
    if s.speaker_entity_id is None and inside:
        return None  # the analyser's "speaker" is the claim's subject (see entities.speaker_inside_content)
    ent = ctx.entities.get(s.speaker_entity_id) if s.speaker_entity_id is not None else None
    aff = ctx.name(ent.affiliation_id) if ent is not None and ent.affiliation_id else None
    return {
        "text": s.speaker,
        "entity_id": s.speaker_entity_id,
        "name": ent.canonical if ent is not None else next(
            (n for n in (s.speaker_name, s.speaker) if n and not is_pronoun(n)), None),
        "type": ent.type if ent is not None else s.speaker_kind,
        "role": s.speaker_role or (ent.role if ent is not None else None),
        "affiliation": s.speaker_affiliation or aff,
        "named": bool(s.speaker_named),
    }


def _side_of_statement(ctx: _Context, s: StatementRow) -> str | None:
    return ctx.side(s.speaker_entity_id) or ctx.country(s.speaker_country)


def _statement_item(ctx: _Context, s: StatementRow, link: ClaimLinkRow | None) -> dict[str, Any]:
    art = ctx.articles([s.article_id]).get(s.article_id, {})
    return {
        "statement_id": s.id,
        "article_id": s.article_id,
        "proposition_id": s.proposition_id,
        "role": link.role if link is not None else None,
        "stance": s.stance,
        "method": link.method if link is not None else None,
        "score": link.score if link is not None else None,
        "content": s.content,
        "cue": s.cue,
        "target": s.target,
        "content_start": s.content_start,
        "content_end": s.content_end,
        "sentence_start": s.sentence_start,
        "sentence_end": s.sentence_end,
        "speaker": _speaker(ctx, s),
        "side": _side_of_statement(ctx, s),
        "published": art.get("published"),
        "title": art.get("title"),
        "publisher": art.get("publisher"),
        "copies": art.get("copies", 1),
    }


# ---------------------------------------------------------------- propositions


def _role_group() -> Any:
    """The side a claim link's role stands on, as SQL: supports (with hedges and concedes), disputes, reports."""
    return case((ClaimLinkRow.role.in_(SUPPORT_ROLES), "supports"), (ClaimLinkRow.role == "disputes", "disputes"),
                else_="reports")


def _summaries(ctx: _Context, rows: Sequence[PropositionRow]) -> list[dict[str, Any]]:
    """Counts, sides and speakers of each proposition, aggregated in the database.

    A list page summarises every member of every listed proposition, and a hub proposition can have
    tens of thousands: counting articles per side and collecting the *distinct* speakers in SQL keeps
    the work proportional to the number of speakers, not of statements.
    """
    if not rows:
        return []
    session = ctx.session
    pids = [r.id for r in rows]
    group = _role_group().label("grp")
    join = (ClaimLinkRow, ClaimLinkRow.statement_id == StatementRow.id)
    counts: dict[tuple[int, str], tuple[int, int]] = {
        (pid, grp): (n_articles, n_statements)
        for pid, grp, n_articles, n_statements in session.execute(
            select(ClaimLinkRow.proposition_id, group, func.count(func.distinct(StatementRow.article_id)), func.count())
            .join(*join).where(ClaimLinkRow.proposition_id.in_(pids))
            .group_by(ClaimLinkRow.proposition_id, group)
        )
    }
    speaker_cols = (
        StatementRow.speaker_entity_id, StatementRow.speaker, StatementRow.speaker_name, StatementRow.speaker_country,
        StatementRow.speaker_kind, StatementRow.speaker_role, StatementRow.speaker_affiliation,
        StatementRow.speaker_named,
    )
    inside = speaker_inside_content_clause().label("inside")
    resolved: dict[tuple[Any, ...], tuple[str | None, str | None]] = {}
    names: dict[tuple[int, str], dict[str, None]] = defaultdict(dict)
    sides: dict[tuple[int, str], dict[str, None]] = defaultdict(dict)
    for r in session.execute(
        select(ClaimLinkRow.proposition_id, group, *speaker_cols, inside)
        .join(*join).where(ClaimLinkRow.proposition_id.in_(pids), _has_speaker())
        .group_by(ClaimLinkRow.proposition_id, group, *speaker_cols, inside)
        .order_by(func.min(StatementRow.article_id), func.min(StatementRow.content_start))
    ):
        if r.grp == "reports":
            continue
        who = tuple(r)[2:]  # the speaker columns and the inside flag: the same speaker recurs across propositions
        if who not in resolved:
            sp = _speaker(ctx, r, inside=bool(r.inside))
            resolved[who] = (sp["name"] if sp else None, _side_of_statement(ctx, r))
        name, side = resolved[who]
        if name:
            names[(r.proposition_id, r.grp)][name] = None
        if side:
            sides[(r.proposition_id, r.grp)][side] = None
    canonical = _canonical_statements(session, rows)
    ctx.articles([r.first_article_id for r in rows if r.first_article_id])  # one query for all their stories
    out = []
    for row in rows:
        n_sup, s_sup = counts.get((row.id, "supports"), (0, 0))
        n_dis, s_dis = counts.get((row.id, "disputes"), (0, 0))
        n_rep, s_rep = counts.get((row.id, "reports"), (0, 0))
        canon = canonical.get(row.id)
        out.append({
            "id": row.id,
            "canonical": row.canonical,
            "first_date": row.first_date,
            "last_date": row.last_date,
            "contested": bool(n_sup and n_dis),
            "support_sources": n_sup,
            "dispute_sources": n_dis,
            "report_sources": n_rep,
            "n_statements": s_sup + s_dis + s_rep,
            "supporting_sides": list(sides[(row.id, "supports")]),
            "disputing_sides": list(sides[(row.id, "disputes")]),
            "supporters": list(names[(row.id, "supports")]),
            "disputers": list(names[(row.id, "disputes")]),
            "story_id": ctx.articles([row.first_article_id]).get(row.first_article_id, {}).get("story_id")
            if row.first_article_id else None,
            "article_id": canon.article_id if canon is not None else row.first_article_id,
            "statement_id": canon.id if canon is not None else None,
            "content_start": canon.content_start if canon is not None else None,
            "content_end": canon.content_end if canon is not None else None,
            "sentence_start": canon.sentence_start if canon is not None else None,
            "sentence_end": canon.sentence_end if canon is not None else None,
        })
    return out


def _has_speaker() -> Any:
    return or_(StatementRow.speaker.is_not(None), StatementRow.speaker_name.is_not(None),
               StatementRow.speaker_entity_id.is_not(None))


def _canonical_statements(session: Session, rows: Sequence[PropositionRow]) -> dict[int, Any]:
    """Each proposition's canonical statement if it is still a member, else its first member."""
    cols = (StatementRow.id, StatementRow.article_id, StatementRow.content_start, StatementRow.content_end,
            StatementRow.sentence_start, StatementRow.sentence_end, ClaimLinkRow.proposition_id)
    wanted = {r.canonical_statement_id: r.id for r in rows if r.canonical_statement_id is not None}
    out: dict[int, Any] = {}
    if wanted:
        for r in session.execute(select(*cols).join(ClaimLinkRow, ClaimLinkRow.statement_id == StatementRow.id)
                                 .where(StatementRow.id.in_(wanted))):
            if wanted[r.id] == r.proposition_id:
                out[r.proposition_id] = r
    missing = [r.id for r in rows if r.id not in out]
    if missing:
        rank = func.row_number().over(partition_by=ClaimLinkRow.proposition_id,
                                      order_by=(StatementRow.article_id, StatementRow.content_start)).label("rank")
        ranked = (select(*cols, rank).join(ClaimLinkRow, ClaimLinkRow.statement_id == StatementRow.id)
                  .where(ClaimLinkRow.proposition_id.in_(missing)).subquery())
        for r in session.execute(select(ranked).where(ranked.c.rank == 1)):
            out[r.proposition_id] = r
    return out


def _members(session: Session, pids: list[int]) -> dict[int, list[tuple[StatementRow, ClaimLinkRow]]]:
    out: dict[int, list[tuple[StatementRow, ClaimLinkRow]]] = defaultdict(list)
    if not pids:
        return out
    for s, link in session.execute(
        select(StatementRow, ClaimLinkRow).join(ClaimLinkRow, ClaimLinkRow.statement_id == StatementRow.id)
        .where(ClaimLinkRow.proposition_id.in_(pids))
        .order_by(StatementRow.article_id, StatementRow.content_start)
    ):
        out[link.proposition_id].append((s, link))
    return out


def _most_contested_first(session: Session) -> tuple[Any, ...]:
    """ORDER BY for propositions: contested first, then by the smaller side, both sides, size."""
    return (
        (and_(PropositionRow.support_sources > 0, PropositionRow.dispute_sources > 0)).desc(),
        func.min(PropositionRow.support_sources, PropositionRow.dispute_sources).desc()
        if session.get_bind().dialect.name == "sqlite"
        else func.least(PropositionRow.support_sources, PropositionRow.dispute_sources).desc(),
        (PropositionRow.support_sources + PropositionRow.dispute_sources).desc(),
        PropositionRow.n_members.desc(),
        PropositionRow.id,
    )


def list_propositions(session: Session, *, limit: int = 20, offset: int = 0,
                      contested_only: bool = False) -> list[dict[str, Any]]:
    """Propositions, most contested first.

    Contested = disputed by at least one independent article and supported by at least one; they are
    ranked by the smaller side's independent source count, then both sides' total, then recency.
    """
    stmt = select(PropositionRow).order_by(*_most_contested_first(session))
    if contested_only:
        stmt = stmt.where(PropositionRow.support_sources > 0, PropositionRow.dispute_sources > 0)
    rows = list(session.scalars(stmt.limit(limit).offset(offset)))
    ctx = _Context(session)
    return _summaries(ctx, rows)


def get_proposition(session: Session, proposition_id: int) -> dict[str, Any] | None:
    """One proposition: statements grouped by side, sides with source counts, timeline and figures."""
    row = session.get(PropositionRow, proposition_id)
    if row is None:
        return None
    ctx = _Context(session)
    members = _members(session, [row.id]).get(row.id, [])
    out = _summaries(ctx, [row])[0]
    ctx.articles({s.article_id for s, _ in members})
    groups: dict[str, list[dict[str, Any]]] = {g: [] for g in GROUPS}
    sides: dict[tuple[str, str], dict[str, Any]] = {}
    timeline = []
    for s, link in members:
        item = _statement_item(ctx, s, link)
        group = GROUP_OF_ROLE.get(link.role, "reports")
        groups[group].append(item)
        side = item["side"] or (item["speaker"] or {}).get("name") or "unattributed"
        entry = sides.setdefault((side, group), {"side": side, "position": group, "article_ids": [], "speakers": [],
                                                 "publishers": [], "copies": 0})
        art = ctx.articles([s.article_id])[s.article_id]
        if s.article_id not in entry["article_ids"]:
            entry["article_ids"].append(s.article_id)
            entry["copies"] += art["copies"]
            for p in art["publishers"]:
                if p not in entry["publishers"]:
                    entry["publishers"].append(p)
        sp = item["speaker"]
        if sp and sp["name"] and all(x["name"] != sp["name"] for x in entry["speakers"]):
            entry["speakers"].append({"entity_id": sp["entity_id"], "name": sp["name"]})
        timeline.append({
            "date": art["published"], "article_id": s.article_id, "title": art["title"],
            "publisher": art["publisher"], "statement_id": s.id, "role": link.role,
            "speaker": sp["name"] if sp else None, "side": item["side"],
            "content_start": s.content_start, "content_end": s.content_end,
            "sentence_start": s.sentence_start, "sentence_end": s.sentence_end,
        })
    timeline.sort(key=lambda t: (t["date"] or "9999", t["article_id"], t["content_start"]))
    side_list = []
    for entry in sides.values():
        entry["sources"] = len(entry["article_ids"])
        side_list.append(entry)
    side_list.sort(key=lambda e: (GROUPS.index(e["position"]), -e["sources"], e["side"]))
    qrows = list(session.scalars(select(QuantityRow).where(QuantityRow.proposition_id == row.id)
                                 .order_by(QuantityRow.article_id, QuantityRow.start)))
    figures = _figure_items(ctx, qrows)
    out.update({
        "statements": groups,
        "sides": side_list,
        "timeline": timeline,
        "first_appearance": timeline[0] if timeline else None,
        "figures": figures,
        "conflicting_figures": any(f["conflicts_with"] for f in figures),
    })
    return out


# ---------------------------------------------------------------- figures


def _family(ctx: _Context, q: Any) -> ConceptFamily | None:
    """The concept family of a figure (memoised per concept key: a store has few distinct ones)."""
    key = q.concept_key
    if key not in ctx.families:
        ctx.families[key] = concept_family(key, ctx.lookup)
    return ctx.families[key]


def _family_label(ctx: _Context, fam: ConceptFamily) -> str:
    base = {"fighter": "fighters", "death": "deaths", "hostage": "hostages", "civilian": "civilians",
            "refugee": "refugees / displaced", "soldier": "soldiers", "detainee": "detainees",
            "family": "families"}.get(fam.head, fam.head)
    name = ctx.name(fam.entity_id)
    return f"{name} {base}" if name else base


def _as_figure(ctx: _Context, q: Any) -> Figure:
    if q.place not in ctx.places:
        ctx.places[q.place] = frozenset(scope_words(q.place))
    places = ctx.places[q.place]
    return Figure(q.id, _family(ctx, q), interval(q.value, q.low, q.high, q.qualifier, q.vague),
                  places, q.time, q.per, q.unit, q.currency)


def _figure_items(ctx: _Context, qrows: list[QuantityRow], *, check_all: bool = True) -> list[dict[str, Any]]:
    if not qrows:
        return []
    stmt_ids = {q.statement_id for q in qrows if q.statement_id is not None}
    statements = {s.id: s for s in ctx.session.scalars(select(StatementRow).where(StatementRow.id.in_(stmt_ids)))} \
        if stmt_ids else {}
    arts = ctx.articles({q.article_id for q in qrows})
    figs = [_as_figure(ctx, q) for q in qrows]
    clashes = conflicts(figs) if check_all and len(figs) <= 400 else {f.id: [] for f in figs}
    items = []
    for q, fig in zip(qrows, figs, strict=True):
        s = statements.get(q.statement_id) if q.statement_id is not None else None
        art = arts.get(q.article_id, {})
        speaker = _speaker(ctx, s) if s is not None else None
        span = fig.span
        items.append({
            "quantity_id": q.id, "article_id": q.article_id, "statement_id": q.statement_id,
            "proposition_id": q.proposition_id, "text": q.text, "value": q.value, "low": q.low, "high": q.high,
            "qualifier": q.qualifier, "unit": q.unit, "concept": q.concept, "concept_key": q.concept_key,
            "family": fig.family.key if fig.family else None, "place": q.place, "time": q.time, "per": q.per,
            "currency": q.currency, "vague": bool(q.vague),
            "interval": [span[0], None if math.isinf(span[1]) else span[1]] if span else None,
            "start": q.start, "end": q.end,
            "content_start": s.content_start if s is not None else q.start,
            "content_end": s.content_end if s is not None else q.end,
            "sentence_start": q.sentence_start if q.sentence_start is not None else (s.sentence_start if s else None),
            "sentence_end": q.sentence_end if q.sentence_end is not None else (s.sentence_end if s else None),
            "speaker": speaker,
            "said_by": (speaker or {}).get("name") or art.get("publisher") or "(the article)",
            "side": _side_of_statement(ctx, s) if s is not None else None,
            "published": art.get("published"), "title": art.get("title"), "publisher": art.get("publisher"),
            "copies": art.get("copies", 1),
            "conflicts_with": sorted(clashes.get(q.id, [])),
        })
    items.sort(key=lambda f: (f["published"] or "9999", f["article_id"], f["start"]))
    return items


_FIGURE_COLUMNS = (
    QuantityRow.id, QuantityRow.concept_key, QuantityRow.value, QuantityRow.low, QuantityRow.high,
    QuantityRow.qualifier, QuantityRow.vague, QuantityRow.place, QuantityRow.time, QuantityRow.per,
    QuantityRow.unit, QuantityRow.currency,
)


def _figures_newest_first(stmt: Any) -> Any:
    """Figures with a concept, newest article first (undated last)."""
    return (stmt.join(ArticleRow, ArticleRow.id == QuantityRow.article_id).where(QuantityRow.concept_key.isnot(None))
            .order_by(ArticleRow.published.is_(None), ArticleRow.published.desc(), QuantityRow.id.desc()))


def list_concepts(session: Session) -> list[dict[str, Any]]:
    """Every concept family with figures, largest first, flagged when its figures conflict."""
    ctx = _Context(session)
    families: dict[str, dict[str, Any]] = {}
    rows = session.execute(
        select(QuantityRow.concept_key, func.count(), func.count(func.distinct(QuantityRow.article_id)))
        .where(QuantityRow.concept_key.isnot(None)).group_by(QuantityRow.concept_key)
    ).all()
    for key, count, n_articles in rows:
        fam = concept_family(key, ctx.lookup)
        if fam is None:
            continue
        entry = families.setdefault(fam.key, {"concept": fam.key, "label": _family_label(ctx, fam), "keys": [],
                                              "count": 0, "articles": 0, "conflicting": False, "_fam": fam})
        entry["keys"].append(key)
        entry["count"] += count
        entry["articles"] += n_articles
    # A bare "militants" names no group: when only one group's fighters are counted, it is theirs.
    for key, entry in list(families.items()):
        fam = entry["_fam"]
        if fam.entity_id is not None:
            continue
        owners = [e for e in families.values() if e["_fam"].head == fam.head and e["_fam"].entity_id is not None]
        if len(owners) == 1:
            owner = owners[0]
            owner["keys"] += entry["keys"]
            owner["count"] += entry["count"]
            owner["articles"] += entry["articles"]
            del families[key]
    out = sorted(families.values(), key=lambda e: (-e["count"], e["concept"]))
    # Conflicts among each family's NUMBER_LIMIT most recent figures, as its page shows them: one
    # pass over the figures' plain columns, newest first, and a check that stops at the first clash.
    recent: dict[str, list[Figure]] = defaultdict(list)
    entries = [(e, e.pop("_fam")) for e in out]
    open_entries = list(entries)
    rows = session.execute(_figures_newest_first(select(*_FIGURE_COLUMNS)).execution_options(yield_per=1000))
    for r in rows:
        fam = _family(ctx, r)
        if fam is None:
            continue
        for entry, efam in open_entries:
            if fam.compatible(efam):
                recent[entry["concept"]].append(_as_figure(ctx, r))
        if any(len(recent[e["concept"]]) >= NUMBER_LIMIT for e, _ in open_entries):
            open_entries = [(e, f) for e, f in open_entries if len(recent[e["concept"]]) < NUMBER_LIMIT]
            if not open_entries:
                break
    rows.close()
    for entry, _ in entries:
        entry["conflicting"] = entry["count"] > 1 and any_conflict(recent[entry["concept"]])
    return out


def _parse_family(ctx: _Context, concept: str) -> ConceptFamily | None:
    if "@" in concept:
        head, _, ent = concept.partition("@")
        if ent.isdigit():
            return ConceptFamily(head=head, entity_id=int(ent))
    from counterclaim.store.repository import concept_key

    return concept_family(concept_key(concept, None), ctx.lookup) or concept_family(concept, ctx.lookup)


NUMBER_LIMIT = 200  # figures shown (and checked for conflicts) per concept: the most recent


def numbers(session: Session, concept: str, *, family: ConceptFamily | None = None,
            ctx: _Context | None = None) -> dict[str, Any]:
    """All figures for a concept across articles, side by side, with conflicts flagged."""
    ctx = ctx or _Context(session)
    fam = family or _parse_family(ctx, concept)
    if fam is None:
        return {"concept": concept, "label": concept, "figures": [], "total": 0, "conflicting": False, "conflicts": []}
    from counterclaim.link.figures import HEAD_CLASSES

    words = [w for w, c in HEAD_CLASSES.items() if c == fam.head] or [fam.head]
    cond = or_(*[QuantityRow.concept_key.like(f"%{w}%") for w in words])
    # Match the family on plain columns, newest first, and show the NUMBER_LIMIT most recent in full:
    # a concept can have thousands of figures, and conflicts are checked pairwise among those shown.
    matched_ids = [
        r.id for r in session.execute(_figures_newest_first(select(QuantityRow.id, QuantityRow.concept_key).where(cond)))
        if (f := _family(ctx, r)) is not None and f.compatible(fam)
    ]
    shown = matched_ids[:NUMBER_LIMIT]
    qrows = list(session.scalars(select(QuantityRow).where(QuantityRow.id.in_(shown)))) if shown else []
    items = _figure_items(ctx, qrows)
    pairs = sorted({tuple(sorted((f["quantity_id"], o))) for f in items for o in f["conflicts_with"]})
    return {
        "concept": fam.key,
        "label": _family_label(ctx, fam),
        "figures": items,
        "total": len(matched_ids),
        "conflicting": bool(pairs),
        "conflicts": [list(p) for p in pairs],
    }


# ---------------------------------------------------------------- actors


def actors(session: Session, *, max_edges: int | None = None) -> dict[str, Any]:
    """Who disputes whom: A → B when A disputes a proposition B supports (entities, and sides).

    ``max_edges`` keeps the heaviest entity edges (and the nodes they touch); ``total_edges`` says
    how many there were. A large store's full graph has far more edges than anyone can read.
    """
    ctx = _Context(session)
    # Each proposition's distinct (speaker entity, side) pairs per side of it; weights count propositions.
    by_prop: dict[int, dict[str, set[tuple[int | None, str | None]]]] = defaultdict(lambda: defaultdict(set))
    side_of: dict[tuple[int | None, str | None], str | None] = {}
    group = _role_group()
    for pid, grp, eid, country in session.execute(
        select(ClaimLinkRow.proposition_id, group, StatementRow.speaker_entity_id, StatementRow.speaker_country)
        .join(StatementRow, StatementRow.id == ClaimLinkRow.statement_id)
        .where(group.in_(("supports", "disputes"))).distinct()
    ):
        if (eid, country) not in side_of:
            side_of[(eid, country)] = ctx.side(eid) or ctx.country(country)
        by_prop[pid][grp].add((eid, side_of[(eid, country)]))
    edges: dict[tuple[int, int], dict[str, Any]] = {}
    side_edges: dict[tuple[str, str], dict[str, Any]] = {}
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for pid, groups in by_prop.items():
        disputers, supporters = groups.get("disputes", set()), groups.get("supports", set())
        if not disputers or not supporters:
            continue
        for a in {e for e, _ in disputers if e is not None}:
            for b in {e for e, _ in supporters if e is not None}:
                if a != b:
                    e = edges.setdefault((a, b), {"source": f"e:{a}", "target": f"e:{b}", "weight": 0, "propositions": []})
                    e["weight"] += 1
                    e["propositions"].append(pid)
                    counts[a][0] += 1
                    counts[b][1] += 1
        for a_side in {s for _, s in disputers if s}:
            for b_side in {s for _, s in supporters if s}:
                if a_side != b_side:
                    se = side_edges.setdefault((a_side, b_side), {"source": f"s:{a_side}", "target": f"s:{b_side}",
                                                                  "weight": 0, "propositions": []})
                    se["weight"] += 1
                    se["propositions"].append(pid)
    edge_list = sorted(edges.values(), key=lambda e: (-e["weight"], e["source"], e["target"]))
    kept = edge_list if max_edges is None else edge_list[:max_edges]
    touched = {int(e[k][2:]) for e in kept for k in ("source", "target")}
    nodes = []
    for eid in sorted(counts):
        row = ctx.entities.get(eid)
        if row is None or eid not in touched:
            continue
        nodes.append({"id": f"e:{eid}", "entity_id": eid, "name": row.canonical, "type": row.type,
                      "side": ctx.side(eid), "disputes": counts[eid][0], "disputed": counts[eid][1]})
    side_names = sorted({s for k in side_edges for s in k})
    return {
        "nodes": nodes,
        "edges": kept,
        "total_edges": len(edge_list),
        "sides": {
            "nodes": [{"id": f"s:{s}", "name": s} for s in side_names],
            "edges": sorted(side_edges.values(), key=lambda e: (-e["weight"], e["source"], e["target"])),
        },
    }


# ---------------------------------------------------------------- entities


def _entity_summary(ctx: _Context, row: EntityRow, aliases: list[str], n_statements: int) -> dict[str, Any]:
    aff = ctx.entities.get(row.affiliation_id) if row.affiliation_id else None
    return {
        "id": row.id, "canonical": row.canonical, "type": row.type, "country": row.country,
        "side": ctx.side(row.id), "role": row.role,
        "affiliation": {"id": aff.id, "canonical": aff.canonical} if aff is not None else None,
        "aliases": aliases, "mentions": row.mention_count or 0, "statements": n_statements, "source": row.source,
    }


def list_entities(session: Session, *, type: str | None = None, q: str | None = None,
                  limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Entities, most mentioned and most quoted first; ``q`` matches any alias, ``type`` filters."""
    ctx = _Context(session)
    n_stmts = dict(session.execute(
        select(StatementRow.speaker_entity_id, func.count()).where(StatementRow.speaker_entity_id.isnot(None))
        .group_by(StatementRow.speaker_entity_id)).all())
    stmt = select(EntityRow)
    if type:
        stmt = stmt.where(EntityRow.type == type)
    if q:
        like = f"%{name_key(q) or q.lower()}%"
        ids = select(AliasRow.entity_id).where(AliasRow.key.like(like))
        stmt = stmt.where(or_(EntityRow.id.in_(ids), EntityRow.canonical.ilike(f"%{q}%")))
    rows = list(session.scalars(stmt))
    rows.sort(key=lambda r: (-(n_stmts.get(r.id, 0) * 3 + (r.mention_count or 0)), r.canonical.lower(), r.id))
    rows = rows[offset : offset + limit]
    aliases: dict[int, list[str]] = defaultdict(list)
    if rows:
        for eid, alias in session.execute(select(AliasRow.entity_id, AliasRow.alias)
                                          .where(AliasRow.entity_id.in_([r.id for r in rows])).order_by(AliasRow.id)):
            aliases[eid].append(alias)
    return [_entity_summary(ctx, r, aliases.get(r.id, []), n_stmts.get(r.id, 0)) for r in rows]


def get_entity(session: Session, entity_id: int, *, limit: int = 200) -> dict[str, Any] | None:
    """One entity: aliases, affiliation, its people, statements by it and statements about it."""
    ctx = _Context(session)
    row = ctx.entities.get(entity_id)
    if row is None:
        return None
    aliases = list(session.scalars(select(AliasRow.alias).where(AliasRow.entity_id == entity_id).order_by(AliasRow.id)))
    by = list(session.scalars(select(StatementRow).where(StatementRow.speaker_entity_id == entity_id)
                              .order_by(StatementRow.article_id, StatementRow.content_start).limit(limit)))
    about_ids = select(StatementRow.id).join(
        MentionRow,
        and_(MentionRow.article_id == StatementRow.article_id, MentionRow.start >= StatementRow.content_start,
             MentionRow.end <= StatementRow.content_end),
    ).where(MentionRow.entity_id == entity_id)
    about = list(session.scalars(select(StatementRow).where(StatementRow.id.in_(about_ids))
                                 .order_by(StatementRow.article_id, StatementRow.content_start).limit(limit)))
    links = {link.statement_id: link for link in session.scalars(
        select(ClaimLinkRow).where(ClaimLinkRow.statement_id.in_([s.id for s in by + about])))}
    ctx.articles({s.article_id for s in by + about})  # one query, not one per statement
    out = _entity_summary(ctx, row, aliases, len(by))
    out["members"] = [{"id": e.id, "canonical": e.canonical, "role": e.role}
                      for e in ctx.entities.values() if e.affiliation_id == entity_id]
    out["statements_by"] = [_statement_item(ctx, s, links.get(s.id)) for s in by]
    out["statements_about"] = [_statement_item(ctx, s, links.get(s.id)) for s in about]
    return out


# ---------------------------------------------------------------- stories


def _story_summary(ctx: _Context, row: StoryRow, n_props: int) -> dict[str, Any]:
    return {
        "id": row.id, "title": row.title, "first_date": row.first_date, "last_date": row.last_date,
        "n_articles": row.n_articles,
        "entities": [{"id": e, "canonical": ctx.name(e)} for e in (row.entity_ids or [])[:10] if ctx.name(e)],
        "propositions": n_props,
    }


def _story_prop_counts(session: Session, story_ids: list[int]) -> dict[int, int]:
    """Distinct propositions per story, for the listed stories only."""
    if not story_ids:
        return {}
    return dict(session.execute(
        select(ArticleRow.story_id, func.count(func.distinct(ClaimLinkRow.proposition_id)))
        .join(ClaimLinkRow, ClaimLinkRow.article_id == ArticleRow.id)
        .where(ArticleRow.story_id.in_(story_ids)).group_by(ArticleRow.story_id)).all())


def list_stories(session: Session, *, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    """Stories, largest and most recent first."""
    ctx = _Context(session)
    rows = list(session.scalars(select(StoryRow).order_by(StoryRow.n_articles.desc(), StoryRow.last_date.desc(),
                                                          StoryRow.id).limit(limit).offset(offset)))
    counts = _story_prop_counts(session, [r.id for r in rows])
    return [_story_summary(ctx, r, counts.get(r.id, 0)) for r in rows]


STORY_PROPOSITIONS = 30  # a story page lists its most contested propositions, not all of them


def get_story(session: Session, story_id: int) -> dict[str, Any] | None:
    """One story: its articles (with copy counts) and its most contested propositions."""
    row = session.get(StoryRow, story_id)
    if row is None:
        return None
    ctx = _Context(session)
    art_ids = list(session.scalars(select(ArticleRow.id).where(ArticleRow.story_id == story_id)
                                   .order_by(ArticleRow.published, ArticleRow.id)))
    arts = ctx.articles(art_ids)
    in_story = select(ClaimLinkRow.proposition_id).where(ClaimLinkRow.article_id.in_(art_ids)).distinct()
    n_props = session.scalar(select(func.count()).select_from(in_story.subquery())) or 0
    props = list(session.scalars(select(PropositionRow).where(PropositionRow.id.in_(in_story))
                                 .order_by(*_most_contested_first(session)).limit(STORY_PROPOSITIONS)))
    summaries = _summaries(ctx, props)
    out = _story_summary(ctx, row, n_props)
    out["articles"] = [{k: arts[a][k] for k in ("id", "title", "published", "publisher", "copies", "source", "url")}
                       for a in art_ids if a in arts]
    out["proposition_items"] = summaries
    return out
