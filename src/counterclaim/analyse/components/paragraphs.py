"""A blank line ends a sentence: the ``counterclaim_paragraphs`` component, run before the parser.

News text puts a headline, a dateline or a caption on its own line with no full stop. Left alone,
the parser reads "Russia Claims They Killed ISIS Leader" and the paragraph below as one sentence and
attaches words across the gap, so a headline's object becomes the next paragraph's subject.
Marking the token after a blank line as a sentence start makes the parser keep them apart (it
respects boundaries set before it runs); single line breaks are left to the parser.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("counterclaim_paragraphs")
def paragraphs(doc: Doc) -> Doc:
    for tok in doc[:-1]:
        if tok.is_space and tok.text.count("\n") >= 2:
            doc[tok.i + 1].is_sent_start = True
    return doc
