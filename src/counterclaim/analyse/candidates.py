"""Candidate attributions read off the dependency parse, with the features a scorer weighs them by.

Attribution in news is open-ended (PolNeAR counts "said", "according to", "refused to", "wants" and
hundreds more), so no fixed list of verbs finds it all. Instead every token that *could* be a cue
proposes the spans that *could* be its content: its clausal complement, its infinitival complement,
its object, the clause it hangs off, the rest of the sentence after a colon, the quotation next to
it. ``components/attribution.py`` scores each candidate with a linear model learned from PolNeAR
train (``scripts/train_attribution.py``) and keeps the best non-overlapping ones.

This module is shared by training and inference, so the features the model was trained on are
exactly the features it sees at run time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import islice

import numpy as np
from spacy.tokens import Doc, Token

from counterclaim.analyse.cues import EXPERIENCER_CUES
from counterclaim.analyse.speakers import INSTITUTION_NOUNS

OPEN_QUOTES = {"“", "‘‘", "``", "«"}
CLOSE_QUOTES = {"”", "’’", "''", "»"}
# quotation-mark tokens; archives such as the NYT's print quotations between doubled apostrophes
QUOTE_CHARS = {'"', "“", "”", "«", "»", "''", "``", "‘‘", "’’"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
SENTENCE_ENDS = frozenset({".", "!", "?"})
WH_WORDS = {"what", "how", "whether", "why", "who", "when", "where", "which", "if"}
PRONOUNS = {"he", "she", "they", "i", "we", "you", "it", "his", "her", "their"}
MAX_CONTENT_TOKENS = 400
# a cue clause these open ("…, though she noted that clients are changing") adds a statement of its
# own; it does not report the clause it hangs off the way '…, she noted' does
CONCESSIVE = ("though", "although", "while", "whereas", "because", "since", "if", "unless", "after", "before", "when")
QUOTE_REACH = 7  # tokens between a quotation and a verb that can introduce it
# A headline's kicker labels the story, it does not attribute it: "Breaking: Judge Rules …",
# "LOOK: Shocking Photos …", "Revealed: Here Are …" (where "Poll:" and "Report:" do name a source)
KICKERS = frozenset({
    "breaking", "look", "watch", "revealed", "exclusive", "update", "updated", "video", "photos", "live",
    "listen", "see", "read", "just in", "developing",
})


@dataclass(slots=True)
class Candidate:
    """One possible attribution: a cue token, a content token range and a source token range.

    Mutable while it is being built and scored; the component turns the winners into frozen
    ``Statement`` objects.
    """

    cue: Token
    kind: str  # how the content was found: ccomp, xcomp, dobj, prep, head, according, colon, quote (poll, turn, signed: proposed by rule)
    start: int  # content token range [start, end)
    end: int
    source: tuple[int, int] | None = None  # token range of the speaker mention
    cue_end: int = 0  # token index after the cue phrase (cue may span "according to", "said in a")
    features: dict[str, float] = field(default_factory=dict)
    score: float = 0.0


def quote_spans(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges ``[open, close]`` of quotations, pairing curly quotes by direction and
    straight quotes and doubled apostrophes by alternation within a paragraph (a newline resets an unclosed straight quote,
    because news text often leaves the closing quote off a paragraph that the next one continues).
    """
    spans: list[tuple[int, int]] = []
    straight_open: int | None = None
    curly_open: int | None = None
    doubled_open: int | None = None
    for tok in doc:
        text = tok.text
        if "\n" in text:
            # an unclosed quote ends with its paragraph; the next paragraph re-opens it if it goes on
            for opened in (straight_open, curly_open, doubled_open):
                if opened is not None and tok.i - 1 > opened:
                    spans.append((opened, tok.i - 1))
            straight_open = curly_open = doubled_open = None
            continue
        if text == "''" and curly_open is None:
            # ''like this'': doubled apostrophes open and close alike, so they pair by alternation
            if doubled_open is None:
                doubled_open = tok.i
            else:
                spans.append((doubled_open, tok.i))
                doubled_open = None
        elif text in OPEN_QUOTES:
            curly_open = tok.i
        elif text in CLOSE_QUOTES:
            if curly_open is not None:
                spans.append((curly_open, tok.i))
                curly_open = None
            elif straight_open is not None:
                # '"Oz has a huge bully pulpit,” said …': a straight mark closed by a curly one
                spans.append((straight_open, tok.i))
                straight_open = None
        elif text == '"':
            if straight_open is None and curly_open is not None and tok.i > curly_open + 1 and _closes(doc, tok.i):
                # '“Immunity deals should not be a requirement,” … FBI," Chaffetz said': a curly mark closed by a straight one
                spans.append((curly_open, tok.i))
                curly_open = None
            elif straight_open is None:
                straight_open = tok.i
            else:
                spans.append((straight_open, tok.i))
                straight_open = None
    return sorted(spans)


def _closes(doc: Doc, i: int) -> bool:
    """Whether the straight quotation mark at ``i`` sits where a quotation ends: after the
    quotation's last punctuation or word and before a space, punctuation or the paragraph's end."""
    before = doc[i - 1]
    after = doc[i + 1] if i + 1 < len(doc) else None
    glued = not before.whitespace_
    return glued and (after is None or after.is_punct or after.is_space or bool(doc[i].whitespace_))


def _subtree_range(tok: Token) -> tuple[int, int]:
    return tok.left_edge.i, tok.right_edge.i + 1


def _with_predicate(verb: Token, obj: Token) -> tuple[int, int]:
    """The object with the predicate said of it: 'called [Wells Fargo's behavior "outrageous"]',
    'called [her vote a mistake]'; what is said is the pair, not the object alone."""
    start, end = _subtree_range(obj)
    for c in verb.children:
        if c.dep_ == "oprd" and c.i > obj.i:
            end = max(end, c.right_edge.i + 1)
    return start, end


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop leading/trailing punctuation and spaces, and a trailing coordinator, but keep quote marks
    (content keeps them)."""
    while start < end and (doc[start].is_space or (doc[start].is_punct and doc[start].text not in QUOTE_CHARS)):
        start += 1
    while end > start and (doc[end - 1].is_space or (doc[end - 1].is_punct and doc[end - 1].text not in QUOTE_CHARS)
                           or doc[end - 1].dep_ == "cc"):
        end -= 1  # (nor a dangling "and" or "or": "declined to threaten Moscow or")
    return start, end


def source_for(cue: Token) -> tuple[int, int] | None:
    """The speaker mention of a cue: its subject, a passive agent, or the subject of the verb it
    depends on (``..., adding that``; ``said X and added Y``)."""
    subjects = [c for c in cue.children if c.dep_ in ("nsubj", "csubj")]
    if subjects:
        # two subjects are a misparse, most often of a label ("The Latest: Trump urges …"): a
        # subject cut off from the cue by a colon gives way to one that is not
        doc = cue.doc
        free = [c for c in subjects
                if not any(t.text == ":" for t in doc[min(c.i, cue.i) + 1 : max(c.i, cue.i)])] or subjects
        # and a relative pronoun beside a second subject is the reported clause's: "…, which [they] say
        # left a vacuum", "Rubio, who [many] feel need a strong showing"
        free = [c for c in free if c.tag_ not in ("WDT", "WP")] or free
        return mention_range(free[0], cue)
    for child in cue.children:
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return mention_range(pobj, cue)
    for child in cue.children:
        if child.dep_ == "nsubjpass" and child.lower_ not in ("it", "there"):
            if cue.lemma_.lower() in EXPERIENCER_CUES:
                return mention_range(child, cue)  # "Republicans were incensed that …"
            # "Trump is expected to win": the passive subject is not the source; no speaker.
            return None
    head = cue.head
    if head is not cue and cue.dep_ in ("conj", "advcl", "xcomp", "pcomp") and head.pos_ in ("VERB", "AUX"):
        for child in head.children:
            if child.dep_ in ("nsubj",):
                return mention_range(child, head)
    if cue.dep_ in ("acl", "relcl") and head.pos_ in ("NOUN", "PROPN", "PRON"):
        return mention_range(head, cue)
    # possessive cue nouns: "Trump's claim that ..."
    for child in cue.children:
        if child.dep_ == "poss":
            return mention_range(child, cue)
    # object nouns: "He offered no proof that ...", "made the claim that ..."
    if cue.pos_ == "NOUN" and cue.dep_ in ("dobj", "attr", "pobj") and head is not cue:
        verb = head.head if cue.dep_ == "pobj" else head
        for child in verb.children:
            if child.dep_ == "nsubj":
                return mention_range(child, verb)
    return None


def mention_range(tok: Token, cue: Token) -> tuple[int, int]:
    """The subtree of a subject, cut at relative clauses and at the cue so that it stays a mention."""
    start, end = _subtree_range(tok)
    for child in tok.children:
        if child.dep_ in ("relcl", "acl") and child.i > tok.i:
            end = min(end, child.left_edge.i)
    if start <= cue.i < end:
        end = cue.i if cue.i > tok.i else end
        start = cue.i + 1 if cue.i < tok.i else start
    doc = tok.doc
    start, end = _trim(doc, start, end)
    while end > start and doc[end - 1].text in QUOTE_CHARS:
        end -= 1
    while start < end and doc[start].text in QUOTE_CHARS:
        start += 1
    if end <= start:
        return tok.i, tok.i + 1
    return start, end


def _enclosing_quote(quotes: list[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    """A quotation that overlaps the range and reaches beyond it (a multi-sentence quote)."""
    for qs, qe in quotes:
        if qs < end and qe + 1 > start and (qs < start or qe + 1 > end):
            return qs, qe + 1
    return None


def _extend_to_quotes(quotes: list[tuple[int, int]], cue: Token, start: int, end: int) -> tuple[int, int]:
    """Grow a content range to cover whole quotations it cuts into, unless the cue is inside."""
    for qs, qe in quotes:
        qe1 = qe + 1
        if qe1 - qs > MAX_CONTENT_TOKENS:
            continue
        if qs <= cue.i < qe1:
            continue
        if qs < end and qe1 > start:
            start, end = min(start, qs), max(end, qe1)
    return start, end


def _split_quote_partner(doc: Doc, quotes: list[tuple[int, int]], cue: Token, start: int, end: int) -> int:
    """``"X," he said, "Y."``: when the content is a quotation before the cue and another
    quotation opens right after the cue clause, the content runs on to the end of that one."""
    if end > cue.i or not any(qe + 1 == end for _, qe in quotes):
        return end  # only a quotation has a second half: 'Trump is reduced to "taunts" because he cannot defend …'
    for qs, qe in quotes:
        if cue.i < qs <= cue.i + 8:
            # only the rest of the cue clause may stand between: subject, time, "in a statement" (not
            # a sentence end: '"X," he said. "Y."' is two statements)
            between = doc[cue.i + 1 : qs]
            if not any(t.pos_ in ("VERB", "AUX") or t.text in QUOTE_CHARS or "\n" in t.text
                       or t.text in SENTENCE_ENDS for t in between):
                return qe + 1
            return end
    return end


_FINITE = frozenset({"VBD", "VBZ", "VBP"})


# verbs of saying that only a speaker can do: a clause about a thing that goes on with one of
# these has gone back to the speaker
SPEECH_ACTS = frozenset({
    "say", "add", "tell", "claim", "insist", "argue", "warn", "urge", "vow", "pledge", "promise",
    "blame", "accuse", "condemn", "criticize", "criticise", "praise", "deny", "reject", "dismiss",
    "call", "demand", "announce", "declare", "stress", "note", "acknowledge", "admit", "confirm",
    "cite", "suggest", "assert", "explain", "contend", "point", "describe", "refer",
})


# endings of nouns for people ("minister", "spokesman", "activist", "official", "nominee") and
# heads of groups that speak; a noun that has one of these is not taken for a thing
_PERSON_ENDINGS = ("er", "or", "ist", "ian", "ant", "ent", "man", "men", "ee", "ive", "ary", "ess", "al", "ic")
_SPEAKING_BODIES = INSTITUTION_NOUNS | {"party", "group", "campaign", "team", "board", "union", "firm", "office", "press", "media"}


def _inanimate_subject(verb: Token) -> bool:
    """The verb's subject is a singular common noun for a thing ("the breach", "the dam"): no name, no
    pronoun, no word for a person ("minister", "official") or a body that speaks ("the ministry")."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.tag_ != "NN" or subj.ent_type_:
        return False
    if any(t.ent_type_ or t.pos_ in ("PROPN", "PRON") for t in subj.subtree):
        return False
    lemma = subj.lemma_.lower()
    return lemma not in _SPEAKING_BODIES and not lemma.endswith(_PERSON_ENDINGS)


def reattach_speaker_conjuncts(doc: Doc) -> None:
    """Give back to a cue the second predicate the parser hung on its content clause, in place.

    In "Putin added that ISIS was expanding its control … and blasted America for a failure" the
    parser makes "blasted" a conjunct of "expanding", so the content swallows a second statement and
    "blasted" gets ISIS for a speaker. A finite verb with no subject of its own, in the cue's tense
    and not in its own head's ("was expanding" cannot lend its "was" to "blasted"), coordinates with
    the cue: it is the speaker's next act. Runs on the parse, before candidates are generated, in
    training as at run time."""
    for cue in doc:
        if cue.pos_ != "VERB" or cue.tag_ not in _FINITE:
            continue
        for head in [c for c in cue.children if c.dep_ == "ccomp"]:
            # a progressive or modal head ("was expanding", "would rise"); after "had" a past
            # participle and a past tense look alike ("had taken the city and lost 40 men")
            modal = head.tag_ in ("VBG", "VB") and any(c.dep_ == "aux" for c in head.children)
            # or a copula whose subject is a thing, which cannot go on to speak: "said the breach was a
            # deliberate act and blamed the SVLF" (but "said the minister was angry and denied it")
            copula = head.lemma_ == "be" and head.tag_ == cue.tag_ and _inanimate_subject(head)
            # or a clause whose subject is a pronoun for the speaker, who speaks on either reading:
            # 'China said it was "resolutely opposed" to the test and warned North Korea …'
            pronoun = any(c.dep_ == "nsubj" and c.lower_ in PRONOUNS for c in head.children)
            if not (modal or copula or pronoun):
                continue
            for conj in [c for c in head.children if c.dep_ == "conj" and c.i > head.i]:
                if (conj.pos_ != "VERB" or conj.tag_ != cue.tag_ or (modal and conj.tag_ == head.tag_)
                        or (not modal and conj.lemma_.lower() not in SPEECH_ACTS)
                        or any(c.dep_ in ("nsubj", "nsubjpass", "expl", "aux", "auxpass") for c in conj.children)):
                    continue
                # the "and" (and comma) before the conjunct go with it
                kept = max((c.right_edge.i for c in head.children
                            if c.i < conj.i and c.dep_ not in ("cc", "preconj", "punct")), default=head.i)
                for tok in doc[kept + 1 : conj.i]:
                    if tok.head == head:
                        tok.head = cue
                conj.head = cue


def generate(doc: Doc, quotes: list[tuple[int, int]] | None = None) -> list[Candidate]:
    """All candidate attributions in a parsed Doc, with features attached."""
    if quotes is None:
        quotes = quote_spans(doc)
    in_quote = [False] * len(doc)
    for qs, qe in quotes:
        for k in range(qs, qe + 1):
            in_quote[k] = True
    out: list[Candidate] = []
    for tok in doc:
        if tok.is_punct or tok.is_space:
            continue
        pos = tok.pos_
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            cand = _according(doc, tok)
            if cand:
                out.append(cand)
            continue
        if pos not in ("VERB", "AUX", "NOUN", "ADJ"):
            continue
        if tok.i + 1 < len(doc) and doc[tok.i + 1].text == ":" and _kicker(doc, tok, tok.i + 1):
            continue
        seen: set[tuple[int, int]] = set()

        def add(kind: str, start: int, end: int, cue: Token = tok, seen: set[tuple[int, int]] = seen) -> None:
            start, end = _trim(doc, max(0, start), min(end, len(doc)))
            if end <= start or end - start > MAX_CONTENT_TOKENS:
                return
            if start <= cue.i < end and kind not in ("head",):
                return
            start, end = _extend_to_quotes(quotes, cue, start, end)
            end = _split_quote_partner(doc, quotes, cue, start, end)
            if (start, end) in seen:
                return
            seen.add((start, end))
            out.append(Candidate(cue=cue, kind=kind, start=start, end=end, source=source_for(cue), cue_end=cue.i + 1))

        children = list(tok.children)
        for child in children:
            dep = child.dep_
            if dep == "ccomp" or (dep == "advcl" and pos == "VERB" and _has_mark(child, ("that",))):
                add("ccomp", *_subtree_range(child))
            elif dep == "xcomp":
                add("xcomp", *_subtree_range(child))
            elif dep in ("dobj", "attr") and pos in ("VERB", "AUX"):
                add("dobj", *_with_predicate(tok, child))
            elif dep == "oprd" and pos == "VERB" and not any(c.dep_ == "dobj" for c in children):
                # 'called Trump a "pathological liar"' parses both nouns as predicates
                oprds = [c for c in children if c.dep_ == "oprd"]
                if len(oprds) >= 2 and child is oprds[0]:
                    add("dobj", child.left_edge.i, oprds[-1].right_edge.i + 1)
            elif dep == "prep" and child.lower_ in ("about", "of", "for", "on", "against", "to", "with"):
                pobjs = [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
                if pobjs:
                    add("prep:" + child.lower_, *_subtree_range(pobjs[0]))
            elif dep == "acl" and pos == "NOUN":
                add("acl", *_subtree_range(child))
        # the quoted clause governs the cue: "We are skeptical," he said  /  ..., Coalition Says
        if (tok.dep_ in ("parataxis", "ccomp", "advcl") and tok.head.i != tok.i and pos in ("VERB", "AUX")
                and not _has_mark(tok, CONCESSIVE)):
            head = tok.head
            hs, he = _subtree_range(head)
            ts, te = _subtree_range(tok)
            # a parenthetical cue, set off by commas inside the clause it reports: "The museum, Mr.
            # Bush said, celebrated ...", "Lenox was a juggernaut, Mr. Clarke said, until it went bankrupt"
            parenthetical = hs < ts and te < he and (doc[ts - 1].is_punct or doc[ts].is_punct) and doc[te - 1].is_punct
            if ts > head.i:
                add("head", hs, ts)
                if parenthetical:
                    add("head", hs, he)
            elif parenthetical:
                add("head", hs, he)
            elif te <= head.i:
                add("head", te, he)
        # colon-introduced: Mr Putin said: "..."
        nxt = tok.i + 1
        while nxt < len(doc) and nxt < tok.i + 4 and doc[nxt].dep_ in ("prep", "pobj", "det", "amod", "compound", "prt"):
            nxt += 1
        if nxt < len(doc) and doc[nxt].text == ":" and pos in ("VERB", "NOUN"):
            first = nxt + 1
            while first < len(doc) and doc[first].is_space:
                first += 1  # 'He said:' alone on its line, the quotation in the next paragraph
            end = tok.sent.end
            if first < len(doc) and end <= first:
                end = doc[first].sent.end
            add("colon", first, max(end, first + 1))
        # direct quotation in the same sentence that no arc links to the cue
        if pos in ("VERB",) and not in_quote[tok.i]:
            sent = tok.sent
            lead = _quote_before_sentence(doc, tok)
            for qs, qe in quotes:
                overlaps = sent.start <= qs < sent.end or sent.start <= qe < sent.end or qe == lead
                if not overlaps or qe - qs < 3 or qs <= tok.i <= qe:
                    continue
                # only a verb right beside the quotation introduces it: '," Robertson added' / 'said: "'
                gap = qs - tok.i if tok.i < qs else tok.i - qe
                if gap <= QUOTE_REACH:
                    add("quote", qs, qe + 1)
    # the headline is everything before the first line break (read off tokens: Doc.text is rebuilt per call)
    first_break = next((t.i for t in doc if "\n" in t.text), len(doc))
    for cand in out:
        cand.features = features(doc, cand, in_quote, first_break)
    return out


def _quote_before_sentence(doc: Doc, tok: Token) -> int | None:
    """The closing mark just before the cue's sentence when the parser has cut '“How many times …?”
    Clinton said.' in two: the cue's sentence then opens with nothing but the cue's subject, and the
    cue takes no content of its own."""
    start = tok.sent.start
    if start == 0 or start >= tok.i or "\n" in doc[start - 1].text:
        return None
    subject = next((c for c in tok.children if c.dep_ in SUBJECT_DEPS and c.i < tok.i), None)
    if subject is None or subject.left_edge.i != start or subject.right_edge.i + 1 != tok.i:
        return None
    if any(c.dep_ in ("ccomp", "xcomp", "dobj", "attr") for c in tok.children):
        return None  # '"X." He enacted new rules': a sentence of its own that says something else
    return start - 1 if doc[start - 1].text in QUOTE_CHARS else None


def _kicker(doc: Doc, tok: Token, colon: int) -> bool:
    """Whether the words before ``colon``, from the start of the line, are a headline kicker."""
    start = tok.i
    while start > 0 and not (doc[start - 1].is_space and "\n" in doc[start - 1].text):
        start -= 1
    return doc[start:colon].text.strip().lower() in KICKERS


def _has_mark(tok: Token, words: tuple[str, ...]) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in words for c in tok.children)


def _according(doc: Doc, tok: Token) -> Candidate | None:
    """``according to X``: the content is the rest of the clause on the far side of the phrase."""
    to = doc[tok.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    src = _subtree_range(pobj) if pobj is not None else (tok.i + 2, tok.i + 3)
    phrase_end = max(src[1], tok.i + 2)
    sent = tok.sent
    root = sent.root
    if tok.i - sent.start <= 1:
        start, end = phrase_end, sent.end
    elif phrase_end >= sent.end - 2 or (root.i < tok.i and tok.head.i <= root.i):
        # the phrase follows the clause it qualifies: '"X is Y," according to Z, using ...'
        start, end = sent.start, tok.i
    else:
        # a parenthetical inside the clause: 'The driver, according to the police, was drunk'
        start, end = sent.start, sent.end
    start, end = _trim(doc, start, end)
    if end <= start:
        return None
    cand = Candidate(cue=tok, kind="according", start=start, end=end, source=_trim(doc, *src), cue_end=tok.i + 2)
    return cand


# what a sentence that opens "In <this>, …" reports the finding of
POLL_NOUNS = frozenset({"poll", "survey", "polling"})


def poll_reports(doc: Doc) -> list[Candidate]:
    """'In the previous Washington Post/ABC News poll, Clinton led Trump by 5 points': a sentence that
    opens with a poll reports the poll's finding, as "according to" would. The poll is the source,
    "In" the cue and the rest of the sentence the content. PolNeAR train annotates 19 of the 24
    sentences that open so (the rest report the finding through a verb of their own, "Democracy
    Corp found that …", which is read as usual). The form is too rare in train for the detector to
    learn it, so these are proposed beside its choices rather than to it. "In" elsewhere ("she
    leads in the polls") is annotated in under a quarter of cases and is left alone."""
    out: list[Candidate] = []
    for sent in doc.sents:
        words = list(islice((t for t in sent if not t.is_space), 2))  # only the opening words matter
        if len(words) > 1 and words[0].pos_ in ("CCONJ", "ADV") and words[1].lower_ == "in":
            words = words[1:]  # "But in this poll, …"
        if not words or words[0].lower_ != "in" or words[0].dep_ != "prep":
            continue
        tok = words[0]
        pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
        comma = tok.right_edge.i + 1
        if pobj is None or pobj.lemma_.lower() not in POLL_NOUNS or tok.head.i < tok.i:
            continue
        if comma >= sent.end or doc[comma].text != ",":
            continue
        start = comma + 1
        if start + 1 < sent.end and doc[start].pos_ == "ADV" and doc[start + 1].text == ",":
            start += 2  # "In a CNN poll, however, 73 percent …"
        start, end = _trim(doc, start, sent.end)
        if end - start < 3:
            continue
        out.append(Candidate(cue=tok, kind="poll", start=start, end=end,
                             source=_trim(doc, pobj.left_edge.i, pobj.right_edge.i + 1), cue_end=tok.i + 1))
    return out


def _bucket(n: int) -> str:
    for limit in (1, 2, 4, 8, 16, 32, 64):
        if n <= limit:
            return str(limit)
    return "big"


def features(doc: Doc, cand: Candidate, in_quote: list[bool], first_break: int | None = None) -> dict[str, float]:
    """Sparse indicator features of a candidate; names are stable because the weights key on them."""
    cue = cand.cue
    lemma = cue.lemma_.lower()
    kind = cand.kind
    content = doc[cand.start : cand.end]
    has_quote = any(t.text in QUOTE_CHARS or t.text in OPEN_QUOTES or t.text in CLOSE_QUOTES for t in content)
    first = doc[cand.start].lower_
    src = cand.source
    src_kind = "none"
    src_ent = "none"
    if src is not None:
        stoks = doc[src[0] : src[1]]
        ents = [t.ent_type_ for t in stoks if t.ent_type_]
        src_ent = ents[-1] if ents else "none"
        if len(stoks) == 1 and stoks[0].lower_ in PRONOUNS:
            src_kind = "pron"
        elif src_ent != "none":
            src_kind = "ent"
        else:
            src_kind = "noun"
    neg = any(c.dep_ == "neg" for c in cue.children)
    subj_pass = any(c.dep_ == "nsubjpass" for c in cue.children)
    position = "after" if cue.i >= cand.end else ("before" if cue.i < cand.start else "inside")
    sent_same = doc[cand.start].sent.start == cue.sent.start
    n = cand.end - cand.start
    whole_sent = cand.start <= cue.sent.start + 1 and cand.end >= cue.sent.end - 1
    outer = "none"
    node = cue
    for _ in range(8):
        if node.head.i == node.i:
            break
        if node.dep_ in ("ccomp", "xcomp", "parataxis") and node.head.pos_ in ("VERB", "AUX", "NOUN"):
            outer = node.head.lemma_.lower()
            break
        node = node.head
    gap = cand.start - cue.i if cue.i < cand.start else (cue.i - cand.end + 1 if cue.i >= cand.end else 0)
    f: dict[str, float] = {
        "gap|kind=" + _bucket(gap) + "|" + kind: 1.0,
        "outer=" + outer: 1.0,
        "outer|kind=" + ("none" if outer == "none" else "some") + "|" + kind: 1.0,
        "lemma|dep=" + lemma + "|" + cue.dep_: 1.0,
        "srcent|kind=" + src_ent + "|" + kind: 1.0,
        "bias": 1.0,
        "kind=" + kind: 1.0,
        "lemma=" + lemma: 1.0,
        "lemma|kind=" + lemma + "|" + kind: 1.0,
        "pos=" + cue.pos_: 1.0,
        "tag|kind=" + cue.tag_ + "|" + kind: 1.0,
        "dep=" + cue.dep_: 1.0,
        "dep|kind=" + cue.dep_ + "|" + kind: 1.0,
        "src=" + src_kind: 1.0,
        "src|kind=" + src_kind + "|" + kind: 1.0,
        "srcent=" + src_ent: 1.0,
        "lemma|src=" + lemma + "|" + src_kind: 1.0,
        "quote=" + str(has_quote): 1.0,
        "quote|kind=" + str(has_quote) + "|" + kind: 1.0,
        "lemma|quote=" + lemma + "|" + str(has_quote): 1.0,
        "cue_in_quote=" + str(in_quote[cue.i]): 1.0,
        "first=" + (first if first in WH_WORDS or first in ("that", "to") else "other"): 1.0,
        "first|kind=" + (first if first in WH_WORDS or first in ("that", "to") else "other") + "|" + kind: 1.0,
        "len=" + _bucket(n): 1.0,
        "len|kind=" + _bucket(n) + "|" + kind: 1.0,
        "neg=" + str(neg): 1.0,
        "pass=" + str(subj_pass): 1.0,
        "position|kind=" + position + "|" + kind: 1.0,
        "samesent=" + str(sent_same): 1.0,
        "wholesent|kind=" + str(whole_sent) + "|" + kind: 1.0,
        "cue_lower=" + cue.lower_: 1.0,
        "headlemma|kind=" + cue.head.lemma_.lower() + "|" + kind: 1.0,
    }
    if cand.source is None and kind != "according":
        f["nosrc|lemma=" + lemma] = 1.0
    # what kind of thing the content is: a clause ("that taxes will rise"), a noun phrase ("the
    # plan"), an infinitive; and for objects, which noun (people "criticize him", not "face costs")
    # (a content holding its sentence's root falls back to its first token: the models were trained so)
    root = next((t for t in content if not cand.start <= t.head.i < cand.end), content[0])
    finite = any(t.pos_ in ("VERB", "AUX") and t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in content)
    f["croot|kind=" + root.pos_ + "|" + root.dep_ + "|" + kind] = 1.0
    f["finite|kind=" + str(finite) + "|" + kind] = 1.0
    f["finite|lemma=" + str(finite) + "|" + lemma] = 1.0
    if kind in ("dobj", "prep:about", "prep:of", "prep:for", "prep:on", "prep:against", "prep:to", "prep:with"):
        f["objent|lemma=" + (root.ent_type_ or root.pos_) + "|" + lemma] = 1.0
    if first_break is not None:
        f["headline=" + str(cue.i < first_break)] = 1.0
    ent_in_content = {t.ent_type_ for t in content[:3] if t.ent_type_}
    for e in ent_in_content:
        f["content_ent_start=" + e] = 1.0
    return f


# ---------------------------------------------------------------------------------------------
# Boundary refinement. The detector above finds *that* a stretch of text is attributed; PolNeAR
# (and a reader) also cares *exactly* which words are the content. The parse subtree is often a
# little off: it keeps "And" or "In addition," at the front, a non-restrictive ", which ..." or
# "-- and ..." at the back, leaves out the object of "urged his supporters to vote", or stops
# before the "as a disaster" of "called the plan a disaster". ``variants`` proposes the plausible
# alternatives and ``boundary_features`` describes each, so a second small model can pick one.

CUT_PUNCT = {",", ";", "—", "–", "--", "-", "(", ":"}
LEAD_DEPS = {"cc", "advmod", "discourse", "intj", "prep", "advcl", "npadvmod", "mark"}
RIGHT_COMPLEMENTS = {"prep", "oprd", "xcomp", "ccomp", "advcl", "dative", "prt", "dobj", "attr", "acomp"}
MAX_VARIANTS_PER_SIDE = 5
TAG_RUN = 0.5  # the tagger's content probability that carries a "tag+" variant on
CLAUSE_BREAKS = {"conj", "cc", "punct", "parataxis"}  # a cue's dependents that start another clause


def _left_options(doc: Doc, cand: Candidate, content: np.ndarray | None = None) -> list[tuple[int, str]]:
    """Other places the content could start, each with the name of the edit that gets there."""
    start, end, cue = cand.start, cand.end, cand.cue
    opts: list[tuple[int, str]] = [(start, "base")]
    # where the tagger's content run begins, short of the cue, a line break or the sentence's start
    # (a dateline or run-in head is a sentence of its own)
    if content is not None and start > 0:
        s = start
        floor = cue.i + 1 if cue.i < start else doc[start].sent.start
        while cue.i < floor < start and doc[floor].head.i == cue.i and doc[floor].dep_ in ("prt", "prep"):
            floor += 1  # the cue's particle or preposition is part of the cue: "called on [Trump to stop]"
        while s - 1 >= floor and "\n" not in doc[s - 1].text and doc[s - 1].text not in SENTENCE_ENDS and (
                content[s - 1] >= TAG_RUN or (doc[s - 1].is_punct and s - 2 >= floor and content[s - 2] >= TAG_RUN)):
            s -= 1
        if s < start:
            opts.append((s, "tag+"))
    first = doc[start]
    if first.lower_ == "that" and first.dep_ == "mark" and start + 1 < end:
        opts.append((start + 1, "that-"))
    if start - 1 > cue.i and doc[start - 1].lower_ == "that" and doc[start - 1].dep_ == "mark":
        opts.append((start - 1, "that+"))
    if cue.i < start:
        # the cue's own object or indirect object stands between cue and content:
        # "urged [his supporters] to vote", "called [the plan] a disaster"
        objs = [c for c in cue.children if cue.i < c.i < start and c.dep_ in ("dobj", "dative", "iobj", "nsubj", "oprd")]
        if objs:
            s = min(o.left_edge.i for o in objs)
            if s < start:
                opts.append((s, "obj+"))
    # leading connectives and fronted adverbials: "And", "But", "In addition,", "As it stands,"
    s = start
    for _ in range(3):
        if s >= end - 1:
            break
        tok = doc[s]
        if tok.text in QUOTE_CHARS:
            break
        if tok.dep_ in ("cc", "discourse", "intj") or (tok.dep_ == "advmod" and tok.i == tok.right_edge.i):
            s += 1
        elif tok.dep_ in LEAD_DEPS and tok.right_edge.i + 1 < end and doc[tok.right_edge.i + 1].text == ",":
            s = tok.right_edge.i + 2
        else:
            break
        while s < end and (doc[s].is_space or doc[s].text == ","):
            s += 1
        if s < end:
            opts.append((s, "lead-"))
    return opts


def _right_options(doc: Doc, cand: Candidate, content: np.ndarray | None = None) -> list[tuple[int, str]]:
    """Other places the content could end, each with the name of the edit that gets there.

    ``content`` is the sequence tagger's content probability per token, where there is one."""
    start, end, cue = cand.start, cand.end, cand.cue
    opts: list[tuple[int, str]] = [(end, "base")]
    # PolNeAR's content runs to the end of the cue's clause: "complained about [his mic the morning
    # after the debate]", "endorsed [Clinton in the race]" (the parse hangs those words on the cue)
    # (not its conjuncts: "said [the breach was deliberate] and blamed …" is a second statement)
    if cue.i < start:
        rest = [c.right_edge.i + 1 for c in cue.children if c.i >= end and c.dep_ not in CLAUSE_BREAKS]
        e = min(max(rest, default=end), cue.sent.end)
        if e > end and not any("\n" in t.text for t in doc[end:e]):
            opts.append((e, "clause+"))
    # or as far as the tagger reads content on, where the parse broke the clause off ("cited
    # [disparaging remarks Trump had made about Machado as examples of …]" with "made" a second root)
    # (the tagger does not know which speech acts the parse gave back to the cue as its conjuncts:
    # "said [the breach was deliberate] and blamed …" stops before the "and")
    if content is not None and end < len(doc):
        acts = [c.i for c in cue.children if c.dep_ == "conj" and c.i >= end and c.lemma_.lower() in SPEECH_ACTS]
        stop = min(acts, default=len(doc))
        stop = min([c.i for c in cue.children if c.dep_ == "cc" and end <= c.i < stop], default=stop)
        e = end
        while e < stop and "\n" not in doc[e].text and (
                content[e] >= TAG_RUN or (doc[e].is_punct and e + 1 < len(doc) and content[e + 1] >= TAG_RUN)):
            if doc[e - 1].text in SENTENCE_ENDS and doc[e].text not in QUOTE_CHARS \
                    and not inside_quote_pair(doc, min(start, cue.sent.start), e):
                break  # a full stop outside a quotation: the parse may cut a sentence wrongly, the writer did not
            e += 1
        if e > end:
            opts.append((e, "tag+"))
    # cut before a comma, dash or bracket that opens a trailing clause (the last few only)
    cuts = [k for k in range(start + 2, end - 1) if doc[k].text in CUT_PUNCT and not inside_quote_pair(doc, start, k)]
    for k in cuts[-MAX_VARIANTS_PER_SIDE:]:
        opts.append((k, "cut-"))
    # stop at the end of the first sentence when the content runs past it (not a quotation)
    sent_end = doc[start].sent.end
    if start < sent_end < end and doc[start].text not in QUOTE_CHARS and doc[start].text not in OPEN_QUOTES:
        opts.append((sent_end, "sent-"))
    # the content is the cue's object: grow it over the cue's later complements
    if cue.i < start:
        later = sorted(
            (c for c in cue.children if c.i >= end and c.dep_ in RIGHT_COMPLEMENTS and c.left_edge.i <= end + 2),
            key=lambda c: c.i,
        )
        e = end
        for c in later[:2]:
            if c.left_edge.i > e + 2:
                break
            e = max(e, c.right_edge.i + 1)
            opts.append((e, "comp+"))
    return opts


def inside_quote_pair(doc: Doc, start: int, k: int) -> bool:
    """Whether position k sits inside a quotation that opened within [start, k)."""
    depth = 0
    for t in doc[start:k]:
        if t.text in OPEN_QUOTES:
            depth += 1
        elif t.text in CLOSE_QUOTES:
            depth = max(0, depth - 1)
        elif t.text == '"':
            depth = 1 - depth
    return depth > 0


def variants(doc: Doc, cand: Candidate, content: np.ndarray | None = None) -> list[tuple[int, int, str]]:
    """Candidate content ranges ``(start, end, edit)`` around a detected attribution, the
    detector's own range first (edit ``base+base``). ``content``: the tagger's content
    probability per token, which proposes one more end."""
    out: list[tuple[int, int, str]] = []
    seen: set[tuple[int, int]] = set()
    for s, lop in _left_options(doc, cand, content):
        for e, rop in _right_options(doc, cand, content):
            s2, e2 = _trim(doc, s, e)
            if e2 <= s2 or (s2, e2) in seen:
                continue
            if s2 <= cand.cue.i < e2 and not cand.start <= cand.cue.i < cand.end:
                continue
            seen.add((s2, e2))
            out.append((s2, e2, lop + "+" + rop))
    return out


def _word(tok: Token | None) -> str:
    """A token as a boundary feature: closed-class words and punctuation as themselves, else POS."""
    if tok is None:
        return "<none>"
    if "\n" in tok.text:
        return "<nl>"
    if tok.is_punct or tok.pos_ in ("CCONJ", "SCONJ", "ADP", "DET", "PRON", "PART", "AUX"):
        return tok.lower_
    return tok.pos_


def boundary_features(doc: Doc, cand: Candidate, start: int, end: int, edit: str) -> dict[str, float]:
    """Features of one boundary variant: the edit that made it and the words on both sides of each edge."""
    kind = cand.kind
    lemma = cand.cue.lemma_.lower()
    lop, rop = edit.split("+", 1) if "+" in edit else (edit, "base")
    first, last = doc[start], doc[end - 1]
    before = doc[start - 1] if start > 0 else None
    after = doc[end] if end < len(doc) else None
    # the word after punctuation that follows the content tells what was cut off (", which", "-- and")
    after2 = doc[end + 1] if end + 1 < len(doc) else None
    n_quotes = sum(1 for t in doc[start:end] if t.text in QUOTE_CHARS)
    f: dict[str, float] = {
        "b:bias": 1.0,
        "b:edit=" + edit: 1.0,
        "b:lop|kind=" + lop + "|" + kind: 1.0,
        "b:rop|kind=" + rop + "|" + kind: 1.0,
        "b:lop|lemma=" + lop + "|" + lemma: 1.0,
        "b:rop|lemma=" + rop + "|" + lemma: 1.0,
        "b:first=" + _word(first): 1.0,
        "b:first|kind=" + _word(first) + "|" + kind: 1.0,
        "b:firstdep=" + first.dep_: 1.0,
        "b:last=" + _word(last): 1.0,
        "b:lastdep=" + last.dep_: 1.0,
        "b:before=" + _word(before): 1.0,
        "b:after=" + _word(after): 1.0,
        "b:after2=" + _word(after) + "|" + _word(after2): 1.0,
        "b:after2dep=" + _word(after) + "|" + (after2.dep_ if after2 is not None else "<none>"): 1.0,
        "b:before|first=" + _word(before) + "|" + _word(first): 1.0,
        "b:quotes_odd=" + str(n_quotes % 2 == 1): 1.0,
        "b:len=" + _bucket(end - start): 1.0,
        "b:sentend=" + str(end >= doc[end - 1].sent.end - 1): 1.0,
        "b:crosses=" + str(doc[start].sent.start != doc[end - 1].sent.start) + "|" + kind: 1.0,
    }
    # how much an edit moves each edge (signed: positive drops words): cutting one clause is not cutting half
    dl, dr = start - cand.start, cand.end - end
    f["b:ldelta=" + ("-" if dl < 0 else "") + _bucket(abs(dl)) + "|" + lop] = 1.0
    f["b:rdelta=" + ("-" if dr < 0 else "") + _bucket(abs(dr)) + "|" + rop] = 1.0
    f["b:rshare=" + str(round(4 * (end - start) / max(1, cand.end - cand.start)) / 4) + "|" + rop] = 1.0
    if lop != "base":
        f["b:lop_drop=" + lop + "|" + _word(doc[cand.start]) + "|" + doc[cand.start].dep_] = 1.0
    if rop == "cut-" and after2 is not None:
        f["b:cutnext=" + after2.lower_ if after2.lower_ in WH_WORDS | {"and", "but", "according", "saying", "adding", "as"} else "b:cutnextdep=" + after2.dep_] = 1.0
    return f
