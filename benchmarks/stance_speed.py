#!/usr/bin/env python3
"""Throughput of stance and same-story similarity, in pairs per second.

Stance runs on the FNC-1 hold-out split (9,622 pairs over 337 bodies) and similarity on the
SemEval-2022 task 8 English sample, both read from ../shared at run time. ``--cli`` also times
``counterclaim stance --jsonl`` and ``counterclaim similarity --jsonl`` end to end, process start included (the speed target is under two
minutes for the whole hold-out split on 2 cores).

    .venv/bin/python benchmarks/stance_speed.py [--limit N] [--cli]
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"


def holdout_pairs(limit: int | None) -> list[tuple[str, str]]:
    fnc = EVAL / "stance" / "fnc1"
    with open(fnc / "train_bodies.csv", newline="", encoding="utf-8") as f:
        bodies = {r["Body ID"]: r["articleBody"] for r in csv.DictReader(f)}
    hold = set((fnc / "splits" / "hold_out_ids.txt").read_text().split())
    with open(fnc / "train_stances.csv", newline="", encoding="utf-8") as f:
        pairs = [(r["Headline"], bodies[r["Body ID"]]) for r in csv.DictReader(f) if r["Body ID"] in hold]
    return pairs[:limit] if limit else pairs


def similarity_pairs() -> list[tuple[str, str]]:
    path = EVAL / "clustering" / "semeval2022_task8_en_sample" / "train_en-en.jsonl"
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    return [(r["text1"], r["text2"]) for r in rows]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=None, help="stance pairs to time (default: all 9,622)")
    ap.add_argument("--cli", action="store_true", help="also time the stance and similarity commands end to end")
    args = ap.parse_args()
    if not EVAL.exists():
        sys.exit(f"no evaluation data at {EVAL}")

    from counterclaim.embeddings import load_model
    from counterclaim.link.similarity import embed_documents, similarity_batch, story_similarity
    from counterclaim.link.stance import load_stance_model, predict_stance

    t = time.perf_counter()
    load_model()
    load_stance_model()
    print(f"model load: {time.perf_counter() - t:.2f}s")

    pairs = holdout_pairs(args.limit)
    t = time.perf_counter()
    predict_stance(pairs)
    dt = time.perf_counter() - t
    print(f"stance: {len(pairs)} pairs in {dt:.1f}s = {len(pairs) / dt:.0f} pairs/s")

    sim = similarity_pairs()
    t = time.perf_counter()
    similarity_batch(sim)
    dt = time.perf_counter() - t
    print(f"similarity (full): {len(sim)} pairs in {dt:.2f}s = {len(sim) / dt:.0f} pairs/s")

    docs = [a for a, _ in sim] + [b for _, b in sim]
    t = time.perf_counter()
    vectors = embed_documents(docs)
    matrix = story_similarity(vectors)
    dt = time.perf_counter() - t
    print(f"similarity (fast, embed + all pairs): {matrix.size} pairs in {dt:.2f}s = {matrix.size / dt:.0f} pairs/s")

    if args.cli:
        data = "".join(json.dumps({"id": str(i), "claim": c, "text": x}) + "\n" for i, (c, x) in enumerate(pairs))
        t = time.perf_counter()
        proc = subprocess.run(
            [str(ROOT / ".venv" / "bin" / "counterclaim"), "stance", "--jsonl"],
            input=data, capture_output=True, text=True, check=True,
        )
        dt = time.perf_counter() - t
        lines = len(proc.stdout.splitlines())
        print(f"stance CLI end to end: {lines} pairs in {dt:.1f}s = {lines / dt:.0f} pairs/s")

        data = "".join(json.dumps({"id": str(i), "a": a, "b": b}) + "\n" for i, (a, b) in enumerate(sim))
        t = time.perf_counter()
        proc = subprocess.run(
            [str(ROOT / ".venv" / "bin" / "counterclaim"), "similarity", "--jsonl"],
            input=data, capture_output=True, text=True, check=True,
        )
        dt = time.perf_counter() - t
        lines = len(proc.stdout.splitlines())
        print(f"similarity CLI end to end: {lines} pairs in {dt:.1f}s = {lines / dt:.0f} pairs/s")


if __name__ == "__main__":
    main()
