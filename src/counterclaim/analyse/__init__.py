"""Stage 3: ``Article`` → ``Analysis`` (attributed statements, quantities, entity mentions).

All spaCy work happens in this package; ``convert.py`` is the one boundary where Docs become the
dataclasses of ``counterclaim.types``, so later stages never import spaCy.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from counterclaim.types import Analysis, Article


def analyse(articles: Iterable[Article], *, batch_size: int = 32, n_process: int = 1) -> Iterator[Analysis]:
    """Analyse articles in order, one ``Analysis`` each (articles → analyses)."""
    from counterclaim.analyse.convert import doc_to_analysis, make_doc
    from counterclaim.analyse.nlp import load_nlp

    nlp = load_nlp()
    items = ((make_doc(nlp, article), article) for article in articles)
    for doc, article in nlp.pipe(items, as_tuples=True, batch_size=batch_size, n_process=n_process):
        yield doc_to_analysis(doc, article)


def analyse_text(text: str, *, title: str | None = None, published: str | None = None) -> Analysis:
    """Analyse one piece of text: the quickest way in from Python.

    >>> analysis = analyse_text('Robertson said: "We are skeptical."')  # doctest: +SKIP
    """
    from counterclaim.clean import clean_text

    article = clean_text(text, source="<text>", title=title, published=published)
    return next(analyse([article]))
