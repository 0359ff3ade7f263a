"""Same-story similarity: range, ordering of clear cases, the fast matrix API, and the CLI contract."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from counterclaim.cli import _register, app
from counterclaim.link.similarity import (
    FULL_FEATURES,
    embed_documents,
    headline,
    load_weights,
    pair_features,
    similarity,
    similarity_batch,
    story_similarity,
)

# Original texts written for these tests.
FLOOD_A = (
    "Floods close Kostel harbour. Storm water flooded the harbour district of Kostel on Monday night, "
    "forcing the mayor to close the port and evacuate two hundred residents, officials said."
)
FLOOD_B = (
    "Kostel evacuates harbour district after storm. Two hundred people left their homes in Kostel's "
    "harbour district on Monday as the storm flooded streets; the port is closed, the mayor said."
)
FOOTBALL = (
    "Harbour City wins the cup final. A late header gave Harbour City a 2-1 victory over Northfield in "
    "Saturday's cup final, the club's first trophy in a decade."
)


def test_weights_load() -> None:
    weights = load_weights()
    assert {"fast", "full"} <= set(weights)


def test_weights_missing_a_term_are_refused(tmp_path: Path) -> None:
    weights = json.loads(json.dumps(load_weights()))  # a copy: the loaded dict is cached
    del weights["full"]["align"]
    (tmp_path / "w.json").write_text(json.dumps(weights))
    load_weights.cache_clear()
    try:
        with pytest.raises(ValueError, match="align"):
            load_weights(str(tmp_path / "w.json"))
    finally:
        load_weights.cache_clear()


def test_headline() -> None:
    assert headline("  Floods close Kostel harbour\nStorm water flooded the harbour.") == "Floods close Kostel harbour"
    long = " ".join(f"w{i}" for i in range(30))
    assert headline(long) == " ".join(f"w{i}" for i in range(14))


def test_shared_names_and_dates() -> None:
    dated_a = FLOOD_A + " The storm began on March 3."
    dated_b = FLOOD_B + " It started on Mar. 3, forecasters said."
    rows = pair_features([(dated_a, dated_b), (dated_a, FOOTBALL)])
    col = {n: i for i, n in enumerate(FULL_FEATURES)}
    assert rows[0, col["dates"]] == 1.0 and rows[1, col["dates"]] == 0.0
    assert rows[0, col["names_idf"]] > rows[1, col["names_idf"]]
    assert rows[0, col["align"]] > rows[1, col["align"]]
    assert rows[0, col["related"]] > rows[1, col["related"]]


def test_same_story_scores_higher() -> None:
    same, different = similarity_batch([(FLOOD_A, FLOOD_B), (FLOOD_A, FOOTBALL)])
    assert 0.0 <= different < same <= 1.0
    assert same > 0.5 > different


def test_identical_texts_score_high() -> None:
    assert similarity(FLOOD_A, FLOOD_A) > 0.8


def test_empty_batch() -> None:
    assert similarity_batch([]) == []


def test_fast_matrix() -> None:
    vectors = embed_documents([FLOOD_A, FLOOD_B, FOOTBALL])
    matrix = story_similarity(vectors)
    assert matrix.shape == (3, 3)
    assert np.allclose(matrix, matrix.T)
    assert matrix[0, 1] > matrix[0, 2]
    assert ((matrix >= 0) & (matrix <= 1)).all()
    assert story_similarity(vectors[:1], vectors).shape == (1, 3)
    with pytest.raises(ValueError):
        story_similarity(vectors[:, :10], vectors[:, :10])


def test_cli_contract_and_bad_lines() -> None:
    _register()
    lines = "\n".join(
        [
            json.dumps({"id": "same", "a": FLOOD_A, "b": FLOOD_B}),
            "oops",
            json.dumps({"id": "missing", "a": FLOOD_A}),
            json.dumps({"id": "diff", "a": FLOOD_A, "b": FOOTBALL}),
        ]
    )
    result = CliRunner().invoke(app, ["similarity", "--jsonl"], input=lines + "\n")
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in out] == ["same", 2, "missing", "diff"]
    assert out[0]["score"] > out[3]["score"]
    assert "error" in out[1] and "error" in out[2]
