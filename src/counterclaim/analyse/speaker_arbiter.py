"""Whose statement is it: the parse's speaker or the tagger's? A small learned arbiter decides.

Two readers name a statement's speaker. The resolver follows the parse: the cue's subject, its
possessor, the antecedent of "who" (``speakers.SpeakerResolver``). The sequence tagger
(``tagger.py``) reads every token as source-like or not, from the words around it. The tagger
names another speaker than the parse for about one statement in four (3,822 of 16,723 on PolNeAR
train), and each is right where the other errs: the parse errs on whose
statement a nested or adjunct cue is ("Trump tweeted that Machado was 'disgusting' and encouraged
Americans to ..."), the tagger on long sentences with several speakers.

A fixed rule used to settle it: the tagger won where it gave the parse's speaker no token above one
half, unless the parse tied the speaker to the cue closely (a possessor, the relative pronoun of a
relative-clause cue, the subject of a sure cue ...). Counted over PolNeAR train with the tagger's
out-of-fold probabilities, where exactly one of the two speakers is gold's, those ties kept a wrong
parse 150 times (and a right one 1,064), and the threshold on the speaker's probability kept a
wrong one 75 times (a right one 581). Both are one-dimensional cuts
through what is a many-sided judgement: how sure each reader is, how far each candidate stands from
the cue, what syntactic role each has, whether a cue lies between the tagger's run and this cue.

So a small boosted-tree model (``models/attribution/arbiter.npz``, ``counterclaim.boosted_trees``)
makes the call, from the features below, wherever the tagger offers a source run the parse did not
name. It learnt from the train statements where exactly one of the two was right
(``scripts/train_speaker_arbiter.py``); ``features`` is shared by training and inference, so the
two cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.tokens import Span as DocSpan
from spacy.tokens import Token

from counterclaim.analyse.detector import KINDS
from counterclaim.analyse.speakers import run_root
from counterclaim.boosted_trees import TreeEnsemble
from counterclaim.types import Speaker

ARBITER = Path(__file__).resolve().parents[1] / "models" / "attribution" / "arbiter.npz"

# how the parse can tie its speaker to the cue (``attribution._parse_tie``): the object of a causative
# whose infinitive is the cue, the object of a cue noun's "by" / "from", a cue noun's possessor, the
# relative pronoun of a relative-clause cue, the subject noun of a cue the tagger too reads as one
TIES = ("causative", "byfrom", "poss", "relpron", "sure")

_CUE_POS = ("VERB", "NOUN", "ADJ", "ADP", "AUX")
_CUE_DEPS = ("ROOT", "ccomp", "conj", "advcl", "relcl", "xcomp", "pcomp", "acl", "dobj", "pobj", "nsubj",
             "parataxis", "prep")
_SPEAKER_DEPS = ("nsubj", "poss", "pobj", "nsubjpass", "dobj", "appos", "compound", "conj", "ROOT", "attr")
_SPEAKER_POS = ("PROPN", "NOUN", "PRON")
_ENTS = ("-", "PERSON", "ORG", "GPE", "NORP")


def _one_hot(name: str, values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(f"{name}={v}" for v in values)


FEATURE_NAMES = (
    "cue_p", "parse_max", "parse_mean", "parse_tokens", "parse_offset",
    "run_max", "run_mean", "run_tokens", "run_offset", "runs", "cues_between",
    "parse_head_is_cue", "parse_same_sentence", "parse_named", "run_head_is_cue", "run_named",
    *_one_hot("cue_pos", _CUE_POS), *_one_hot("cue_dep", _CUE_DEPS),
    *_one_hot("parse_dep", _SPEAKER_DEPS), *_one_hot("parse_pos", _SPEAKER_POS), *_one_hot("parse_ent", _ENTS),
    *_one_hot("run_dep", _SPEAKER_DEPS), *_one_hot("run_pos", _SPEAKER_POS), *_one_hot("run_ent", _ENTS),
    *_one_hot("kind", KINDS), *_one_hot("tie", TIES),
    "tied", "no_parse", "reported", "run_speaks_elsewhere",
)
_COLUMN = {name: k for k, name in enumerate(FEATURE_NAMES)}
_FLAGS = FEATURE_NAMES[_COLUMN["cue_pos=VERB"]:]  # the one-hot and yes/no columns: 0 unless set


@dataclass(frozen=True, slots=True)
class Rivals:
    """One statement's two candidate speakers, as the arbiter sees them."""

    cue: Token
    kind: str  # the candidate's kind ("ccomp", "according", ...)
    content: tuple[int, int]  # the statement's content, a token range
    reported: bool  # the cue lies inside an "according to" content
    parse: Speaker | None  # the parse's speaker, or None when it found none
    parse_span: DocSpan | None  # its mention's tokens
    tie: str | None  # how the parse ties that mention to the cue (one of TIES), if it does
    run: tuple[int, int]  # the tagger's nearest source run outside the content and the parse's mention
    runs: int  # how many such runs the cue's sentence has
    other: Speaker  # whom the run names (the noun phrase around it, resolved)
    run_speaks_elsewhere: bool = False  # the run overlaps the parse's source of another chosen statement


def _offset(start: int, end: int, cue_i: int) -> int:
    """Signed distance in tokens from the cue to the nearer end of ``[start, end)``."""
    return start - cue_i if start > cue_i else end - 1 - cue_i


def features(probs: np.ndarray, rivals: Rivals) -> np.ndarray:
    """One row (columns ``FEATURE_NAMES``); what does not apply (no parse speaker) is a missing value."""
    cue = rivals.cue
    doc = cue.doc
    row = np.full(len(FEATURE_NAMES), np.nan)
    put = dict.fromkeys(_FLAGS, 0.0)
    put["cue_p"] = float(probs[cue.i, 3])
    put[f"cue_pos={cue.pos_}"] = 1.0
    put[f"cue_dep={cue.dep_}"] = 1.0
    put[f"kind={rivals.kind}"] = 1.0
    if rivals.parse_span is not None:
        span = rivals.parse_span
        source = probs[span.start : span.end, 4]
        root = span.root
        put.update(parse_max=float(source.max()), parse_mean=float(source.mean()), parse_tokens=len(span),
                   parse_offset=_offset(span.start, span.end, cue.i), parse_head_is_cue=float(root.head.i == cue.i),
                   parse_same_sentence=float(span.sent.start == cue.sent.start),
                   parse_named=float(rivals.parse is not None and rivals.parse.name is not None))
        put[f"parse_dep={root.dep_}"] = 1.0
        put[f"parse_pos={root.pos_}"] = 1.0
        put[f"parse_ent={root.ent_type_ or '-'}"] = 1.0
    start, end = rivals.run
    source = probs[start:end, 4]
    root = run_root(doc[start:end])
    lo, hi = sorted((start, cue.i))
    put.update(run_max=float(source.max()), run_mean=float(source.mean()), run_tokens=end - start,
               run_offset=_offset(start, end, cue.i), runs=rivals.runs,
               cues_between=float((probs[lo + 1 : hi, 3] > 0.5).sum()) if hi > lo + 1 else 0.0,
               run_head_is_cue=float(root.head.i == cue.i), run_named=float(rivals.other.name is not None))
    put[f"run_dep={root.dep_}"] = 1.0
    put[f"run_pos={root.pos_}"] = 1.0
    put[f"run_ent={root.ent_type_ or '-'}"] = 1.0
    if rivals.tie is not None:
        put[f"tie={rivals.tie}"] = 1.0
    put.update(tied=float(rivals.tie is not None), no_parse=float(rivals.parse_span is None),
               reported=float(rivals.reported), run_speaks_elsewhere=float(rivals.run_speaks_elsewhere))
    for name, value in put.items():
        if name in _COLUMN:  # a part of speech or relation outside the listed ones has no column
            row[_COLUMN[name]] = value
    return row


@lru_cache(maxsize=2)
def load_arbiter(path: str = str(ARBITER)) -> TreeEnsemble | None:
    """The shipped arbiter, or None when there is none (the parse's speaker then stands)."""
    p = Path(path)
    if not p.exists():
        return None
    trees, extra = TreeEnsemble.load(p)
    names = tuple(str(n) for n in extra.get("feature_names", np.array(())))
    if names != FEATURE_NAMES:
        raise RuntimeError(f"{p} was trained on other features than this code computes; "
                           "rebuild it with scripts/train_speaker_arbiter.py")
    return trees


def tagger_wins(probs: np.ndarray, rivals: Rivals) -> bool:
    """Whether the tagger's run, not the parse's speaker, names who made the statement."""
    arbiter = load_arbiter()
    return arbiter is not None and bool(arbiter.log_odds(features(probs, rivals)[None, :])[0] > 0.0)
