"""The speaker arbiter: its features, the shipped model's guard, and what it decides at the extremes."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from counterclaim.analyse.speaker_arbiter import (
    ARBITER,
    FEATURE_NAMES,
    Rivals,
    features,
    load_arbiter,
    tagger_wins,
)
from counterclaim.analyse.tagger import LABELS
from counterclaim.boosted_trees import TreeEnsemble
from counterclaim.types import Span, Speaker

TEXT = "Moss and Harbour officials said the bridge would reopen in May."


def _rivals(doc, parse_sure: bool) -> tuple[np.ndarray, Rivals]:  # type: ignore[no-untyped-def]
    """"Moss" (tokens 0-1) as the parse's subject of "said" (4), "Harbour officials" (2-4) as the
    tagger's run; the tagger reads one of them as a source, the other hardly."""
    probs = np.zeros((len(doc), len(LABELS)), dtype=np.float32)
    probs[4, 3] = 0.95
    probs[0, 4], probs[2:4, 4] = (0.99, 0.55) if parse_sure else (0.02, 0.99)
    moss = Speaker(mention=Span.of(TEXT, 0, 4), name="Moss", kind="person")
    officials = Speaker(mention=Span.of(TEXT, 9, 26), kind="group", named=False)
    rivals = Rivals(cue=doc[4], kind="ccomp", content=(5, 11), reported=False, parse=moss, parse_span=doc[0:1],
                    tie="sure" if parse_sure else None, run=(2, 4), runs=1, other=officials)
    return probs, rivals


def test_one_row_per_feature_name_with_what_does_not_apply_missing(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(TEXT)
    probs, rivals = _rivals(doc, parse_sure=False)
    row = dict(zip(FEATURE_NAMES, features(probs, rivals), strict=True))
    assert row["parse_max"] == pytest.approx(0.02) and row["run_mean"] == pytest.approx(0.99)
    assert row["run_offset"] == -1 and row["parse_offset"] == -4 and row["run_tokens"] == 2
    assert row["cue_pos=VERB"] == 1 and row["kind=ccomp"] == 1 and row["tied"] == 0 and row["no_parse"] == 0
    assert sum(v for k, v in row.items() if k.startswith("tie=")) == 0
    nobody = Rivals(cue=doc[4], kind="ccomp", content=(5, 11), reported=False, parse=None, parse_span=None,
                    tie=None, run=(2, 4), runs=1, other=rivals.other)
    row = dict(zip(FEATURE_NAMES, features(probs, nobody), strict=True))
    assert np.isnan(row["parse_max"]) and np.isnan(row["parse_named"]) and row["no_parse"] == 1
    assert sum(v for k, v in row.items() if k.startswith("parse_dep=")) == 0


def test_the_tagger_wins_where_it_is_sure_and_the_parse_is_not(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(TEXT)
    assert tagger_wins(*_rivals(doc, parse_sure=False))
    assert not tagger_wins(*_rivals(doc, parse_sure=True))  # a sure, tied subject against a faint run


def test_the_shipped_arbiter_matches_this_code_and_another_is_refused(tmp_path: Path) -> None:
    assert load_arbiter() is not None
    trees, _ = TreeEnsemble.load(ARBITER)
    other = tmp_path / "arbiter.npz"
    trees.save(other, feature_names=np.array(FEATURE_NAMES[:-1]))
    with pytest.raises(RuntimeError, match="train_speaker_arbiter"):
        load_arbiter(str(other))
    assert load_arbiter(str(tmp_path / "missing.npz")) is None  # no arbiter: the parse's speaker stands
