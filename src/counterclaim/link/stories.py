"""Grouping articles into stories: embedding similarity plus shared entities, damped by time.

Incremental: a new article joins the best-scoring existing story when the score clears
``threshold``, otherwise it starts a story of its own. A story keeps the running sum of its articles'
embeddings (its centroid), the entities they mention most and its date range, so joining costs one
matrix-vector product over the stories, not a pass over the articles.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from counterclaim.link.propositions import Embedder


@dataclass(frozen=True, slots=True)
class StoryInput:
    """One article as story grouping sees it."""

    article_id: int
    text: str  # title plus the opening of the article
    entity_ids: frozenset[int]
    date: str | None
    title: str | None = None


@dataclass
class Story:
    """A story being built: its id, centroid sum, main entities and dates."""

    id: int
    centroid: np.ndarray
    entity_ids: set[int] = field(default_factory=set)
    first_date: str | None = None
    last_date: str | None = None
    title: str | None = None
    n_articles: int = 0


def _days(a: str | None, b: str | None) -> int | None:
    try:
        return abs((date.fromisoformat(a) - date.fromisoformat(b)).days) if a and b else None  # type: ignore[arg-type]
    except ValueError:
        return None


def time_factor(article_date: str | None, story: Story) -> float:
    """1 within two weeks of the story's dates, falling to 0.5 beyond three months."""
    gaps = [g for g in (_days(article_date, story.first_date), _days(article_date, story.last_date)) if g is not None]
    if not gaps:
        return 0.9
    gap = min(gaps)
    if gap <= 14:
        return 1.0
    if gap <= 45:
        return 0.85
    if gap <= 90:
        return 0.7
    return 0.5


class StoryGrouper:
    """Assigns articles to stories; ``next_id`` is called for a new story's id."""

    def __init__(self, embedder: Embedder, *, threshold: float = 0.6) -> None:
        self.embedder = embedder
        self.threshold = threshold
        self.stories: list[Story] = []

    def load(self, story: Story) -> None:
        self.stories.append(story)

    def score(self, vector: np.ndarray, item: StoryInput, story: Story) -> float:
        norm = float(np.linalg.norm(story.centroid))
        cos = float(story.centroid @ vector) / norm if norm > 0 else 0.0
        union = item.entity_ids | story.entity_ids
        jaccard = len(item.entity_ids & story.entity_ids) / len(union) if union else 0.0
        return (0.75 * cos + 0.25 * min(1.0, 2 * jaccard)) * time_factor(item.date, story)

    def assign(self, items: Sequence[StoryInput], next_id: Callable[[StoryInput], int]) -> list[tuple[int, float, bool]]:
        """(story id, score, created) for each article, in order."""
        vectors = self.embedder([i.text for i in items]) if items else np.zeros((0, 1))
        out = []
        for item, vector in zip(items, vectors, strict=True):
            vector = np.asarray(vector, dtype=np.float32)
            best: tuple[float, Story] | None = None
            for story in self.stories:
                s = self.score(vector, item, story)
                if best is None or s > best[0]:
                    best = (s, story)
            if best is not None and best[0] >= self.threshold:
                story = best[1]
                created = False
                score = best[0]
            else:
                story = Story(next_id(item), np.zeros_like(vector), title=item.title)
                self.stories.append(story)
                created = True
                score = 1.0
            story.centroid = story.centroid + vector
            story.entity_ids |= set(item.entity_ids)
            if item.date:
                story.first_date = min(filter(None, (story.first_date, item.date)))
                story.last_date = max(filter(None, (story.last_date, item.date)))
            story.n_articles += 1
            if story.title is None:
                story.title = item.title
            out.append((story.id, round(score, 4), created))
        return out
