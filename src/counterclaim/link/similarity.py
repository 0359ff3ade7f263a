"""Same-story similarity: how likely two articles report the same event (same place, same time).

Two tiers, because the ledger compares every article with every other:

* :func:`embed_documents` + :func:`story_similarity` — the fast tier. A document is three unit
  vectors (the whole text, its headline — the first line, at most 14 words — and its first ~400
  characters, the lead), so an (n, m) score matrix is three matrix products. Good for grouping.
* :func:`similarity` / :func:`similarity_batch` — the full tier, used by ``counterclaim similarity``:
  the same cosines plus shared names (plain and weighted by rarity, since two stories sharing
  "Guentzel" say more than two sharing "Monday"), shared calendar dates, TF-IDF overlap, the best
  sentence-to-sentence alignment, and the stance model's belief that each text's headline is
  *related* to the other text (FNC-1's related-vs-unrelated is nearly the same-story question, and it
  is the strongest single signal).

Both map a weighted sum of the features into 0..1 with weights fitted by ridge regression on the
SemEval-2022 task 8 English sample (``scripts/train_stance.py --similarity-only``); the weights live
in ``models/stance/similarity.json`` and docs/models/stance.md reports cross-validated and in-sample
Pearson. The sum is linear on purpose: squared terms scored 0.007 higher in cross-validation but bent
the curve down at the top, so two copies of one article scored *less* alike than two reports of it.
Scores are clipped to [0, 1]; 1 means "the same story".
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from counterclaim import embeddings
from counterclaim.link import stance_features as sf

WEIGHTS_PATH = Path(__file__).resolve().parent.parent / "models" / "stance" / "similarity.json"
HEADLINE_WORDS = 14
LEAD_CHARS = 400
ALIGN_SENTENCES = 40  # sentences per text compared for the alignment feature
FAST_FEATURES = ("cos_text", "cos_title", "cos_lead")
FULL_FEATURES = (*FAST_FEATURES, "names", "names_idf", "tfidf", "dates", "align", "related")
_CAPITAL = re.compile(r"\b[A-Z][a-zA-Z]{2,}")
_MONTH_DAY = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?\s+(\d{1,2})\b"
)


@lru_cache(maxsize=1)
def load_weights(path: str | None = None) -> dict[str, dict[str, float]]:
    """Per-tier ``{"intercept": b, feature: w, ...}`` from the shipped JSON."""
    data = json.loads(Path(path or WEIGHTS_PATH).read_text())
    for tier, names in (("fast", FAST_FEATURES), ("full", FULL_FEATURES)):
        missing = [n for n in (*names, "intercept") if n not in data.get(tier, {})]
        if missing:
            raise ValueError(
                f"similarity weights lack {tier}: {missing}; rerun scripts/train_stance.py --similarity-only"
            )
    return data


def _coefficients(tier: str, names: Sequence[str]) -> tuple[float, np.ndarray]:
    w = load_weights()[tier]
    return float(w["intercept"]), np.array([w[n] for n in names], dtype=np.float64)


def headline(text: str) -> str:
    """The first line, at most :data:`HEADLINE_WORDS` words: the title when a text starts with one.

    News texts usually open with the headline, often run into the body without a line break, so
    the word cap stops the "headline" from swallowing the lead.
    """
    first = text.strip().split("\n", 1)[0]
    return " ".join(first.split()[:HEADLINE_WORDS])


def _head(text: str, chars: int) -> str:
    return text.strip()[:chars]


def embed_documents(texts: Sequence[str]) -> np.ndarray:
    """Document vectors for :func:`story_similarity`: shape (n, 3 * dim) = [text | headline | lead].

    Each third is unit length, so store them and compare later without the texts.
    """
    texts = [str(t or "") for t in texts]
    whole = embeddings.embed(texts)
    title = embeddings.embed([headline(t) for t in texts])
    lead = embeddings.embed([_head(t, LEAD_CHARS) for t in texts])
    return np.hstack([whole, title, lead])


def _cosines(a: np.ndarray, b: np.ndarray) -> list[np.ndarray]:
    """The three (n, m) cosine matrices between two stacks of document vectors."""
    if a.shape[1] != b.shape[1] or a.shape[1] % 3:
        raise ValueError(f"document vectors have widths {a.shape[1]} and {b.shape[1]}; use embed_documents()")
    d = a.shape[1] // 3
    return [a[:, i * d : (i + 1) * d] @ b[:, i * d : (i + 1) * d].T for i in range(3)]


def story_similarity(a: np.ndarray, b: np.ndarray | None = None) -> np.ndarray:
    """Same-story scores in [0, 1] between the rows of ``a`` and of ``b`` (default: ``a`` itself).

    a, b (np.ndarray): outputs of :func:`embed_documents`; one row or many.
    Returns an (len(a), len(b)) matrix.
    """
    a = np.atleast_2d(a)
    b = a if b is None else np.atleast_2d(b)
    intercept, w = _coefficients("fast", FAST_FEATURES)
    return np.clip(intercept + np.stack(_cosines(a, b), axis=-1) @ w, 0.0, 1.0)


def _names(text: str) -> set[str]:
    return {c.lower() for c in _CAPITAL.findall(text)}


def _overlap(a: set[str], b: set[str]) -> float:
    """Share of the smaller set found in the other: a short text inside a long one scores high."""
    return len(a & b) / (min(len(a), len(b)) or 1)


def _name_weights(names: set[str], idf: np.ndarray) -> dict[str, float]:
    return {n: float(idf[sf._bucket(sf.stem(n))]) for n in names}


def _weighted_overlap(a: dict[str, float], b: dict[str, float]) -> float:
    """Rarity-weighted share of the lighter name set found in the other."""
    shared = sum(w for n, w in a.items() if n in b)
    return shared / (min(sum(a.values()), sum(b.values())) or 1.0)


def _dates(text: str) -> set[tuple[str, str]]:
    """Calendar dates written as month and day ("Jan. 6", "January 6"): same story, same day."""
    return {(m[:3].lower(), d) for m, d in _MONTH_DAY.findall(text)}


def _alignment(a: np.ndarray, b: np.ndarray) -> float:
    """Mean over both texts of each sentence's best cosine in the other: shared passages."""
    if not len(a) or not len(b):
        return 0.0
    s = a @ b.T
    return float((s.max(axis=1).mean() + s.max(axis=0).mean()) / 2)


def pair_features(pairs: Sequence[tuple[str, str]]) -> np.ndarray:
    """The full tier's feature rows (columns as ``FULL_FEATURES``); embeds each distinct text once."""
    from counterclaim.link.stance import load_stance_model, predict_stance

    if not pairs:
        return np.zeros((0, len(FULL_FEATURES)))
    distinct = list(dict.fromkeys(t for pair in pairs for t in pair))
    where = {t: i for i, t in enumerate(distinct)}
    vectors = embed_documents(distinct)
    ia = np.array([where[a] for a, _ in pairs])
    ib = np.array([where[b] for _, b in pairs])
    d = vectors.shape[1] // 3
    cos = [(vectors[ia, i * d : (i + 1) * d] * vectors[ib, i * d : (i + 1) * d]).sum(axis=1) for i in range(3)]
    idf = load_stance_model().idf
    tfidf = {t: sf.tfidf(sf.hashed_terms(sf.content_stems(sf.words(t))), idf) for t in distinct}
    names = {t: _names(t) for t in distinct}
    weighted = {t: _name_weights(names[t], idf) for t in distinct}
    dates = {t: _dates(t) for t in distinct}
    sentences = [sf.split_sentences(t, max_sentences=ALIGN_SENTENCES) for t in distinct]
    flat = embeddings.embed([s for group in sentences for s in group])
    bounds = np.cumsum([0, *(len(g) for g in sentences)])
    sent_vectors = {t: flat[bounds[i] : bounds[i + 1]] for i, t in enumerate(distinct)}
    # Relatedness both ways: the headline of each against the other text.
    n = len(pairs)
    both = predict_stance([(headline(a), b) for a, b in pairs] + [(headline(b), a) for a, b in pairs])
    related = np.array([2.0 - both[i].scores["unrelated"] - both[n + i].scores["unrelated"] for i in range(n)]) / 2
    rows = np.column_stack(
        [
            *cos,
            [_overlap(names[a], names[b]) for a, b in pairs],
            [_weighted_overlap(weighted[a], weighted[b]) for a, b in pairs],
            [sf.sparse_cosine(tfidf[a], tfidf[b]) for a, b in pairs],
            [_overlap(dates[a], dates[b]) for a, b in pairs],
            [_alignment(sent_vectors[a], sent_vectors[b]) for a, b in pairs],
            related,
        ]
    )
    return rows.astype(np.float64)


def similarity_batch(pairs: Iterable[tuple[str, str]]) -> list[float]:
    """Same-story score in [0, 1] for each ``(a, b)`` pair, in order (the full tier)."""
    items = [(str(a or ""), str(b or "")) for a, b in pairs]
    if not items:
        return []
    intercept, w = _coefficients("full", FULL_FEATURES)
    score = intercept + pair_features(items) @ w
    return [round(float(s), 4) for s in np.clip(score, 0.0, 1.0)]


def similarity(a: str, b: str) -> float:
    """How likely ``a`` and ``b`` report the same story, in [0, 1]."""
    return similarity_batch([(a, b)])[0]
