"""The blocking + nearest-neighbour index that keeps proposition linking sub-quadratic.

A new statement is never compared with every proposition. Its blocking keys (content stems ``t:``,
entities ``e:``, figures ``n:``) select a candidate block through an inverted index, weighted like
IDF so rare keys count more; only the top ``k`` of that block are scored exactly, with one numpy
matrix-vector product over their embeddings. Very common keys (in more than ``max_postings``
propositions) do not generate candidates at all, only weigh in the exact scoring of those the rare
keys found, so a key like ``e:<Islamic State>`` cannot turn a lookup into a scan: one query costs at
most ``keys × max_postings`` whatever the size of the ledger.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True, slots=True)
class Candidate:
    """A proposition near a query, with the evidence the linker scores.

    overlap: IDF weight of the shared word and figure keys over the weight of the query's eight
    heaviest such keys (0..1; a long statement is not penalised for saying more). entity_share:
    share of the query's entities the proposition also names.
    """

    proposition_id: int
    cosine: float
    overlap: float
    entity_share: float
    n_terms: int  # shared content stems
    n_figures: int  # shared figures that are not years


def _is_year(key: str) -> bool:
    return len(key) == 6 and key[2:].isdigit() and 1900 <= int(key[2:]) <= 2100


class CandidateIndex:
    """Inverted index on blocking keys plus a growable float32 matrix of proposition centroids."""

    def __init__(self, dim: int, *, max_postings: int = 100, capacity: int = 1024, freeze: int = 8) -> None:
        self.dim = dim
        self.max_postings = max_postings
        # A proposition is described by its first ``freeze`` members only: later members join it but
        # no longer move its keys or centroid, so it cannot drift into a topic-wide hub that every
        # sentence of a story matches (seen on FNC-1: one proposition had gathered 700 articles).
        self.freeze = freeze
        self.members: list[int] = []  # slot → members seen
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

    def add(self, proposition_id: int, keys: Iterable[str], vector: np.ndarray, members: int = 1) -> None:
        """Index a new proposition (or merge into it when already indexed); ``members`` when reloaded."""
        if proposition_id in self.slot:
            self.extend(proposition_id, keys, vector)
            return
        slot = len(self.ids)
        if slot >= self.sums.shape[0]:
            self._grow()
        self.ids.append(proposition_id)
        self.slot[proposition_id] = slot
        self.keys.append(set())
        self.members.append(0)
        self.sums[slot] = 0.0
        self.extend(proposition_id, keys, vector)
        self.members[slot] = max(1, members)

    def extend(self, proposition_id: int, keys: Iterable[str], vector: np.ndarray | None) -> None:
        """A statement joined the proposition: add its keys and move the centroid towards it."""
        slot = self.slot[proposition_id]
        self.members[slot] += 1
        if self.members[slot] > self.freeze:
            return
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

    def has_any(self, proposition_id: int, keys: set[str]) -> bool:
        return bool(self.keys[self.slot[proposition_id]] & keys)

    def search(self, keys: Iterable[str], vector: np.ndarray | None, *, k: int = 16) -> list[Candidate]:
        """The ``k`` propositions sharing the most key weight with the query, scored exactly.

        Two phases, as in any blocking scheme: candidates come from the query's *rare* keys (posting
        lists up to ``max_postings``; if every key is common, the newest entries of the two rarest),
        then the best ``1.5 k`` by rough weight get their exact shared keys by set intersection.
        """
        query = set(keys)
        if not query or not self.ids:
            return []
        weights = {key: self.key_weight(key) for key in query}
        by_rarity = sorted(query, key=lambda q: len(self.postings.get(q, ())))
        blocking = [q for q in by_rarity if 0 < len(self.postings.get(q, ())) <= self.max_postings]
        if not blocking:
            blocking = [q for q in by_rarity[:2] if self.postings.get(q)]
        rough: dict[int, float] = defaultdict(float)
        for key in blocking:
            w = weights[key] if not key.startswith("e:") else 0.1 * weights[key]
            for slot in self.postings[key][-self.max_postings :]:
                rough[slot] += w
        if not rough:
            return []
        shortlist = heapq.nlargest(k + k // 2, rough.items(), key=lambda kv: (kv[1], kv[0]))
        word_keys = [q for q in query if not q.startswith("e:")]
        n_entities = len(query) - len(word_keys)
        total = sum(sorted((weights[q] for q in word_keys), reverse=True)[:8]) or 1.0
        exact = []
        for slot, _ in shortlist:
            w = 0.0
            ents = terms = figures = 0
            for q in self.keys[slot] & query:
                kind = q[0]
                if kind == "e":
                    ents += 1
                    continue
                w += weights[q]
                if kind == "t":
                    terms += 1
                elif not _is_year(q):
                    figures += 1
            exact.append((min(1.0, w / total), slot, ents, terms, figures))
        exact.sort(key=lambda e: (-e[0], -e[2], -e[1]))
        exact = exact[:k]
        slots_arr = np.fromiter((e[1] for e in exact), dtype=np.int64, count=len(exact))
        if vector is not None and vector.size:
            cosines = self.unit[slots_arr] @ vector.astype(np.float32)
        else:
            cosines = np.zeros(len(exact), dtype=np.float32)
        return [
            Candidate(self.ids[slot], float(cos), overlap, ents / n_entities if n_entities else 0.0, terms, figures)
            for (overlap, slot, ents, terms, figures), cos in zip(exact, cosines, strict=True)
        ]

    def score(self, keys: Iterable[str], vector: np.ndarray | None, proposition_ids: Iterable[int]) -> list[Candidate]:
        """Exact candidates for chosen propositions (a dispute that names its claimant picks among theirs)."""
        query = set(keys)
        slots = [self.slot[p] for p in dict.fromkeys(proposition_ids) if p in self.slot]
        if not slots:
            return []
        weights = {key: self.key_weight(key) for key in query}
        word_keys = [q for q in query if not q.startswith("e:")]
        n_entities = len(query) - len(word_keys)
        total = sum(sorted((weights[q] for q in word_keys), reverse=True)[:8]) or 1.0
        out = []
        for slot in slots:
            shared = self.keys[slot] & query
            ents = sum(1 for q in shared if q[0] == "e")
            terms = sum(1 for q in shared if q[0] == "t")
            figures = sum(1 for q in shared if q[0] == "n" and not _is_year(q))
            w = sum(weights[q] for q in shared if q[0] != "e")
            cos = float(self.unit[slot] @ vector.astype(np.float32)) if vector is not None and vector.size else 0.0
            out.append(Candidate(self.ids[slot], cos, min(1.0, w / total), ents / n_entities if n_entities else 0.0,
                                 terms, figures))
        return out
