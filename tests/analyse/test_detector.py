"""The attribution detector's tree stage: its context features and how it re-scores candidates."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from counterclaim.analyse.candidates import generate, quote_spans
from counterclaim.analyse.components.attribution import load_weights, score
from counterclaim.analyse.detector import DETECTOR, FEATURE_NAMES, context_features, load_detector, rescore
from counterclaim.boosted_trees import TreeEnsemble


def _scored(nlp, text: str):  # type: ignore[no-untyped-def]
    doc = nlp(text)
    cands = generate(doc, quote_spans(doc))
    score(cands, load_weights()[0])
    return doc, cands


def test_context_features_describe_the_competition(nlp) -> None:  # type: ignore[no-untyped-def]
    doc, cands = _scored(nlp, '"The river is clean," Berg said, "and the fish have come back." Mayor Helen Ortiz denied it.')
    x = context_features(doc, cands)
    assert x.shape == (len(cands), len(FEATURE_NAMES))
    col = {name: k for k, name in enumerate(FEATURE_NAMES)}
    assert np.allclose(x[:, col["linear"]], [c.score for c in cands])
    said = [k for k, c in enumerate(cands) if c.cue.text == "said"]
    assert len(said) >= 2, "the split quote gives 'said' more than one reading"
    # exactly one reading of a cue is its best; the others know by how much they trail it
    assert sorted(x[said, col["rank_in_cue"]].tolist())[0] == 0
    best = max(said, key=lambda k: cands[k].score)
    assert all(x[k, col["margin_in_cue"]] <= 0 for k in said if k != best)
    denied = next(k for k, c in enumerate(cands) if c.cue.text == "denied")
    assert x[denied, col["cue_stance"]] == 1  # "disputes" in the cue lexicon
    assert x[denied, col["source"]] == 2  # a named source


def test_rescore_mixes_tree_and_linear_scores(nlp) -> None:  # type: ignore[no-untyped-def]
    from sklearn.ensemble import HistGradientBoostingClassifier

    doc, cands = _scored(nlp, "Greta Lind said that the harbour would close. The mayor denied it.")
    linear = [c.score for c in cands]
    rng = np.random.default_rng(0)
    xs = rng.normal(size=(300, len(FEATURE_NAMES)))
    clf = HistGradientBoostingClassifier(max_iter=10, random_state=0).fit(xs, (xs[:, 0] > 0).astype(int))
    trees = TreeEnsemble.from_sklearn(clf, ("no", "yes"), np.zeros(2))
    odds = trees.log_odds(context_features(doc, cands))
    rescore(doc, cands, trees, blend=0.25)
    assert np.allclose([c.score for c in cands], 0.25 * np.array(linear) + 0.75 * odds)


def test_a_detector_trained_on_other_features_is_refused(tmp_path: Path) -> None:
    from sklearn.ensemble import HistGradientBoostingClassifier

    xs = np.random.default_rng(1).normal(size=(200, 3))
    trees = TreeEnsemble.from_sklearn(HistGradientBoostingClassifier(max_iter=5).fit(xs, xs[:, 0] > 0), ("no", "yes"), np.zeros(2))
    path = tmp_path / "detector.npz"
    trees.save(path, select_threshold=np.array(0.5), blend=np.array(0.0), feature_names=np.array(["a", "b", "c"]))
    with pytest.raises(RuntimeError, match="rebuild"):
        load_detector(str(path))
    assert load_detector(str(tmp_path / "missing.npz")) is None


def test_the_shipped_detector_matches_this_code() -> None:
    loaded = load_detector(str(DETECTOR))
    assert loaded is not None, "models/attribution/detector.npz ships with the package"
    trees, threshold, blend = loaded
    assert trees.classes == ("no", "yes") and -5 < threshold < 5 and 0 <= blend <= 1
