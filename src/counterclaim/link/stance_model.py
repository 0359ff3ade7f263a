"""How the stance model combines its two boosted-tree stages (see ``counterclaim.boosted_trees``)."""

from __future__ import annotations

import numpy as np

from counterclaim.boosted_trees import TreeEnsemble


def two_stage_proba(related: TreeEnsemble, sides: TreeEnsemble | None, x: np.ndarray) -> np.ndarray:
    """Class probabilities in ``related.classes`` order from two models: ``related`` says how likely
    the text is unrelated, and ``sides`` (trained on related pairs only) splits the rest among its
    classes. A model trained on related pairs alone spends all its trees on the side a text takes,
    instead of mostly on telling related from unrelated. Without ``sides``, ``related`` decides alone.
    """
    proba = related.predict_proba(x)
    if sides is None:
        return proba
    unrelated = [i for i, c in enumerate(related.classes) if c not in sides.classes]
    related_mass = 1.0 - proba[:, unrelated].sum(axis=1)
    split = sides.predict_proba(x)
    for j, label in enumerate(sides.classes):
        proba[:, related.classes.index(label)] = related_mass * split[:, j]
    return proba
