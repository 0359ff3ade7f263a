"""A blank line ends a sentence: the ``counterclaim_paragraphs`` component, run before the parser.

News text puts a headline, a dateline or a caption on its own line with no full stop. Left alone,
the parser reads "Russia Claims They Killed ISIS Leader" and the paragraph below as one sentence and
attaches words across the gap, so a headline's object becomes the next paragraph's subject.
Marking the token after a blank line as a sentence start makes the parser keep them apart (it
respects boundaries set before it runs). A single line break ends a sentence only after the first
line, where plain-text articles put the headline ("Engineers question Korvenia's sabotage account"
above "ALSGRAD, March 9, 2026 (Continental Wire) - …"); elsewhere it may be a soft wrap, left to the
parser. A wire dateline ("KOSTEL, March 3 (Continental Wire) -") is a sentence of its own too: read
with the sentence it opens, it becomes that sentence's subject and then its speaker. So is a place
dateline or a run-in head in capitals ("BRUSSELS - European leaders said …", "CHARLOTTE, N.C. —",
"QUESTIONABLE MEDICAL CLAIMS — For years, …"), which would otherwise join the speaker's name or start
the content. A military or civil rank ("Pentagon spokesman Cmdr. Sean Robertson said …") ends no
sentence: the tokenizer keeps the abbreviation whole and the name after it stays in its sentence.
"""

from __future__ import annotations

import re

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc

from counterclaim.clean.metadata import wire_dateline

# words in capitals, perhaps a state or country after a comma, then a dash: "WASHINGTON --",
# "NEWPORT NEWS, Va. -", "RANGOON, Burma -", "CONGRESS HAS INVESTIGATED HIM —"
RUN_IN_HEAD = re.compile(
    r"^[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,4}(?:,\s*[A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?)?\s*(?:--|[-—–―])\s*(?=\S)"
)


# Military and civil ranks the English tokenizer splits at the period ("Cmdr", "."), which then ends
# the sentence in the middle of "Pentagon spokesman Cmdr. Sean Robertson said ...".
RANK_ABBREVIATIONS = (
    "Cmdr.", "Cdr.", "Col.", "Lt.", "Capt.", "Maj.", "Sgt.", "Brig.", "Cpl.", "Pvt.", "Amb.", "Lieut.", "Insp.", "Supt.",
)


def add_rank_abbreviations(nlp: Language) -> None:
    """Keep rank abbreviations as single tokens, so names with ranks stay in one sentence."""
    for abbr in RANK_ABBREVIATIONS:
        nlp.tokenizer.add_special_case(abbr, [{ORTH: abbr}])


@Language.component("counterclaim_paragraphs")
def paragraphs(doc: Doc) -> Doc:
    first = True
    starts = [0] if len(doc) else []
    for tok in doc[:-1]:
        if not tok.is_space or "\n" not in tok.text:
            continue
        starts.append(tok.i + 1)
        if first or tok.text.count("\n") >= 2:
            doc[tok.i + 1].is_sent_start = True
        first = False
    for start in starts:
        _split_dateline(doc, start)
    for tok in doc[:-1]:
        # the parser still ends a sentence at "Cmdr." without this: the name after a rank is its sentence's
        if tok.text in RANK_ABBREVIATIONS and not doc[tok.i + 1].is_space:
            doc[tok.i + 1].is_sent_start = False
    return doc


def _split_dateline(doc: Doc, start: int) -> None:
    """Start a sentence after a wire dateline that opens the line at token ``start``."""
    begin = doc[start].idx
    end = doc.text.find("\n", begin)
    line = doc.text[begin : end if end >= 0 else len(doc.text)]
    m = wire_dateline(line) or RUN_IN_HEAD.match(line)
    if m is None or not line[m.end() :].strip():
        return
    cut = begin + m.end()
    after = next((t for t in doc[start:] if t.idx >= cut and not t.is_space), None)
    if after is not None and after.i > start and "\n" not in doc[after.i - 1].text:
        after.is_sent_start = True
