#!/usr/bin/env python3
"""Train the speaker arbiter (``counterclaim.analyse.speaker_arbiter``): parse or tagger, who spoke?

    .venv/bin/python scripts/train_tagger.py --docbin /tmp/polnear-train.spacy --oof /tmp/tagger-oof.npz  # once
    .venv/bin/python scripts/train_speaker_arbiter.py --oof /tmp/tagger-oof.npz

The whole pipeline runs over PolNeAR train, the tagger answering with its out-of-fold probabilities
(as ``check_on_train.py`` does: the shipped tagger learnt from these articles, and its
probabilities there would be surer than anywhere else). Wherever the tagger offers a source run
the parse did not name, the arbiter's features are recorded with both speakers, and the parse's
speaker is kept (so what is collected does not depend on any arbiter shipped before). A statement
the scorer pairs with a gold one (its one-to-one matching at Dice ≥ 0.5 over words), where exactly
one of the two speakers is gold's (the scorer's test: some word in common, or both none), is a
training row.

The model is fitted on the fitting articles only; the tuning slice (``split_tuning``, the same one
``train_attribution.py`` holds out) reports how many speakers it gains there against keeping the
parse's. Cross-validation by article on the fitting articles reports the same.

Writes ``src/counterclaim/models/attribution/arbiter.npz`` (a bag of five models of 200 trees, at most 15 leaves each).
The texts and annotations stay in ``../shared``.
"""

from __future__ import annotations

import argparse
import pickle
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
from check_on_train import SCORER, out_of_fold  # the script's own directory is on the path
from train_attribution import TRAIN, greedy_pairs, load_split, split_tuning

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from counterclaim.analyse.speaker_arbiter import ARBITER, FEATURE_NAMES, TIES  # noqa: E402
from counterclaim.boosted_trees import TreeEnsemble  # noqa: E402

# chosen by the cross-validated gain below over a small grid (iterations 100-400, rate 0.03-0.1, 7-31
# leaves, 20-50 rows a leaf): all within about ten speakers of each other; bagging added about ten
PARAMS = {"max_iter": 200, "learning_rate": 0.05, "max_leaf_nodes": 15, "min_samples_leaf": 50,
          "l2_regularization": 1.0, "early_stopping": False, "random_state": 0}
FOLDS = 5  # for the cross-validation, and the bag: one member per fold's fitting part

Char = tuple[int, int] | None
Row = tuple[str, np.ndarray, Char, Char, int, tuple[int, int]]


def _collect_shard(args: tuple[list[str], str]) -> tuple[list[Row], dict[str, list[dict]]]:
    """For every rival the tagger offers in some train files: (article, features, the parse's
    speaker, the tagger's speaker, where the cue starts, the content), as character offsets; and
    the statements extract then gives each article."""
    files, oof = args
    import counterclaim.analyse.components.attribution as attribution
    from counterclaim.analyse import speaker_arbiter
    from counterclaim.pipeline import extract_records

    rows: list[Row] = []
    statements: dict[str, list[dict]] = {}
    shipped = attribution.tagger_wins

    def recording(probs, rivals):
        doc = rivals.cue.doc
        start, end = rivals.content
        parse = (rivals.parse.mention.start, rivals.parse.mention.end) if rivals.parse is not None else None
        rows.append((current["name"], speaker_arbiter.features(probs, rivals), parse,
                     (rivals.other.mention.start, rivals.other.mention.end), rivals.cue.idx,
                     (doc[start].idx, doc[end - 1].idx + len(doc[end - 1]))))
        return False

    attribution.tagger_wins = recording
    try:
        with out_of_fold(oof) as current:
            for path in files:
                current["name"] = Path(path).stem
                statements[current["name"]] = [s for r in extract_records([path]) for s in r.get("statements", [])]
    finally:
        attribution.tagger_wins = shipped
    return rows, statements


def _gold_sources(score, text: str, gold: list[dict], statements: list[dict]) -> dict[tuple[int, int], set[int]]:
    """The gold source's words for each extracted statement (keyed by cue start and content) that
    the scorer pairs with a gold one: its own one-to-one matching, so a statement nested in another
    ("According to the Sun, [Putin said X]") is judged against the attribution the scorer gives it."""
    gw = [score.word_spans(text, g["content"]) for g in gold]
    pw = [score.word_spans(text, [(p["content"]["start"], p["content"]["end"])]) for p in statements]
    out = {}
    for i, j in greedy_pairs(gw, pw, 0.5):
        p = statements[j]
        out[(p["cue"]["start"], p["content"]["start"], p["content"]["end"])] = score.word_spans(text, gold[i]["source"])
    return out


def label(rows: list[Row], statements: dict[str, list[dict]], articles, score) -> tuple[list[str], np.ndarray, np.ndarray]:
    """The rows where exactly one speaker is gold's: (article, features, whether it is the tagger's).

    A row is judged by the extracted statement with its cue whose content overlaps its own most
    (rules after the arbiter may trim a content), if the scorer pairs that statement with gold."""
    by_article: dict[str, list[Row]] = {}
    for row in rows:
        by_article.setdefault(row[0], []).append(row)
    names, xs, ys = [], [], []
    for name, text, ann in articles:
        sources = _gold_sources(score, text, score.parse_ann(ann), statements.get(name, []))
        for _, x, parse, other, cue, content in by_article.get(name, []):
            words = score.word_spans(text, [content])
            overlap = {k: score.dice(words, score.word_spans(text, [k[1:]])) for k in sources if k[0] == cue}
            key = max(overlap, key=overlap.__getitem__, default=None)
            if key is None or overlap[key] < 0.5:
                continue
            parse_right, other_right = (_right(score, text, sources[key], speaker) for speaker in (parse, other))
            if parse_right != other_right:
                names.append(name)
                xs.append(x)
                ys.append(other_right)
    return names, np.array(xs).reshape(-1, len(FEATURE_NAMES)), np.array(ys, dtype=int)


def _right(score, text: str, source: set[int], speaker: Char) -> bool:
    """The scorer's test of a speaker: a word in common with gold's source, or neither has one."""
    said = score.word_spans(text, [speaker]) if speaker else set()
    return (not source and not said) or bool(source & said)


def fit_bag(x: np.ndarray, y: np.ndarray, groups: np.ndarray) -> TreeEnsemble:
    """The mean of ``FOLDS`` models, each fitted without one fold of articles: steadier than one."""
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.model_selection import GroupKFold

    members = [TreeEnsemble.from_sklearn(HistGradientBoostingClassifier(**PARAMS).fit(x[part], y[part]),
                                         ("parse", "tagger"), np.zeros(2))
               for part, _ in GroupKFold(FOLDS).split(x, y, groups)]
    return TreeEnsemble.average(members, np.zeros(2))


def gain(take: np.ndarray, y: np.ndarray) -> int:
    """Speakers gained against always keeping the parse's: tagger taken and right, less taken and wrong."""
    return int((take & (y == 1)).sum() - (take & (y == 0)).sum())


def _collect(files: list[str], args: argparse.Namespace) -> tuple[list[Row], dict[str, list[dict]]]:
    started = time.perf_counter()
    print(f"collecting rivals over {len(files)} articles ({args.processes} processes) …", flush=True)
    with ProcessPoolExecutor(args.processes) as pool:
        shards = list(pool.map(_collect_shard, [(files[i :: args.processes], str(args.oof))
                                                for i in range(args.processes)]))
    rows = [r for shard_rows, _ in shards for r in shard_rows]
    print(f"  {len(rows)} rivals in {time.perf_counter() - started:.0f} s")
    return rows, {name: found for _, shard_statements in shards for name, found in shard_statements.items()}


def main() -> None:
    from sklearn.model_selection import GroupKFold

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--oof", type=Path, required=True, help="out-of-fold tagger probabilities (train_tagger.py --oof)")
    ap.add_argument("--train", type=Path, default=TRAIN, help="PolNeAR train split")
    ap.add_argument("--out", type=Path, default=ARBITER)
    ap.add_argument("--processes", type=int, default=2)
    ap.add_argument("--cache", type=Path, help="keep the collected rivals here (a pickle, outside the repository) "
                    "and read them back on the next run, to refit without the 2-minute collection")
    args = ap.parse_args()
    if not (args.train / "text").is_dir():
        raise SystemExit(f"no PolNeAR train split at {args.train}: pass --train")
    if not SCORER.exists():
        raise SystemExit(f"no scorer at {SCORER}: ../shared must sit beside the checkout")
    sys.path.insert(0, str(SCORER.parent))
    import score  # ../shared/eval/score.py: its matching and speaker test, read at run time

    articles = load_split(args.train.resolve(), read=lambda ann: ann)
    fitting, tuning = split_tuning(articles)
    files = [str(args.train.resolve() / "text" / f"{name}.txt") for name, _, _ in articles]
    if args.cache and args.cache.exists():
        with args.cache.open("rb") as f:
            rows, statements = pickle.load(f)  # our own file, written below
        if rows and len(rows[0][1]) != len(FEATURE_NAMES):
            raise SystemExit(f"{args.cache} holds other features than this code computes: delete it")
    else:
        rows, statements = _collect(files, args)
        if args.cache:
            with args.cache.open("wb") as f:
                pickle.dump((rows, statements), f)

    names, x, y = label(rows, statements, fitting, score)
    groups = np.array(names)
    print(f"fitting articles: {len(y)} rows where one speaker is right; the tagger's in {y.sum()}")
    oof = np.zeros(len(y), dtype=bool)
    for fit, held in GroupKFold(FOLDS).split(x, y, groups):
        oof[held] = fit_bag(x[fit], y[fit], groups[fit]).log_odds(x[held]) > 0.0
    print(f"  {FOLDS}-fold by article: gains {gain(oof, y)} speakers against the parse's "
          f"(the tagger's always: {gain(np.ones_like(oof), y)}); accuracy {(oof == y).mean():.3f}")
    for tie in (*TIES, None):
        rows_of = x[:, [FEATURE_NAMES.index(f"tie={t}") for t in TIES]].sum(axis=1) == 0 if tie is None else \
            x[:, FEATURE_NAMES.index(f"tie={tie}")] == 1
        if rows_of.any():  # the firm ties never reach the arbiter
            print(f"    tie {tie or 'none'}: {rows_of.sum()} rows, the tagger's right in {y[rows_of].sum()}; "
                  f"gains {gain(oof[rows_of], y[rows_of])}")

    trees = fit_bag(x, y, groups)
    _, tx, ty = label(rows, statements, tuning, score)
    take = trees.log_odds(tx) > 0.0
    print(f"tuning slice: {len(ty)} rows; gains {gain(take, ty)} speakers against the parse's "
          f"(the tagger's always: {gain(np.ones_like(take), ty)})")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    trees.save(args.out, feature_names=np.array(FEATURE_NAMES))
    print(f"wrote {args.out} ({args.out.stat().st_size / 1024:.0f} KiB, {len(trees.tree_root)} trees)")


if __name__ == "__main__":
    main()
