"""How proposition linking scales: 10k → 100k → 1M synthetic statements, time and statements/s per size.

The statements are generated from hidden "true" propositions (three distinctive words from a vocabulary
of 200k, three common Zipf-distributed ones, an entity, sometimes a figure); each statement takes
four of the six words plus two filler words, ten statements per
article, one dispute in six pointing back at an earlier claim. They are fed to the same
:class:`~counterclaim.link.propositions.PropositionLinker` the ledger uses, in chunks of 10,000, so
the run is also incremental: each chunk links against everything linked before. The embedding is
the hashing stand-in (``hash_embedder``) so the number measures linking, not the model; the
shipped model2vec model adds its own (linear) encoding time.

For each size it prints the wall time, statements/s, propositions created, the peak RSS and, on a
sample of statement pairs, the pairwise precision/recall of the found grouping against the hidden one.

    python benchmarks/link_scale.py              # 10k, 100k, 1M
    python benchmarks/link_scale.py 10000 50000  # chosen sizes
"""

from __future__ import annotations

import random
import resource
import sys
import time
from collections.abc import Iterator

import numpy as np

from counterclaim.link.propositions import ClaimInput, PropositionLinker, hash_embedder

VOCAB = 200_000
FILLER = [f"filler{i}" for i in range(3000)]
CHUNK = 10_000
PER_ARTICLE = 10


def _word(i: int) -> str:
    # letters only, so the stemmer leaves them alone and the tokenizer keeps them
    out = []
    i += 1
    while i:
        i, r = divmod(i, 26)
        out.append(chr(97 + r))
    return "w" + "".join(out) + "x"


def statements(n: int, seed: int = 7) -> Iterator[tuple[ClaimInput, int]]:
    """(claim, hidden proposition id) pairs; about five statements per hidden proposition."""
    rng = random.Random(seed)
    common = np.random.default_rng(seed).zipf(1.6, size=n * 4) % 5000  # story-wide words, skewed
    z = 0
    n_props = max(1, n // 5)
    topics: dict[int, tuple[list[str], int, str | None]] = {}
    for sid in range(1, n + 1):
        article = (sid - 1) // PER_ARTICLE + 1
        hidden = rng.randrange(n_props) if sid > 1 else 0
        if hidden not in topics:
            # three distinctive words (uniform over a large vocabulary) and three common ones
            words = [_word(5000 + rng.randrange(VOCAB)) for _ in range(3)] + [_word(int(w)) for w in common[z : z + 3]]
            z += 3
            topics[hidden] = (words, rng.randrange(50_000), str(rng.randrange(100, 90_000)) if rng.random() < 0.3 else None)
        words, entity, figure = topics[hidden]
        chosen = rng.sample(words, 4) + rng.sample(FILLER, 2)
        rng.shuffle(chosen)
        text = " ".join(chosen) + (f" {figure}" if figure and rng.random() < 0.7 else "")
        stance = "disputes" if rng.random() < 1 / 6 else "asserts"
        yield (
            ClaimInput(sid, article, sid % PER_ARTICLE * 100, stance, text, speaker_entity_id=rng.randrange(5000),
                       side=f"side{rng.randrange(20)}", entity_ids=(entity,),
                       numbers=frozenset({figure}) if figure and figure in text else frozenset()),
            hidden,
        )


def pairwise_quality(found: list[int], hidden: list[int], samples: int = 100_000, seed: int = 3) -> tuple[float, float]:
    """Pairwise precision (pairs drawn from found groups) and recall (pairs drawn from hidden groups)."""
    rng = random.Random(seed)

    def groups(labels: list[int]) -> list[list[int]]:
        by: dict[int, list[int]] = {}
        for i, label in enumerate(labels):
            by.setdefault(label, []).append(i)
        return [g for g in by.values() if len(g) > 1]

    def agreement(pool: list[list[int]], other: list[int]) -> float:
        if not pool:
            return 1.0
        sizes = [len(g) * (len(g) - 1) for g in pool]  # sample pairs uniformly over all same-group pairs
        hits = 0
        for g in rng.choices(pool, weights=sizes, k=samples):
            i, j = rng.sample(g, 2)
            hits += other[i] == other[j]
        return hits / samples

    return agreement(groups(found), hidden), agreement(groups(hidden), found)


def run(n: int) -> None:
    embedder = hash_embedder(64)
    linker = PropositionLinker(embedder, 64)
    found: list[int] = []
    hidden: list[int] = []
    keep_quality = n <= 100_000
    started = time.perf_counter()
    chunk: list[ClaimInput] = []
    for claim, h in statements(n):
        chunk.append(claim)
        if keep_quality:
            hidden.append(h)
        if len(chunk) >= CHUNK:
            links = linker.link(chunk)
            if keep_quality:
                found.extend(link.proposition_id for link in links)
            chunk = []
    if chunk:
        links = linker.link(chunk)
        if keep_quality:
            found.extend(link.proposition_id for link in links)
    elapsed = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    quality = ""
    if keep_quality:
        p, r = pairwise_quality(found, hidden)
        quality = f"  pairwise precision {p:.3f} recall {r:.3f}"
    print(f"{n:>9,} statements  {elapsed:8.1f} s  {n / elapsed:9,.0f} statements/s  "
          f"{len(linker.index):>8,} propositions  peak RSS {peak_mb:,.0f} MB{quality}", flush=True)


def main(argv: list[str]) -> None:
    sizes = [int(a) for a in argv] or [10_000, 100_000, 1_000_000]
    print(f"linking synthetic statements (chunks of {CHUNK:,}, {PER_ARTICLE} per article, hashing embedding)")
    for n in sizes:
        run(n)


if __name__ == "__main__":
    main(sys.argv[1:])
