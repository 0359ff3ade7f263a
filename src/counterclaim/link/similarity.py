"""Same-story similarity: how likely two articles report the same event (same place, same time).

Two tiers, because the ledger compares every article with every other:

* :func:`embed_documents` + :func:`story_similarity` — the fast tier. A document is three unit
  vectors (the whole text, its first ~100 characters, which is usually the title, and its first
  ~400, the lead), so an (n, m) score matrix is three matrix products. Good for grouping.
* :func:`similarity` / :func:`similarity_batch` — the full tier, used by ``counterclaim similarity``:
  the same cosines plus capitalised-name overlap, TF-IDF overlap, and the stance model's belief
  that each text's title is *related* to the other text (FNC-1's related-vs-unrelated is nearly
  the same-story question, and it was the strongest single signal).

Both map a weighted sum of features into 0..1 with weights fitted by least squares on the
SemEval-2022 task 8 English sample (``scripts/train_stance.py --similarity``); they live in
``models/stance/similarity.json``. Scores are clipped to [0, 1]; 1 means "the same story".
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from counterclaim.link import embeddings
from counterclaim.link import stance_features as sf

WEIGHTS_PATH = Path(__file__).resolve().parent.parent / "models" / "stance" / "similarity.json"
TITLE_CHARS = 100
LEAD_CHARS = 400
FAST_FEATURES = ("cos_text", "cos_title", "cos_lead")
FULL_FEATURES = (*FAST_FEATURES, "names", "tfidf", "related")
_CAPITAL = re.compile(r"\b[A-Z][a-zA-Z]{2,}")


@lru_cache(maxsize=1)
def load_weights(path: str | None = None) -> dict[str, dict[str, float]]:
    """Per-tier ``{"intercept": b, feature: w, ...}`` from the shipped JSON."""
    data = json.loads(Path(path or WEIGHTS_PATH).read_text())
    for tier, names in (("fast", FAST_FEATURES), ("full", FULL_FEATURES)):
        missing = [n for n in (*names, "intercept") if n not in data.get(tier, {})]
        if missing:
            raise ValueError(f"similarity weights lack {tier}: {missing}; rerun scripts/train_stance.py --similarity")
    return data


def _head(text: str, chars: int) -> str:
    return text.strip()[:chars]


def embed_documents(texts: Sequence[str]) -> np.ndarray:
    """Document vectors for :func:`story_similarity`: shape (n, 3 * dim) = [text | title | lead].

    Each third is unit length, so store them and compare later without the texts.
    """
    texts = [str(t or "") for t in texts]
    whole = embeddings.embed(texts)
    title = embeddings.embed([_head(t, TITLE_CHARS) for t in texts])
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
    w = load_weights()["fast"]
    score = np.full((a.shape[0], b.shape[0]), w["intercept"], dtype=np.float64)
    for name, cos in zip(FAST_FEATURES, _cosines(a, b), strict=True):
        score += w[name] * cos
    return np.clip(score, 0.0, 1.0)


def _names(text: str) -> set[str]:
    return {c.lower() for c in _CAPITAL.findall(text)}


def _overlap(a: set[str], b: set[str]) -> float:
    """Share of the smaller set found in the other: a short text inside a long one scores high."""
    return len(a & b) / (min(len(a), len(b)) or 1)


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
    # Relatedness both ways: the title of each against the other text.
    both = predict_stance([(_head(a, TITLE_CHARS), b) for a, b in pairs] + [(_head(b, TITLE_CHARS), a) for a, b in pairs])
    n = len(pairs)
    related = np.array([2.0 - both[i].scores["unrelated"] - both[n + i].scores["unrelated"] for i in range(n)]) / 2
    rows = np.column_stack(
        [
            *cos,
            [_overlap(names[a], names[b]) for a, b in pairs],
            [sf.sparse_cosine(tfidf[a], tfidf[b]) for a, b in pairs],
            related,
        ]
    )
    return rows.astype(np.float64)


def similarity_batch(pairs: Iterable[tuple[str, str]]) -> list[float]:
    """Same-story score in [0, 1] for each ``(a, b)`` pair, in order (the full tier)."""
    items = [(str(a or ""), str(b or "")) for a, b in pairs]
    if not items:
        return []
    w = load_weights()["full"]
    x = pair_features(items)
    score = w["intercept"] + x @ np.array([w[name] for name in FULL_FEATURES])
    return [round(float(s), 4) for s in np.clip(score, 0.0, 1.0)]


def similarity(a: str, b: str) -> float:
    """How likely ``a`` and ``b`` report the same story, in [0, 1]."""
    return similarity_batch([(a, b)])[0]
