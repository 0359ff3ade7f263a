#!/usr/bin/env python3
"""Rebuild ``src/counterclaim/models/attribution/weights.json`` from PolNeAR **train**.

    .venv/bin/python scripts/train_attribution.py [--data ../shared/eval/quotes/polnear/data/train]

Every article in the train split is parsed with the shipped spaCy model; every candidate that
``counterclaim.analyse.candidates.generate`` proposes becomes one example, labelled positive when
its content matches a gold content the way the scorer matches them (word-start sets, Dice ≥ 0.5).
A logistic regression over the candidates' indicator features is fitted on 90% of the articles and
the selection threshold is tuned on the other 10% (the dev split is never read). The weights are
written as plain JSON (feature → weight), so inference needs no scikit-learn and no pickle.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from counterclaim.analyse.candidates import generate  # noqa: E402
from counterclaim.analyse.components.attribution import select  # noqa: E402
from counterclaim.analyse.nlp import load_base  # noqa: E402

WORD = re.compile(r"\w+")
OUT = ROOT / "src/counterclaim/models/attribution/weights.json"


def read_brat(path: Path) -> list[list[tuple[int, int]]]:
    """Content ranges of every attribution in one brat .ann file."""
    spans: dict[str, list[tuple[int, int]]] = {}
    rels: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            _, _, rest = parts[1].partition(" ")
            spans[parts[0]] = [tuple(int(x) for x in seg.split()) for seg in rest.split(";")]  # type: ignore[misc]
        elif line.startswith("E") and len(parts) >= 2:
            rels.append(dict(x.split(":", 1) for x in parts[1].split()))
    return [spans[r["Content"]] for r in rels if r.get("Content") in spans]


def load_split(data: Path) -> list[tuple[str, str, list[list[tuple[int, int]]]]]:
    """(name, text, gold contents) per article, first annotator only (as the scorer does)."""
    anns: dict[str, Path] = {}
    for ann in sorted((data / "attributions").glob("*.ann")):
        anns.setdefault(ann.name.rsplit("_", 1)[0], ann)
    out = []
    for txt in sorted((data / "text").glob("*.txt")):
        if txt.stem in anns:
            out.append((txt.stem, txt.read_text(encoding="utf-8"), read_brat(anns[txt.stem])))
    return out


def word_starts(text: str, spans: list[tuple[int, int]]) -> frozenset[int]:
    chars: set[int] = set()
    for a, b in spans:
        chars.update(range(a, b))
    return frozenset(m.start() for m in WORD.finditer(text) if m.start() in chars)


def dice(a: frozenset[int], b: frozenset[int]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def parsed(nlp, texts, docbin: Path | None):
    """Parse the texts, or read them from a DocBin parsed earlier by the same model (to iterate fast)."""
    if docbin is None:
        yield from nlp.pipe(texts, batch_size=16)
        return
    from spacy.tokens import DocBin

    by_text = {doc.text: doc for doc in DocBin().from_disk(docbin).get_docs(nlp.vocab)}
    for text in texts:
        yield by_text[text] if text in by_text else nlp(text)


def examples(nlp, articles, docbin: Path | None = None):
    """Per article: the candidates, their labels and the gold word sets (for threshold tuning)."""
    texts = [text for _, text, _ in articles]
    for (name, text, gold), doc in zip(articles, parsed(nlp, texts, docbin), strict=True):
        gw = [word_starts(text, g) for g in gold]
        cands = generate(doc)
        labels = []
        for c in cands:
            cw = word_starts(text, [(doc[c.start].idx, doc[c.end - 1].idx + len(doc[c.end - 1]))])
            labels.append(max((dice(cw, g) for g in gw), default=0.0))
        yield name, doc, cands, labels, gw


def evaluate(docs, weights, threshold):
    """Lenient content F1 of the selection on held-out articles, matched one-to-one like the scorer."""
    tp = n_pred = n_gold = 0
    for doc, cands, gw in docs:
        for c in cands:
            c.score = sum(weights.get(k, 0.0) * v for k, v in c.features.items())
        chosen = select(cands, threshold)
        pw = [word_starts(doc.text, [(doc[c.start].idx, doc[c.end - 1].idx + len(doc[c.end - 1]))]) for c in chosen]
        pairs = sorted(((dice(g, p), i, j) for i, g in enumerate(gw) for j, p in enumerate(pw)), reverse=True)
        used_g: set[int] = set()
        used_p: set[int] = set()
        for d, i, j in pairs:
            if d < 0.5:
                break
            if i in used_g or j in used_p:
                continue
            used_g.add(i)
            used_p.add(j)
        tp += len(used_g)
        n_pred += len(pw)
        n_gold += len(gw)
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return (2 * p * r / (p + r) if p + r else 0.0), p, r


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT / ".." / "shared/eval/quotes/polnear/data/train")
    ap.add_argument("--limit", type=int, default=0, help="use only the first N articles (for a quick try)")
    ap.add_argument("--C", type=float, default=0.3, help="inverse L2 strength of the logistic regression")
    ap.add_argument("--min-count", type=int, default=3, help="drop features seen fewer times than this")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--docbin", type=Path, help="a DocBin of the same texts parsed by the shipped model")
    args = ap.parse_args()
    if "dev" in args.data.parts or "test" in args.data.parts:
        sys.exit("train_attribution.py trains on the train split only; dev and test are for scoring")

    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    articles = load_split(args.data)
    if args.limit:
        articles = articles[: args.limit]
    nlp = load_base()
    rows = list(examples(nlp, articles, args.docbin))
    cut = int(len(rows) * 0.9)
    fit_rows, tune_rows = rows[:cut], rows[cut:]
    feats = [c.features for _, _, cands, _, _ in fit_rows for c in cands]
    ys = [int(lab >= 0.5) for _, _, _, labels, _ in fit_rows for lab in labels]
    # exact matches count double: among overlapping candidates the model should prefer the exact span
    sw = [2.0 if lab >= 0.999 else 1.0 for _, _, _, labels, _ in fit_rows for lab in labels]
    # features seen fewer than --min-count times carry noise and bloat the shipped file
    counts: dict[str, int] = {}
    for f in feats:
        for k in f:
            counts[k] = counts.get(k, 0) + 1
    feats = [{k: v for k, v in f.items() if counts[k] >= args.min_count} for f in feats]
    vec = DictVectorizer()
    x = vec.fit_transform(feats)
    model = LogisticRegression(C=args.C, max_iter=2000)
    model.fit(x, ys, sample_weight=sw)
    names = vec.get_feature_names_out()
    weights = {str(n): round(float(w), 3) for n, w in zip(names, model.coef_[0], strict=True) if abs(w) >= 0.005}
    weights["bias"] = round(weights.get("bias", 0.0) + float(model.intercept_[0]), 4)

    tune = [(doc, cands, gw) for _, doc, cands, _, gw in tune_rows]
    best = (0.0, 0.0, 0.0, 0.0)
    for threshold in [x / 10 for x in range(-20, 21, 2)]:
        f, p, r = evaluate(tune, weights, threshold)
        print(f"threshold {threshold:+.1f}: F1 {f:.4f} P {p:.4f} R {r:.4f}")
        if f > best[0]:
            best = (f, p, r, threshold)
    print(f"chosen threshold {best[3]:+.1f} (tuning F1 {best[0]:.4f})")
    meta = {
        "model": "counterclaim.attribution_scorer.v1",
        "trained_on": "PolNeAR v1.0.0 train split, first annotator per article",
        "articles_fit": len(fit_rows),
        "articles_tuned": len(tune_rows),
        "examples": len(ys),
        "positives": int(sum(ys)),
        "C": args.C,
        "min_count": args.min_count,
        "features": len(weights),
        "threshold": best[3],
        "tuning_lenient_f1": round(best[0], 4),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"meta": meta, "weights": dict(sorted(weights.items()))}, indent=0, ensure_ascii=False) + "\n")
    print(json.dumps(meta))


if __name__ == "__main__":
    main()
