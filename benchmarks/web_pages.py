"""Server time per workbench page on a store of 10,000 synthetic articles: p50 and p95 per page.

The store is filled directly through the ORM tables (Core bulk inserts, seeded RNG), not through
spaCy, so it takes about a minute: 10,000 articles from 40 publishers, ~10 statements and ~4 figures
each, mentions, 600 entities with aliases, ~3,000 propositions with claim links (sized as
1/sqrt(rank), so the largest has ~1% of the links, as in a real ingest), ~900 stories sized the
same way, and 5% syndicated copies. The FTS index is filled by the triggers of the ``0003_search``
migration, as in real use.

Each page is requested REPEAT times with varying ids/pages through FastAPI's TestClient (in-process,
so the time is the server's: routing, queries, templates), after one warm-up request.

    python benchmarks/web_pages.py                 # 10,000 articles, a temporary SQLite file
    python benchmarks/web_pages.py 2000 --keep x.db
"""

from __future__ import annotations

import argparse
import itertools
import math
import random
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from sqlalchemy import insert

from counterclaim.store import Store
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
from counterclaim.store.repository import concept_key

REPEAT = 20
TARGET_MS = 300
SIDES = ["Russia", "United States", "Syria", "Turkey", "Iraq", "Iran"]
FIRST = ["Anna", "Boris", "Carla", "Dmitri", "Elif", "Farid", "Greta", "Hassan", "Ines", "Jonas", "Karim", "Lena",
         "Marek", "Nadia", "Omar", "Petra", "Rami", "Sofia", "Tomas", "Yusuf"]
LAST = ["Aydin", "Brenner", "Castillo", "Dimitrov", "Ekholm", "Farouk", "Grimaldi", "Haddad", "Ivanova", "Jansen",
        "Kowalski", "Lindqvist", "Moreau", "Novak", "Okafor", "Petrov", "Quint", "Rahimi", "Sato", "Tanaka"]
ORGS = ["Defence Ministry", "Foreign Ministry", "Coalition Command", "Observatory", "Interior Ministry",
        "Border Agency", "Red Crescent", "Security Council office", "Army Command", "Press Office"]
PLACES = ["Hajin", "Raqqa", "Deir el-Zour", "Al-Tanf", "Mosul", "Idlib", "Palmyra", "Manbij", "Kobani", "Homs"]
CONCEPTS = ["fighters", "militants", "hostages", "civilians killed", "displaced people", "soldiers", "detainees",
            "families", "deaths", "refugees"]
CUES = [("said", "asserts"), ("claimed", "asserts"), ("denied", "disputes"), ("rejected", "disputes"),
        ("reported", "reports"), ("acknowledged", "concedes"), ("suggested", "hedges")]
CLAIMS = ["the attack on the camp was carried out by {p}", "the convoy near {pl} was hit by an airstrike",
          "{n} {c} remain in {pl}", "the ceasefire around {pl} is holding", "the base at {pl} is used to train militants",
          "aid deliveries to {pl} were blocked", "the operation in {pl} has ended", "the hostages were moved to {pl}"]
FILLER = ["Residents described a tense week.", "The statement could not be independently verified.",
          "Fighting has continued in the area for months.", "Officials gave no further details.",
          "Journalists were not allowed into the town."]


def build(db: str, n_articles: int, seed: int = 7) -> None:
    """Fill ``db`` with the synthetic corpus (see the module docstring)."""
    rng = random.Random(seed)
    store = Store(db)
    with store.session() as session:
        ent_rows: list[dict[str, Any]] = []
        alias_rows: list[dict[str, Any]] = []
        base_id = 10_000  # clear of the entities the ledger migration seeds
        orgs = []
        for i, (side, org) in enumerate((s, o) for s in SIDES for o in ORGS):
            eid = base_id + i
            name = f"{side} {org}"
            orgs.append((eid, name, side))
            ent_rows.append({"id": eid, "canonical": name, "type": "organisation", "country": side, "mention_count": 0})
            alias_rows.append({"entity_id": eid, "alias": name, "key": name.lower()})
        people = []
        for i in range(540):
            eid = base_id + 1000 + i
            name = f"{FIRST[i % 20]} {LAST[(i // 20) % 20]}{'' if i < 400 else ' Jr'}"
            org = orgs[i % len(orgs)]
            people.append((eid, name, org))
            ent_rows.append({"id": eid, "canonical": name, "type": "person", "affiliation_id": org[0],
                             "role": "spokesperson", "mention_count": 0})
            alias_rows.append({"entity_id": eid, "alias": name, "key": name.lower()})
            alias_rows.append({"entity_id": eid, "alias": name.split()[-1] + f" #{i}", "key": f"{name.lower()} #{i}"})
        session.execute(insert(EntityRow), ent_rows)
        session.execute(insert(AliasRow), alias_rows)

        n_props = max(10, n_articles * 3 // 10)
        # Proposition sizes fall with rank as 1/sqrt(rank): the largest holds ~1% of the claim links,
        # as in a real ingest (the 1,683 FNC-1 bodies: largest proposition 110 of 15,568 links, 0.7%).
        prop_weights = list(itertools.accumulate(1 / math.sqrt(r) for r in range(1, n_props + 1)))

        def pick_prop() -> int:
            return rng.choices(range(1, n_props + 1), cum_weights=prop_weights)[0]

        props = [{"id": i + 1, "canonical": CLAIMS[i % len(CLAIMS)].format(
            p=rng.choice(people)[1], pl=rng.choice(PLACES), n=rng.randint(10, 9000), c=rng.choice(CONCEPTS)),
            "n_members": 0, "support_sources": 0, "dispute_sources": 0} for i in range(n_props)]
        n_stories = max(5, n_articles * 9 // 100)
        stories = [{"id": i + 1, "title": f"Story about {rng.choice(PLACES)} ({i + 1})", "n_articles": 0,
                    "entity_ids": [rng.choice(people)[0], rng.choice(orgs)[0]]} for i in range(n_stories)]
        story_dates: dict[int, list[str]] = defaultdict(list)
        # The same shape for stories (the FNC-1 ingest: largest story 46 of 1,607 articles, 2.9%).
        story_weights = list(itertools.accumulate(1 / math.sqrt(r) for r in range(1, n_stories + 1)))

        def pick_story() -> int:
            return rng.choices(range(1, n_stories + 1), cum_weights=story_weights)[0]

        prop_members: dict[int, list[tuple[int, str, str | None]]] = defaultdict(list)

        articles, appearances, statements, quantities, mentions, links = [], [], [], [], [], []
        sid = qid = mid = 0
        publishers = [f"Publisher {i} News" for i in range(40)]
        for aid in range(1, n_articles + 1):
            published = None if rng.random() < 0.05 else (
                f"{rng.randint(2017, 2020)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")
            publisher = None if rng.random() < 0.03 else rng.choice(publishers)
            story = pick_story() if rng.random() < 0.8 else None
            parts: list[str] = []
            pos = 0
            boiler = []
            if rng.random() < 0.3:
                parts.append("Accessibility links\n\nBreaking News\n\n")
                boiler.append([0, len(parts[0])])
                pos = len(parts[0])
            title = f"{rng.choice(PLACES)}: {rng.choice(['clashes', 'claims', 'figures', 'talks'])} #{aid}"
            parts.append(title + "\n\n")
            pos += len(title) + 2
            sentences = []
            for _ in range(rng.randint(12, 22)):
                kind = rng.random()
                if kind < 0.55:
                    who = rng.choice(people)
                    cue, stance = rng.choice(CUES)
                    named = rng.random() < 0.75
                    speaker = who[1] if named else f"{who[2][2]} officials"
                    claim = CLAIMS[rng.randrange(len(CLAIMS))].format(
                        p=rng.choice(people)[1], pl=rng.choice(PLACES), n=rng.randint(10, 9000), c=rng.choice(CONCEPTS))
                    sent = f"{speaker} {cue} that {claim}."
                    s0 = pos
                    sid += 1
                    c0 = s0 + len(speaker) + len(cue) + 7
                    statements.append({
                        "id": sid, "article_id": aid, "content_start": c0, "content_end": c0 + len(claim),
                        "content": claim, "kind": "indirect", "stance": stance, "cue": cue,
                        "cue_start": s0 + len(speaker) + 1, "cue_end": s0 + len(speaker) + 1 + len(cue), "cue_lemma": cue,
                        "speaker": speaker, "speaker_start": s0, "speaker_end": s0 + len(speaker),
                        "speaker_name": who[1] if named else None, "speaker_kind": "person" if named else "group",
                        "speaker_named": named, "speaker_entity_id": who[0] if named else who[2][0],
                        "speaker_country": who[2][2], "sentence_start": s0, "sentence_end": s0 + len(sent)})
                    if named:
                        mid += 1
                        mentions.append({"id": mid, "article_id": aid, "start": s0, "end": s0 + len(speaker),
                                         "text": speaker, "label": "PERSON", "canonical": who[1], "entity_id": who[0]})
                    if rng.random() < 0.5:
                        pid = pick_prop()
                        role = {"asserts": "supports", "hedges": "hedges", "concedes": "concedes"}.get(
                            stance, "disputes" if stance == "disputes" else "reports")
                        links.append({"proposition_id": pid, "statement_id": sid, "article_id": aid, "role": role,
                                      "method": "similar", "score": 0.8, "side": who[2][2]})
                        statements[-1]["proposition_id"] = pid
                        prop_members[pid].append((aid, role, published))
                elif kind < 0.8:
                    n = rng.randint(5, 40000)
                    concept = rng.choice(CONCEPTS)
                    qual = rng.choice(["=", "~", "<", ">"])
                    words = {"=": "", "~": "about ", "<": "fewer than ", ">": "more than "}[qual]
                    if rng.random() < 0.2:
                        qtext = f"{n:,} to {n + rng.randint(10, 5000):,} {concept}"
                        low, high, value = float(n), float(n + 1), None
                    else:
                        qtext = f"{words}{n:,} {concept}"
                        low = high = None
                        value = float(n)
                    place = rng.choice(PLACES)
                    sent = f"There are {qtext} in {place}, according to estimates."
                    s0 = pos
                    qid += 1
                    q0 = s0 + 10
                    quantities.append({
                        "id": qid, "article_id": aid, "start": q0, "end": q0 + len(qtext), "text": qtext, "value": value,
                        "low": low, "high": high, "qualifier": qual, "unit": concept.split()[0], "concept": concept,
                        "concept_key": concept_key(concept, None), "vague": False, "place": f"in {place}",
                        "sentence_start": s0, "sentence_end": s0 + len(sent),
                        "proposition_id": pick_prop() if rng.random() < 0.2 else None})
                else:
                    sent = rng.choice(FILLER)
                sentences.append([pos, pos + len(sent)])
                parts.append(sent + (" " if rng.random() < 0.6 else "\n\n"))
                pos += len(parts[-1])
            text = "".join(parts)
            articles.append({"id": aid, "content_hash": f"{aid:064x}", "source": f"synthetic/{aid}.txt", "kind": "text",
                             "url": f"https://news.example/{aid}", "title": title, "published": published,
                             "date_confidence": "high" if published else None, "publisher": publisher, "language": "en",
                             "text": text, "boilerplate": boiler, "sentences": sentences, "story_id": story})
            appearances.append({"article_id": aid, "source": f"synthetic/{aid}.txt", "publisher": publisher,
                                "published": published, "title": title, "relation": "original",
                                "content_hash": f"{aid:064x}"})
            if rng.random() < 0.05:
                appearances.append({"article_id": aid, "source": f"synthetic/{aid}-copy.txt",
                                    "publisher": rng.choice(publishers), "published": published, "title": title,
                                    "relation": "near", "content_hash": f"{aid:063x}c"})
            if story:
                stories[story - 1]["n_articles"] += 1
                if published:
                    story_dates[story].append(published)
        for pid, members in prop_members.items():
            p = props[pid - 1]
            p["n_members"] = len(members)
            p["support_sources"] = len({a for a, r, _ in members if r in ("supports", "hedges", "concedes")})
            p["dispute_sources"] = len({a for a, r, _ in members if r == "disputes"})
            dates = sorted(d for _, _, d in members if d)
            p["first_date"], p["last_date"] = (dates[0], dates[-1]) if dates else (None, None)
            p["first_article_id"] = members[0][0]
        for story_id, dates in story_dates.items():
            dates.sort()
            stories[story_id - 1]["first_date"], stories[story_id - 1]["last_date"] = dates[0], dates[-1]
        for table, rows in ((ArticleRow, articles), (AppearanceRow, appearances), (StatementRow, statements),
                            (QuantityRow, quantities), (MentionRow, mentions), (PropositionRow, props),
                            (ClaimLinkRow, links), (StoryRow, stories)):
            for i in range(0, len(rows), 2000):
                session.execute(insert(table), rows[i : i + 2000])
        print(f"filled: {len(articles):,} articles, {len(statements):,} statements, {len(quantities):,} figures, "
              f"{len(mentions):,} mentions, {len(ent_rows):,} entities, {len(props):,} propositions, "
              f"{len(links):,} claim links, {len(stories):,} stories", file=sys.stderr)
    store.close()


def pages(n_articles: int, n_props: int, n_stories: int, rng: random.Random) -> dict[str, Any]:
    """Page name → a function of the repetition index giving the URL (ids and pages vary)."""
    concepts = ["fighter", "hostage", "refugee", "soldier", "detainee", "death"]
    return {
        "dashboard": lambda i: "/",
        "propositions": lambda i: f"/propositions?page={rng.randint(1, max(1, n_props // 25))}",
        "proposition": lambda i: f"/propositions/{1 + i if i < 5 else rng.randint(1, n_props)}",
        "stories": lambda i: f"/stories?page={rng.randint(1, max(1, n_stories // 30))}",
        "story": lambda i: f"/stories/{1 + i if i < 5 else rng.randint(1, n_stories)}",
        "numbers": lambda i: "/numbers",
        "number": lambda i: f"/numbers/{concepts[i % len(concepts)]}",
        "actors": lambda i: "/actors",
        "entities": lambda i: f"/entities?page={rng.randint(1, 10)}",
        "entity": lambda i: f"/entities/{10_000 + 1000 + rng.randint(0, 539)}",
        "articles": lambda i: f"/articles?page={rng.randint(1, n_articles // 25)}",
        "article": lambda i: f"/articles/{rng.randint(1, n_articles)}",
        "sources": lambda i: "/sources",
        "search": lambda i: f"/search?q={rng.choice([*PLACES, 'hostages moved', 'airstrike convoy', 'ceasefire'])}",
        "ingest": lambda i: "/ingest",
        "api:proposition": lambda i: f"/api/propositions/{rng.randint(1, n_props)}",
        "api:article": lambda i: f"/api/articles/{rng.randint(1, n_articles)}",
    }


def measure(db: str, n_articles: int, repeat: int) -> list[tuple[str, float, float, float]]:
    from fastapi.testclient import TestClient

    from counterclaim.web import create_app

    store = Store(db)
    client = TestClient(create_app(store))
    rng = random.Random(11)
    n_props = max(10, n_articles * 3 // 10)
    n_stories = max(5, n_articles * 9 // 100)
    results = []
    for name, url_for in pages(n_articles, n_props, n_stories, rng).items():
        first = client.get(url_for(0))  # warm-up (and a check that the page works)
        if first.status_code != 200:
            raise SystemExit(f"{name}: {url_for(0)} returned {first.status_code}: {first.text[:300]}")
        times = []
        for i in range(repeat):
            url = url_for(i)
            t0 = time.perf_counter()
            r = client.get(url)
            times.append((time.perf_counter() - t0) * 1000)
            if r.status_code not in (200, 404):
                raise SystemExit(f"{name}: {url} returned {r.status_code}")
        times.sort()
        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        results.append((name, statistics.median(times), p95, max(times)))
        print(f"  {name}: p50 {results[-1][1]:.1f} ms, p95 {p95:.1f} ms", file=sys.stderr, flush=True)
    store.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("articles", nargs="?", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=REPEAT)
    parser.add_argument("--keep", help="build (or reuse) the store at this path instead of a temporary file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.keep or str(Path(tmp) / "web_bench.db")
        if not Path(db).exists():
            t0 = time.perf_counter()
            build(db, args.articles)
            print(f"built in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
        results = measure(db, args.articles, args.repeat)
    print(f"{'page':<18}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
    for name, p50, p95, worst in results:
        flag = "" if p95 < TARGET_MS else f"  over {TARGET_MS} ms"
        print(f"{name:<18}{p50:>9.1f}{p95:>9.1f}{worst:>9.1f}{flag}")


if __name__ == "__main__":
    main()
