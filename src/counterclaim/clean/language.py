"""Language identification (py3langid), cautious with short texts.

A language model over character n-grams is unreliable on a sentence or two: "Robertson added."
comes out as Welsh. Rejecting real English input is worse than analysing the odd foreign text, so
a text is called non-English only when it is long enough to judge and the model is confident.
"""

from __future__ import annotations

from functools import lru_cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

MIN_WORDS_TO_JUDGE = 5  # below this, assume English
MIN_CONFIDENCE = 0.9  # normalised probability of the top non-English language
SAMPLE_CHARS = 5000  # the first few paragraphs settle it; long texts are not read whole


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    # norm_probs gives probabilities in 0..1, so one threshold works for any text length
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@lru_cache(maxsize=64)  # clean() asks twice about the same text: once to skip, once to label
def detect_language(text: str) -> tuple[str, float]:
    """``(ISO 639-1 code, probability)`` for ``text``; ``("en", 0.0)`` when too short to judge."""
    sample = text[:SAMPLE_CHARS]
    if len(sample.split()) < MIN_WORDS_TO_JUDGE:
        return "en", 0.0
    lang, prob = _identifier().classify(sample)
    return str(lang), float(prob)


def non_english(text: str) -> tuple[str, float] | None:
    """The detected language and its probability when ``text`` is confidently not English, else None."""
    lang, prob = detect_language(text)
    if lang != "en" and prob >= MIN_CONFIDENCE:
        return lang, prob
    return None
