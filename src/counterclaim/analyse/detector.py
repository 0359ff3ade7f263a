"""The attribution detector's second stage: boosted trees over each candidate *in its context*.

The linear model (``models/attribution/weights.json``) scores every candidate on its own: cue lemma,
content type, source and so on, as weighted indicators. What it cannot see is the competition. A cue
proposes several contents and only one is right; two cues claim the same words; a cue sits inside
another statement's content ("X said that Y denied Z" is two attributions in PolNeAR, "the claim
that X" is usually none). This stage re-scores each candidate with a small gradient-boosted tree
model (``models/attribution/detector.npz``, ``counterclaim.boosted_trees``) whose inputs are its
linear score, a few dense facts about it, and how it compares with the candidates around it.

``context_features`` is shared by training (``scripts/train_attribution.py``) and inference, so the
two cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.tokens import Doc

from counterclaim.analyse.candidates import CLOSE_QUOTES, OPEN_QUOTES, PRONOUNS, QUOTE_CHARS, Candidate
from counterclaim.analyse.cues import CUE_STANCE
from counterclaim.analyse.tagger import SPAN_FEATURES, span_features
from counterclaim.boosted_trees import TreeEnsemble

DETECTOR = Path(__file__).resolve().parents[1] / "models" / "attribution" / "detector.npz"
KINDS = ("ccomp", "xcomp", "dobj", "prep", "head", "according", "colon", "quote", "acl")
STANCES = ("asserts", "disputes", "reports", "concedes", "hedges")
ENT_TYPES = ("PERSON", "ORG", "GPE", "NORP")
FEATURE_NAMES = (
    "linear", "kind", "content_tokens", "gap", "position", "source", "source_ent", "source_tokens",
    "quoted_whole", "quote_marks", "cue_in_quote", "cue_pos", "cue_stance", "finite", "headline",
    "doc_position", "sent_tokens", "same_cue", "rank_in_cue", "margin_in_cue", "overlap_count",
    "overlap_best", "margin_overlap", "covering_best", "covered_best", "sent_best_other",
    "sent_candidates_above", "doc_candidates_above", "line_colon_speaker", "paragraph_quotes",
    "cue_tag", "cue_infinitive", "covering_kind", "source_covered_best",
    *SPAN_FEATURES,
)
_BASE = FEATURE_NAMES.index(SPAN_FEATURES[0])
TAGS = ("VBD", "VBZ", "VBP", "VBN", "VBG", "VB", "MD", "NN", "NNS", "JJ")
_ABOVE = 0.0  # a linear score counted as "a likely attribution" in the density features


@lru_cache(maxsize=2)
def load_detector(path: str = str(DETECTOR)) -> tuple[TreeEnsemble, float, float] | None:
    """The tree stage, its selection threshold and its blend (the linear score's share), or None
    when no tree stage is shipped (the linear model's own scores and threshold are then used)."""
    p = Path(path)
    if not p.exists():
        return None
    trees, extra = TreeEnsemble.load(p)
    names = tuple(str(n) for n in extra.get("feature_names", np.array(FEATURE_NAMES)))
    if names != FEATURE_NAMES:
        raise RuntimeError(f"{p} was trained on other features than this code computes; "
                           "rebuild it with scripts/train_attribution.py")
    return trees, float(extra["select_threshold"]), float(extra.get("blend", 0.0))


def _kind_index(kind: str) -> int:
    base = kind.split(":", 1)[0]
    return KINDS.index(base) if base in KINDS else len(KINDS)


def context_features(doc: Doc, cands: Sequence[Candidate], first_break: int | None = None,
                     probs: np.ndarray | None = None) -> np.ndarray:
    """One row per candidate (columns ``FEATURE_NAMES``); ``cands`` must carry their linear scores.

    ``probs`` are the sequence tagger's probabilities for the doc (``tagger.Tagger.probabilities``);
    without them the tagger's columns are missing values, which the trees route as they learned to."""
    n = len(cands)
    x = np.full((n, len(FEATURE_NAMES)), np.nan)
    if n == 0:
        return x
    if first_break is None:
        first_break = next((t.i for t in doc if "\n" in t.text), len(doc))
    scores = np.array([c.score for c in cands])
    starts = np.array([c.start for c in cands])
    ends = np.array([c.end for c in cands])
    cue_i = np.array([c.cue.i for c in cands])
    sent_of = np.array([c.cue.sent.start for c in cands])
    doc_above = float((scores > _ABOVE).sum())
    quote_tok = np.array([t.text in QUOTE_CHARS or t.text in OPEN_QUOTES or t.text in CLOSE_QUOTES for t in doc])
    para_quotes = _paragraph_quotes(doc, quote_tok)
    by_cue: dict[int, list[int]] = {}
    for k, c in enumerate(cands):
        by_cue.setdefault(c.cue.i, []).append(k)
    for k, c in enumerate(cands):
        cue = c.cue
        s, e = c.start, c.end
        length = e - s
        row = x[k]
        row[0] = c.score
        row[1] = _kind_index(c.kind)
        row[2] = length
        row[3] = s - cue.i if cue.i < s else (cue.i - e + 1 if cue.i >= e else 0)
        row[4] = 1.0 if cue.i < s else (-1.0 if cue.i >= e else 0.0)
        if c.source is not None:
            stoks = doc[c.source[0] : c.source[1]]
            ents = [t.ent_type_ for t in stoks if t.ent_type_]
            pron = len(stoks) == 1 and stoks[0].lower_ in PRONOUNS
            row[5] = 1.0 if pron else (2.0 if ents else 3.0)
            row[6] = ENT_TYPES.index(ents[-1]) if ents and ents[-1] in ENT_TYPES else (len(ENT_TYPES) if ents else -1)
            row[7] = len(stoks)
        else:
            row[5] = 0.0
        first, last = doc[s].text, doc[e - 1].text
        row[8] = float(first in QUOTE_CHARS | OPEN_QUOTES and (last in QUOTE_CHARS | CLOSE_QUOTES
                                                               or doc[max(s, e - 2)].text in QUOTE_CHARS | CLOSE_QUOTES))
        row[9] = float(quote_tok[s:e].sum())
        row[10] = float(any(a < cue.i < b for a, b in _quote_pairs(doc, quote_tok, cue.sent.start, cue.sent.end)))
        row[11] = ("VERB", "AUX", "NOUN", "ADJ", "ADP").index(cue.pos_) if cue.pos_ in ("VERB", "AUX", "NOUN", "ADJ", "ADP") else 5
        lemma = "according" if c.kind == "according" else cue.lemma_.lower()
        row[12] = STANCES.index(CUE_STANCE[lemma]) if lemma in CUE_STANCE else -1
        row[13] = float(any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in doc[s:e]))
        row[14] = float(cue.i < first_break)
        row[15] = cue.i / max(1, len(doc))
        row[16] = cue.sent.end - cue.sent.start
        same = [j for j in by_cue[cue.i] if j != k]
        row[17] = len(same)
        row[18] = sum(1 for j in same if scores[j] > c.score)
        row[19] = c.score - max((scores[j] for j in same), default=-10.0)
        inter = np.minimum(ends, e) - np.maximum(starts, s)
        dice = np.where(inter > 0, 2 * inter / (length + ends - starts), 0.0)
        overlap = (dice >= 0.5) & (cue_i != cue.i)
        row[20] = float(overlap.sum())
        best_overlap = float(scores[overlap].max()) if overlap.any() else -10.0
        row[21] = best_overlap
        row[22] = c.score - best_overlap
        covering = (starts <= cue.i) & (cue.i < ends) & (cue_i != cue.i)  # my cue lies in their content
        row[23] = float(scores[covering].max()) if covering.any() else -10.0
        covered = (cue_i >= s) & (cue_i < e) & (cue_i != cue.i)  # their cue lies in my content
        row[24] = float(scores[covered].max()) if covered.any() else -10.0
        in_sent = (sent_of == cue.sent.start) & (cue_i != cue.i)
        row[25] = float(scores[in_sent].max()) if in_sent.any() else -10.0
        row[26] = float((scores[in_sent] > _ABOVE).sum())
        row[27] = doc_above
        row[28] = float(_line_speaker(doc, s))
        row[29] = para_quotes[cue.i]
        # "urged its members to reject the contract": an act in an infinitive inside someone else's
        # content has not happened, and its "speaker" is the object of the outer verb
        row[30] = TAGS.index(cue.tag_) if cue.tag_ in TAGS else len(TAGS)
        row[31] = float(any(ch.dep_ == "aux" and ch.lower_ == "to" for ch in cue.children))
        if covering.any():
            best = int(np.flatnonzero(covering)[np.argmax(scores[covering])])
            row[32] = _kind_index(cands[best].kind)
        if c.source is not None:
            src = c.source[0]
            holds = (starts <= src) & (src < ends) & (cue_i != cue.i)
            row[33] = float(scores[holds].max()) if holds.any() else -10.0
        if probs is not None:
            row[_BASE:] = span_features(probs, doc, s, e, cue.i, c.source)
    return x


def _quote_pairs(doc: Doc, quote_tok: np.ndarray, lo: int, hi: int) -> list[tuple[int, int]]:
    marks = [i for i in range(lo, hi) if quote_tok[i]]
    return [(marks[j], marks[j + 1]) for j in range(0, len(marks) - 1, 2)]


def _line_speaker(doc: Doc, start: int) -> bool:
    """The content starts a line as ``NAME: …`` (a transcript turn) or right after one."""
    i = start
    while i > 0 and "\n" not in doc[i - 1].text and i > start - 6:
        i -= 1
    if i > 0 and "\n" not in doc[i - 1].text:
        return False
    j = i
    while j < min(len(doc), i + 5) and doc[j].text != ":":
        j += 1
    return j < len(doc) and doc[j].text == ":" and j < start + 1 and all(t.is_upper or t.is_title for t in doc[i:j])


def _paragraph_quotes(doc: Doc, quote_tok: np.ndarray) -> np.ndarray:
    """For every token, the number of quotation marks in its paragraph (blank lines part paragraphs)."""
    para = np.zeros(len(doc), dtype=np.int64)
    k = 0
    for t in doc:
        if t.text.count("\n") >= 2:
            para[t.i] = -1  # a break belongs to no paragraph, and the next one starts
            k += 1
        else:
            para[t.i] = k
    counts = np.bincount(para[para >= 0], weights=quote_tok[para >= 0].astype(np.float64), minlength=k + 1)
    return np.where(para >= 0, counts[np.maximum(para, 0)], 0.0)


def rescore(doc: Doc, cands: Sequence[Candidate], trees: TreeEnsemble, blend: float = 0.0,
            probs: np.ndarray | None = None) -> None:
    """Replace each candidate's linear score with the tree stage's log-odds, mixed with a ``blend``
    share of the linear score (chosen in training: the linear model keeps its say between close calls)."""
    if not cands:
        return
    odds = trees.log_odds(context_features(doc, cands, probs=probs))
    for c, o in zip(cands, odds, strict=True):
        c.score = blend * c.score + (1.0 - blend) * float(o)
