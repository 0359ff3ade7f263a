"""Registers counterclaim's spaCy components; ``PIPELINE`` is their order after the base model."""

from __future__ import annotations

from spacy.language import Language

from counterclaim.analyse import extensions

extensions.register()

# Components run in this order after the base pipeline. Each declares what it assigns.
PIPELINE: list[str] = []


def _add(name: str) -> None:
    if name not in PIPELINE:
        PIPELINE.append(name)


from counterclaim.analyse.components import paragraphs as _paragraphs  # noqa: E402,F401  (registers the factory)

# Runs inside the base pipeline, just before its parser: blank lines end sentences.
BEFORE_PARSER = "counterclaim_paragraphs"

from counterclaim.analyse.components import quantities as _quantities  # noqa: E402,F401  (registers the factory)

_add("counterclaim_quantities")

from counterclaim.analyse.components import attribution as _attribution  # noqa: E402,F401  (registers the factories)

_add("counterclaim_mentions")
_add("counterclaim_attribution")

__all__ = ["BEFORE_PARSER", "PIPELINE", "Language"]
