"""Gradient-boosted trees stored as plain arrays, so a shipped model is not a pickle.

scikit-learn's ``HistGradientBoostingClassifier`` is trained offline (``scripts/train_stance.py``,
``scripts/train_attribution.py``); its trees are flattened into one ``.npz`` of node arrays.
Prediction here is a vectorised walk of those arrays with numpy, which is fast, has no dependency
on the scikit-learn version installed at run time, and cannot execute code when loaded (unlike a
pickle). Both the stance model and the attribution detector use it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

_FIELDS = ("baseline", "tree_class", "tree_root", "feature", "threshold", "nan_left", "left", "right", "is_leaf",
           "value", "class_bias")


@dataclass(frozen=True)
class TreeEnsemble:
    """Boosted trees: raw score of class k = baseline[k] + sum of its trees' leaf values.

    A binary model has one raw score, the log-odds of its second class (``baseline`` has length 1),
    as scikit-learn fits it; a multi-class model has one per class.
    """

    classes: tuple[str, ...]
    baseline: np.ndarray  # (n_classes,)
    tree_class: np.ndarray  # (n_trees,) class each tree adds to
    tree_root: np.ndarray  # (n_trees,) index of each tree's root in the node arrays
    feature: np.ndarray  # (n_nodes,)
    threshold: np.ndarray  # (n_nodes,) go left when x <= threshold (or when x is NaN and nan_left)
    nan_left: np.ndarray  # (n_nodes,) bool
    left: np.ndarray  # (n_nodes,) absolute node indices
    right: np.ndarray
    is_leaf: np.ndarray  # (n_nodes,) bool
    value: np.ndarray  # (n_nodes,) leaf values
    class_bias: np.ndarray  # (n_classes,) log-prior shift chosen on validation data

    def raw_scores(self, x: np.ndarray) -> np.ndarray:
        """Every tree walked for every row at once, one tree level per step: a few dozen numpy
        steps instead of one Python loop per tree (400 trees × 30 rows is the attribution case)."""
        n = x.shape[0]
        out = np.tile(self.baseline, (n, 1)).astype(np.float64)
        if n == 0:
            return out
        n_trees = self.tree_root.shape[0]
        node = np.tile(self.tree_root.astype(np.int64), (n, 1))  # (n, n_trees)
        rows = np.repeat(np.arange(n), n_trees).reshape(n, n_trees)
        active = ~self.is_leaf[node]
        while active.any():
            idx = node[active]
            values = x[rows[active], self.feature[idx]]
            go_left = np.where(np.isnan(values), self.nan_left[idx], values <= self.threshold[idx])
            node[active] = np.where(go_left, self.left[idx], self.right[idx])
            active = ~self.is_leaf[node]
        leaves = self.value[node]
        for k in range(out.shape[1]):
            out[:, k] += leaves[:, self.tree_class == k].sum(axis=1)
        return out

    def log_odds(self, x: np.ndarray) -> np.ndarray:
        """A binary model's log-odds of its second class, one per row."""
        if self.baseline.shape[0] != 1:
            raise ValueError("log_odds() is for binary ensembles")
        return self.raw_scores(np.asarray(x, dtype=np.float64))[:, 0]

    def predict_proba(self, x: np.ndarray) -> np.ndarray:
        """Class probabilities (softmax of raw scores, sigmoid for binary), before the class bias."""
        raw = self.raw_scores(np.asarray(x, dtype=np.float64))
        if raw.shape[1] == 1:
            p = 1.0 / (1.0 + np.exp(-raw[:, 0]))
            return np.stack([1.0 - p, p], axis=1)
        raw -= raw.max(axis=1, keepdims=True)
        e = np.exp(raw)
        return e / e.sum(axis=1, keepdims=True)

    def decide(self, proba: np.ndarray) -> np.ndarray:
        """Index of the chosen class per row: argmax after the validated class bias."""
        return np.argmax(np.log(np.maximum(proba, 1e-12)) + self.class_bias, axis=1)

    def arrays(self, prefix: str = "") -> dict[str, np.ndarray]:
        """The ensemble as named arrays (``prefix`` lets two ensembles share one ``.npz``)."""
        return {
            f"{prefix}classes": np.array(self.classes),
            f"{prefix}baseline": self.baseline,
            f"{prefix}tree_class": self.tree_class.astype(np.int16),
            f"{prefix}tree_root": self.tree_root.astype(np.int32),
            f"{prefix}feature": self.feature.astype(np.int16),
            f"{prefix}threshold": self.threshold.astype(np.float64),
            f"{prefix}nan_left": self.nan_left,
            f"{prefix}left": self.left.astype(np.int32),
            f"{prefix}right": self.right.astype(np.int32),
            f"{prefix}is_leaf": self.is_leaf,
            f"{prefix}value": self.value.astype(np.float64),
            f"{prefix}class_bias": self.class_bias,
        }

    @classmethod
    def from_arrays(cls, data: dict[str, np.ndarray], prefix: str = "") -> TreeEnsemble:
        """Take the ensemble's arrays (named with ``prefix``) out of ``data``."""
        fields: dict[str, Any] = {"classes": tuple(str(c) for c in data.pop(f"{prefix}classes"))}
        for k in _FIELDS:
            fields[k] = data.pop(f"{prefix}{k}")
        for k in ("tree_class", "feature", "left", "right"):
            fields[k] = fields[k].astype(np.int64)
        return cls(**fields)

    def save(self, path: Path, **extra: np.ndarray) -> None:
        np.savez_compressed(path, **self.arrays(), **extra)

    @classmethod
    def load(cls, path: Path) -> tuple[TreeEnsemble, dict[str, np.ndarray]]:
        """The ensemble and any extra arrays saved beside it (e.g. the IDF table)."""
        with np.load(path, allow_pickle=False) as z:
            data = {k: z[k] for k in z.files}
        return cls.from_arrays(data), data

    @classmethod
    def average(cls, members: list[TreeEnsemble], class_bias: np.ndarray) -> TreeEnsemble:
        """One ensemble whose raw scores are the mean of ``members``' (a bag of boosted models).

        Boosting on a small class is noisy: two fits that differ only in the early-stopping slice
        disagree by points of "disputes" F1. Averaging the raw scores of several fits is the same
        walk over all their trees with each leaf value divided by the number of members.
        """
        if not members:
            raise ValueError("average() needs at least one ensemble")
        classes = members[0].classes
        if any(m.classes != classes for m in members):
            raise ValueError("ensembles to average must have the same classes")
        k = len(members)
        offsets = np.cumsum([0] + [m.feature.shape[0] for m in members[:-1]])
        return cls(
            classes=classes,
            baseline=np.mean([m.baseline for m in members], axis=0),
            tree_class=np.concatenate([m.tree_class for m in members]),
            tree_root=np.concatenate([m.tree_root + o for m, o in zip(members, offsets, strict=True)]),
            feature=np.concatenate([m.feature for m in members]),
            threshold=np.concatenate([m.threshold for m in members]),
            nan_left=np.concatenate([m.nan_left for m in members]),
            left=np.concatenate([m.left + o for m, o in zip(members, offsets, strict=True)]),
            right=np.concatenate([m.right + o for m, o in zip(members, offsets, strict=True)]),
            is_leaf=np.concatenate([m.is_leaf for m in members]),
            value=np.concatenate([m.value for m in members]) / k,
            class_bias=np.asarray(class_bias, dtype=np.float64),
        )

    @classmethod
    def from_sklearn(cls, clf: Any, classes: tuple[str, ...], class_bias: np.ndarray) -> TreeEnsemble:
        """Flatten a fitted ``HistGradientBoostingClassifier`` (numeric features only; two or more classes)."""
        feature, threshold, nan_left, left, right, is_leaf, value = [], [], [], [], [], [], []
        tree_class, tree_root = [], []
        offset = 0
        for iteration in clf._predictors:
            for k, predictor in enumerate(iteration):
                nodes = predictor.nodes
                tree_class.append(k)
                tree_root.append(offset)
                feature.append(nodes["feature_idx"])
                threshold.append(nodes["num_threshold"])
                nan_left.append(nodes["missing_go_to_left"].astype(bool))
                left.append(nodes["left"].astype(np.int64) + offset)
                right.append(nodes["right"].astype(np.int64) + offset)
                is_leaf.append(nodes["is_leaf"].astype(bool))
                value.append(nodes["value"])
                offset += len(nodes)
        baseline = np.asarray(clf._baseline_prediction, dtype=np.float64).reshape(-1)
        if baseline.shape[0] != (1 if len(classes) == 2 else len(classes)):
            raise ValueError(f"{len(classes)} class names for a model with {baseline.shape[0]} raw scores")
        return cls(
            classes=classes,
            baseline=baseline,
            tree_class=np.asarray(tree_class, dtype=np.int64),
            tree_root=np.asarray(tree_root, dtype=np.int64),
            feature=np.concatenate(feature).astype(np.int64),
            threshold=np.concatenate(threshold).astype(np.float64),
            nan_left=np.concatenate(nan_left),
            left=np.concatenate(left),
            right=np.concatenate(right),
            is_leaf=np.concatenate(is_leaf),
            value=np.concatenate(value).astype(np.float64),
            class_bias=np.asarray(class_bias, dtype=np.float64),
        )
