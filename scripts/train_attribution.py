#!/usr/bin/env python3
"""Rebuild ``src/counterclaim/models/attribution/`` (``weights.json``, ``detector.npz``) from PolNeAR **train**.

    .venv/bin/python scripts/train_attribution.py [--data ../shared/eval/quotes/polnear/data/train]

Every article in the train split is parsed with the shipped spaCy model; every candidate that
``counterclaim.analyse.candidates.generate`` proposes becomes one example, labelled positive when
its content matches a gold content the way the scorer matches them (word-start sets, Dice ≥ 0.5).
A logistic regression over the candidates' indicator features is fitted on 90% of the articles and
the selection threshold is tuned on the other 10% (the dev split is never read). A second logistic
model, the boundary model, learns from the correct candidates which boundary variant
(``candidates.variants``) matches the gold content word for word. The weights are written as plain
JSON (feature → weight), so inference needs no scikit-learn and no pickle.

Then the tree stage (``detector.npz``): each training article's candidates get linear scores from a
model fitted without that article (``--folds`` folds), ``counterclaim.analyse.detector`` turns them
into context features (the cue's other readings, overlapping and enclosing candidates, quotes,
tense), and gradient-boosted trees learn to re-score the candidates; the blend of linear and tree
scores and the threshold are chosen on the same 10% tuning slice. ``--no-trees`` skips this stage.

To iterate, cache the parse: ``--docbin /tmp/polnear-train.spacy`` parses once and reuses it after.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from counterclaim.analyse import factories  # noqa: E402
from counterclaim.analyse.candidates import (  # noqa: E402
    boundary_features,
    generate,
    quote_spans,
    reattach_speaker_conjuncts,
    variants,
)
from counterclaim.analyse.components.attribution import (  # noqa: E402
    refine,
    repair_quotes,
    select,
)
from counterclaim.analyse.components.paragraphs import add_rank_abbreviations  # noqa: E402
from counterclaim.analyse.detector import DETECTOR, FEATURE_NAMES, context_features, rescore  # noqa: E402
from counterclaim.analyse.nlp import load_base  # noqa: E402
from counterclaim.analyse.tagger import TAGGER, edge_features, uncovered_runs  # noqa: E402
from counterclaim.boosted_trees import TreeEnsemble  # noqa: E402

WORD = re.compile(r"\w+")
OUT = ROOT / "src/counterclaim/models/attribution/weights.json"
TRAIN = ROOT / ".." / "shared/eval/quotes/polnear/data/train"
TUNING_SHARE = 0.1  # the last articles in name order: they choose the threshold and the blend
# the detector's own content range of every candidate, so evaluation can undo ``refine``'s edits
BASE_RANGE: dict[int, tuple[int, int]] = {}
# the sequence tagger's out-of-fold probabilities per doc (``--tagger-oof``), keyed by id(doc)
PROBS: dict[int, np.ndarray] = {}


def read_spans(path: Path) -> dict[str, list[list[tuple[int, int]]]]:
    """Per role (Content, Cue, Source): the character segments of that span of every attribution in
    one brat .ann file, in the file's order."""
    spans: dict[str, list[tuple[int, int]]] = {}
    rels: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            _, _, rest = parts[1].partition(" ")
            spans[parts[0]] = [tuple(int(x) for x in seg.split()) for seg in rest.split(";")]  # type: ignore[misc]
        elif line.startswith("E") and len(parts) >= 2:
            rels.append(dict(x.split(":", 1) for x in parts[1].split()))
    # a relation may come before the spans it names, so they are looked up once the file is read
    return {role: [spans[r[role]] for r in rels if r.get(role) in spans] for role in ("Content", "Cue", "Source")}


def read_brat(path: Path) -> list[list[tuple[int, int]]]:
    """Content ranges of every attribution in one brat .ann file."""
    return read_spans(path)["Content"]


def load_split(data: Path, read: Callable[[Path], Any] = read_brat) -> list[tuple[str, str, Any]]:
    """(name, text, what ``read`` takes from its annotations) per article, first annotator only (as
    the scorer does); by default the gold contents."""
    anns: dict[str, Path] = {}
    for ann in sorted((data / "attributions").glob("*.ann")):
        anns.setdefault(ann.name.rsplit("_", 1)[0], ann)
    out = []
    for txt in sorted((data / "text").glob("*.txt")):
        if txt.stem in anns:
            out.append((txt.stem, txt.read_text(encoding="utf-8"), read(anns[txt.stem])))
    return out


def split_tuning(rows: list[Any]) -> tuple[list[Any], list[Any]]:
    """The fitting articles and the held-out tuning slice, in the order ``load_split`` reads them."""
    cut = int(len(rows) * (1 - TUNING_SHARE))
    return rows[:cut], rows[cut:]


def word_starts(text: str, spans: list[tuple[int, int]]) -> frozenset[int]:
    chars: set[int] = set()
    for a, b in spans:
        chars.update(range(a, b))
    return frozenset(m.start() for m in WORD.finditer(text) if m.start() in chars)


def dice(a: frozenset[int], b: frozenset[int]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def parsed(nlp, texts, docbin: Path | None):
    """Parse the texts, or read them from a DocBin parsed earlier by the same model (to iterate fast).

    A --docbin path that does not exist yet is written after parsing, so the first run pays for
    parsing (most of the training time) and later runs with the same path skip it. Keep it outside
    the repository (e.g. under /tmp): it holds the corpus texts.
    """
    from spacy.tokens import DocBin

    if docbin is None or not docbin.exists():
        docs = list(nlp.pipe(texts, batch_size=16))
        if docbin is not None:
            bin_ = DocBin(store_user_data=False)
            for doc in docs:
                bin_.add(doc)
            docbin.parent.mkdir(parents=True, exist_ok=True)
            bin_.to_disk(docbin)
        yield from docs
        return
    by_text = {doc.text: doc for doc in DocBin().from_disk(docbin).get_docs(nlp.vocab)}
    for text in texts:
        yield by_text[text] if text in by_text else nlp(text)


def examples(nlp, articles, docbin: Path | None = None):
    """Per article: the candidates, their labels and the gold word sets (for threshold tuning)."""
    texts = [text for _, text, _ in articles]
    for (name, text, gold), doc in zip(articles, parsed(nlp, texts, docbin), strict=True):
        gw = [word_starts(text, g) for g in gold]
        quotes = quote_spans(doc)
        reattach_speaker_conjuncts(doc)  # the parse repair the component makes before generating
        cands = generate(doc, quotes)
        for c in cands:
            BASE_RANGE[id(c)] = (c.start, c.end)
        labels = []
        for c in cands:
            # a candidate is as right as what inference makes of it: '"X," said Y, a lawyer. "Z."' read
            # as "X" is right when quotation repair carries it on over "Z"
            label = 0.0
            for start, end in {(c.start, c.end), _repaired(doc, c, quotes)}:
                cw = word_starts(text, [(doc[start].idx, doc[end - 1].idx + len(doc[end - 1]))])
                label = max(label, max((dice(cw, g) for g in gw), default=0.0))
            labels.append(label)
        yield name, doc, cands, labels, gw


def _repaired(doc, cand, quotes) -> tuple[int, int]:
    """The candidate's range after quotation repair, leaving the candidate as it was."""
    start, end = cand.start, cand.end
    repair_quotes(doc, [cand], quotes)
    repaired = (cand.start, cand.end)
    cand.start, cand.end = start, end
    return repaired


def _f1(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return (2 * p * r / (p + r) if p + r else 0.0), p, r


def greedy_pairs(gw, pw, at_least: float) -> list[tuple[int, int]]:
    """The one-to-one (gold, predicted) matches with Dice >= at_least, greedily by Dice, as the
    scorer pairs them; ``gw`` and ``pw`` are word-start sets."""
    pairs = sorted(((dice(g, p), i, j) for i, g in enumerate(gw) for j, p in enumerate(pw)), reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    matched = []
    for d, i, j in pairs:
        if d < at_least - 1e-9 or d == 0:
            break
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        matched.append((i, j))
    return matched


def linear_scores(cands, weights) -> list[float]:
    return [sum(weights.get(k, 0.0) * v for k, v in c.features.items()) for c in cands]


def evaluate(docs, weights, threshold, boundary=None, trees=None, blend=0.0):
    """Lenient and strict content F1 (with P and R) of the selection on held-out articles.

    Candidates are restored to the detector's ranges first, because ``refine`` moves them in place.
    With ``trees``, the tree stage re-scores the candidates after the linear model, as at run time.
    """
    return _f1s(evaluate_counts(docs, weights, threshold, boundary, trees, blend))


def evaluate_counts(docs, weights, threshold, boundary=None, trees=None, blend=0.0) -> np.ndarray:
    """``evaluate`` as counts (lenient matches, strict matches, predicted, gold), which add up over slices."""
    total = np.zeros(4)
    for doc, cands, gw in docs:
        for c in cands:
            c.start, c.end = BASE_RANGE[id(c)]
        for c, sc in zip(cands, linear_scores(cands, weights), strict=True):
            c.score = sc
        if trees is not None:
            rescore(doc, cands, trees, blend, PROBS.get(id(doc)))
        total += _selection_counts(doc, cands, gw, threshold, boundary)
    return total


def _selection_counts(doc, cands, gw, threshold, boundary) -> np.ndarray:
    """Select, refine and repair scored candidates as inference does; count the matches."""
    chosen = select(cands, threshold)
    refine(doc, chosen, boundary or {}, PROBS.get(id(doc)))
    chosen = repair_quotes(doc, chosen, quote_spans(doc))
    if id(doc) in PROBS:
        chosen = chosen + uncovered_runs(doc, PROBS[id(doc)], chosen)
    pw = [word_starts(doc.text, [(doc[c.start].idx, doc[c.end - 1].idx + len(doc[c.end - 1]))]) for c in chosen]
    return np.array([len(greedy_pairs(gw, pw, 0.5)), len(greedy_pairs(gw, pw, 1.0)), len(pw), len(gw)], dtype=float)


def _f1s(counts: np.ndarray) -> tuple[tuple[float, float, float], tuple[float, float, float]]:
    lenient, strict, n_pred, n_gold = (int(v) for v in counts)
    return _f1(lenient, n_pred, n_gold), _f1(strict, n_pred, n_gold)


def cross_validated_tree_scores(fit_rows, args) -> dict[int, tuple[float, float]]:
    """(linear, tree log-odds) for every training candidate, both out of fold: the trees that score
    a candidate were fitted without its article. Blend and threshold can then be chosen on all 840
    articles instead of the 84 of the tuning slice, whose curve is flat enough that one slice's
    choice swings dev F1 by half a point. Expects ``c.score`` to hold the out-of-fold linear scores."""
    feats = []
    for _, doc, cands, _, _ in fit_rows:
        for c in cands:
            c.start, c.end = BASE_RANGE[id(c)]
        feats.append(context_features(doc, cands, probs=PROBS.get(id(doc))) if cands else None)
    out: dict[int, tuple[float, float]] = {}
    for fold in range(args.folds):
        train = [i for i in range(len(fit_rows)) if i % args.folds != fold and feats[i] is not None]
        x = np.vstack([feats[i] for i in train])
        y = np.array([int(lab >= 0.5) for i in train for lab in fit_rows[i][3]])
        sw = np.array([2.0 if lab >= 0.999 else 1.0 for i in train for lab in fit_rows[i][3]])
        model = _fit_tree_model(x, y, sw, args)
        for i in range(len(fit_rows)):
            if i % args.folds == fold and feats[i] is not None:
                cands = fit_rows[i][2]
                for c, o in zip(cands, model.log_odds(feats[i]), strict=True):
                    out[id(c)] = (c.score, float(o))
        print(f"  out-of-fold trees: fold {fold + 1}/{args.folds}", flush=True)
    return out


def evaluate_cross_validated(fit_rows, cv, threshold, blend, boundary) -> np.ndarray:
    """Counts of the selection on the training articles, every candidate scored out of fold."""
    total = np.zeros(4)
    for _, doc, cands, _, gw in fit_rows:
        for c in cands:
            c.start, c.end = BASE_RANGE[id(c)]
            linear, tree = cv[id(c)]
            c.score = blend * linear + (1.0 - blend) * tree
        total += _selection_counts(doc, cands, gw, threshold, boundary)
    return total


def boundary_examples(rows):
    """Boundary-model examples: the variants of every detected-and-right candidate, labelled by
    whether they match their gold content word for word. Groups without an exact variant teach
    nothing about where to cut, so they are left out."""
    feats: list[dict[str, float]] = []
    ys: list[int] = []
    for _, doc, cands, labels, gw in rows:
        text = doc.text
        probs = PROBS.get(id(doc))
        for c, lab in zip(cands, labels, strict=True):
            if lab < 0.5:
                continue
            base = word_starts(text, [(doc[c.start].idx, doc[c.end - 1].idx + len(doc[c.end - 1]))])
            gold = max(gw, key=lambda g, base=base: dice(base, g))
            group = []
            for s, e, edit in variants(doc, c, None if probs is None else probs[:, 0]):
                w = word_starts(text, [(doc[s].idx, doc[e - 1].idx + len(doc[e - 1]))])
                f = boundary_features(doc, c, s, e, edit)
                if probs is not None:
                    f.update(edge_features(probs, doc, s, e))
                group.append((f, int(dice(w, gold) >= 0.999)))
            if len(group) > 1 and any(y for _, y in group):
                for f, y in group:
                    feats.append(f)
                    ys.append(y)
    return feats, ys


def fit_logistic(feats, ys, c_value: float, min_count: int, sample_weight=None) -> dict[str, float]:
    """A logistic regression over sparse indicator features, returned as {feature: weight}."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts: dict[str, int] = {}
    for f in feats:
        for k in f:
            counts[k] = counts.get(k, 0) + 1
    # features seen fewer than min_count times carry noise and bloat the shipped file
    feats = [{k: v for k, v in f.items() if counts[k] >= min_count} for f in feats]
    vec = DictVectorizer()
    x = vec.fit_transform(feats)
    model = LogisticRegression(C=c_value, max_iter=3000)
    model.fit(x, ys, sample_weight=sample_weight)
    names = vec.get_feature_names_out()
    weights = {str(n): round(float(w), 3) for n, w in zip(names, model.coef_[0], strict=True) if abs(w) >= 0.005}
    bias = "b:bias" if "b:bias" in counts else "bias"
    weights[bias] = round(weights.get(bias, 0.0) + float(model.intercept_[0]), 4)
    return weights


def fit_trees(fit_rows, args):
    """The tree stage, trained on out-of-fold linear scores: each article's candidates are scored by
    a linear model that did not see that article, so the trees learn how far to trust the linear
    score on unseen text rather than on text it has memorised."""
    if args.tree_cache is not None and args.tree_cache.exists():
        with np.load(args.tree_cache) as z:
            oof = iter(z["oof"].tolist())
        for _, _, cands, _, _ in fit_rows:
            for c in cands:
                c.score = next(oof)
        print(f"  out-of-fold linear scores read from {args.tree_cache}", flush=True)
    else:
        folds = args.folds
        for fold in range(folds):
            train_part = [r for i, r in enumerate(fit_rows) if i % folds != fold]
            feats = [c.features for _, _, cands, _, _ in train_part for c in cands]
            ys = [int(lab >= 0.5) for _, _, _, labels, _ in train_part for lab in labels]
            sw = [2.0 if lab >= 0.999 else 1.0 for _, _, _, labels, _ in train_part for lab in labels]
            w = fit_logistic(feats, ys, args.C, args.min_count, sw)
            for i, (_, _, cands, _, _) in enumerate(fit_rows):
                if i % folds == fold:
                    for c, sc in zip(cands, linear_scores(cands, w), strict=True):
                        c.score = sc
            print(f"  out-of-fold linear scores: fold {fold + 1}/{folds}", flush=True)
        if args.tree_cache is not None:
            np.savez_compressed(args.tree_cache, oof=np.array([c.score for _, _, cands, _, _ in fit_rows for c in cands]))
    xs, ys, sw = [], [], []
    for _, doc, cands, labels, _ in fit_rows:
        if not cands:
            continue
        for c in cands:
            c.start, c.end = BASE_RANGE[id(c)]
        xs.append(context_features(doc, cands, probs=PROBS.get(id(doc))))
        ys.extend(int(lab >= 0.5) for lab in labels)
        sw.extend(2.0 if lab >= 0.999 else 1.0 for lab in labels)
    return _fit_tree_model(np.vstack(xs), np.array(ys), np.array(sw), args)


def _fit_tree_model(x, y, sw, args):
    from sklearn.ensemble import HistGradientBoostingClassifier

    # without a tagger its columns are all missing, which the binning cannot take; as zeros they are
    # never split on, and the missing values inference passes then go down the same branches
    x = np.where(np.isnan(x).all(axis=0), 0.0, x)

    clf = HistGradientBoostingClassifier(
        max_iter=args.tree_iter, learning_rate=args.tree_lr, max_leaf_nodes=args.tree_leaves,
        l2_regularization=1.0, min_samples_leaf=40, early_stopping=True, validation_fraction=0.1,
        n_iter_no_change=20, random_state=0,
    )
    clf.fit(x, y, sample_weight=sw)
    print(f"  tree stage: {clf.n_iter_} iterations", flush=True)
    return TreeEnsemble.from_sklearn(clf, ("no", "yes"), np.zeros(2))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=TRAIN)
    ap.add_argument("--limit", type=int, default=0, help="use only the first N articles (for a quick try)")
    ap.add_argument("--C", type=float, default=0.3, help="inverse L2 strength of the logistic regression")
    ap.add_argument("--boundary-C", type=float, default=1.0, help="inverse L2 strength of the boundary model")
    ap.add_argument("--min-count", type=int, default=3, help="drop features seen fewer times than this")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--detector-out", type=Path, default=DETECTOR)
    ap.add_argument("--no-trees", action="store_true", help="linear detector only (removes the shipped tree stage)")
    ap.add_argument("--folds", type=int, default=5, help="folds for the out-of-fold linear scores the trees learn from")
    ap.add_argument("--tree-cache", type=Path, help="the out-of-fold linear scores the tree stage learns from: read if it exists, else written")
    ap.add_argument("--reuse-linear", action="store_true", help="keep the linear and boundary weights of --out; fit only the tree stage")
    ap.add_argument("--tree-iter", type=int, default=400)
    ap.add_argument("--blends", type=float, nargs="+", default=[0.0, 0.25, 0.5], help="linear shares of the final score to try")
    ap.add_argument("--cv-threshold", action="store_true",
                    help="choose blend and threshold on the training articles scored out of fold too (5 more tree fits)")
    ap.add_argument("--tree-lr", type=float, default=0.08)
    ap.add_argument("--tree-leaves", type=int, default=31)
    ap.add_argument("--tagger-oof", type=Path,
                    help="the sequence tagger's out-of-fold probabilities (scripts/train_tagger.py --oof); "
                         "needed while a tagger is shipped, because the tree stage and boundary model read it")
    ap.add_argument("--docbin", type=Path, help="cache of the parsed train texts (DocBin): read if it exists, else written; keep it outside the repo")
    ap.add_argument(
        "--boundary-only", action="store_true",
        help="keep the detector weights of --out and refit only the boundary model (faster, same candidates)",
    )
    args = ap.parse_args()
    if "dev" in args.data.parts or "test" in args.data.parts:
        sys.exit("train_attribution.py trains on the train split only; dev and test are for scoring")

    articles = load_split(args.data)
    if args.limit:
        articles = articles[: args.limit]
    nlp = load_base()
    add_rank_abbreviations(nlp)  # tokenise exactly as the shipped pipeline does
    nlp.add_pipe(factories.BEFORE_PARSER, before="parser")  # and parse as it does: blank lines end sentences
    t0 = time.time()
    rows = list(examples(nlp, articles, args.docbin))
    if args.tagger_oof is not None:
        with np.load(args.tagger_oof) as z:
            by_name = {str(n): z[f"p{i}"] for i, n in enumerate(z["names"])}
        for name, doc, _, _, _ in rows:
            if by_name[name].shape[0] != len(doc):
                sys.exit(f"{args.tagger_oof} was computed on another parse of {name}; rerun train_tagger.py")
            PROBS[id(doc)] = by_name[name]
    elif TAGGER.exists() and not args.boundary_only:
        sys.exit(f"{TAGGER} is shipped, so the tree stage and boundary model must learn from its "
                 "out-of-fold probabilities: pass --tagger-oof (scripts/train_tagger.py --oof F)")
    print(f"parsed and generated candidates in {time.time() - t0:.0f} s", flush=True)
    fit_rows, tune_rows = split_tuning(rows)
    feats = [c.features for _, _, cands, _, _ in fit_rows for c in cands]
    ys = [int(lab >= 0.5) for _, _, _, labels, _ in fit_rows for lab in labels]
    # exact matches count double: among overlapping candidates the model should prefer the exact span
    sw = [2.0 if lab >= 0.999 else 1.0 for _, _, _, labels, _ in fit_rows for lab in labels]
    if args.boundary_only or args.reuse_linear:
        weights = json.loads(args.out.read_text(encoding="utf-8"))["weights"]
    else:
        weights = fit_logistic(feats, ys, args.C, args.min_count, sw)
    bfeats, bys = boundary_examples(fit_rows)
    if args.reuse_linear:
        boundary = json.loads(args.out.read_text(encoding="utf-8"))["boundary"]
    else:
        boundary = fit_logistic(bfeats, bys, args.boundary_C, args.min_count)
    print(f"fitted in {time.time() - t0:.0f} s", flush=True)

    tune = [(doc, cands, gw) for _, doc, cands, _, gw in tune_rows]
    # the threshold is chosen for the mean of lenient and strict F1: both kinds of reader matter
    best = (-1.0, 0.0, 0.0, 0.0)
    thresholds = [x / 10 for x in range(-16, 17, 2)]
    if args.reuse_linear:  # the linear model and its threshold stay as they are
        meta = json.loads(args.out.read_text(encoding="utf-8"))["meta"]
        best = (0.0, meta["tuning_lenient_f1"], meta["tuning_strict_f1"], meta["threshold"])
        thresholds = [best[3]]
    for threshold in thresholds:
        (fl, p, r), (fs, _, _) = evaluate(tune, weights, threshold, boundary)
        print(f"threshold {threshold:+.1f}: lenient F1 {fl:.4f} P {p:.4f} R {r:.4f}  strict F1 {fs:.4f}")
        if fl + fs > best[0]:
            best = (fl + fs, fl, fs, threshold)
    _, (base_s, _, _) = evaluate(tune, weights, best[3], None)
    print(f"chosen threshold {best[3]:+.1f} (tuning lenient F1 {best[1]:.4f}, strict {best[2]:.4f}; "
          f"without boundary refinement strict {base_s:.4f})")
    if not args.no_trees and not args.boundary_only:
        trees = fit_trees(fit_rows, args)
        cv = cross_validated_tree_scores(fit_rows, args) if args.cv_threshold else None
        # the final score mixes the tree's log-odds with the linear model's (blend = the linear share);
        # blend and threshold are chosen together on the tuning articles (and, with --cv-threshold,
        # on the training articles scored out of fold as well)
        tree_best = (-1.0, 0.0, 0.0, 0.0, 0.0)
        for blend in args.blends:
            for threshold in [x / 10 for x in range(-6, 17, 2)]:
                counts = evaluate_counts(tune, weights, threshold, boundary, trees, blend)
                if cv is not None:
                    counts = counts + evaluate_cross_validated(fit_rows, cv, threshold, blend, boundary)
                (fl, p, r), (fs, _, _) = _f1s(counts)
                print(f"trees blend {blend:.2f} threshold {threshold:+.1f}: lenient F1 {fl:.4f} P {p:.4f} R {r:.4f}  "
                      f"strict F1 {fs:.4f}", flush=True)
                if fl + fs > tree_best[0]:
                    tree_best = (fl + fs, fl, fs, threshold, blend)
        print(f"tree stage: blend {tree_best[4]:.2f}, threshold {tree_best[3]:+.1f}, tuning lenient F1 {tree_best[1]:.4f}, "
              f"strict {tree_best[2]:.4f} (linear alone {best[1]:.4f} / {best[2]:.4f})", flush=True)
        args.detector_out.parent.mkdir(parents=True, exist_ok=True)
        trees.save(args.detector_out, select_threshold=np.array(tree_best[3]), blend=np.array(tree_best[4]),
                   feature_names=np.array(FEATURE_NAMES), tuning=np.array([tree_best[1], tree_best[2]]))
    elif args.no_trees and args.detector_out.exists():
        args.detector_out.unlink()
    meta = {
        "model": "counterclaim.attribution_scorer.v2",
        "trained_on": "PolNeAR v1.0.0 train split, first annotator per article",
        "articles_fit": len(fit_rows),
        "articles_tuned": len(tune_rows),
        "examples": len(ys),
        "positives": int(sum(ys)),
        "boundary_examples": len(bys),
        "C": args.C,
        "boundary_C": args.boundary_C,
        "min_count": args.min_count,
        "features": len(weights),
        "boundary_features": len(boundary),
        "threshold": best[3],
        "tuning_lenient_f1": round(best[1], 4),
        "tuning_strict_f1": round(best[2], 4),
    }
    payload = {"meta": meta, "weights": dict(sorted(weights.items())), "boundary": dict(sorted(boundary.items()))}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(payload, indent=0, ensure_ascii=False) + "\n")
    print(json.dumps(meta))


if __name__ == "__main__":
    main()
