#!/usr/bin/env python3
"""Run extract over all of PolNeAR train, with the tagger's out-of-fold probabilities, and score it.

    .venv/bin/python scripts/train_tagger.py --docbin /tmp/polnear-train.spacy --oof /tmp/tagger-oof.npz  # once
    .venv/bin/python scripts/check_on_train.py --oof /tmp/tagger-oof.npz --out /tmp/train.jsonl

Dev has 2,192 gold statements, so a rule about who the speaker is moves it by one or two and cannot
be told from noise there. Train has 19,832. The shipped tagger learnt from train, so its
probabilities there would flatter every rule that reads them; the out-of-fold ones were each
computed by a fold tagger that never saw the article. The detector and boundary model are in-sample
here, so content scores run a little high, but who the speaker of a selected statement is depends
on them little. The speaker arbiter, though, learnt on train's fitting articles which of two
speakers to take, so compare a speaker rule with the arbiter rebuilt on top of it
(``train_speaker_arbiter.py --cache``), and read the tuning slice's articles, which it never saw. A
rule is worth keeping when it gains here and loses on neither dev nor the tuning slice
(``tuning_slice.py``).

The texts and annotations stay in ``../shared``; ``--out`` (keep it outside the repository) holds
the extract records, one per line, for error analysis.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import numpy as np
from train_attribution import TRAIN  # the script's own directory is on the path

SCORER = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score.py"


@contextmanager
def out_of_fold(oof: str) -> Iterator[dict[str, str]]:
    """While inside, the tagger answers every doc from the out-of-fold array of the file named in
    the yielded dict's "name" (set it before each file: files go through one at a time, so the
    array is always the right one)."""
    import counterclaim.analyse.tagger as tagger

    with np.load(oof) as z:
        by_name = {str(name): z[f"p{i}"] for i, name in enumerate(z["names"])}
    current: dict[str, str] = {}
    shipped = tagger.Tagger.probabilities

    def probabilities(self, doc, quotes):
        probs = by_name.get(current.get("name", ""))
        if probs is None or probs.shape[0] != len(doc):
            raise SystemExit(f"{oof} was computed on another parse of {current.get('name')}: rerun train_tagger.py --oof")
        return probs.astype(np.float32)

    tagger.Tagger.probabilities = probabilities
    try:
        yield current
    finally:
        tagger.Tagger.probabilities = shipped


def _extract_shard(args: tuple[list[str], str]) -> list[dict]:
    """Extract records for some train files, the tagger answering from the out-of-fold arrays."""
    files, oof = args
    from counterclaim.pipeline import extract_records

    records = []
    with out_of_fold(oof) as current:
        for path in files:
            current["name"] = Path(path).stem
            records.extend(extract_records([path]))
    return records


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--oof", type=Path, required=True, help="out-of-fold tagger probabilities (train_tagger.py --oof)")
    ap.add_argument("--out", type=Path, required=True, help="where to write the extract records (JSON lines)")
    ap.add_argument("--train", type=Path, default=TRAIN, help="PolNeAR train split")
    ap.add_argument("--processes", type=int, default=2)
    args = ap.parse_args()
    if not (args.train / "text").is_dir():
        raise SystemExit(f"no PolNeAR train split at {args.train}: pass --train")
    args.train = args.train.resolve()
    if not SCORER.exists():
        raise SystemExit(f"no scorer at {SCORER}: ../shared must sit beside the checkout")
    annotated = {a.name.rsplit("_", 1)[0] for a in (args.train / "attributions").glob("*.ann")}
    files = [str(t) for t in sorted((args.train / "text").glob("*.txt")) if t.stem in annotated]
    shards = [(files[i :: args.processes], str(args.oof)) for i in range(args.processes)]
    with ProcessPoolExecutor(args.processes) as pool:
        records = {r["source"]: r for shard in pool.map(_extract_shard, shards) for r in shard}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as f:
        for path in files:
            f.write(json.dumps(records[path], ensure_ascii=False) + "\n")

    sys.path.insert(0, str(SCORER.parent))
    import score  # ../shared/eval/score.py, read at run time

    score.run_extract = lambda paths: {str(p): records[str(p)] for p in paths}
    sys.argv = ["score.py", "quotes", "--data", str(args.train)]
    score.main()


if __name__ == "__main__":
    main()
