"""The one spaCy boundary: Article → Doc going in, Doc → ``Analysis`` coming out."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from counterclaim.types import Analysis, Article, TextRange


def make_doc(nlp: Language, article: Article) -> Doc:
    """Tokenise the article's text and carry its boilerplate ranges onto the Doc."""
    if len(article.text) >= nlp.max_length:
        nlp.max_length = len(article.text) + 1
    doc = nlp.make_doc(article.text)
    doc._.cc_boilerplate = [(r.start, r.end) for r in article.boilerplate]
    return doc


def doc_to_analysis(doc: Doc, article: Article) -> Analysis:
    sentences = tuple(TextRange(s.start_char, s.end_char) for s in doc.sents) if doc.has_annotation("SENT_START") else ()
    return Analysis(
        article=article,
        statements=tuple(sorted(doc._.cc_statements or [], key=lambda s: (s.content.start, s.content.end))),
        quantities=tuple(sorted(doc._.cc_quantities or [], key=lambda q: (q.start, q.end))),
        mentions=tuple(doc._.cc_mentions or []),
        sentences=sentences,
    )
