#!/usr/bin/env python3
"""How fast ``extract`` analyses articles: tokens/s and articles/s over the PolNeAR dev texts.

    .venv/bin/python benchmarks/extract_speed.py [--data DIR] [--limit N] [--processes 1 2]

Runs the full analysis (base model + counterclaim components + conversion to ``Analysis``) once in
one process and once with two worker processes, each with its own pipeline. Model loading is timed apart, because a
long-running ``extract`` pays it once. The texts are read from ../shared at run time.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT / ".." / "shared" / "eval" / "quotes" / "polnear" / "data" / "dev" / "text"


def _work(paths: list[Path], batch_size: int) -> tuple[int, int, float, float]:
    """One worker: load the pipeline, analyse its share; (tokens, statements, seconds, load seconds)."""
    from counterclaim.analyse.convert import doc_to_analysis, make_doc
    from counterclaim.analyse.nlp import load_nlp
    from counterclaim.clean import clean_text

    t0 = time.perf_counter()
    nlp = load_nlp()
    load_s = time.perf_counter() - t0
    t1 = time.perf_counter()
    articles = [clean_text(p.read_text(encoding="utf-8"), source=str(p)) for p in paths]
    items = ((make_doc(nlp, a), a) for a in articles)
    tokens = statements = 0
    for doc, article in nlp.pipe(items, as_tuples=True, batch_size=batch_size):
        analysis = doc_to_analysis(doc, article)
        tokens += len(doc)
        statements += len(analysis.statements)
    return tokens, statements, time.perf_counter() - t1, load_s


def run(paths: list[Path], n_process: int, batch_size: int) -> dict[str, float]:
    """Analyse ``paths`` with ``n_process`` worker processes, each with its own pipeline.

    spaCy's own ``n_process`` ships Docs between processes as bytes, which our Doc extensions
    (typed Python objects) cannot be; a process pool over shards of the input is what a parallel
    ``extract`` would do anyway. The time is the slowest worker's analysis time, loading apart.
    """
    shards = [paths[i::n_process] for i in range(n_process)]
    if n_process == 1:
        results = [_work(shards[0], batch_size)]
    else:
        # spawn, so each worker loads its own pipeline instead of inheriting the one-process run's
        with ProcessPoolExecutor(n_process, mp_context=multiprocessing.get_context("spawn")) as pool:
            results = list(pool.map(_work, shards, [batch_size] * n_process))
    tokens = sum(r[0] for r in results)
    statements = sum(r[1] for r in results)
    secs = max(r[2] for r in results)
    return {
        "processes": n_process,
        "articles": len(paths),
        "tokens": tokens,
        "statements": statements,
        "seconds": round(secs, 2),
        "load_seconds": round(max(r[3] for r in results), 2),
        "tokens_per_s": round(tokens / secs, 1),
        "articles_per_s": round(len(paths) / secs, 2),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT, help="a folder of .txt articles")
    ap.add_argument("--limit", type=int, default=0, help="use only the first N articles")
    ap.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--batch-size", type=int, default=16)
    args = ap.parse_args()
    paths = sorted(args.data.glob("*.txt"))
    if args.limit:
        paths = paths[: args.limit]
    if not paths:
        sys.exit(f"extract_speed.py: no .txt files in {args.data}")
    for n in args.processes:
        result = run(paths, n, args.batch_size)
        print(
            f"{n} process(es): {result['tokens_per_s']:.0f} tokens/s, {result['articles_per_s']:.2f} articles/s "
            f"({result['articles']} articles, {result['tokens']} tokens, {result['seconds']} s; model load {result['load_seconds']} s)"
        )
        print(json.dumps(result))


if __name__ == "__main__":
    main()
