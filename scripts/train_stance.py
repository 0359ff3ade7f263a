#!/usr/bin/env python3
"""Train the shipped claim-vs-text stance model (``src/counterclaim/models/stance/model.npz``).

Data: FNC-1 training pairs whose bodies are in the standard split's *training* ids (the hold-out
bodies never enter training or model selection), plus, with ``--emergent``, the Emergent train
claim-vs-headline pairs, so the model also knows short texts. Two boosted models are trained: one
on all pairs (how likely a text is unrelated) and one on related pairs only (which side it takes);
see ``stance_model.two_stage_proba``. Model selection (the class bias that trades "disputes" recall
for precision) uses a validation slice of the *training* bodies only.

    .venv/bin/python scripts/train_stance.py              # rebuild the shipped model (a few minutes)
    .venv/bin/python scripts/train_stance.py --report     # also score the FNC-1 hold-out split

Runs in the project venv (numpy, scikit-learn, model2vec); needs ../shared/eval/stance beside the repo.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import random
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

from counterclaim.boosted_trees import TreeEnsemble
from counterclaim.link import stance_features as sf
from counterclaim.link.stance import LABELS, MODEL_PATH
from counterclaim.link.stance_model import two_stage_proba

ROOT = Path(__file__).resolve().parent.parent
# The evaluation data sits beside the checkout; COUNTERCLAIM_EVAL points elsewhere (e.g. from a copy).
SHARED = Path(os.environ.get("COUNTERCLAIM_EVAL", ROOT.parent / "shared" / "eval")) / "stance"
FNC_MAP = {"agree": "supports", "disagree": "disputes", "discuss": "reports", "unrelated": "unrelated"}
EMERGENT_MAP = {"for": "supports", "against": "disputes", "observing": "reports"}


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def fnc_pairs(ids: set[str]) -> list[tuple[str, str, str, str]]:
    """(claim, text, label, group) for FNC-1 pairs whose body id is in ``ids``; group = body id."""
    data = SHARED / "fnc1"
    bodies = {r["Body ID"]: r["articleBody"] for r in read_csv(data / "train_bodies.csv")}
    return [
        (r["Headline"], bodies[r["Body ID"]], FNC_MAP[r["Stance"]], "fnc:" + r["Body ID"])
        for r in read_csv(data / "train_stances.csv")
        if r["Body ID"] in ids
    ]


def emergent_pairs() -> list[tuple[str, str, str, str]]:
    """Emergent claim-vs-headline pairs, plus one "unrelated" pair per row made by pairing the claim
    with a headline written about another claim, so short texts can be unrelated too."""
    rows = read_csv(SHARED / "emergent" / "url-versions-2015-06-14-clean-train.csv")
    rng = random.Random(7)
    negatives = []
    for r in rows:
        other = rng.choice(rows)
        while other["claimId"] == r["claimId"]:
            other = rng.choice(rows)
        negatives.append((r["claimHeadline"], other["articleHeadline"], "unrelated", "em:" + r["claimId"]))
    return negatives + [
        (r["claimHeadline"], r["articleHeadline"], EMERGENT_MAP[r["articleHeadlineStance"]], "em:" + r["claimId"])
        for r in rows
    ]


def split_ids(name: str) -> set[str]:
    return set((SHARED / "fnc1" / "splits" / name).read_text().split())


def fnc_score(gold: list[str], pred: list[str]) -> float:
    score = best = 0.0
    related = {"supports", "disputes", "reports"}
    for g, p in zip(gold, pred, strict=True):
        best += 0.25 if g == "unrelated" else 1.0
        if g == p:
            score += 0.25 + (0.5 if g != "unrelated" else 0.0)
        if g in related and p in related:
            score += 0.25
    return 100.0 * score / best


def f1(gold: list[str], pred: list[str], label: str) -> float:
    tp = sum(g == p == label for g, p in zip(gold, pred, strict=True))
    n_pred, n_gold = pred.count(label), gold.count(label)
    return 2 * tp / (n_pred + n_gold) if n_pred + n_gold else 0.0


def summary(gold: list[str], pred: list[str]) -> dict[str, float]:
    per = {lab: round(f1(gold, pred, lab), 4) for lab in LABELS}
    return {"fnc": round(fnc_score(gold, pred), 2), "macro_f1": round(sum(per.values()) / 4, 4), **per}


def sample_weights(labels: list[str], disputes_weight: float) -> np.ndarray:
    """Inverse-frequency weights, softened, with "disputes" (1.7% of pairs, the hard class) boosted."""
    counts = Counter(labels)
    n = len(labels)
    w = {lab: (n / (len(counts) * c)) ** 0.5 for lab, c in counts.items()}
    w["disputes"] = w.get("disputes", 1.0) * disputes_weight
    return np.array([w[lab] for lab in labels], dtype=np.float64)


def fit(x: np.ndarray, y: list[str], args: argparse.Namespace, seed: int = 0, classes: tuple[str, ...] = LABELS):
    """One boosted model. Member ``seed`` > 0 of a bag also sees Poisson(1) row weights (a bootstrap)."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    clf = HistGradientBoostingClassifier(
        max_iter=args.iterations,
        learning_rate=args.learning_rate,
        max_leaf_nodes=args.leaves,
        min_samples_leaf=20,
        l2_regularization=1.0,
        random_state=seed,
    )
    yi = np.array([classes.index(lab) for lab in y])
    weights = sample_weights(y, args.disputes_weight)
    if seed:
        weights = weights * np.random.default_rng(seed).poisson(1.0, size=len(y))
    clf.fit(x, yi, sample_weight=weights)
    return clf


def fit_bag(x: np.ndarray, y: list[str], args: argparse.Namespace,
            classes: tuple[str, ...] = LABELS) -> tuple[TreeEnsemble, list[int]]:
    """``args.bag`` boosted models averaged into one ensemble (bias zero); also each member's iterations."""
    members, iterations = [], []
    for seed in range(args.bag):
        t0 = time.time()
        clf = fit(x, y, args, seed, classes)
        member = TreeEnsemble.from_sklearn(clf, classes, np.zeros(len(classes)))
        if seed == 0:
            check = member.predict_proba(x[:500])
            assert np.allclose(check, clf.predict_proba(x[:500]), atol=1e-6), "flattened trees disagree with sklearn"
        members.append(member)
        iterations.append(int(clf.n_iter_))
        print(f"  member {seed + 1}/{args.bag}: {clf.n_iter_} iterations, {time.time() - t0:.0f}s", file=sys.stderr)
    return TreeEnsemble.average(members, np.zeros(len(classes))), iterations


SIDE_LABELS = ("supports", "disputes", "reports")


def fit_two_stage(x: np.ndarray, y: list[str], args: argparse.Namespace) -> tuple[TreeEnsemble, TreeEnsemble | None, list[int]]:
    """The related-or-not model on all pairs and, unless ``--single-stage``, the side model on related pairs."""
    related, iterations = fit_bag(x, y, args)
    if args.single_stage:
        return related, None, iterations
    rel = np.array([lab != "unrelated" for lab in y])
    sides, side_iterations = fit_bag(x[rel], [lab for lab, r in zip(y, rel, strict=True) if r], args, SIDE_LABELS)
    return related, sides, iterations + side_iterations


def choose_bias(proba: np.ndarray, gold: list[str]) -> np.ndarray:
    """Grid-search a log-prior shift per related class for FNC score + disputes F1 on validation data."""
    best, best_bias = -1.0, np.zeros(len(LABELS))
    steps = (-1.5, -1.0, -0.5, 0.0, 0.5, 1.0)
    for b_sup in steps:
        for b_dis in (*steps, 1.5, 2.0):
            for b_rep in steps:
                bias = np.array([b_sup, b_dis, b_rep, 0.0])
                pred = [LABELS[i] for i in np.argmax(np.log(np.maximum(proba, 1e-12)) + bias, axis=1)]
                s = summary(gold, pred)
                objective = s["fnc"] / 100 + s["macro_f1"] + 0.5 * s["disputes"]
                if objective > best:
                    best, best_bias = objective, bias
    return best_bias


def featurise(pairs: list[tuple[str, str, str, str]], idf: np.ndarray, cache: Path | None = None) -> np.ndarray:
    """The feature matrix; ``cache`` keeps it between experiments (keyed by pairs and feature names)."""
    digest = hashlib.sha256("\n".join([*sf.feature_names(), *(c + "\t" + t for c, t, _, _ in pairs)]).encode())
    key = f"{len(pairs)}:{digest.hexdigest()}"
    if cache and cache.exists():
        with np.load(cache, allow_pickle=False) as z:
            if str(z["key"]) == key:
                print(f"features: {z['x'].shape} from {cache}", file=sys.stderr)
                return z["x"]
    t0 = time.time()
    x, _, _ = sf.build_matrix([(c, t) for c, t, _, _ in pairs], idf)
    print(f"features: {x.shape} in {time.time() - t0:.0f}s", file=sys.stderr)
    if cache:
        np.savez(cache, x=x, key=np.array(key))
    return x


def fit_similarity(out: Path, *, alpha: float = 0.3, repeats: int = 5) -> None:
    """Fit the same-story weights (both tiers) on the SemEval-2022 task 8 English sample.

    Ridge regression of (4 - Overall) / 3 on the features. The sample is small
    (161 pairs) and the score is later measured on pairs like it, so the honest estimate is the
    cross-validated Pearson (10-fold, repeated over ``repeats`` shuffles); in-sample is printed too.
    """
    from sklearn.linear_model import Ridge
    from sklearn.model_selection import KFold, cross_val_predict

    from counterclaim.link import similarity as sim
    from counterclaim.link.stance import load_stance_model

    load_stance_model.cache_clear()
    path = SHARED.parent / "clustering" / "semeval2022_task8_en_sample" / "train_en-en.jsonl"
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    gold = np.array([(4.0 - float(r["Overall"])) / 3.0 for r in rows])
    x = sim.pair_features([(r["text1"], r["text2"]) for r in rows])
    weights: dict[str, dict[str, float]] = {}
    report: dict[str, float] = {}
    for tier, names in (("fast", sim.FAST_FEATURES), ("full", sim.FULL_FEATURES)):
        xi = x[:, [sim.FULL_FEATURES.index(n) for n in names]]
        cvs = []
        for seed in range(repeats):
            folds = KFold(10, shuffle=True, random_state=seed)
            cv = cross_val_predict(Ridge(alpha=alpha), xi, gold, cv=folds)
            cvs.append(float(np.corrcoef(np.clip(cv, 0, 1), gold)[0, 1]))
        model = Ridge(alpha=alpha).fit(xi, gold)
        fitted = np.clip(model.predict(xi), 0, 1)
        in_sample = float(np.corrcoef(fitted, gold)[0, 1])
        weights[tier] = {"intercept": float(model.intercept_),
                         **dict(zip(names, map(float, model.coef_), strict=True))}
        report[f"{tier}_cv_pearson"] = round(float(np.mean(cvs)), 4)
        report[f"{tier}_in_sample_pearson"] = round(in_sample, 4)
        print(f"similarity {tier}: pearson 10-fold CV {np.mean(cvs):.4f} (± {np.std(cvs):.4f} over "
              f"{repeats} shuffles), in-sample {in_sample:.4f}", file=sys.stderr)
    weights["fitted_on"] = {"pairs": len(rows), "data": "SemEval-2022 task 8 en-en sample (train)",  # type: ignore[assignment]
                            "ridge_alpha": alpha, **report}
    out.write_text(json.dumps(weights, indent=1) + "\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--emergent", action=argparse.BooleanOptionalAction, default=True,
                    help="add Emergent train claim-vs-headline pairs (default: yes)")
    ap.add_argument("--iterations", type=int, default=250)
    ap.add_argument("--learning-rate", type=float, default=0.1)
    ap.add_argument("--leaves", type=int, default=31)
    ap.add_argument("--disputes-weight", type=float, default=2.0)
    ap.add_argument("--bag", type=int, default=1, help="average this many boosted models (bootstrap row weights)")
    ap.add_argument("--features-cache", type=Path, help="keep the training feature matrix here between runs")
    ap.add_argument("--single-stage", action="store_true",
                    help="one four-class model instead of related-or-not plus a side model (the old design)")
    ap.add_argument("--val-share", type=float, default=0.2, help="share of training bodies for validation")
    ap.add_argument("--report", action="store_true", help="score the hold-out split after training")
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--similarity", action="store_true", help="refit the same-story weights afterwards")
    ap.add_argument("--similarity-only", action="store_true", help="only refit the same-story weights")
    args = ap.parse_args()
    t_start = time.time()
    similarity_out = args.out.with_name("similarity.json")
    if args.similarity_only:
        fit_similarity(similarity_out)
        return

    train_ids, hold_ids = split_ids("training_ids.txt"), split_ids("hold_out_ids.txt")
    assert not train_ids & hold_ids
    pairs = fnc_pairs(train_ids)
    if args.emergent:
        pairs += emergent_pairs()
    # IDF comes from training bodies and claims only.
    idf = sf.fit_idf(list(dict.fromkeys(t for _, t, _, _ in pairs)) + list(dict.fromkeys(c for c, _, _, _ in pairs)))
    x = featurise(pairs, idf, args.features_cache)
    y = [lab for _, _, lab, _ in pairs]

    # Validation by body/claim group, inside the training ids.
    groups = sorted({g for *_, g in pairs})
    random.Random(1489215).shuffle(groups)
    val_groups = set(groups[: int(len(groups) * args.val_share)])
    val = np.array([g in val_groups for *_, g in pairs])
    val_related, val_sides, _ = fit_two_stage(x[~val], [lab for lab, v in zip(y, val, strict=True) if not v], args)
    proba = two_stage_proba(val_related, val_sides, x[val])
    val_gold = [lab for lab, v in zip(y, val, strict=True) if v]
    bias = choose_bias(proba, val_gold)
    pred = [LABELS[i] for i in np.argmax(np.log(np.maximum(proba, 1e-12)) + bias, axis=1)]
    print("validation (training bodies):", summary(val_gold, pred), "bias", bias.tolist(), file=sys.stderr)
    fnc_idx = [i for i, v in enumerate(np.flatnonzero(val)) if pairs[v][3].startswith("fnc:")]
    print("validation, FNC-1 part:", summary([val_gold[i] for i in fnc_idx], [pred[i] for i in fnc_idx]),
          file=sys.stderr)
    em_idx = [i for i, v in enumerate(np.flatnonzero(val)) if pairs[v][3].startswith("em:")
              and val_gold[i] != "unrelated"]
    if em_idx:
        em_pred = [pred[i] if pred[i] != "unrelated" else "reports" for i in em_idx]
        acc = sum(val_gold[i] == p for i, p in zip(em_idx, em_pred, strict=True)) / len(em_idx)
        print(f"validation, Emergent claims held out: accuracy {acc:.4f} on {len(em_idx)} pairs", file=sys.stderr)

    related, sides, iterations = fit_two_stage(x, y, args)
    model = TreeEnsemble.average([related], bias)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    model.save(
        args.out,
        idf=idf.astype(np.float16),
        features=np.array(sf.feature_names()),
        phrase_lexicon=np.array(sf.phrase_lexicon_fingerprint()),
        **(sides.arrays("sides_") if sides is not None else {}),
    )
    meta = {
        "trained_pairs": len(pairs),
        "fnc_train_bodies": len(train_ids),
        "emergent": args.emergent,
        "iterations": args.iterations,
        "iterations_used": iterations,  # per member; early stopping on a 10% slice usually ends sooner
        "bag": args.bag,
        "two_stage": sides is not None,
        "learning_rate": args.learning_rate,
        "leaves": args.leaves,
        "disputes_weight": args.disputes_weight,
        "class_bias": bias.tolist(),
        "features": sf.feature_names(),
        "phrase_lexicon": sf.phrase_lexicon_fingerprint(),
        "train_seconds": round(time.time() - t_start),
    }
    args.out.with_name("meta.json").write_text(json.dumps(meta, indent=1) + "\n")
    print(f"saved {args.out} ({args.out.stat().st_size / 1e6:.2f} MB) in {time.time() - t_start:.0f}s",
          file=sys.stderr)

    if args.similarity:
        fit_similarity(similarity_out)
    if args.report:
        from counterclaim.link import stance as stance_module
        from counterclaim.link.stance import load_stance_model, predict_stance

        load_stance_model.cache_clear()
        stance_module.MODEL_PATH = args.out
        hold = fnc_pairs(hold_ids)
        results = predict_stance([(c, t) for c, t, _, _ in hold])
        print("hold-out:", summary([lab for _, _, lab, _ in hold], [r.label for r in results]), file=sys.stderr)


if __name__ == "__main__":
    main()
