"""Same-story similarity: range, ordering of clear cases, the fast matrix API, and the CLI contract."""

from __future__ import annotations

import json

import numpy as np
import pytest
from typer.testing import CliRunner

from counterclaim.cli import _register, app
from counterclaim.link.similarity import (
    embed_documents,
    load_weights,
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
