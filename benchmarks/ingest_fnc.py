"""Ingest and link a real corpus: the 1,683 FNC-1 training bodies into a fresh SQLite store.

FNC-1 bodies are real news texts (2015–2016, many on the same rumours), so this is the first run of
the whole pipeline at corpus scale: clean → analyse → store → link. The bodies are read from
``../shared/eval/stance/fnc1/train_bodies.csv`` at run time and fed through the ordinary JSONL
source (one temporary file, deleted afterwards), never copied into the project.

It prints articles/s over the whole ingest, the ledger-link time on its own (the ``link_new``
stage, timed by wrapping it), and the peak memory (``ru_maxrss``, the process high-water mark,
which includes the loaded models) plus the Python-heap peak seen by ``tracemalloc`` when
``--tracemalloc`` is given (it slows the run by about 2x, so it is off by default).

    nice -n 10 python benchmarks/ingest_fnc.py                 # all bodies → ./fnc.db
    nice -n 10 python benchmarks/ingest_fnc.py --limit 200 --db /tmp/fnc200.db
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BODIES = (ROOT / ".." / "shared" / "eval" / "stance" / "fnc1" / "train_bodies.csv").resolve()


def write_jsonl(src: Path, dst: Path, limit: int | None) -> int:
    """Bodies → one JSONL record per body (``{"id", "text"}``); returns how many were written."""
    csv.field_size_limit(sys.maxsize)
    n = 0
    with src.open(encoding="utf-8", newline="") as fh, dst.open("w", encoding="utf-8") as out:
        for row in csv.DictReader(fh):
            if limit is not None and n >= limit:
                break
            out.write(json.dumps({"id": row["Body ID"], "text": row["articleBody"]}) + "\n")
            n += 1
    return n


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", default="fnc.db", help="SQLite file to create (removed first if present)")
    ap.add_argument("--limit", type=int, default=None, help="ingest only the first N bodies")
    ap.add_argument("--bodies", default=str(BODIES), help="train_bodies.csv")
    ap.add_argument("--tracemalloc", action="store_true", help="also report the Python-heap peak (slower)")
    ap.add_argument("--relink", action="store_true",
                    help="keep the analysed articles of --db, drop the ledger and link them again (link code only)")
    args = ap.parse_args(argv)
    if args.relink:
        return relink(Path(args.db))

    from counterclaim import pipeline
    from counterclaim.store import Store

    src = Path(args.bodies)
    if not src.is_file():
        print(f"not found: {src}", file=sys.stderr)
        return 2
    db = Path(args.db)
    db.unlink(missing_ok=True)

    link_seconds = 0.0
    original_link = pipeline.link_new

    def timed_link(store: object, ids: list[int], **kwargs: Any) -> None:
        nonlocal link_seconds
        t = time.perf_counter()
        original_link(store, ids, **kwargs)
        link_seconds += time.perf_counter() - t

    pipeline.link_new = timed_link  # type: ignore[assignment]
    with tempfile.TemporaryDirectory() as tmp:
        jsonl = Path(tmp) / "fnc_bodies.jsonl"
        n = write_jsonl(src, jsonl, args.limit)
        if args.tracemalloc:
            tracemalloc.start()
        store = Store(str(db))
        t0 = time.perf_counter()
        outcomes = pipeline.ingest([str(jsonl)], store)
        total = time.perf_counter() - t0
        heap_peak = tracemalloc.get_traced_memory()[1] if args.tracemalloc else None
        store.close()
    pipeline.link_new = original_link  # type: ignore[assignment]

    from collections import Counter

    status = Counter(o.status for o in outcomes)
    ingested = status.get("ingested", 0)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
    print(f"bodies read        {n}")
    print(f"outcomes           {dict(status)}")
    print(f"total time         {total:.1f} s  ({n / total:.2f} bodies/s, {ingested / total:.2f} stored articles/s)")
    print(f"link time          {link_seconds:.1f} s  ({ingested / max(link_seconds, 1e-9):.1f} articles/s linked)")
    print(f"analyse+store time {total - link_seconds:.1f} s")
    print(f"peak RSS           {rss_mb:.0f} MB")
    if heap_peak is not None:
        print(f"peak Python heap   {heap_peak / 2**20:.0f} MB (tracemalloc)")
    print(f"store              {db} ({db.stat().st_size / 2**20:.1f} MB)")
    return 0


def relink(db: Path) -> int:
    """Drop every ledger row of an ingested store and link all its articles again, timed.

    Analysis (the slow part) is kept, so a change to ``counterclaim/link`` can be measured on the
    real corpus in minutes instead of a full re-ingest.
    """
    from sqlalchemy import delete, select, update

    from counterclaim.link import update_ledger
    from counterclaim.store import Store
    from counterclaim.store.ledger_schema import ClaimLinkRow, LearnedNameRow, PropositionRow, StoryRow
    from counterclaim.store.models import (
        AliasRow,
        ArticleRow,
        EntityRow,
        MentionRow,
        QuantityRow,
        StatementRow,
    )

    if not db.is_file():
        print(f"not found: {db}", file=sys.stderr)
        return 2
    store = Store(str(db))
    with store.session() as session:
        for table in (ClaimLinkRow, PropositionRow, LearnedNameRow):
            session.execute(delete(table))
        session.execute(update(ArticleRow).values(story_id=None))
        session.execute(delete(StoryRow))
        session.execute(update(StatementRow).values(proposition_id=None, speaker_entity_id=None))
        session.execute(update(QuantityRow).values(proposition_id=None))
        session.execute(update(MentionRow).values(entity_id=None))
        session.execute(delete(AliasRow))
        session.execute(update(EntityRow).values(affiliation_id=None))
        session.execute(delete(EntityRow))
        ids = list(session.scalars(select(ArticleRow.id).order_by(ArticleRow.id)))
    t = time.perf_counter()
    update_ledger(store, ids)
    seconds = time.perf_counter() - t
    store.close()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"relinked {len(ids)} articles in {seconds:.1f} s ({len(ids) / seconds:.1f} articles/s), peak RSS {rss_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
