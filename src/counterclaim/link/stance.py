"""Stance of a text towards a claim: supports, disputes, reports (discusses without a side) or unrelated.

The model is two gradient-boosted tree ensembles (related or not; then which side) over the features of ``stance_features.py`` (word,
number and embedding overlap; refuting, hedging and confirming cues near the sentences closest to
the claim). It was trained on FNC-1 (training bodies of the standard split) plus Emergent
claim-vs-headline pairs by ``scripts/train_stance.py``; see docs/models/stance.md for the card.

Each result carries the *decisive sentences*: the sentences of the text closest to the claim, which
is where the classifier looks for a denial or a hedge, so a reader can check the call.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

import numpy as np

from counterclaim.boosted_trees import TreeEnsemble
from counterclaim.link import stance_features as sf
from counterclaim.link.stance_model import two_stage_proba

StanceLabel = Literal["supports", "disputes", "reports", "unrelated"]
LABELS: tuple[StanceLabel, ...] = ("supports", "disputes", "reports", "unrelated")
MODEL_PATH = Path(__file__).resolve().parent.parent / "models" / "stance" / "model.npz"


@dataclass(frozen=True, slots=True)
class StanceResult:
    """The stance of one text towards one claim.

    label: the chosen class. scores: probability per class (they sum to 1; the label is chosen
    after a validated per-class bias, so it need not be the highest score). sentences: the text's
    sentences closest to the claim, most decisive first.
    """

    label: StanceLabel
    scores: dict[str, float]
    sentences: tuple[str, ...]

    def to_dict(self) -> dict[str, object]:
        return {"label": self.label, "scores": self.scores, "sentences": list(self.sentences)}


@dataclass(frozen=True)
class StanceModel:
    """``trees`` tells related from unrelated (and carries the class bias); ``sides``, trained on
    related pairs only, says which side a related text takes (see ``two_stage_proba``)."""

    trees: TreeEnsemble
    idf: np.ndarray
    sides: TreeEnsemble | None = None

    def proba(self, x: np.ndarray) -> np.ndarray:
        return two_stage_proba(self.trees, self.sides, x)


@lru_cache(maxsize=1)
def load_stance_model(path: str | None = None) -> StanceModel:
    """Load the shipped stance model (or the ``.npz`` at ``path``)."""
    file = Path(path) if path else MODEL_PATH
    if not file.exists():
        raise FileNotFoundError(f"no stance model at {file}; rebuild it with scripts/train_stance.py")
    trees, extra = TreeEnsemble.load(file)
    if tuple(trees.classes) != LABELS:
        raise ValueError(f"stance model classes {trees.classes} are not {LABELS}; rebuild the model")
    # Trees address features by column number, so a model trained on other features would not fail,
    # it would silently answer from the wrong columns: refuse it instead.
    names = [str(n) for n in extra.get("features", ())]
    if names != sf.feature_names():
        raise ValueError(
            f"stance model {file} was trained on {len(names)} features that differ from the "
            f"{len(sf.feature_names())} stance_features.py computes; rebuild it with scripts/train_stance.py"
        )
    lexicon = str(extra["phrase_lexicon"]) if "phrase_lexicon" in extra else None
    if lexicon != sf.phrase_lexicon_fingerprint():
        # The attribution phrase lexicon is edited by another stage; small edits shift a few
        # features a little, which is worth a retrain but not worth refusing to work.
        warnings.warn(
            "the attribution phrase lexicon changed since the stance model was trained; "
            "retrain with scripts/train_stance.py",
            stacklevel=2,
        )
    sides = TreeEnsemble.from_arrays(extra, "sides_") if "sides_classes" in extra else None
    if sides is not None and not set(sides.classes) < set(LABELS):
        raise ValueError(f"stance side model classes {sides.classes} are not among {LABELS}; rebuild the model")
    return StanceModel(trees=trees, idf=extra["idf"].astype(np.float32), sides=sides)


def predict_stance(pairs: Iterable[tuple[str, str]], *, batch_size: int = 20000) -> list[StanceResult]:
    """Classify each ``(claim, text)`` pair; one result per pair, in order.

    Texts and claims that repeat within a batch are prepared once, so scoring many claims against
    the same articles costs little more than scoring the articles.
    """
    model = load_stance_model()
    items = [(str(c or ""), str(t or "")) for c, t in pairs]
    results: list[StanceResult] = []
    for start in range(0, len(items), batch_size):
        results.extend(_predict_batch(model, items[start : start + batch_size]))
    return results


def _predict_batch(model: StanceModel, pairs: Sequence[tuple[str, str]]) -> list[StanceResult]:
    if not pairs:
        return []
    x, tops, texts = sf.build_matrix(pairs, model.idf)
    proba = model.proba(x)
    chosen = model.trees.decide(proba)
    out = []
    for i, (row, k) in enumerate(zip(proba, chosen, strict=True)):
        out.append(
            StanceResult(
                label=LABELS[int(k)],
                scores={lab: round(float(p), 4) for lab, p in zip(LABELS, row, strict=True)},
                sentences=tuple(texts[i].sentences[j] for j in tops[i]),
            )
        )
    return out


def stance(claim: str, text: str) -> StanceResult:
    """Stance of one text towards one claim (see :func:`predict_stance` for many)."""
    return predict_stance([(claim, text)])[0]
