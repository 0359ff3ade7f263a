"""MinHash signatures and the near-duplicate index."""

from __future__ import annotations

import pytest

from counterclaim.clean import NearDuplicateIndex, estimate_similarity, minhash_signature
from counterclaim.settings import Settings

STORY = (
    "Flood water reached the centre of Kostel on Wednesday, the provincial governor said, and about 3,000 "
    "people left their homes overnight. The governor told reporters that the dam had failed after days of "
    "heavy rain. The army denied that its shelling had weakened the wall. Relief workers said at least 40 "
    "people were missing and that roads into the valley remained closed on Thursday morning."
)
REPRINT = "Kostel flooded. " + STORY.replace("on Thursday morning", "on Thursday") + " Copyright Test Wire."
OTHER = (
    "The harbour authority disputed a claim by the shipping union that 140 vessels were stranded outside "
    "the port, saying the true number was closer to 60 and that the cranes would be repaired this month."
)


def test_signature_is_stable_portable_bytes() -> None:
    sig = minhash_signature(STORY)
    assert isinstance(sig, bytes) and len(sig) == 128 * 8
    assert sig == minhash_signature(STORY)
    assert estimate_similarity(sig, minhash_signature(STORY.upper())) == 1.0  # case does not matter


def test_reprint_is_found_and_other_story_is_not() -> None:
    index = NearDuplicateIndex(settings=Settings(near_duplicate_threshold=0.6))
    index.add("a", minhash_signature(STORY))
    index.add("b", minhash_signature(OTHER))
    assert index.query(minhash_signature(REPRINT)) == ["a"]
    assert index.query(minhash_signature("A completely different short note about bread prices.")) == []
    assert estimate_similarity(minhash_signature(STORY), minhash_signature(OTHER)) < 0.1


def test_threshold_comes_from_settings_and_can_be_overridden() -> None:
    assert NearDuplicateIndex().threshold == Settings().near_duplicate_threshold
    assert NearDuplicateIndex(threshold=0.5).threshold == 0.5


def test_adding_a_key_again_replaces_it() -> None:
    index = NearDuplicateIndex(threshold=0.6)
    index.add(1, minhash_signature(STORY))
    index.add(1, minhash_signature(OTHER))
    assert len(index) == 1 and 1 in index
    assert index.query(minhash_signature(STORY)) == []
    assert index.query(minhash_signature(OTHER)) == [1]


def test_short_and_empty_texts_have_signatures() -> None:
    assert len(minhash_signature("")) == 1024
    assert estimate_similarity(minhash_signature("Hello there"), minhash_signature("hello, there!")) == 1.0


def test_foreign_bytes_are_rejected_with_a_hint() -> None:
    with pytest.raises(ValueError, match="minhash_signature"):
        NearDuplicateIndex().query(b"\x00" * 10)
