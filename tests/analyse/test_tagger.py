"""The attribution sequence tagger: its inputs, its numpy inference and what the shipped weights read."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from counterclaim.analyse.candidates import quote_spans
from counterclaim.analyse.tagger import (
    FLAGS,
    LABELS,
    SPAN_FEATURES,
    TAGGER,
    Tagger,
    chunks,
    edge_features,
    load_tagger,
    span_features,
    token_inputs,
)


def _flag(name: str) -> int:
    return 256 + FLAGS.index(name)  # the word vector comes first


def test_chunks_cover_the_doc_in_whole_sentences(nlp) -> None:  # type: ignore[no-untyped-def]
    text = " ".join(f"Sentence number {k} says that the river rose by {k} metres." for k in range(60))
    doc = nlp(text)
    parts = chunks(doc, size=50)
    assert parts[0][0] == 0 and parts[-1][1] == len(doc)
    assert all(a < b <= a + 50 for a, b in parts)
    assert all(parts[k][1] == parts[k + 1][0] for k in range(len(parts) - 1))
    sentence_starts = {s.start for s in doc.sents}
    assert all(a in sentence_starts for a, _ in parts)


def test_a_sentence_longer_than_a_chunk_is_cut(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("word " * 130)
    parts = chunks(doc, size=50)
    assert parts[0] == (0, 50) and parts[-1][1] == len(doc)


def test_token_inputs_mark_quotations_and_line_starts(nlp) -> None:  # type: ignore[no-untyped-def]
    tagger = load_tagger()
    assert tagger is not None
    doc = nlp('Dam Holds\n\n"The river is clean," Berg said.')
    ids, dense = token_inputs(doc, quote_spans(doc), tagger.vocab)
    assert ids.shape == (len(doc), 3) and dense.shape == (len(doc), 256 + len(FLAGS))
    opening = next(t.i for t in doc if t.text == '"')
    river = next(t.i for t in doc if t.text == "river")
    berg = next(t.i for t in doc if t.text == "Berg")
    assert dense[opening, _flag("opens_quote")] == 1 and dense[opening, _flag("line_start")] == 1
    assert dense[river, _flag("in_quote")] == 1 and dense[berg, _flag("in_quote")] == 0
    assert dense[0, _flag("headline")] == 1 and dense[berg, _flag("headline")] == 0
    said = next(t.i for t in doc if t.text == "said")
    assert ids[said, 0] > 0 and ids[said, 1] > 0  # a known tag and dependency label
    assert np.isclose(np.linalg.norm(dense[river, :256]), 1.0, atol=1e-3)


def test_weights_for_other_inputs_are_refused(tmp_path: Path) -> None:
    with np.load(TAGGER) as z:
        params = {k: z[k] for k in z.files}
    params["flags"] = np.array([*FLAGS, "something_new"])
    with pytest.raises(RuntimeError, match="rebuild"):
        Tagger(params)
    assert load_tagger(str(tmp_path / "missing.npz")) is None


def test_the_shipped_tagger_reads_a_plain_attribution(nlp) -> None:  # type: ignore[no-untyped-def]
    tagger = load_tagger()
    assert tagger is not None, "models/attribution/tagger.npz ships with the package"
    doc = nlp("The harbour master, Greta Lind, said on Tuesday that the northern pier would close for repairs.")
    probs = tagger.probabilities(doc, quote_spans(doc))
    assert probs.shape == (len(doc), len(LABELS)) and ((probs >= 0) & (probs <= 1)).all()
    col = {name: k for k, name in enumerate(LABELS)}
    tok = {t.text: t.i for t in doc}
    assert probs[tok["said"], col["cue"]] > 0.5
    assert probs[tok["Lind"], col["source"]] > 0.5
    assert probs[tok["pier"], col["content"]] > 0.5
    assert probs[tok["Greta"], col["content"]] < 0.5
    assert probs[tok["the"], col["content_start"]] > probs[tok["pier"], col["content_start"]]


def test_span_and_edge_features_read_the_probabilities(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Lind said the pier would close.")
    probs = np.zeros((len(doc), len(LABELS)), dtype=np.float32)
    probs[2:6, 0] = 0.9  # "the pier would close"
    probs[2, 1] = 0.8
    probs[5, 2] = 0.7
    probs[1, 3] = 0.95
    probs[0, 4] = 0.6
    row = dict(zip(SPAN_FEATURES, span_features(probs, doc, 2, 7, 1, (0, 1)), strict=True))
    assert row["tag_start"] == pytest.approx(0.8) and row["tag_end"] == pytest.approx(0.7)  # the final "." is skipped
    assert row["tag_cue"] == pytest.approx(0.95) and row["tag_source"] == pytest.approx(0.6)
    assert row["tag_content_before"] == pytest.approx(0.0) and row["tag_content_min"] == pytest.approx(0.0)
    edges = edge_features(probs, doc, 3, 6)  # "pier would close": starts a word late
    assert edges["b:tag_start"] == pytest.approx(0.0) and edges["b:tag_before"] == pytest.approx(0.9)
    assert edges["b:tag_start_bin=0"] == 1.0 and edges["b:tag_end_bin=3"] == 1.0


def test_uncovered_runs_become_statements_with_a_cue_outside_them(nlp) -> None:  # type: ignore[no-untyped-def]
    from counterclaim.analyse.candidates import Candidate
    from counterclaim.analyse.tagger import uncovered_runs

    doc = nlp("Greta Lind said the northern pier would close. The town voted.")
    probs = np.zeros((len(doc), len(LABELS)), dtype=np.float32)
    probs[3:8, 0] = 0.9  # "the northern pier would close"
    probs[2, 3] = 0.8  # "said"
    (run,) = uncovered_runs(doc, probs, [])
    assert (run.start, run.end, run.cue.text, run.kind) == (3, 8, "said", "tagger")
    assert run.source is not None and doc[run.source[0] : run.source[1]].text == "Greta Lind"
    # a run an accepted statement already covers, or one whose cue already speaks, adds nothing
    taken = Candidate(cue=doc[2], kind="ccomp", start=3, end=9)
    assert uncovered_runs(doc, probs, [taken]) == []
    assert uncovered_runs(doc, probs, [Candidate(cue=doc[2], kind="ccomp", start=9, end=12)]) == []
    # no cue-like word outside the run, a weak run or a short one: nothing
    weak_cue = probs.copy()
    weak_cue[2, 3] = 0.3
    assert uncovered_runs(doc, weak_cue, []) == []
    faint = probs.copy()
    faint[3:8, 0] = 0.6
    assert uncovered_runs(doc, faint, []) == []
    short = np.zeros_like(probs)
    short[3:5, 0] = 0.9
    short[2, 3] = 0.8
    assert uncovered_runs(doc, short, []) == []


def test_a_run_whose_best_cue_already_speaks_takes_the_next_verb(nlp) -> None:  # type: ignore[no-untyped-def]
    from counterclaim.analyse.candidates import Candidate
    from counterclaim.analyse.tagger import uncovered_runs

    doc = nlp("Greta Lind told the board, after she admitted the northern pier would close. The town voted.")
    probs = np.zeros((len(doc), len(LABELS)), dtype=np.float32)
    probs[9:14, 0] = 0.9  # "the northern pier would close"
    probs[2, 3] = 0.95  # "told", the cue of another statement
    probs[8, 3] = 0.9  # "admitted"
    told = Candidate(cue=doc[2], kind="dobj", start=3, end=5)
    (run,) = uncovered_runs(doc, probs, [told])
    assert (run.start, run.end, run.cue.text) == (9, 14, "admitted")
    assert run.source is not None and doc[run.source[0] : run.source[1]].text == "she"
    # only a verb stands in for the taken cue: a preposition the tagger half reads as a cue does not
    after = probs.copy()
    after[8, 3] = 0.1
    after[6, 3] = 0.9  # "after"
    assert uncovered_runs(doc, after, [told]) == []

def test_a_run_without_a_parsed_subject_takes_the_nearest_source_words() -> None:
    from counterclaim.analyse.tagger import _source_runs

    probs = np.zeros((20, len(LABELS)), dtype=np.float32)
    probs[[1, 2], 4] = 0.9  # far from the cue
    probs[[12, 13], 4] = 0.8  # next to it
    probs[6, 4] = 0.9  # inside the content: never the source
    assert _source_runs(probs, 0, 20, 11, (5, 10)) == [(12, 14), (1, 3)]
    assert _source_runs(probs, 0, 12, 11, (5, 10)) == [(1, 3)]  # the sentence ends before the near one
    assert _source_runs(probs, 0, 20, 11, (5, 10), (12, 14)) == [(1, 3)]  # nor one ruled out
    assert _source_runs(np.zeros_like(probs), 0, 20, 11, (5, 10)) == []
    tie = np.zeros_like(probs)
    tie[[8, 9, 13, 14], 4] = 0.9
    assert _source_runs(tie, 0, 20, 11) == [(8, 10), (13, 15)]  # two as near: the earlier first


def test_the_tagger_answers_the_parse_with_its_nearest_other_source_run(nlp) -> None:  # type: ignore[no-untyped-def]
    from counterclaim.analyse.tagger import rival_source

    doc = nlp("The governor holds a lead of 12 points, according to a Herald poll. The town voted.")
    probs = np.zeros((len(doc), len(LABELS)), dtype=np.float32)
    probs[12:14, 4] = 0.8  # "Herald poll"
    content = (3, 8)  # "a lead of 12 points"
    assert rival_source(doc, probs, 2, content, (0, 2)) == ((12, 14), 1)
    assert rival_source(doc, probs, 2, content, None) == ((12, 14), 1)
    sure = probs.copy()
    sure[1, 4] = 0.7
    # the parse's own speaker is no rival, however sure the tagger is of it
    assert rival_source(doc, sure, 2, content, (0, 2)) == ((12, 14), 1)
    assert rival_source(doc, sure, 2, content, None) == ((1, 2), 2)
    assert rival_source(doc, np.zeros_like(probs), 2, content, (0, 2)) is None  # it offers nothing
    other = np.zeros_like(probs)
    other[16, 4] = 0.9  # "town", in the next sentence: not this statement's
    assert rival_source(doc, other, 2, content, (0, 2)) is None


def test_the_tagger_names_the_source_of_a_doubtful_cue() -> None:
    from counterclaim.analyse import analyse_text

    text = "The governor now holds a lead of 12 points among rural voters, according to a Valley Herald poll released last week."
    statements = analyse_text(text).statements
    # the parse makes "The governor" the subject of "holds"; the tagger reads the poll as its source,
    # and a reading inside the poll's statement with the poll as speaker is no second statement
    assert all(s.speaker is not None and "poll" in s.speaker.mention.text for s in statements), statements
    assert [s.cue.text for s in statements] == ["according to"]
