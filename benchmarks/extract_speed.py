#!/usr/bin/env python3
"""How fast ``extract`` analyses articles: tokens/s and articles/s over the PolNeAR dev texts.

    .venv/bin/python benchmarks/extract_speed.py [--data DIR] [--limit N] [--processes 1 2]

Runs the full analysis (base model + counterclaim components + conversion to ``Analysis``) once in
one process and once with ``nlp.pipe(n_process=2)``. Model loading is timed apart, because a
long-running ``extract`` pays it once. The texts are read from ../shared at run time.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT / ".." / "shared" / "eval" / "quotes" / "polnear" / "data" / "dev" / "text"


def run(paths: list[Path], n_process: int, batch_size: int) -> dict[str, float]:
    from counterclaim.analyse.convert import doc_to_analysis, make_doc
    from counterclaim.analyse.nlp import load_nlp
    from counterclaim.clean import clean_text

    t0 = time.perf_counter()
    nlp = load_nlp()
    load_s = time.perf_counter() - t0
    articles = [clean_text(p.read_text(encoding="utf-8"), source=str(p)) for p in paths]
    items = ((make_doc(nlp, a), a) for a in articles)
    tokens = statements = 0
    t1 = time.perf_counter()
    for doc, article in nlp.pipe(items, as_tuples=True, batch_size=batch_size, n_process=n_process):
        analysis = doc_to_analysis(doc, article)
        tokens += len(doc)
        statements += len(analysis.statements)
    secs = time.perf_counter() - t1
    return {
        "processes": n_process,
        "articles": len(articles),
        "tokens": tokens,
        "statements": statements,
        "seconds": round(secs, 2),
        "load_seconds": round(load_s, 2),
        "tokens_per_s": round(tokens / secs, 1),
        "articles_per_s": round(len(articles) / secs, 2),
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
