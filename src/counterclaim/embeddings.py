"""The shipped sentence-embedding model: the one place that loads it.

The model is a static (model2vec) distillation of all-MiniLM-L6-v2 stored in
``counterclaim/models/embeddings/`` (see docs/models/embeddings.md). A static model is a token
lookup table plus mean pooling, so it embeds thousands of sentences per second on one CPU core and
needs no torch at run time. It is loaded from the local folder only; nothing is ever downloaded.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from model2vec import StaticModel

MODEL_DIR = Path(__file__).resolve().parent / "models" / "embeddings"


@lru_cache(maxsize=1)
def load_model(path: str | None = None) -> StaticModel:
    """Load the static embedding model from ``path`` (default: the shipped one), offline.

    path (str | None): a local model2vec folder to use instead of the shipped model.
    """
    # Belt and braces: the hub libraries must never try the network from here.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from model2vec import StaticModel

    folder = Path(path) if path else MODEL_DIR
    if not (folder / "model.safetensors").exists():
        raise FileNotFoundError(
            f"no embedding model in {folder}; reinstall counterclaim or rebuild it with "
            "scripts/distil_embeddings.py (see docs/models/embeddings.md)"
        )
    return StaticModel.from_pretrained(str(folder))


def dimensions() -> int:
    """Width of the vectors :func:`embed` returns."""
    return int(load_model().dim)


def embed(texts: Sequence[str]) -> np.ndarray:
    """Embed ``texts`` as unit-length float32 rows (a zero row for an empty text).

    Unit length makes a dot product a cosine, which is all the callers need.
    """
    if not texts:
        return np.zeros((0, dimensions()), dtype=np.float32)
    vectors = load_model().encode(list(texts), show_progress_bar=False).astype(np.float32, copy=False)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms > 0, norms, 1.0)


def embed_unique(texts: Sequence[str]) -> np.ndarray:
    """Like :func:`embed`, but each distinct text is embedded once (bodies repeat across pairs)."""
    index: dict[str, int] = {}
    order = [index.setdefault(t, len(index)) for t in texts]
    unique = embed(list(index))
    return unique[np.asarray(order, dtype=np.int64)] if order else unique
