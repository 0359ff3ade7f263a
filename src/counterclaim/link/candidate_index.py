"""The blocking + nearest-neighbour index that keeps proposition linking sub-quadratic.

A new statement is never compared with every proposition. Its blocking keys (content stems ``t:``,
entities ``e:``, figures ``n:``) select a candidate block through an inverted index, weighted like
IDF so rare keys count more; only the top ``k`` of that block are scored exactly, with one numpy
matrix-vector product over their embeddings. Very common keys (in more than ``max_postings``
propositions) are read only for their most recent entries, so a key like ``t:said`` cannot turn a
lookup into a scan; the cost of one query is bounded by ``keys × max_postings`` whatever the size
of the ledger.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True, slots=True)
class Candidate:
    """A proposition near a query: its id, embedding cosine and IDF-weighted key overlap."""

    proposition_id: int
    cosine: float
    overlap: float  # share of the query's key weight the proposition also has, 0..1
    keys: frozenset[str]


class CandidateIndex:
    """Inverted index on blocking keys plus a growable float32 matrix of proposition centroids."""

    def __init__(self, dim: int, *, max_postings: int = 2000, capacity: int = 1024) -> None:
        self.dim = dim
        self.max_postings = max_postings
        self.postings: dict[str, list[int]] = defaultdict(list)  # key → slots, oldest first
        self.keys: list[set[str]] = []  # slot → keys
        self.ids: list[int] = []  # slot → proposition id
        self.slot: dict[int, int] = {}
        self.sums = np.zeros((capacity, dim), dtype=np.float32)  # unnormalised sums of member vectors
        self.unit = np.zeros((capacity, dim), dtype=np.float32)

    def __len__(self) -> int:
        return len(self.ids)

    def _grow(self) -> None:
        capacity = self.sums.shape[0] * 2
        for name in ("sums", "unit"):
            old = getattr(self, name)
            new = np.zeros((capacity, self.dim), dtype=np.float32)
            new[: old.shape[0]] = old
            setattr(self, name, new)

    def add(self, proposition_id: int, keys: Iterable[str], vector: np.ndarray) -> None:
        """Index a new proposition (or merge into it when already indexed)."""
        if proposition_id in self.slot:
            self.extend(proposition_id, keys, vector)
            return
        slot = len(self.ids)
        if slot >= self.sums.shape[0]:
            self._grow()
        self.ids.append(proposition_id)
        self.slot[proposition_id] = slot
        self.keys.append(set())
        self.sums[slot] = 0.0
        self.extend(proposition_id, keys, vector)

    def extend(self, proposition_id: int, keys: Iterable[str], vector: np.ndarray | None) -> None:
        """A statement joined the proposition: add its keys and move the centroid towards it."""
        slot = self.slot[proposition_id]
        own = self.keys[slot]
        for key in keys:
            if key not in own:
                own.add(key)
                self.postings[key].append(slot)
        if vector is not None and vector.size:
            self.sums[slot] += vector
            norm = float(np.linalg.norm(self.sums[slot]))
            self.unit[slot] = self.sums[slot] / norm if norm > 0 else 0.0

    def centroid(self, proposition_id: int) -> np.ndarray:
        return self.sums[self.slot[proposition_id]].copy()

    def key_weight(self, key: str) -> float:
        """IDF-like weight: a key in few propositions says more than one in many."""
        return math.log1p((len(self.ids) + 1) / (1 + len(self.postings.get(key, ()))))

    def search(self, keys: Iterable[str], vector: np.ndarray | None, *, k: int = 32) -> list[Candidate]:
        """The ``k`` propositions sharing the most key weight with the query, scored exactly."""
        query = set(keys)
        if not query or not self.ids:
            return []
        weights = {key: self.key_weight(key) for key in query}
        total = sum(weights.values()) or 1.0
        scores: dict[int, float] = defaultdict(float)
        for key in query:
            slots = self.postings.get(key)
            if not slots:
                continue
            w = weights[key]
            for slot in slots[-self.max_postings :]:
                scores[slot] += w
        if not scores:
            return []
        top = sorted(scores.items(), key=lambda kv: (-kv[1], -kv[0]))[:k]
        slots = np.fromiter((s for s, _ in top), dtype=np.int64, count=len(top))
        if vector is not None and vector.size:
            cosines = self.unit[slots] @ vector.astype(np.float32)
        else:
            cosines = np.zeros(len(top), dtype=np.float32)
        return [
            Candidate(self.ids[slot], float(cos), score / total, frozenset(self.keys[slot] & query))
            for (slot, score), cos in zip(top, cosines, strict=True)
        ]
