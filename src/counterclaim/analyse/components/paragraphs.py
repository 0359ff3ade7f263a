"""A blank line ends a sentence: the ``counterclaim_paragraphs`` component, run before the parser.

News text puts a headline, a dateline or a caption on its own line with no full stop. Left alone,
the parser reads "Russia Claims They Killed ISIS Leader" and the paragraph below as one sentence and
attaches words across the gap, so a headline's object becomes the next paragraph's subject.
Marking the token after a blank line as a sentence start makes the parser keep them apart (it
respects boundaries set before it runs). A single line break ends a sentence only after the first
line, where plain-text articles put the headline ("Engineers question Korvenia's sabotage account"
above "ALSGRAD, March 9, 2026 (Continental Wire) - …"); elsewhere it may be a soft wrap, left to the
parser.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("counterclaim_paragraphs")
def paragraphs(doc: Doc) -> Doc:
    first = True
    for tok in doc[:-1]:
        if not tok.is_space or "\n" not in tok.text:
            continue
        if first or tok.text.count("\n") >= 2:
            doc[tok.i + 1].is_sent_start = True
        first = False
    return doc
