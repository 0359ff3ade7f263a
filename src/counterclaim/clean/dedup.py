"""Near-duplicate detection: MinHash signatures over word shingles, and an LSH index over them.

Syndicated news (a wire story reprinted by fifty sites with a new headline and a different
footer) is not byte-identical, so ``content_hash`` misses it. MinHash estimates the Jaccard
similarity of word 5-shingle sets; LSH finds candidates above ``near_duplicate_threshold``
without comparing every pair. Signatures are plain bytes so the store can persist them and
rebuild the index when an ingest starts.
"""

from __future__ import annotations

import re
from collections.abc import Hashable

import numpy as np
from datasketch import MinHash, MinHashLSH

from counterclaim.settings import Settings

NUM_PERM = 128
SEED = 1  # fixed, so signatures made in different runs are comparable
SCHEME = "affine32"  # datasketch 2 needs the hashing scheme stated when rebuilding from values
SHINGLE_WORDS = 5
_WORD = re.compile(r"\w+")
_DTYPE = np.dtype("<u8")  # explicit little-endian: signatures are portable between machines


def _shingles(text: str) -> list[bytes]:
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < SHINGLE_WORDS:  # short texts: the whole text is the one shingle
        return [" ".join(words).encode("utf-8")]
    return [" ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8") for i in range(len(words) - SHINGLE_WORDS + 1)]


def _minhash(signature: bytes) -> MinHash:
    if len(signature) != NUM_PERM * _DTYPE.itemsize:
        raise ValueError(
            f"signature has {len(signature)} bytes, expected {NUM_PERM * _DTYPE.itemsize}; was it made by minhash_signature?"
        )
    values = np.frombuffer(signature, dtype=_DTYPE)
    return MinHash(num_perm=NUM_PERM, seed=SEED, hashvalues=values.astype(np.uint64), scheme=SCHEME)


def minhash_signature(text: str) -> bytes:
    """The MinHash signature of ``text``'s word 5-shingles: 128 values, 1024 bytes."""
    mh = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    mh.update_batch(_shingles(text))
    return mh.hashvalues.astype(_DTYPE).tobytes()


def estimate_similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity (0..1) of the two texts behind signatures ``a`` and ``b``."""
    return float(_minhash(a).jaccard(_minhash(b)))


class NearDuplicateIndex:
    """An LSH index of signatures: ``add`` articles, ``query`` for likely syndicated copies."""

    def __init__(self, threshold: float | None = None, settings: Settings | None = None) -> None:
        settings = settings or Settings()
        self.threshold = settings.near_duplicate_threshold if threshold is None else threshold
        self._lsh = MinHashLSH(threshold=self.threshold, num_perm=NUM_PERM)
        self._signatures: dict[Hashable, bytes] = {}

    def __len__(self) -> int:
        return len(self._signatures)

    def __contains__(self, key: object) -> bool:
        return key in self._signatures

    def add(self, key: Hashable, signature: bytes) -> None:
        """Index ``signature`` under ``key``; adding a key again replaces its signature."""
        if key in self._signatures:
            self._lsh.remove(key)
        self._lsh.insert(key, _minhash(signature))
        self._signatures[key] = signature

    def query(self, signature: bytes) -> list[Hashable]:
        """Keys whose texts likely overlap ``signature``'s above the threshold, most similar first.

        LSH returns candidates; each is checked against the estimated Jaccard similarity, so a
        chance collision in one band does not report a false duplicate.
        """
        mh = _minhash(signature)
        scored = [
            (float(mh.jaccard(_minhash(self._signatures[key]))), key) for key in self._lsh.query(mh)
        ]
        scored = [(score, key) for score, key in scored if score >= self.threshold]
        scored.sort(key=lambda pair: -pair[0])
        return [key for _, key in scored]
