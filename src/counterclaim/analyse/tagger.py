"""A sequence tagger that reads, for every token, how likely it is to be attribution content, its
first or last word, a cue or a source.

The candidate detector (``candidates`` + ``detector``) judges one candidate at a time from
indicator features; what it lacks is a reading of the running text around a candidate: whether the
words just outside a span still sound like reported speech, whether a rare verb ("quipped",
"lamented") behaves like the cues it resembles. This tagger gives it that. Each token is a static
word vector (the shipped model2vec table, so rare cue words sit near common ones) with its
part-of-speech tag, dependency label, entity type and a few layout flags (quotation marks, line
starts); a two-layer bidirectional LSTM reads chunks of whole sentences and a logistic layer gives
five probabilities per token (``LABELS``). The detector's tree stage and the boundary model take
them as features (``span_features``).

The weights (``models/attribution/tagger.npz``) are trained with PyTorch by
``scripts/train_tagger.py``; inference is numpy only, so the run-time install needs no torch.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np
from scipy.special import expit
from spacy.attrs import (
    DEP,
    ENT_TYPE,
    HEAD,
    IS_PUNCT,
    IS_TITLE,
    IS_UPPER,
    LEMMA,
    LENGTH,
    LIKE_NUM,
    SENT_START,
    TAG,
)
from spacy.tokens import Doc
from threadpoolctl import ThreadpoolController

from counterclaim.analyse.candidates import CLOSE_QUOTES, OPEN_QUOTES, QUOTE_CHARS, Candidate, source_for
from counterclaim.analyse.cues import CUE_STANCE

TAGGER = Path(__file__).resolve().parents[1] / "models" / "attribution" / "tagger.npz"
LABELS = ("content", "content_start", "content_end", "cue", "source")
FLAGS = (
    "title", "upper", "punct", "number", "quote_mark", "opens_quote", "closes_quote", "in_quote",
    "sent_start", "sent_end", "line_start", "headline", "cue_lexicon", "head_cue_lexicon",
    "head_left", "head_right", "head_distance", "pronoun",
)
CHUNK_TOKENS = 200  # sentences are grouped into chunks of about this many tokens
_THREADPOOLS = ThreadpoolController()  # numpy's BLAS is loaded by now


def chunks(doc: Doc, size: int = CHUNK_TOKENS) -> list[tuple[int, int]]:
    """Token ranges of whole sentences, grouped up to ``size`` tokens (a longer sentence is cut).

    Training and inference read the same chunks, so the LSTM never sees a context longer or shorter
    than the one it learned from."""
    out: list[tuple[int, int]] = []
    start = end = 0
    for sent in doc.sents:
        if sent.end - start > size and end > start:
            out.append((start, end))
            start = end
        while sent.end - start > size:
            out.append((start, start + size))
            start += size
        end = sent.end
    if end > start:
        out.append((start, end))
    return out


class Vocab:
    """The categorical inputs' tables (tag, dependency, entity type), stored with the weights."""

    def __init__(self, tags: Sequence[str], deps: Sequence[str], ents: Sequence[str]) -> None:
        self.tags = {t: i + 1 for i, t in enumerate(tags)}  # 0 = unknown
        self.deps = {d: i + 1 for i, d in enumerate(deps)}
        self.ents = {e: i + 1 for i, e in enumerate(ents)}

    @classmethod
    def from_nlp(cls, nlp) -> Vocab:
        ner = nlp.get_pipe("ner").labels
        return cls(sorted(nlp.get_pipe("tagger").labels), sorted(nlp.get_pipe("parser").labels), sorted(ner))


_WORD_VECTORS: dict[str, np.ndarray] = {}
_MAX_CACHED_WORDS = 200_000


def _word_vectors(words: Sequence[str]) -> dict[str, np.ndarray]:
    """Static vectors of lower-cased words, embedded in one batch per article and cached."""
    from counterclaim.embeddings import embed

    missing = [w for w in words if w not in _WORD_VECTORS]
    if missing:
        if len(_WORD_VECTORS) + len(missing) > _MAX_CACHED_WORDS:
            _WORD_VECTORS.clear()
        _WORD_VECTORS.update(zip(missing, embed(missing), strict=True))
    return {w: _WORD_VECTORS[w] for w in words}


def token_inputs(doc: Doc, quotes: Sequence[tuple[int, int]], vocab: Vocab) -> tuple[np.ndarray, np.ndarray]:
    """(categorical ids [n, 3], dense inputs [n, word dim + flags]) for every token of ``doc``."""
    n = len(doc)
    cols = doc.to_array([TAG, DEP, ENT_TYPE, HEAD, LEMMA, IS_TITLE, IS_UPPER, IS_PUNCT, LIKE_NUM, SENT_START, LENGTH])
    tag, dep, ent, head, lemma = (cols[:, k] for k in range(5))
    strings = doc.vocab.strings

    def lookup(hashes: np.ndarray, table: dict[str, int]) -> np.ndarray:
        found = {h: table.get(strings[int(h)], 0) if h else 0 for h in np.unique(hashes)}
        return np.array([found[h] for h in hashes], dtype=np.int64)

    ids = np.stack([lookup(tag, vocab.tags), lookup(dep, vocab.deps), lookup(ent, vocab.ents)], axis=1)
    texts = [t.text for t in doc]
    head_gap = head.astype(np.int64)  # the head's offset from the token
    heads = np.arange(n) + head_gap
    cue_word = {h: strings[int(h)].lower() in CUE_STANCE for h in np.unique(lemma)}
    is_cue = np.array([cue_word[h] for h in lemma], dtype=bool)
    sent_start = cols[:, 9].astype(np.int64) == 1
    newline = np.array(["\n" in x for x in texts], dtype=bool)
    flags = np.zeros((n, len(FLAGS)), dtype=np.float32)
    flags[:, 0] = cols[:, 5]
    flags[:, 1] = (cols[:, 6] == 1) & (cols[:, 10] > 1)
    flags[:, 2] = cols[:, 7]
    flags[:, 3] = cols[:, 8]
    flags[:, 4] = [x in QUOTE_CHARS or x in OPEN_QUOTES or x in CLOSE_QUOTES for x in texts]
    for a, b in quotes:
        flags[a : b + 1, 7] = 1
        flags[a, 5] = 1
        flags[min(b, n - 1), 6] = 1
    flags[:, 8] = sent_start
    flags[:, 9] = np.append(sent_start[1:], True)
    flags[:, 10] = np.insert(newline[:-1], 0, True)
    first_break = int(np.argmax(newline)) if newline.any() else n
    flags[:first_break, 11] = 1
    flags[:, 12] = is_cue
    flags[:, 13] = is_cue[heads]
    flags[:, 14] = head_gap < 0
    flags[:, 15] = head_gap > 0
    flags[:, 16] = np.log1p(np.abs(head_gap)) / 3.0
    flags[:, 17] = [t == "PRP" for t in (strings[int(h)] if h else "" for h in tag)]
    vec = _word_vectors(sorted({t.lower_ for t in doc}))
    dim = len(next(iter(vec.values()))) if vec else 0
    dense = np.zeros((n, dim + len(FLAGS)), dtype=np.float32)
    if dim:
        dense[:, :dim] = np.stack([vec[t.lower_] for t in doc])
    dense[:, dim:] = flags
    return ids, dense


def _flip_valid(x: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Reverse each row's first ``lengths[b]`` steps, leaving the padding where it is."""
    steps = np.arange(x.shape[1])
    idx = np.where(steps[None, :] < lengths[:, None], lengths[:, None] - 1 - steps[None, :], steps[None, :])
    return np.take_along_axis(x, idx[:, :, None], axis=1)


def _bilstm(x: np.ndarray, lengths: np.ndarray, w_ih: np.ndarray, w_hh: np.ndarray, bias: np.ndarray) -> np.ndarray:
    """One bidirectional LSTM layer over a padded batch ``x`` [batch, steps, dim], with PyTorch's gate
    order (input, forget, cell, output); ``w_ih``, ``w_hh`` and ``bias`` stack the forward and the
    backward direction. Both directions and all of a doc's chunks advance together, one step per
    position, so a doc costs one loop of its longest chunk."""
    hidden = w_hh.shape[2]
    batch, steps, _ = x.shape
    both = np.stack([x, _flip_valid(x, lengths)])  # [2, batch, steps, dim]
    gates_x = np.matmul(both, np.transpose(w_ih, (0, 2, 1))[:, None]) + bias[:, None, None, :]
    w_hh_t = np.ascontiguousarray(np.transpose(w_hh, (0, 2, 1)))  # [2, hidden, 4 hidden]
    h = np.zeros((2, batch, hidden), dtype=np.float32)
    c = np.zeros((2, batch, hidden), dtype=np.float32)
    out = np.empty((2, batch, steps, hidden), dtype=np.float32)
    for t in range(steps):
        g = gates_x[:, :, t] + np.matmul(h, w_hh_t)
        s = expit(g)
        c = s[..., hidden : 2 * hidden] * c + s[..., :hidden] * np.tanh(g[..., 2 * hidden : 3 * hidden])
        h = s[..., 3 * hidden :] * np.tanh(c)
        out[:, :, t] = h
    return np.concatenate([out[0], _flip_valid(out[1], lengths)], axis=2)


class Tagger:
    """The trained tagger: ``probabilities(doc, quotes)`` → [len(doc), len(LABELS)]."""

    def __init__(self, params: dict[str, np.ndarray]) -> None:
        self.p = {k: v.astype(np.float32) if v.dtype.kind == "f" else v for k, v in params.items()}
        self.vocab = Vocab(self.p["tags"].tolist(), self.p["deps"].tolist(), self.p["ents"].tolist())
        self.layers = int(self.p["layers"])
        self.lstm = [
            tuple(np.stack([self.p[f"l{k}_{name}"], self.p[f"l{k}_{name}_r"]]) for name in ("w_ih", "w_hh", "b"))
            for k in range(self.layers)
        ]
        labels = tuple(str(x) for x in self.p["labels"])
        if labels != LABELS or tuple(str(x) for x in self.p["flags"]) != FLAGS:
            raise RuntimeError("the tagger weights were trained on other inputs or labels than this code "
                               "computes; rebuild them with scripts/train_tagger.py")

    @classmethod
    def load(cls, path: Path = TAGGER) -> Tagger:
        with np.load(path, allow_pickle=False) as z:
            return cls({k: z[k] for k in z.files})

    def forward(self, ids: np.ndarray, dense: np.ndarray) -> np.ndarray:
        """Probabilities for one chunk of tokens."""
        return self.forward_batch([(ids, dense)])[0]

    def forward_batch(self, pieces: Sequence[tuple[np.ndarray, np.ndarray]]) -> list[np.ndarray]:
        """Probabilities for several chunks (ids, dense), run as one padded batch."""
        p = self.p
        lengths = np.array([len(i) for i, _ in pieces])
        steps = int(lengths.max())
        x = np.zeros((len(pieces), steps, p["proj_w"].shape[1]), dtype=np.float32)
        for b, (ids, dense) in enumerate(pieces):
            x[b, : len(ids)] = np.concatenate(
                [p["emb_tag"][ids[:, 0]], p["emb_dep"][ids[:, 1]], p["emb_ent"][ids[:, 2]], dense], axis=1)
        x = np.tanh(x @ p["proj_w"].T + p["proj_b"])
        for w_ih, w_hh, bias in self.lstm:
            x = _bilstm(x, lengths, w_ih, w_hh, bias)
        probs = expit(x @ p["out_w"].T + p["out_b"])
        return [probs[b, :n] for b, n in enumerate(lengths)]

    def probabilities(self, doc: Doc, quotes: Sequence[tuple[int, int]]) -> np.ndarray:
        out = np.zeros((len(doc), len(LABELS)), dtype=np.float32)
        if len(doc) == 0:
            return out
        ids, dense = token_inputs(doc, quotes, self.vocab)
        parts = chunks(doc)
        # the LSTM's matrices are tiny: BLAS threads only add hand-offs, and with two worker
        # processes on two cores they fight over the cores (measured: one thread is faster)
        with _THREADPOOLS.limit(limits=1, user_api="blas"):
            batch = self.forward_batch([(ids[a:b], dense[a:b]) for a, b in parts])
        for (a, b), probs in zip(parts, batch, strict=True):
            out[a:b] = probs
        return out


@lru_cache(maxsize=2)
def load_tagger(path: str = str(TAGGER)) -> Tagger | None:
    """The shipped tagger, or None when none is shipped (the detector then runs without it)."""
    p = Path(path)
    return Tagger.load(p) if p.exists() else None


SPAN_FEATURES = (
    "tag_content_mean", "tag_content_min", "tag_content_before", "tag_content_after", "tag_start",
    "tag_end", "tag_start_inside", "tag_end_inside", "tag_cue", "tag_source", "tag_content_sent_rest",
)


def span_features(probs: np.ndarray, doc: Doc, start: int, end: int, cue_i: int,
                  source: tuple[int, int] | None) -> list[float]:
    """What the tagger says of one candidate: how content-like its words are and the words just
    outside it, how well its edges match a content's first and last word, how cue-like its cue is
    and how source-like its source (``SPAN_FEATURES``)."""
    n = len(doc)
    content = probs[:, 0]
    inside = content[start:end]
    p_start, p_end = _edge_probabilities(probs, doc, start, end)
    before = content[max(0, start - 3) : start]
    after = content[end : min(n, end + 3)]
    sent = doc[cue_i].sent
    rest = np.concatenate([content[sent.start : min(start, sent.end)], content[max(end, sent.start) : sent.end]])
    return [
        float(inside.mean()),
        float(inside.min()),
        float(before.max()) if len(before) else 0.0,
        float(after.max()) if len(after) else 0.0,
        p_start,
        p_end,
        float(probs[start + 1 : end, 1].max()) if end - start > 1 else 0.0,
        float(probs[start : end - 1, 2].max()) if end - start > 1 else 0.0,
        float(probs[cue_i, 3]),
        float(probs[source[0] : source[1], 4].max()) if source is not None and source[1] > source[0] else 0.0,
        float(rest.mean()) if len(rest) else 0.0,
    ]


def _edge_probabilities(probs: np.ndarray, doc: Doc, start: int, end: int) -> tuple[float, float]:
    """How much the tagger takes ``[start, end)``'s first word for a content's first and its last
    word for a content's last, looking past an opening quotation mark and final punctuation
    (PolNeAR's content often ends before the final mark)."""
    last = end - 1
    while last > start and doc[last].is_punct:
        last -= 1
    first = start
    while first < last and doc[first].text in QUOTE_CHARS | OPEN_QUOTES:
        first += 1
    return float(max(probs[start, 1], probs[first, 1])), float(max(probs[end - 1, 2], probs[last, 2]))


def edge_features(probs: np.ndarray, doc: Doc, start: int, end: int) -> dict[str, float]:
    """Boundary-model features of one content variant ``[start, end)``: how much the tagger takes
    its first and last words for a content's edges, and the words just outside it for content."""
    n = len(doc)
    p_start, p_end = _edge_probabilities(probs, doc, start, end)
    before = float(probs[start - 1, 0]) if start > 0 else 0.0
    after = float(probs[end, 0]) if end < n else 0.0
    return {
        "b:tag_start": p_start,
        "b:tag_end": p_end,
        "b:tag_start_bin=" + str(min(4, int(p_start * 5))): 1.0,
        "b:tag_end_bin=" + str(min(4, int(p_end * 5))): 1.0,
        "b:tag_before": before,
        "b:tag_after": after,
        "b:tag_mean": float(probs[start:end, 0].mean()),
    }


RUN_MIN_TOKENS = 3
RUN_MEAN = 0.7  # chosen on the tuning slice (train's last 84 articles, out-of-fold probabilities)


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """The maximal ranges ``[i, j)`` where ``mask`` is true."""
    edges = np.flatnonzero(np.diff(np.concatenate([[False], mask, [False]]).astype(np.int8)))
    return list(zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True))


def uncovered_runs(doc: Doc, probs: np.ndarray, chosen: Sequence[Candidate]) -> list[Candidate]:
    """Statements the tagger reads where the candidate detector accepted nothing.

    A run of tokens the tagger takes for content (each above one half, on average above
    ``RUN_MEAN``, at least ``RUN_MIN_TOKENS`` long, within one line) that no accepted statement
    covers becomes a statement when a word outside it in its sentences reads as a cue; that word is
    its cue, and the parse gives the cue's subject as the source. When that word is already another
    statement's cue, the next verb that reads as a cue (above one half) takes its place. About one
    attribution in nine has no candidate the parse can offer ("voted against the bill, saying …"
    parsed as one clause, headlines without a verb); these are the ones the tagger recovers."""
    covered = np.zeros(len(doc), dtype=bool)
    taken = set()
    for c in chosen:
        covered[c.start : c.end] = True
        taken.add(c.cue.i)
    on = probs[:, 0] > 0.5
    for t in doc:
        if "\n" in t.text:
            on[t.i] = False
    out: list[Candidate] = []
    for start, end in _runs(on):
        if end - start < RUN_MIN_TOKENS or probs[start:end, 0].mean() < RUN_MEAN or covered[start:end].mean() >= 0.2:
            continue
        lo, hi = doc[start].sent.start, doc[end - 1].sent.end
        cue_p = probs[lo:hi, 3].copy()
        cue_p[start - lo : end - lo] = 0.0
        cue_i = lo + int(np.argmax(cue_p))
        if cue_i in taken:
            # the best cue already has its statement ('"…," Okafor told Lindqvist, after he admitted …'):
            # the next verb the tagger reads as a cue speaks the run; a word of another part of
            # speech in second place is mostly noise ('regarding', 'during', 'still')
            for k in range(lo, hi):
                if k in taken or doc[k].pos_ != "VERB":
                    cue_p[k - lo] = 0.0
            cue_i = lo + int(np.argmax(cue_p))
        if cue_p.max() <= 0.5 or doc[cue_i].is_punct:
            continue
        cue = doc[cue_i]
        source = source_for(cue) or next(iter(_source_runs(probs, lo, hi, cue_i, (start, end))), None)
        out.append(Candidate(cue=cue, kind="tagger", start=start, end=end, source=source, cue_end=cue_i + 1))
    return out


def rival_source(doc: Doc, probs: np.ndarray, cue_i: int, content: tuple[int, int],
                 speaker: tuple[int, int] | None) -> tuple[tuple[int, int], int] | None:
    """The tagger's answer to the parse's speaker: the run of source-like tokens in the cue's
    sentence, outside the content and the parse's speaker mention, nearest the cue, and how many
    such runs the sentence has; None when it has none. Whether the run or the parse's speaker names
    who spoke is ``speaker_arbiter``'s call."""
    sent = doc[cue_i].sent
    runs = _source_runs(probs, sent.start, sent.end, cue_i, content, *([speaker] if speaker else []))
    return (runs[0], len(runs)) if runs else None


def _source_runs(probs: np.ndarray, lo: int, hi: int, cue_i: int, *outside: tuple[int, int]) -> list[tuple[int, int]]:
    """The runs of source-like tokens (each above one half) in ``[lo, hi)`` outside the ``outside``
    ranges, nearest the cue first (of two as near, the earlier)."""
    on = probs[lo:hi, 4] > 0.5
    for start, end in outside:
        on[max(0, start - lo) : max(0, end - lo)] = False
    runs = [(lo + a, lo + b) for a, b in _runs(on)]
    return sorted(runs, key=lambda r: min(abs(cue_i - r[0]), abs(cue_i - r[1] + 1)))
