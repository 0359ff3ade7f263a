"""Stance: the shipped model loads, clear cases come out right through the API and the CLI, bad lines don't stop a batch."""

from __future__ import annotations

import csv
import json
from dataclasses import FrozenInstanceError
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from counterclaim import embeddings
from counterclaim.boosted_trees import TreeEnsemble
from counterclaim.cli import _register, app
from counterclaim.link import stance_features as sf
from counterclaim.link.stance import LABELS, MODEL_PATH, StanceResult, load_stance_model, predict_stance
from counterclaim.link.stance_features import feature_names, split_sentences

# Original texts written for these tests.
CLAIM = "A crocodile was found living in the Lindholm town swimming pool"
SUPPORT = (
    "Lindholm town council confirmed on Tuesday that a crocodile had been found living in the municipal "
    "swimming pool. Keepers from the regional zoo captured the animal, a young Nile crocodile about a metre "
    "long, after a lifeguard spotted it under the diving board. The pool will stay closed until Friday."
)
DENIAL = (
    "Photos of a crocodile in the Lindholm swimming pool are a hoax, the town council said on Tuesday. "
    "The pictures, which spread quickly on social media, were doctored, a spokeswoman said, and no "
    "crocodile was ever found in the pool. Officials denied the story and called it fake."
)
UNRELATED = (
    "The central bank held interest rates steady on Thursday, citing slowing inflation and a weaker "
    "labour market. Economists had expected the decision. Markets barely moved after the announcement, "
    "and the bank said it would review its outlook again in the spring."
)


def test_shipped_models_load() -> None:
    assert MODEL_PATH.exists()
    model = load_stance_model()
    assert model.trees.classes == LABELS
    assert model.idf.ndim == 1 and model.idf.size > 1000
    vectors = embeddings.embed(["a short sentence", "another one"])
    assert vectors.shape == (2, embeddings.dimensions())
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)


def test_shipped_model_uses_all_features() -> None:
    # A model trained on another feature layout would silently read the wrong columns.
    meta = json.loads(MODEL_PATH.with_name("meta.json").read_text())
    assert meta["features"] == feature_names()
    assert int(load_stance_model().trees.feature.max()) < len(feature_names())


@pytest.mark.parametrize(("text", "label"), [(SUPPORT, "supports"), (DENIAL, "disputes"), (UNRELATED, "unrelated")])
def test_clear_cases(text: str, label: str) -> None:
    (result,) = predict_stance([(CLAIM, text)])
    assert isinstance(result, StanceResult)
    assert result.label == label
    assert set(result.scores) == set(LABELS)
    assert sum(result.scores.values()) == pytest.approx(1.0, abs=1e-3)
    assert result.sentences and all(s in text for s in result.sentences)


def test_denial_sentence_is_decisive() -> None:
    (result,) = predict_stance([(CLAIM, DENIAL)])
    assert "hoax" in " ".join(result.sentences[:2])


def test_result_is_frozen_and_order_kept() -> None:
    results = predict_stance([(CLAIM, UNRELATED), (CLAIM, DENIAL), (CLAIM, SUPPORT), (CLAIM, DENIAL)])
    assert [r.label for r in results] == ["unrelated", "disputes", "supports", "disputes"]
    assert results[1] == results[3]  # the same pair gets the same answer
    with pytest.raises(FrozenInstanceError):
        results[0].label = "supports"  # type: ignore[misc]


def test_empty_inputs() -> None:
    assert predict_stance([]) == []
    (result,) = predict_stance([("", "")])
    assert result.label in LABELS


def test_sentence_split() -> None:
    assert split_sentences("One thing. Another thing! A third?") == ["One thing.", "Another thing!", "A third?"]


def test_flattened_trees_match_sklearn() -> None:
    from sklearn.ensemble import HistGradientBoostingClassifier

    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, 5))
    y = (x[:, 0] > 0).astype(int) + (x[:, 1] > 0.5).astype(int) * 2  # four classes
    clf = HistGradientBoostingClassifier(max_iter=20, random_state=0).fit(x, y)
    trees = TreeEnsemble.from_sklearn(clf, ("a", "b", "c", "d"), np.zeros(4))
    assert np.allclose(trees.predict_proba(x), clf.predict_proba(x), atol=1e-6)


def test_averaged_ensemble_is_the_mean_of_its_members_raw_scores() -> None:
    from sklearn.ensemble import HistGradientBoostingClassifier

    rng = np.random.default_rng(1)
    x = rng.normal(size=(500, 5))
    y = (x[:, 0] > 0).astype(int) + (x[:, 2] > 0.3).astype(int) * 2
    members = [
        TreeEnsemble.from_sklearn(
            HistGradientBoostingClassifier(max_iter=10 + 5 * seed, random_state=seed).fit(x, y),
            ("a", "b", "c", "d"),
            np.zeros(4),
        )
        for seed in range(3)
    ]
    bag = TreeEnsemble.average(members, np.array([0.0, 0.5, 0.0, 0.0]))
    expected = np.mean([m.raw_scores(x) for m in members], axis=0)
    assert np.allclose(bag.raw_scores(x), expected, atol=1e-9)
    assert bag.class_bias.tolist() == [0.0, 0.5, 0.0, 0.0]
    assert bag.tree_root.shape[0] == sum(m.tree_root.shape[0] for m in members)


def test_model_with_other_features_is_refused(tmp_path: Path) -> None:
    # Trees address columns by number: a stale model must fail loudly, not read the wrong columns.
    trees = load_stance_model().trees
    stale = tmp_path / "stale.npz"
    trees.save(stale, idf=load_stance_model().idf, features=np.array(feature_names()[:-1]))
    with pytest.raises(ValueError, match="features"):
        load_stance_model.__wrapped__(str(stale))
    trees.save(tmp_path / "ok.npz", idf=load_stance_model().idf, features=np.array(feature_names()),
               phrase_lexicon=np.array(sf.phrase_lexicon_fingerprint()))
    assert load_stance_model.__wrapped__(str(tmp_path / "ok.npz")).trees.classes == LABELS


def test_denial_cues_near_the_claim() -> None:
    # The attribution lexicon's multi-word denials and the closeness-weighted cues fire on the
    # sentence about the claim, and stay quiet for a text that takes no side.
    idf = load_stance_model().idf
    x, _, _ = sf.build_matrix([(CLAIM, DENIAL + " There is no evidence of it."), (CLAIM, UNRELATED)], idf)
    col = {n: i for i, n in enumerate(feature_names())}
    assert x[0, col["near_refute"]] > 0 and x[1, col["near_refute"]] == 0
    assert x[0, col["all_phrase_dispute"]] > 0 and x[1, col["all_phrase_dispute"]] == 0


def test_save_load_roundtrip(tmp_path: Path) -> None:
    trees = load_stance_model().trees
    trees.save(tmp_path / "m.npz")
    again, _ = TreeEnsemble.load(tmp_path / "m.npz")
    x = np.random.default_rng(1).random((5, len(feature_names())))
    assert np.allclose(again.predict_proba(x), trees.predict_proba(x))


def _run(lines: str) -> list[dict]:
    _register()
    result = CliRunner().invoke(app, ["stance", "--jsonl"], input=lines)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_cli_contract() -> None:
    lines = "".join(
        json.dumps({"id": i, "claim": CLAIM, "text": t}) + "\n" for i, t in (("s", SUPPORT), ("d", DENIAL), ("u", UNRELATED))
    )
    out = _run(lines)
    assert [(r["id"], r["label"]) for r in out] == [("s", "supports"), ("d", "disputes"), ("u", "unrelated")]
    assert all(set(r) == {"id", "label", "scores"} for r in out)


def test_cli_malformed_lines_get_errors() -> None:
    lines = "\n".join(
        [
            json.dumps({"id": "a", "claim": CLAIM, "text": DENIAL}),
            "{not json",
            json.dumps({"id": "b", "claim": CLAIM}),
            json.dumps(["a", "list"]),
            json.dumps({"id": "c", "claim": CLAIM, "text": UNRELATED}),
        ]
    )
    out = _run(lines + "\n")
    assert [r["id"] for r in out] == ["a", 2, "b", 4, "c"]
    assert out[0]["label"] == "disputes" and out[4]["label"] == "unrelated"
    assert all(r["error"].startswith("CC108") for r in out[1:4])


def test_fnc_holdout_sample(shared_dir: Path) -> None:
    """A floor on 400 hold-out pairs (bodies never seen in training), read from ../shared at run time."""
    fnc = shared_dir / "eval" / "stance" / "fnc1"
    with open(fnc / "train_bodies.csv", newline="", encoding="utf-8") as f:
        bodies = {r["Body ID"]: r["articleBody"] for r in csv.DictReader(f)}
    hold = set((fnc / "splits" / "hold_out_ids.txt").read_text().split())
    with open(fnc / "train_stances.csv", newline="", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["Body ID"] in hold][:400]
    names = {"agree": "supports", "disagree": "disputes", "discuss": "reports", "unrelated": "unrelated"}
    results = predict_stance([(r["Headline"], bodies[r["Body ID"]]) for r in rows])
    correct = sum(names[r["Stance"]] == res.label for r, res in zip(rows, results, strict=True))
    assert correct / len(rows) > 0.8


def test_two_stage_keeps_the_unrelated_mass_and_splits_the_rest() -> None:
    from sklearn.ensemble import HistGradientBoostingClassifier

    from counterclaim.link.stance_model import two_stage_proba

    rng = np.random.default_rng(2)
    x = rng.normal(size=(600, 4))
    y4 = (x[:, 0] > 0).astype(int) + (x[:, 1] > 0).astype(int) * 2  # supports/disputes/reports/unrelated
    related = TreeEnsemble.from_sklearn(HistGradientBoostingClassifier(max_iter=15, random_state=0).fit(x, y4),
                                        LABELS, np.zeros(4))
    rel = y4 != 3
    sides = TreeEnsemble.from_sklearn(HistGradientBoostingClassifier(max_iter=15, random_state=0).fit(x[rel], y4[rel]),
                                      ("supports", "disputes", "reports"), np.zeros(3))
    proba = two_stage_proba(related, sides, x)
    base = related.predict_proba(x)
    assert np.allclose(proba.sum(axis=1), 1.0)
    assert np.allclose(proba[:, 3], base[:, 3])  # how unrelated a text is comes from the first model
    split = sides.predict_proba(x)
    assert np.allclose(proba[:, 1] / (1 - base[:, 3]), split[:, 1])  # the side from the second
    assert np.allclose(two_stage_proba(related, None, x), base)


def test_shipped_model_has_its_side_model() -> None:
    model = load_stance_model()
    assert model.sides is not None and model.sides.classes == ("supports", "disputes", "reports")
    assert json.loads(MODEL_PATH.with_name("meta.json").read_text())["two_stage"] is True


def test_flattened_binary_trees_match_sklearn() -> None:
    from sklearn.ensemble import HistGradientBoostingClassifier

    rng = np.random.default_rng(2)
    x = rng.normal(size=(400, 4))
    y = ((x[:, 0] + x[:, 1] * x[:, 2]) > 0).astype(int)
    clf = HistGradientBoostingClassifier(max_iter=25, random_state=0).fit(x, y)
    trees = TreeEnsemble.from_sklearn(clf, ("no", "yes"), np.zeros(2))
    assert np.allclose(trees.predict_proba(x), clf.predict_proba(x), atol=1e-6)
    assert np.allclose(trees.log_odds(x), clf.decision_function(x), atol=1e-6)
    with pytest.raises(ValueError):
        TreeEnsemble.from_sklearn(clf, ("a", "b", "c"), np.zeros(3))
