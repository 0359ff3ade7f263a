"""Speaker turns and signed quotes: statements attributed by layout rather than by a verb.

Interview transcripts ("WALLACE: Let's start with …", "Q: …", "A: …") and headlines in the
"Pence: Gennifer Flowers Won't Be at Debate" style attribute a whole paragraph to the label before
the colon. The parse gives no cue verb to hang them on, so the learned detector never proposes them;
they are found here by layout instead, and only where the label is plainly a speaker:

- a label in capitals that is a person named in the article ("PENCE" beside "Mike Pence") or that
  opens two or more turns (a transcript names its speakers over and over);
- a label in title case only in the headline, and only when it names a person of the article
  ("Kasich: 'We Are Going To Go All The Way …'"): in running text "Sanders: Win in a walk." is a
  list heading, not a quotation;
- a headline whose colon is followed by nothing but a quotation, when the words before it name a
  person of the article ("A lesson from Loretta Lynch: 'Be the voice …'"), unless a cue verb of the
  headline already reads the quotation.

A signed quotation is a line that is all quotation, signed after a dash with its speaker's name,
as vox pops, epigraphs and reader comments are printed: '"He has spread hate and fear." ― Edwin G.
Monroy' (a comma may follow the name with an age or a town).

Page furniture in capitals ("UPDATE:", "VIDEO:", "BREAKING:") is never a speaker, and neither are
the "Q:" and "A:" of a printed interview: the answers are the interviewee's, but nothing in the turn
says who that is, and PolNeAR's annotators left two of every three such turns unmarked (train: 20
marked, 44 not), so they cost more precision than they bring.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from spacy.tokens import Doc

from counterclaim.analyse.candidates import Candidate
from counterclaim.analyse.speakers import is_credit, paragraph_label

# capitalised words that open a paragraph with a colon but name nobody
FURNITURE = {
    "update", "updated", "video", "videos", "watch", "look", "breaking", "byline", "email", "photo", "photos",
    "note", "editor", "correction", "boom", "busted", "revealed", "report", "poll", "exclusive", "wow",
    "source", "sources", "credit", "read", "more", "related", "see", "also", "listen", "audio", "transcript",
    "contributing", "reporting", "advertisement", "follow", "share", "tags", "topics", "the", "latest",
    "stat", "week", "day", "live", "analysis", "opinion", "editorial", "review", "warning", "just", "in",
}

# a headline with these in its label is a headline ("Big Win For Bernie: …"), not a speaker
FUNCTION_WORDS = {"for", "of", "on", "to", "and", "or", "a", "an", "with", "at", "by", "from", "is", "are", "was"}


def _paragraph_starts(doc: Doc) -> Iterable[int]:
    yield 0
    for tok in doc:
        if "\n" in tok.text and tok.i + 1 < len(doc):
            yield tok.i + 1


def _words(doc: Doc, start: int, end: int) -> list[str]:
    return [t.text.lower().strip(".’'") for t in doc[start:end] if t.is_alpha or t.text.rstrip(".").isalpha()]


def paragraph_end(doc: Doc, start: int) -> int:
    """The index of the line break that ends the paragraph holding token ``start`` (or the doc's length)."""
    k = start
    while k < len(doc) and "\n" not in doc[k].text:
        k += 1
    return k


def _content_range(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """The turn's words, without the layout's spaces, the headline's full stop or a dangling quote mark."""
    while start < end and doc[start].is_space:
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].text in (".", ";")):
        end -= 1
    return start, end


def _name_words(people: Iterable[str]) -> set[str]:
    """The words of the article's people's names, lower-cased (initials left out), that a label or
    a headline may name them by."""
    return {w.lower() for p in people for w in p.split() if len(w) > 1}


def speaker_turns(doc: Doc, people: Iterable[str]) -> list[Candidate]:
    """Candidates (kind ``turn``, the colon as cue) for every speaker turn in ``doc``.

    ``people`` are the canonical names of the persons the article mentions.
    """
    names = _name_words(people)
    found: list[tuple[int, int, int]] = []
    for start in _paragraph_starts(doc):
        label = paragraph_label(doc, start)
        if label is not None:
            found.append((start, *label))
    if not found:
        return []
    counts = Counter(tuple(_words(doc, ls, le)) for _, ls, le in found)
    out: list[Candidate] = []
    for para, ls, le in found:
        colon = le  # the label ends at its colon
        words = _words(doc, ls, le)
        if not words or any(w in FURNITURE or w in FUNCTION_WORDS for w in words):
            continue
        caps = all(t.text.upper() == t.text for t in doc[ls:le])
        person = any(w in names for w in words)
        if caps:
            if len(words) == 1 and len(words[0]) == 1:
                continue  # "Q:", "A:"
            if not (person or counts[tuple(words)] >= 2):
                continue
        elif not (para == 0 and person):
            continue
        start, end = _content_range(doc, colon + 1, paragraph_end(doc, colon + 1))
        if end - start < 2:
            continue
        out.append(Candidate(cue=doc[colon], kind="turn", start=start, end=end, source=(ls, le), cue_end=colon + 1,
                             score=float("inf")))
    return out


# words after which a headline names a quotation's topic, not its speaker
TOPIC_WORDS = {"on", "about", "to", "for", "against", "at", "with", "over", "of", "slams", "attacks", "praises"}


def headline_quotes(doc: Doc, people: Iterable[str], turns: Iterable[Candidate] = ()) -> list[Candidate]:
    """Candidates (kind ``turn``) for a headline that gives a quotation after a colon and names its
    speaker somewhere before it: "A lesson from Loretta Lynch: 'Be the voice that people hear.'",
    "Warren Hammers Wells Fargo CEO: 'You Should Be Criminally Investigated.'" The label is no
    speaker label (it runs long, or has lower-case words), but a quotation standing alone after the
    colon is the named person's; the speaker is the first person of the article the label names.
    ``turns`` are the turns already found, whose colons this leaves alone."""
    names = _name_words(people)
    end = paragraph_end(doc, 0)
    taken = {t.cue.i for t in turns}
    colon = next((k for k in range(end) if doc[k].text == ":"), None)
    if colon is None or colon in taken or not names:
        return []
    start, stop = _content_range(doc, colon + 1, end)
    if stop - start < 3 or not doc[start].is_quote or not doc[stop - 1].is_quote:
        return []
    if any(t.is_quote for t in doc[start + 1 : stop - 1]):
        return []  # two quotations, or a quoted word inside the headline's own words
    # "CNN President On Trump: '…'": a name after a preposition is what the quotation is about. The
    # tagger is no help in a title-case headline ("Gillibrand on Hillary …" makes her a verb).
    run = [t.i for t in doc[:colon] if t.text[:1].isupper() and t.text.lower().strip(".") in names
           and not (t.i > 0 and doc[t.i - 1].lower_ in TOPIC_WORDS)]
    if not run:
        return []
    first = last = run[0]
    while last + 1 in run:
        last += 1
    return [Candidate(cue=doc[colon], kind="turn", start=start, end=stop, source=(first, last + 1),
                      cue_end=colon + 1, score=float("inf"))]


# who signs a picture, not a quotation
PICTURE_CREDITS = {"images", "getty", "shutterstock", "istock", "afp", "reuters", "ap", "epa", "pool", "alamy"}
DASHES = {"―", "—", "–", "--"}
MAX_SIGNATURE_TOKENS = 12


def _is_dash(text: str) -> bool:
    """A dash, or a closing quotation mark the tokenizer left glued to one ('”―')."""
    return text in DASHES or (len(text) == 2 and text[0] in "”\"'’" and text[1] in "―—–")


def signed_quotes(doc: Doc) -> list[Candidate]:
    """Candidates (kind ``signed``, the dash as cue) for every line that is a quotation signed by a name."""
    out: list[Candidate] = []
    for start in _paragraph_starts(doc):
        end = paragraph_end(doc, start)
        dash = next((k for k in range(end - 1, start, -1) if _is_dash(doc[k].text)), None)
        if dash is None or end - dash - 1 > MAX_SIGNATURE_TOKENS:
            continue
        qs, qe = _content_range(doc, start, dash)
        closed = doc[qe - 1].is_quote or doc[dash].text not in DASHES  # '”―' is one token after a quotation
        if qe - qs < 3 or not (doc[qs].is_quote and closed):
            continue
        name_start = dash + 1
        while name_start < end and doc[name_start].is_space:  # '―\xa0Jorge Falcon'
            name_start += 1
        name_end = next((k for k in range(name_start, end) if doc[k].text in (",", "(")), end)
        while name_end > name_start and (doc[name_end - 1].is_space or doc[name_end - 1].text == "."):
            name_end -= 1
        name = doc[name_start:name_end]
        if not 1 <= len(name) <= 5 or not all(t.text[:1].isupper() or t.text in (".", "-", "'") for t in name):
            continue
        if any(t.lower_ in FURNITURE | PICTURE_CREDITS for t in name) or is_credit(name.text):
            continue  # "— Getty Images", "— Reporting by …": a credit, not a speaker
        out.append(Candidate(cue=doc[dash], kind="signed", start=qs, end=qe, source=(name_start, name_end),
                             cue_end=dash + 1, score=float("inf")))
    return out
